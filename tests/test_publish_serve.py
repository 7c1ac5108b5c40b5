"""`ld-export serve --site` (content negotiation, signals) and the processes of `ld-export publish`:
none outlives a killed publish, and two never write one site at once. (tests/test_publish.py checks
the site itself.)"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from conftest import SEED_SLUG, free_port, snapshot_tree
from rdflib import Graph, Literal, URIRef

from linkeddata import publish as pub
from linkeddata.cli import main
from linkeddata.site_server import negotiate

BASE = "https://w3id.org/ld-export/data/"
ARTICLE_PAGE = f"data/article/{SEED_SLUG}.html"
CORPUS = Path(__file__).parent / "data" / "corpus"


# --------------------------------------------------------------------------------------------
# serve --site: content negotiation


@pytest.mark.parametrize(
    ("accept", "ext"),
    [
        (None, ".html"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", ".html"),
        ("text/turtle", ".ttl"),
        ("application/ld+json", ".jsonld"),
        ("text/turtle;q=0.5, application/ld+json;q=0.9", ".jsonld"),
        ("text/turtle;q=0.5, text/html", ".html"),
        ("text/*", ".html"),
        ("application/*;q=0.2, text/turtle;q=0.1", ".jsonld"),
        ("image/png", None),
        ("text/turtle;q=0", None),
    ],
)
def test_accept_headers_are_weighed_with_their_q_values(accept, ext):
    assert negotiate(accept) == ext


@pytest.mark.parametrize(
    ("accept", "media", "ext"),
    [
        ("text/turtle", "text/turtle; charset=utf-8", ".ttl"),
        ("application/ld+json", "application/ld+json", ".jsonld"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", "text/html; charset=utf-8", ".html"),
    ],
)
def test_serve_site_dereferences_iris_by_content_negotiation(served, accept, media, ext):
    url = served + "data/actor/bashar-al-assad"
    with httpx.Client(timeout=10) as client:
        r = client.get(url, headers={"Accept": accept})
        assert r.status_code == 303 and r.headers["location"] == f"/data/actor/bashar-al-assad{ext}"
        assert r.headers["vary"] == "Accept"
        doc = client.get(url, headers={"Accept": accept}, follow_redirects=True)
        assert doc.status_code == 200 and doc.headers["content-type"] == media
        if ext == ".ttl":
            g = Graph().parse(data=doc.text, format="turtle")
            assert (URIRef(BASE + "actor/bashar-al-assad"), None, Literal("Bashar al-Assad", lang="en")) in g


def test_serve_site_sends_parts_of_a_page_to_their_page_and_refuses_the_rest(served):
    with httpx.Client(timeout=10) as client:
        anchor = client.get(served + f"data/anchor/{SEED_SLUG}/506-534/quote")
        assert anchor.status_code == 303 and anchor.headers["location"] == f"/{ARTICLE_PAGE}#a506-534"
        hop = client.get(served + f"data/claim/{SEED_SLUG}/dod-officer-money-for-isis-only/hop/2",
                         headers={"Accept": "text/turtle"})  # fmt: skip
        assert hop.headers["location"] == f"/data/claim/{SEED_SLUG}/dod-officer-money-for-isis-only.ttl"
        # the factuality of an event on one claim's word, an anchor's annotation, a review, the
        # annotation of the article: each on the page that shows it
        factuality = (f"data/event/isis-captures-ramadi/according-to/{SEED_SLUG}/bi-isis-overran-ramadi-and-palmyra")
        for iri, location in (
            (factuality, f"/data/event/isis-captures-ramadi.html#f-{SEED_SLUG}-bi-isis-overran-ramadi-and-palmyra"),
            (f"data/anchor/{SEED_SLUG}/0-72/annotation/describing", f"/{ARTICLE_PAGE}#a0-72"),
            (f"data/review/{SEED_SLUG}/sunnis-are-not-the-majority-in-iraq/rating",
             f"/{ARTICLE_PAGE}#review-sunnis-are-not-the-majority-in-iraq"),
            (f"data/annotation/{SEED_SLUG}", f"/{ARTICLE_PAGE}#annotation"),
            ("data/event/isis-captures-ramadi", "/data/event/isis-captures-ramadi.html"),
        ):  # fmt: skip
            answer = client.get(served + iri)
            assert (answer.status_code, answer.headers["location"]) == (303, location), iri
            page_, _, fragment = location.partition("#")
            assert client.get(served + page_.lstrip("/")).status_code == 200
        assert client.get(served + "data/actor/bashar-al-assad", headers={"Accept": "image/png"}).status_code == 406
        assert client.get(served + "data/actor/nobody").status_code == 404
        assert client.get(served + ".ld-export-site/manifest.json").status_code == 404
        assert client.get(served + "..%2f..%2fetc/passwd").status_code == 404
        assert client.post(served + "index.html", content=b"x").status_code == 405
        head = client.head(served + "index.html")
        assert head.status_code == 200 and head.content == b"" and int(head.headers["content-length"]) > 1000


def test_serve_site_stops_on_sigterm_and_refuses_writable(seed_site, tmp_path):
    _result, site, _build = seed_site
    refused = CliRunner().invoke(main, ["serve", "--site", str(site), "--writable"])
    assert refused.exit_code == 2 and "a site is always served read-only" in refused.output
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "linkeddata", "serve", "--site", str(site), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert proc.stdout.readline().strip() == f"http://127.0.0.1:{port}/"
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0 and err.splitlines()[-1] == "Stopped by SIGTERM."


def children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            pass
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_killed_publish_leaves_no_process_and_the_next_one_finishes_the_site(corpus_copy_build, tmp_path):
    _folder, out = corpus_copy_build
    site = tmp_path / "site"
    command = [sys.executable, "-m", "linkeddata.cli", "publish", str(out), "-o", str(site), "-j", "2", "-q"]
    proc = subprocess.Popen(command, start_new_session=True)
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while time.monotonic() < deadline and proc.poll() is None:
        workers = {c for c in children(proc.pid) if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()}
        if len(workers) >= 2:
            break
        time.sleep(0.01)
    assert len(workers) >= 2, "the workers never started"
    everything = children(proc.pid) | {g for c in children(proc.pid) for g in children(c)}
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(alive(p) for p in everything):
        time.sleep(0.1)
    assert [p for p in everything if alive(p)] == []
    again = pub.publish(out, site)
    clean = tmp_path / "clean"
    pub.publish(out, clean)
    assert again.articles == 3 and snapshot_tree(site) == snapshot_tree(clean)
    assert not list(site.glob(".ld-export-staging.*"))


def test_two_publishes_into_one_folder_do_not_run_at_once(seed_site, tmp_path):
    _result, _site, build = seed_site
    writer = pub.SiteWriter(tmp_path / "site")
    try:
        run = CliRunner().invoke(main, ["publish", str(build), "-o", str(tmp_path / "site")])
        assert run.exit_code == 2 and "another publish is writing into this folder" in run.output
    finally:
        writer.discard()
    assert pub.publish(build, tmp_path / "site").articles == 1
