"""The documented proxy set-up works: Debian's nginx with deploy/nginx/samverkan.conf (only its
names, ports and certificate paths replaced for 127.0.0.1) in front of `samverkan run`, as the
systemd unit starts it, and a coordinator works through it over HTTPS."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import ui
from tests.browser.visitor import Visitor

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "nginx"
NGINX = "/usr/sbin/nginx"
# Migrating and loading the demo into a new database, collecting and compressing the static
# files once, and starting gunicorn.
START_SECONDS = 600


@dataclass
class Site:
    url: str
    http_url: str
    work: Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _site_config(https_port: int, http_port: int, app_port: int, work: Path) -> str:
    """The deployed file with only what differs on a test machine replaced."""
    text = (DEPLOY / "samverkan.conf").read_text()
    text = re.sub(r"^\s*listen \[::\].*$", "", text, flags=re.MULTILINE)
    replacements = {
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "server_name samverkan.kommun.se;": "server_name localhost;",
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{app_port};",
        "/etc/ssl/samverkan/fullchain.pem": str(work / "cert.pem"),
        "/etc/ssl/samverkan/privkey.pem": str(work / "key.pem"),
        "/var/log/nginx/samverkan.access.log": str(work / "access.log"),
        "/etc/nginx/samverkan_proxy.conf": str(DEPLOY / "samverkan_proxy.conf"),
    }
    for old, new in replacements.items():
        assert old in text, f"deploy/nginx/samverkan.conf no longer holds {old!r}"
        text = text.replace(old, new)
    return text


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            request = urllib.request.Request(url, headers={"Host": "localhost"})  # noqa: S310
            with urllib.request.urlopen(request, timeout=5):  # noqa: S310
                return
        except OSError as error:
            if getattr(error, "code", None):  # an HTTP answer: the server is up
                return
        assert process.poll() is None, log.read_text()[-3000:]
        assert time.monotonic() < deadline, f"{url} never answered:\n{log.read_text()[-3000:]}"
        time.sleep(0.5)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    if not Path(NGINX).exists() or shutil.which("openssl") is None:
        pytest.fail("Debian's nginx and openssl are needed (make nginx installs them)")
    work = tmp_path_factory.mktemp("nginx")
    subprocess.run(  # noqa: S603
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]  # noqa: S607
        + ["-subj", "/CN=localhost", "-keyout", str(work / "key.pem")]
        + ["-out", str(work / "cert.pem")],
        check=True,
        capture_output=True,
    )
    https_port, http_port, app_port = _free_port(), _free_port(), _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    env.update(
        SAMVERKAN_VAR_DIR=str(work / "var"),
        ALLOWED_HOSTS="localhost",
        CSRF_TRUSTED_ORIGINS=f"https://localhost:{https_port}",
        BEHIND_PROXY="true",
        SECOND_FACTOR_OPTIONAL="true",
    )
    app_log = work / "app.log"
    with app_log.open("wb") as out:
        app = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "samverkan", "run", "--no-worker"]
            + ["--host", "127.0.0.1", "--port", str(app_port), "--workers", "2"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    (work / "site.conf").write_text(_site_config(https_port, http_port, app_port, work))
    (work / "nginx.conf").write_text(
        f"daemon off;\nworker_processes 1;\npid {work}/nginx.pid;\n"
        f"error_log {work}/error.log warn;\nevents {{ worker_connections 64; }}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  access_log off;\n"
        f"  client_body_temp_path {work}/body;\n  proxy_temp_path {work}/proxy;\n"
        f"  fastcgi_temp_path {work}/fastcgi;\n  uwsgi_temp_path {work}/uwsgi;\n"
        f"  scgi_temp_path {work}/scgi;\n  include {work}/site.conf;\n}}\n"
    )
    checked = subprocess.run(  # noqa: S603
        [NGINX, "-t", "-c", str(work / "nginx.conf")], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    nginx = subprocess.Popen(  # noqa: S603
        [NGINX, "-c", str(work / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(f"http://127.0.0.1:{app_port}/healthz", app, app_log)
        yield Site(
            url=f"https://localhost:{https_port}",
            http_url=f"http://localhost:{http_port}",
            work=work,
        )
    finally:
        nginx.terminate()
        app.terminate()
        nginx.wait(timeout=30)
        app.wait(timeout=60)


@pytest.fixture
def proxied_visitor(open_visitor: Callable[..., Visitor], site: Site) -> Visitor:
    visitor = open_visitor(ignore_https_errors=True)
    visitor.base_url = site.url
    visitor.origin = site.url.removeprefix("https://")
    return visitor


def test_a_coordinator_works_through_nginx_over_https(proxied_visitor: Visitor, site: Site):
    visitor = proxied_visitor
    page = visitor.page

    # Plain HTTP is sent on to HTTPS by the proxy.
    redirect = page.request.get(site.http_url + "/", max_redirects=0)
    assert redirect.status == 301
    assert redirect.headers["location"].startswith("https://localhost")

    # The coordinator logs in over HTTPS: the session cookie is secure, and nothing loops.
    visitor.log_in("samordnare", "Trygg-i-Koping-2018")
    expect(page.get_by_role("button", name=ui.LOG_OUT)).to_be_visible()
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["sessionid"]["secure"]
    visitor.follow("Brottsförebyggande rådet", scope=page.get_by_role("main"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Brottsförebyggande rådet")

    # Static files have hashed names (cached for a year) and come compressed.
    stylesheet = page.locator("link[rel=stylesheet]").first.get_attribute("href") or ""
    assert re.fullmatch(r"/static/core/samverkan\.[0-9a-f]{12}\.css", stylesheet), stylesheet
    css = page.request.get(site.url + stylesheet, headers={"Accept-Encoding": "br, gzip"})
    assert css.headers["content-encoding"] in {"br", "gzip"}
    assert "immutable" in css.headers["cache-control"]

    # One request id joins the proxy's log and the application's: nginx's $request_id.
    answer = page.request.get(site.url + "/tillganglighet/")
    assert answer.ok
    assert re.fullmatch(r"[0-9a-f]{32}", answer.headers["x-request-id"])
    assert answer.headers["x-request-id"] in (site.work / "access.log").read_text()

    # The proxy refuses an over-large body before the application sees it.
    too_large = page.request.post(site.url + "/login/", data=b"x" * (53 * 1024 * 1024))
    assert too_large.status == 413

    # Uploaded files are never served by the proxy.
    assert page.request.get(site.url + "/media/photos/a.jpg").status == 404
