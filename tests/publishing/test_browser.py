"""A real browser on the demo site: search 河池, open a fact, follow it to its document, see a
chart. Debian's /usr/bin/chromium driven by Playwright (never a browser Playwright downloads);
under CI (CI=true) a missing browser fails the test instead of skipping it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from reliefwatch.demo import free_port

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]
EXE = Path(sys.executable).with_name("reliefwatch")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI needs the real browser: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed")
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS,
                                             headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory):
    """``reliefwatch demo --no-serve`` then ``reliefwatch serve`` on a free loopback port."""
    workdir = tmp_path_factory.mktemp("browser_demo")
    db_path = workdir / "reliefwatch.db"
    subprocess.run([str(EXE), "demo", "--no-serve", "--db", str(db_path)], cwd=workdir,
                   check=True, capture_output=True, timeout=600)
    port = free_port(0)
    server = subprocess.Popen([str(EXE), "serve", "--db", str(db_path), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=2).read()
            break
        except OSError:
            assert time.monotonic() < deadline and server.poll() is None, "serve did not start"
            time.sleep(0.3)
    yield base
    server.terminate()
    server.wait(timeout=10)


def test_search_a_fact_follow_it_to_its_document_and_see_a_chart(browser, demo_site,
                                                                 tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{demo_site}/reliefwatch/facts")
    page.fill("input[name=_search]", "河池")
    page.press("input[name=_search]", "Enter")
    page.wait_for_load_state()
    assert "_search=" in page.url
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() >= 10
    first_row = rows.first.inner_text()
    assert "河池" in first_row or "Hechi" in first_row
    assert rows.first.bounding_box()["y"] < 900  # results above the fold, not below a glossary
    assert not page.locator("details.rw-columns").get_attribute("open")
    page.screenshot(path=tmp_path / "1-search.png", full_page=False)

    page.locator("table.rows-and-columns tbody tr td.col-id a").first.click()
    page.wait_for_load_state()
    card = page.locator("section.rw-card")
    assert card.locator("blockquote.rw-evidence mark").count() == 1
    assert card.locator("dt", has_text="Published").count() == 1
    fact_value = card.locator("h2").inner_text()
    assert "yuan" in fact_value or "people" in fact_value or any(c.isdigit() for c in fact_value)
    label = page.evaluate("""() => {
        const td = document.querySelector('table.rows-and-columns td');
        const before = getComputedStyle(td, '::before');
        return [before.content, td.getBoundingClientRect().width];
    }""")
    assert label[0] == '"id"' and label[1] > 600  # one record as "field: value" lines
    page.screenshot(path=tmp_path / "2-fact.png", full_page=True)

    title = card.locator("dd a").first.inner_text()
    card.locator("dd a").first.click()
    page.wait_for_load_state()
    assert "/reliefwatch/documents/" in page.url
    assert page.locator("section.rw-document h2").inner_text() == title
    text = page.locator("div.rw-text")
    assert text.count() == 1 and len(text.inner_text()) > 200
    assert text.bounding_box()["width"] > 400  # a readable block, not a one-character column
    page.screenshot(path=tmp_path / "3-document.png", full_page=False)

    page.goto(f"{demo_site}/-/dashboards/labor_remuneration_yuan?place=湘西州")
    chart = page.locator("#chart-over-time canvas, #chart-over-time svg").first
    chart.wait_for(state="visible", timeout=20000)
    box = chart.bounding_box()
    assert box["width"] > 200 and box["height"] > 100
    page.wait_for_timeout(500)
    page.screenshot(path=tmp_path / "4-chart.png", full_page=True)
    page.close()
    print(f"screenshots in {tmp_path}")


def test_home_page_and_map(browser, demo_site, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(demo_site + "/")
    links = page.locator("ul.rw-tables li > a").all_inner_texts()
    assert links[:3] == ["figures", "fact_evidence", "documents"]
    assert links.index("places") > links.index("facts")
    assert "Last crawl:" in page.locator("p.rw-updated").inner_text()
    page.screenshot(path=tmp_path / "5-home.png", full_page=True)
    page.goto(demo_site + "/reliefwatch/figures")
    page.locator(".leaflet-container").first.wait_for(state="visible", timeout=20000)
    markers = page.locator(".leaflet-marker-icon")
    markers.first.wait_for(state="visible", timeout=20000)
    assert markers.count() >= 1
    assert page.locator("table.rows-and-columns tbody tr").first.bounding_box()["y"] > 0
    page.screenshot(path=tmp_path / "6-map.png", full_page=False)
    page.close()
