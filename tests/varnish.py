"""Varnish for tests: the shipped deploy/varnish.vcl in front of a given backend.

    with Varnish(backend_port) as varnish:
        urllib.request.urlopen(varnish.url + "/")
        varnish.stat("MAIN.backend_req")
        varnish.purge("a12", "home")

`Varnish` starts `varnishd` in the foreground on a free loopback port, with a
copy of deploy/varnish.vcl whose backend address is the one given (nothing
else in the VCL changes, unless `acl` replaces the purge ACL's entries), and
stops it and removes its working directory on leaving. Without varnishd,
`unavailable()` skips the test; under CI=true it fails instead, so CI cannot
pass without running the Varnish tests (.ci/run installs Varnish).
"""

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

VCL = Path(__file__).resolve().parents[1] / "deploy" / "varnish.vcl"
VARNISHD = shutil.which("varnishd") or (
    "/usr/sbin/varnishd" if os.access("/usr/sbin/varnishd", os.X_OK) else None
)
IN_CI = os.environ.get("CI", "").lower() in {"true", "1"}
START_TIMEOUT = 15  # seconds


def unavailable(reason):
    """Skip for want of Varnish; in CI, fail: the Varnish tests must run there."""
    if IN_CI:
        pytest.fail(f"{reason}; CI=true needs the Varnish tests to run.", pytrace=False)
    pytest.skip(reason)


def free_port():
    """A loopback TCP port nobody listens on at the moment."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def vcl_for(backend_host, backend_port, acl=None):
    """The text of deploy/varnish.vcl with the backend at backend_host:backend_port
    and, if `acl` (addresses, as VCL ACL entries without quotes) is given, a purge
    ACL holding only those."""
    text = VCL.read_text(encoding="utf-8")
    text, hosts = re.subn(
        r'^(\s*\.host\s*=\s*)"[^"]*";', rf'\g<1>"{backend_host}";', text, count=1, flags=re.M
    )
    text, ports = re.subn(
        r'^(\s*\.port\s*=\s*)"8000";', rf'\g<1>"{backend_port}";', text, count=1, flags=re.M
    )
    assert hosts == ports == 1, 'deploy/varnish.vcl: no backend .host/.port = "8000" line'
    if acl is not None:
        body = "".join(f'    "{address}";\n' for address in acl)
        text, acls = re.subn(r"(acl purgers \{\n).*?(\})", rf"\g<1>{body}\g<2>", text, flags=re.S)
        assert acls == 1, "deploy/varnish.vcl: no `acl purgers { … }`"
    return text


class Varnish:
    """varnishd serving deploy/varnish.vcl in front of backend_host:backend_port.

    A context manager: on entering, varnishd is running and answering on `.url`
    (http://127.0.0.1:<port>); on leaving, it is stopped and its working
    directory removed. `acl`, a list of addresses, replaces the purge ACL's
    entries (to test a purge from outside it); by default the shipped ACL holds.
    """

    def __init__(self, backend_port, backend_host="127.0.0.1", acl=None):
        if not VARNISHD:
            unavailable("varnishd is not installed (apt-get install varnish varnish-modules)")
        self.backend = (backend_host, int(backend_port))
        self.acl = acl
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workdir = None
        self.process = None

    def __enter__(self):
        self.workdir = tempfile.mkdtemp(prefix="longbien-varnish-")
        try:
            # varnishd drops privileges when started as root: its worker
            # process must be able to read the directory and the VCL.
            os.chmod(self.workdir, 0o755)  # noqa: S103 - a test directory, nothing secret
            vcl = Path(self.workdir) / "longbien.vcl"
            vcl.write_text(vcl_for(*self.backend, acl=self.acl), encoding="utf-8")
            vcl.chmod(0o644)
            self.log = open(Path(self.workdir) / "varnishd.log", "w+")  # noqa: SIM115
            self.process = subprocess.Popen(  # noqa: S603 - our own varnishd and VCL
                [
                    VARNISHD,
                    "-F",
                    "-n",
                    self.workdir,
                    "-a",
                    f"127.0.0.1:{self.port}",
                    "-T",
                    "127.0.0.1:0",
                    "-f",
                    str(vcl),
                    "-s",
                    "malloc,64m",
                ],
                stdin=subprocess.DEVNULL,
                stdout=self.log,
                stderr=subprocess.STDOUT,
            )
            self._wait_until_up()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _wait_until_up(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"varnishd exited ({self.process.returncode}):\n{self.output()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"varnishd did not answer in {START_TIMEOUT} s:\n{self.output()}")

    def output(self):
        """What varnishd wrote to standard output and error so far."""
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def __exit__(self, *exc):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if getattr(self, "log", None) is not None:
            self.log.close()
        if self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)
        return False

    def _tool(self, name, *args):
        tool = shutil.which(name) or str(Path(VARNISHD).with_name(name))
        result = subprocess.run(  # noqa: S603 - Varnish's own tools on our instance
            [tool, "-n", self.workdir, *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        return result.stdout

    def stat(self, name):
        """The value of the counter `name` (e.g. "MAIN.cache_hit"), from varnishstat.
        Worker threads add to the counters at the end of each task, so a counter
        may lag a response by a moment."""
        for line in self._tool("varnishstat", "-1", "-f", name).splitlines():
            fields = line.split()
            if fields and fields[0] == name:
                return int(fields[1])
        raise KeyError(name)

    def healthy(self):
        """Whether Varnish considers the backend healthy (its /healthz probe)."""
        listing = self._tool("varnishadm", "backend.list")
        rows = [line.split() for line in listing.splitlines()[1:] if line.strip()]
        return all("healthy" in row for row in rows)

    def request(self, path, method="GET", headers=None, data=None):
        """(status, headers, body text) of a request to Varnish; errors are answers."""
        request = urllib.request.Request(  # noqa: S310 - loopback only
            self.url + path, data=data, method=method, headers=headers or {}
        )
        try:
            with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.headers, error.read().decode()

    def purge(self, *tags):
        """PURGE every object tagged with any of `tags` (the request Django sends
        after a commit); returns the status and the number of objects purged."""
        status, headers, _ = self.request(
            "/", method="PURGE", headers={"xkey-purge": " ".join(tags)}
        )
        return status, int(headers.get("X-Purged") or 0)
