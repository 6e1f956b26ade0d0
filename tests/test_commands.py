"""The README's two commands, `make run` and `make test`, and what they
install: axe-core without Node, the port to serve on, package metadata."""

import base64
import hashlib
import io
import json
import shutil
import subprocess
import tarfile
import tomllib
from pathlib import Path

import pytest
from django.core.management import call_command

from scripts import fetch_axe

ROOT = Path(__file__).resolve().parent.parent
needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def make_dry_run(*args):
    """The commands `make` would run, without running any."""
    result = subprocess.run(  # noqa: S603 - make from PATH, our own Makefile
        ["make", "--dry-run", "--always-make", *args],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@needs_make
def test_make_run_serves_on_the_port_it_is_given():
    commands = make_dry_run("run", "PORT=8001")
    assert "runserver 127.0.0.1:8001" in commands
    assert "--site-url http://127.0.0.1:8001" in commands
    assert "runserver 127.0.0.1:8000" in make_dry_run("run")


@needs_make
def test_make_test_installs_axe_core_before_running_the_tests():
    commands = make_dry_run("test").splitlines()
    fetch = next(n for n, line in enumerate(commands) if "scripts/fetch_axe.py" in line)
    pytest_run = next(n for n, line in enumerate(commands) if "-m pytest" in line)
    assert fetch < pytest_run
    assert not any(line.startswith("npm") for line in commands)


@pytest.mark.django_db
def test_the_demo_logins_name_the_address_the_site_runs_at(capsys):
    call_command("load_demo", "--with-editor", "--site-url", "http://127.0.0.1:8001")
    out = capsys.readouterr().out
    assert "đăng nhập tại http://127.0.0.1:8001/quan-tri/" in out


def test_the_licence_is_an_spdx_expression():
    # A table ({ text = "MIT" }) makes setuptools warn on every install.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert project["project"]["license"] == "MIT"


def tarball(files):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, content in files.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


@pytest.fixture
def registry(tmp_path, monkeypatch):
    """A project folder with a lock file, and a registry answering `served`."""
    served = {}

    class Answer(io.BytesIO):
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    def urlopen(url, timeout):
        served["url"] = url
        return Answer(served["body"])

    def lock(body):
        digest = base64.b64encode(hashlib.sha512(body).digest()).decode()
        packages = {"node_modules/axe-core": {"version": "4.14.1", "integrity": f"sha512-{digest}"}}
        (tmp_path / "package-lock.json").write_text(json.dumps({"packages": packages}))

    monkeypatch.setattr(fetch_axe, "ROOT", tmp_path)
    monkeypatch.setattr(fetch_axe.urllib.request, "urlopen", urlopen)
    served["lock"] = lock
    return served


def test_axe_core_is_unpacked_where_the_tests_read_it(registry, tmp_path):
    body = tarball({"axe.min.js": b"window.axe = {};", "LICENSE": b"MPL-2.0"})
    registry["lock"](body)
    registry["body"] = body
    fetch_axe.main()
    assert registry["url"].endswith("/axe-core/-/axe-core-4.14.1.tgz")
    assert (tmp_path / "node_modules/axe-core/axe.min.js").read_bytes() == b"window.axe = {};"


def test_a_download_that_does_not_match_the_lock_file_is_refused(registry, tmp_path):
    registry["lock"](tarball({"axe.min.js": b"window.axe = {};", "LICENSE": b"MPL-2.0"}))
    registry["body"] = tarball({"axe.min.js": b"alert('changed')", "LICENSE": b"MPL-2.0"})
    with pytest.raises(SystemExit, match="does not match package-lock.json"):
        fetch_axe.main()
    assert not (tmp_path / "node_modules/axe-core/axe.min.js").exists()
