"""The server configurations a published site ships, run in real servers: nginx with the site's
nginx-http.conf and nginx-server.conf, Apache with its .htaccess. Each is started on a free
loopback port with a configuration of its own in a temporary folder, serves the published seed at
the path of its IRIs (/ld-export/), and is stopped. Without nginx or Apache the test is skipped,
except under CI=true, where it fails."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import httpx
import pytest
from conftest import SEED_SLUG, free_port, need

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
APACHE = shutil.which("apache2") or "/usr/sbin/apache2"
APACHE_MODULES = Path("/usr/lib/apache2/modules")
ARTICLE = f"/ld-export/data/article/{SEED_SLUG}.html"


@pytest.fixture(scope="module")
def www(seed_site):
    """A world-readable copy of the site at www/ld-export (Apache serves it as another user)."""
    _result, site, _build = seed_site
    folder = Path(tempfile.mkdtemp(prefix="ld-export-www-"))
    try:
        folder.chmod(0o755)
        shutil.copytree(site, folder / "ld-export", ignore=shutil.ignore_patterns(".ld-export-site"))
        for path in [folder / "ld-export", *(folder / "ld-export").rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def wait_until_up(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the server stopped at start: {log.read_text(errors='replace') if log.exists() else ''}")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    pytest.fail(f"the server did not answer within 20 s: {log.read_text(errors='replace') if log.exists() else ''}")


@pytest.fixture(scope="module")
def nginx(www, tmp_path_factory):
    need("nginx", os.path.exists(NGINX), "apt-get install nginx-light")
    tmp = tmp_path_factory.mktemp("nginx")
    port = free_port()
    temps = "\n".join(f"  {name}_temp_path {tmp}/{name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi",
                                                                       "scgi"))  # fmt: skip
    (tmp / "nginx.conf").write_text(
        f"""{"user root;" if os.geteuid() == 0 else ""}
daemon off;
master_process off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 64; }}
http {{
  access_log off;
{temps}
  include {www}/ld-export/nginx-http.conf;
  server {{
    listen 127.0.0.1:{port};
    root {www};
    include {www}/ld-export/nginx-server.conf;
  }}
}}
""",
        encoding="utf-8",
    )
    proc = subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf")], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)  # fmt: skip
    try:
        wait_until_up(f"http://127.0.0.1:{port}/ld-export/index.html", proc, tmp / "error.log")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def apache(www, tmp_path_factory):
    need("Apache httpd", os.path.exists(APACHE), "apt-get install apache2")
    tmp = tmp_path_factory.mktemp("apache")
    port = free_port()
    modules = ["mpm_event", "authz_core", "mime", "rewrite", "headers", "dir"]
    load = "\n".join(f"LoadModule {m}_module {APACHE_MODULES}/mod_{m}.so" for m in modules)
    user = "User www-data\nGroup www-data" if os.geteuid() == 0 else ""
    (tmp / "httpd.conf").write_text(
        f"""{load}
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile {tmp}/httpd.pid
ErrorLog {tmp}/error.log
Mutex file:{tmp}
{user}
TypesConfig /etc/mime.types
DocumentRoot {www}
<Directory />
  AllowOverride None
  Require all denied
</Directory>
<Directory {www}>
  AllowOverride All
  Require all granted
</Directory>
""",
        encoding="utf-8",
    )
    proc = subprocess.Popen([APACHE, "-X", "-f", str(tmp / "httpd.conf")], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)  # fmt: skip
    try:
        wait_until_up(f"http://127.0.0.1:{port}/ld-export/index.html", proc, tmp / "error.log")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


CASES = [
    # (IRI path below the site root, Accept, where it is sent, the media type found there)
    ("data/actor/bashar-al-assad", "text/turtle", "data/actor/bashar-al-assad.ttl", "text/turtle"),
    ("data/actor/bashar-al-assad", "application/ld+json", "data/actor/bashar-al-assad.jsonld", "application/ld+json"),
    ("data/actor/bashar-al-assad", "text/html,application/xhtml+xml,*/*;q=0.8", "data/actor/bashar-al-assad.html",
     "text/html"),
    (f"data/claim/{SEED_SLUG}/sejari-asked-to-promise/hop/1", "text/html",
     f"data/claim/{SEED_SLUG}/sejari-asked-to-promise.html#hop-1", "text/html"),
    (f"data/anchor/{SEED_SLUG}/506-534/quote", "*/*", f"data/article/{SEED_SLUG}.html#a506-534", "text/html"),
    (f"data/anchor/{SEED_SLUG}/506-534", "text/turtle", f"data/article/{SEED_SLUG}.ttl", "text/turtle"),
    (f"data/graph/{SEED_SLUG}", "application/ld+json", f"data/graph/{SEED_SLUG}.jsonld", "application/ld+json"),
    ("data/dataset/class/lde-Claim", "text/turtle", "data/dataset.ttl", "text/turtle"),
]  # fmt: skip


@pytest.mark.parametrize("server", ["nginx", "apache"])
def test_the_shipped_configuration_dereferences_iris_by_content_negotiation(server, request):
    origin = request.getfixturevalue(server)
    with httpx.Client(timeout=10) as client:
        for path, accept, target, media in CASES:
            r = client.get(f"{origin}/ld-export/{path}", headers={"Accept": accept})
            assert r.status_code == 303, (server, path, accept, r.status_code)
            location = r.headers["location"].removeprefix(origin)
            assert location == f"/ld-export/{target}", (server, path, accept)
            assert "Accept" in r.headers.get("vary", ""), (server, path)
            doc = client.get(f"{origin}{location.partition('#')[0]}")
            assert doc.status_code == 200 and doc.headers["content-type"].split(";")[0] == media, (server, target)
        page = client.get(f"{origin}{ARTICLE}")
        assert page.headers["content-type"].lower().replace(" ", "") == "text/html;charset=utf-8"
        turtle = client.get(f"{origin}/ld-export/data/actor/bashar-al-assad.ttl")
        assert turtle.headers["content-type"].lower().replace(" ", "") == "text/turtle;charset=utf-8"
        # an IRI that names nothing is sent, like any other, to a document that is not there
        assert client.get(f"{origin}/ld-export/data/actor/nobody", follow_redirects=True).status_code == 404
