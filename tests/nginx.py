"""nginx with deploy/nginx.conf, rendered by deploy/render_nginx_conf.py, for the tests that
put it in front of the site. Without nginx and its modules the test is skipped with a loud
reason; with REQUIRE_NGINX=1 (as `.ci/run` sets) it fails instead. `make nginx` installs it.
"""

import getpass
import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from http.client import HTTPConnection
from pathlib import Path

from tests.servers import free_port
from tests.tools import tool_missing

PROJECT = Path(__file__).resolve().parents[1]
NGINX = Path(os.environ.get("NGINX", "/usr/sbin/nginx"))
MODULES_DIR = Path("/usr/lib/nginx/modules")
MODULES = ("ngx_http_cache_purge_module.so", "ngx_http_brotli_static_module.so")


def wait_for_port(port, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


def require_nginx():
    missing = [str(path) for path in (NGINX, *(MODULES_DIR / m for m in MODULES))]
    missing = [path for path in missing if not Path(path).exists()]
    if missing:
        tool_missing(
            f"FRONT CACHE TESTS NOT RUN: missing {', '.join(missing)}. Install them with "
            "`make nginx` (apt-get install nginx libnginx-mod-http-cache-purge "
            "libnginx-mod-http-brotli-static; make test tries to).",
            required_by=("REQUIRE_NGINX",),
        )


@dataclass
class Nginx:
    port: int
    purge_port: int
    log_dir: Path

    @property
    def purge_url(self):
        return f"http://127.0.0.1:{self.purge_port}"

    def request(
        self, method, path, *, host="localhost", port=None, headers=None, source="", timeout=10
    ):
        """One request on a connection of its own, from the address `source` (the system's
        choice when empty): (status, headers, body)."""
        connection = HTTPConnection(
            "127.0.0.1", port or self.port, timeout=timeout, source_address=(source, 0)
        )
        try:
            connection.request(method, path, headers={"Host": host, **(headers or {})})
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)


def render(directory, upstream, **values):
    """deploy/nginx.conf for a run in `directory`, in front of `upstream` (host:port)."""
    for name in ("logs", "temp", "cache", "static", "media"):
        (directory / name).mkdir(exist_ok=True)
    environment = {
        "NGINX_SERVER_NAME": "localhost 127.0.0.1",
        "GUNICORN": upstream,
        "STATIC_ROOT": str(directory / "static"),
        "MEDIA_ROOT": str(directory / "media"),
        "NGINX_USER": getpass.getuser(),
        "NGINX_PID_FILE": str(directory / "nginx.pid"),
        "NGINX_LOG_DIR": str(directory / "logs"),
        "NGINX_TEMP_DIR": str(directory / "temp"),
        "NGINX_CACHE_DIR": str(directory / "cache"),
        "NGINX_MODULES_DIR": str(MODULES_DIR),
        **values,
    }
    rendered = subprocess.run(
        [sys.executable, str(PROJECT / "deploy" / "render_nginx_conf.py")],
        env={"PATH": os.environ.get("PATH", ""), **environment},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    config = directory / "nginx.conf"
    config.write_text(rendered)
    return config


@contextmanager
def running_nginx(directory, upstream):
    """nginx, in the foreground, on two free ports: readers' and purges'."""
    require_nginx()
    port, purge_port = free_port(), free_port()
    config = render(
        directory,
        upstream,
        NGINX_LISTEN=f"127.0.0.1:{port}",
        NGINX_PURGE_LISTEN=f"127.0.0.1:{purge_port}",
    )
    stderr = directory / "logs" / "stderr.log"
    with stderr.open("wb") as errors:
        process = subprocess.Popen(
            [str(NGINX), "-c", str(config), "-p", str(directory), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
    try:
        try:
            wait_for_port(port, timeout=10)
            wait_for_port(purge_port, timeout=10)
        except TimeoutError as error:
            raise RuntimeError(f"nginx did not start: {stderr.read_text()}") from error
        yield Nginx(port, purge_port, directory / "logs")
    finally:
        process.terminate()
        process.wait(timeout=10)
