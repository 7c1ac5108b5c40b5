"""The published site in a real browser: Debian's Chromium, driven with Selenium over chromedriver.

The site is served by `ld-export serve --site` on 127.0.0.1 (the `served` fixture). Chromium runs
headless with a new, empty profile and without any of its own network traffic; every request it
makes is recorded (Chrome's performance log) and must stay on 127.0.0.1. axe-core (locked in
tests/js) checks accessibility. Without Chromium, chromedriver or Selenium the tests are skipped,
except under CI=true, where they fail.

The README's screenshot of the article page is taken here: set LD_EXPORT_SCREENSHOT=PATH to
save it there as well.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import httpx
import pytest
from conftest import SEED_SLUG, need
from test_publish import ARTICLE_PAGE, BASE, anchors

from linkeddata.query import named_query, open_data, rows, run_query

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
AXE = Path(__file__).parent / "js" / "node_modules" / "axe-core" / "axe.min.js"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1400,1000",
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    need("chromium", os.path.exists(CHROMIUM), "apt-get install chromium")
    need("chromedriver", os.path.exists(CHROMEDRIVER), "apt-get install chromium-driver")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        need("selenium", False, "pip install '.[test]'")
    options = Options()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    # Both paths given: Selenium Manager (which would look for drivers on the network) is not run.
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def open_page(driver, url: str) -> None:
    driver.get(url)
    driver.execute_script("return document.readyState")


def requests_made(driver) -> list[str]:
    """Every URL the browser requested since the last call (Chrome's performance log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def console_errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]


def test_every_anchor_is_rendered_as_one_mark_with_its_exact_words(browser, served, seed_site):
    result, _site, build = seed_site
    open_page(browser, served + ARTICLE_PAGE)
    found = anchors(build)
    marks = browser.execute_script(
        """
        const out = {};
        document.querySelectorAll('mark[data-iri]').forEach(m => {
          const iri = m.getAttribute('data-iri');
          const parts = [m, ...document.querySelectorAll('mark[data-continues="' + CSS.escape(iri) + '"]')];
          out[iri] = {text: m.textContent, joined: parts.map(p => p.textContent).join(''), parts: parts.length,
                      visible: m.getBoundingClientRect().width > 0};
        });
        return out;
        """
    )
    assert len(marks) == len(found) == result.counts["anchors"] == 193
    for iri, (_start, _end, exact) in found.items():
        mark = marks[iri]
        assert mark["visible"], iri
        if mark["parts"] == 1:
            assert mark["text"] == exact, iri
        else:  # split where it crosses another anchor: the parts in order hold its words
            assert mark["joined"] == exact, iri
    assert sum(m["parts"] == 1 for m in marks.values()) == 193 - 6


def hop_label(hand) -> str:
    """A hand of the drawn chain as the build labels its hop: "by[ to X and Y][ in outlet]"."""
    by = [a.text for a in hand.find_elements("xpath", "./a")]
    to = [a.text for a in hand.find_elements("css selector", ".to a")]
    outlet = [a.text for a in hand.find_elements("css selector", ".in a")]
    assert len(by) == 1
    return by[0] + (" to " + " and ".join(to) if to else "") + (" in " + outlet[0] if outlet else "")


def words_of(build: Path, claim: str) -> str:
    """The anchor of a claim's quotation (else of its longest evidence)."""
    iri = f"{BASE}claim/{SEED_SLUG}/{claim}"
    found = rows(run_query(f"PREFIX lde: <https://w3id.org/ld-export/ontology#> SELECT ?a ?q WHERE {{ <{iri}> "
                           f"lde:quotation|lde:evidence ?a OPTIONAL {{ <{iri}> lde:quotation ?q }} }}",
                           open_data([build])))  # fmt: skip
    quoted = [r["a"] for r in found if r["a"] == r["q"]]

    def length(anchor: str) -> int:
        start, end = anchor.rpartition("/")[2].split("-")
        return int(end) - int(start)

    return quoted[0] if quoted else max((r["a"] for r in found), key=length)


# How many relationships and events rest on each claim's word (their factuality shown in the panel).
FACTUALITIES = {"dod-officer-money-for-isis-only": 1, "sejari-asked-to-promise": 2,
                "embassy-regime-strikes-with-isis": 4}  # fmt: skip


@pytest.mark.parametrize("claim", sorted(FACTUALITIES))
def test_clicking_a_claim_shows_its_chain_with_the_agents_of_the_claims_query(browser, served, seed_site, claim):
    _result, _site, build = seed_site
    data = open_data([build])
    iri = f"{BASE}claim/{SEED_SLUG}/{claim}"
    label = rows(run_query(f"SELECT ?l WHERE {{ <{iri}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}", data))
    expected = [r for r in rows(run_query(named_query("claims").text, data)) if r["claim"] == label[0]["l"]]
    open_page(browser, served + ARTICLE_PAGE)
    requests_made(browser)
    mark = browser.find_element("css selector", f'mark[data-iri="{words_of(build, claim)}"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    mark.click()
    panel = browser.find_element("id", "panel")
    assert panel.is_displayed()
    entry = panel.find_element("css selector", f'article.claim[data-iri="{iri}"]')
    hands = entry.find_elements("css selector", "ol.chain > li")
    # the asserter, each hop of the chain, and the article, in that order
    assert hands[0].get_attribute("class") == "hand asserter" and hands[-1].get_attribute("class") == "hand article"
    asserter = hands[0].find_element("xpath", "./a").text
    hops = entry.find_elements("css selector", "ol.chain > li.hop")
    steps = [f"{n}. {hop_label(h)}" for n, h in enumerate(hops, start=1)]
    assert expected and {r["asserter"] for r in expected} == {asserter}
    assert {r["chain"] for r in expected} == {" → ".join(steps)}
    assert entry.find_element("css selector", ".hedge").text == expected[0]["hedge"]
    # its factuality: what rests on its word, with the certainty and polarity the build gives each
    rests = rows(run_query(
        "PREFIX lde: <https://w3id.org/ld-export/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        f"SELECT ?label ?c ?p WHERE {{ ?r lde:hasFactuality ?f ; rdfs:label ?label . ?f lde:basedOn <{iri}> ; "
        "lde:certainty ?c ; lde:polarity ?p }", data))  # fmt: skip
    shown = {(li.find_element("xpath", "./a").text, li.find_element("css selector", ".certainty").text,
              li.find_element("css selector", ".polarity").text)
             for li in entry.find_elements("css selector", ".factuality ul.rests > li")}  # fmt: skip
    assert shown == {(r["label"], r["c"].rpartition("/")[2], r["p"].rpartition("/")[2]) for r in rests}
    assert len(shown) == FACTUALITIES[claim]
    lent = entry.find_element("css selector", ".factuality > .certainty").text
    assert {r["c"].rpartition("/")[2] for r in rests} <= {lent}
    assert console_errors(browser) == []


def test_no_console_error_and_no_request_leaves_127_0_0_1(browser, served):
    requests_made(browser)
    browser.get_log("browser")
    pages = ["index.html", ARTICLE_PAGE, "data/actor/syrian-government.html", "timeline.html", "disputes.html",
             "queries.html", f"data/claim/{SEED_SLUG}/sejari-asked-to-promise.html", "data/dataset.html"]  # fmt: skip
    for path in pages:
        open_page(browser, served + path)
        browser.find_element("tag name", "mark" if path == ARTICLE_PAGE else "h1").click()
    urls = requests_made(browser)
    origin = served.rstrip("/")
    assert len(urls) >= 2 * len(pages)  # each page and at least its stylesheet
    outside = [u for u in urls if not u.startswith(origin + "/")]
    assert outside == []
    assert console_errors(browser) == []


@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        ARTICLE_PAGE,
        "data/actor/syrian-government.html",
        "data/place/aleppo.html",
        f"data/claim/{SEED_SLUG}/dod-officer-money-for-isis-only.html",
        "data/event/isis-captures-ramadi.html",  # an event of the registry
        f"data/relationship/{SEED_SLUG}/iran-syrian-government-alliance.html",
        "timeline.html",
        "disputes.html",
        "queries.html",
        f"data/graph/{SEED_SLUG}.html",
        "data/dataset.html",
    ],
)
def test_axe_finds_no_serious_or_critical_violation(browser, served, path):
    need("axe-core", AXE.is_file(), "run `npm ci` in tests/js")
    open_page(browser, served + path)
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    browser.set_script_timeout(60)
    violations = browser.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({
          id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))));
        """
    )
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, indent=1)


def test_a_crawl_of_every_page_finds_no_broken_internal_link(browser, served, seed_site):
    _result, site, _build = seed_site
    origin = served.rstrip("/")
    todo, seen, ids = deque([served + "index.html"]), set(), {}
    links: list[tuple[str, str]] = []
    while todo:
        url = todo.popleft()
        if url in seen:
            continue
        seen.add(url)
        open_page(browser, url)
        found = browser.execute_script(
            """
            const base = document.baseURI, out = [];
            document.querySelectorAll('a[href], link[href], script[src], img[src]').forEach(e => {
              const v = e.getAttribute('href') || e.getAttribute('src');
              out.push(new URL(v, base).href);
            });
            document.querySelectorAll('svg a').forEach(e => {
              const v = e.getAttribute('href') || e.getAttributeNS('http://www.w3.org/1999/xlink', 'href');
              if (v) out.push(new URL(v, base).href);
            });
            return {links: out, ids: Array.from(document.querySelectorAll('[id]')).map(e => e.id)};
            """
        )
        ids[url] = set(found["ids"])
        for link in found["links"]:
            if not link.startswith(origin + "/"):
                continue
            links.append((url, link))
            page, _fragment = urldefrag(link)
            if page.endswith(".html") and page not in seen:
                todo.append(page)
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert {urlsplit(u).path.lstrip("/") for u in seen} == pages  # every page is reached by links
    broken = []
    with httpx.Client(timeout=10) as client:
        status = {}
        for source, link in links:
            page, fragment = urldefrag(link)
            if page not in status:
                status[page] = client.head(page).status_code
            if status[page] != 200:
                broken.append((source, link, status[page]))
            elif fragment and page.endswith(".html") and fragment not in ids[page]:
                broken.append((source, link, "no such fragment"))
    assert broken == []
    assert len(links) > 10 * len(pages)


def test_screenshot_of_the_article_page_with_a_claim_selected(browser, served, seed_site, tmp_path):
    _result, _site, build = seed_site
    open_page(browser, served + ARTICLE_PAGE)
    browser.set_window_size(1400, 1250)
    words = words_of(build, "dod-officer-money-for-isis-only")
    mark = browser.find_element("css selector", f'mark[data-iri="{words}"]')
    browser.execute_script("window.scrollTo(0, arguments[0].getBoundingClientRect().top + window.scrollY - 320)", mark)
    # selected as a reader selects the words themselves, not a name inside them
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", mark)
    panel = browser.find_element("css selector", "#panel blockquote").text
    assert panel == "“We got this money from Congress for a program to fight ISIS only”"
    time.sleep(0.2)
    shot = tmp_path / "article.png"
    assert browser.save_screenshot(str(shot))
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(data[16:20], "big") == 1400
    target = os.environ.get("LD_EXPORT_SCREENSHOT")
    if target:
        shutil.copyfile(shot, target)
    browser.set_window_size(1400, 1000)


def test_the_article_reads_in_full_without_javascript(browser, served):
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        open_page(browser, served + ARTICLE_PAGE)
        assert not browser.find_element("id", "panel").is_displayed()  # the panel needs the script
        claims = browser.find_elements("css selector", "#claims article.claim")
        assert len(claims) == 45 and all(c.is_displayed() for c in claims)
        chain = browser.find_element("css selector", "#c-dod-officer-money-for-isis-only ol.chain")
        assert chain.is_displayed() and len(chain.find_elements("css selector", "li.hand")) == 4
        assert len(browser.find_elements("css selector", "mark[data-iri]")) == 193
        assert browser.find_element("css selector", "#c-dod-officer-money-for-isis-only .hedge").text == "asserted"
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
