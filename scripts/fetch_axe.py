"""Install axe-core for the browser tests without Node: the version and
integrity hash pinned in package-lock.json, fetched from the npm registry,
checked, and unpacked where `npm ci` would put it (node_modules/axe-core/).

Run by `make test` (Makefile) with the system Python; standard library only.
Set NPM_CONFIG_REGISTRY to use a mirror, as npm itself would.
"""

import base64
import hashlib
import io
import json
import os
import sys
import tarfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "axe-core"
FILES = ("axe.min.js", "LICENSE")  # what the tests load, and its licence
REGISTRY = os.environ.get("NPM_CONFIG_REGISTRY") or "https://registry.npmjs.org/"


def pinned():
    """(version, integrity) of axe-core in package-lock.json."""
    lock = json.loads((ROOT / "package-lock.json").read_text())
    entry = lock["packages"][f"node_modules/{PACKAGE}"]
    return entry["version"], entry["integrity"]


def verified(data, integrity):
    """Whether `data` matches an SRI string such as "sha512-<base64>"."""
    algorithm, _, expected = integrity.partition("-")
    if algorithm not in {"sha256", "sha384", "sha512"}:
        raise SystemExit(f"{PACKAGE}: unsupported integrity algorithm {algorithm!r}")
    return base64.b64encode(hashlib.new(algorithm, data).digest()).decode() == expected


def main():
    version, integrity = pinned()
    target = ROOT / "node_modules" / PACKAGE
    url = f"{REGISTRY.rstrip('/')}/{PACKAGE}/-/{PACKAGE}-{version}.tgz"
    if not url.startswith(("https://", "http://")):
        raise SystemExit(f"{PACKAGE}: the registry must be an http(s) address, not {REGISTRY!r}")
    print(f"Fetching {PACKAGE} {version} for the accessibility tests", file=sys.stderr)
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - checked above
        data = response.read()
    if not verified(data, integrity):
        raise SystemExit(f"{PACKAGE} {version}: the download does not match package-lock.json")
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for name in FILES:
            content = archive.extractfile(f"package/{name}").read()
            partial = target / f".{name}.part"
            partial.write_bytes(content)
            partial.replace(target / name)  # never a half-written file in place
    (target / "package.json").write_text(json.dumps({"name": PACKAGE, "version": version}))


if __name__ == "__main__":
    main()
