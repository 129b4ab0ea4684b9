"""End-to-end: Debian's chromium (via Playwright's Python API, never `playwright install`) drives the workbench.

Screenshots go to tests/artifacts/ (gitignored)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from triangulate.web.app import VENDOR
from triangulate.web.sample import build_sample_db
from triangulate.web.testing import running_server

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip("chromium is not installed (run scripts/install-browser.sh); browser tests run in CI",
                allow_module_level=True)


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    assert (VENDOR / "leaflet" / "dist" / "leaflet.js").exists(), "run scripts/fetch-assets.sh first"
    path = tmp_path_factory.mktemp("browser") / "sample.duckdb"
    build_sample_db(str(path))
    with running_server(str(path)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="triangulate-chromium-")
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with sync_playwright() as p:
        # a fresh --user-data-dir: Playwright passes it for a persistent context
        ctx = p.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True, args=args,
                                                   viewport={"width": 1280, "height": 900})
        try:
            yield ctx
        finally:
            ctx.close()
            shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture()
def page(browser, base):
    ARTIFACTS.mkdir(exist_ok=True)
    pg = browser.new_page()
    outside: list[str] = []
    errors: list[str] = []

    def on_request(req):
        if not req.url.startswith((base, "data:", "blob:", "about:")):
            outside.append(req.url)

    pg.on("request", on_request)
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.base = base
    yield pg
    pg.close()
    assert not outside, f"page reached outside the server: {outside}"
    assert not errors, f"javascript errors: {errors}"


def test_stories_list_story_and_map(page):
    page.goto(page.base + "/")
    cards = page.locator(".story-card")
    assert cards.count() == 3
    assert "sources disagree" in cards.first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "stories.png"), full_page=True)

    page.get_by_role("link", name="Jihadist-led offensive reaches Aleppo; at least 242 dead").click()
    page.wait_for_url("**/stories/s-2024-aleppo-offensive")
    assert page.locator("svg.chart .dot").count() == 3
    page.wait_for_selector("#map[data-ready='1']", timeout=15000)
    # the basemap (countries) and the event markers are drawn
    assert page.locator("#map path.leaflet-interactive").count() > 50
    assert page.locator("#map path.event-marker").count() == 2
    # the shipped admin-1 layer of the events' country (Syria's governorates) is drawn, with names on hover
    assert page.locator("#map").get_attribute("data-admin1-drawn") == "1"
    assert page.locator("#map path.admin1").count() >= 10
    # the governorates holding the story's events (Aleppo, Idlib) are shaded
    assert page.locator("#map path.admin1-hit").count() == 2
    # Idlib is placed at admin-1 precision (2), Aleppo at the city: neither is drawn as country-level
    assert page.locator("#map path.event-coarse").count() == 0
    page.locator("#map path.admin1").first.hover(force=True)
    page.wait_for_selector(".admin1-tip", timeout=5000)
    page.screenshot(path=str(ARTIFACTS / "story.png"), full_page=True)
    page.locator("#map").screenshot(path=str(ARTIFACTS / "map.png"))
    page.locator("#map path.event-marker").first.click(force=True)
    page.wait_for_selector(".leaflet-popup-content")


def test_filter_and_article(page):
    page.goto(page.base + "/")
    page.fill("input[name=place]", "Idlib")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**place=Idlib**")
    titles = page.locator(".story-card h2 a").all_inner_texts()
    assert len(titles) == 2 and not any("car bombs" in t for t in titles)
    page.screenshot(path=str(ARTIFACTS / "filtered.png"), full_page=True)

    page.goto(page.base + "/articles/a-markup")
    # the script in the article text is shown, not run (a pageerror/alert would fail the test)
    assert "<script>alert('x')</script>" in page.locator("#text").inner_text()
    page.goto(page.base + "/articles/a-copy-a")
    assert page.locator("#text a.hl-copy").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)


def test_docs_offline(page):
    page.goto(page.base + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert page.locator(".opblock").count() >= 10
