"""Score search relevance on SQLite and on PostgreSQL.

    .venv/bin/python scripts/search_relevance.py [-v] [--postgres URL]

Loads the relevance corpus (bench/relevance_corpus.py) into a throw-away
test database of each engine, asks every query of the search page ordered
by "Phù hợp nhất", and prints precision@3 and nDCG@10 (bench/relevance.py);
with -v, each query's first results. PostgreSQL is reached at --postgres
(default postgres://postgres@127.0.0.1:5432/longbien_relevance; a test
database beside it is created and dropped); "--postgres none" skips it.
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/longbien_relevance"


def run_here(verbose):
    """Measure on the database of this process's DATABASE_URL."""
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "longbien.settings.test"
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    from bench import relevance

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        relevance.load()
        rows, precision, ndcg = relevance.measure()
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
    name = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    if verbose:
        for query, kind, expected, found, p3, ndcg10 in rows:
            mark = "" if p3 == 1 else "  <--"
            print(f"{name:<10} {kind:<13} {query:<28} p@3 {p3:.2f} nDCG {ndcg10:.2f}{mark}")
            if p3 < 1:
                print(f"{'':<10} expected {expected}\n{'':<10} found    {found[:5]}")
    print(f"{name:<10} {len(rows)} queries  precision@3 {precision:.3f}  nDCG@10 {ndcg:.3f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", action="store_true", help="print each query's results")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES)
    parser.add_argument("--here", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.here:
        return run_here(args.v)
    engines = [None] + ([] if args.postgres == "none" else [args.postgres])
    failed = False
    for url in engines:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        if url:
            env["DATABASE_URL"] = url
        command = [sys.executable, __file__, "--here"] + (["-v"] if args.v else [])
        done = subprocess.run(command, env=env, cwd=ROOT, check=False)  # noqa: S603 - our own script
        failed |= done.returncode != 0
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
