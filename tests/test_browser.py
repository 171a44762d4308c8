"""In Debian's Chromium: pages load nothing from another host, and acronyms show their long form."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PAGES = ["", "pratiques/", "pratiques/ticket-d-or/", "pratiques/conference-sociale-de-bretagne/", "glossaire/",
         "themes/", "contribuer/", "residences/avignon-joly-jean-2017/"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *arguments):
        pass


@pytest.fixture(scope="module")
def server(built_site):
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"],
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR")
    opened = context.new_page()
    yield opened
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_page_requests_nothing_outside_the_site(server, page, path):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    response = page.goto(server + path, wait_until="networkidle")
    assert response is not None and response.ok
    site_host = urlsplit(server).netloc
    outside = [url for url in requested if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != site_host]
    assert outside == []
    assert len(requested) > 1, "the page loaded its own styles and scripts"


def _acronym(page, text: str):
    link = page.locator("article a.sigle", has=page.locator("abbr", has_text=text)).first
    bubble = link.locator(".sigle-bulle")
    return link, bubble


def test_acronym_shows_its_long_form_on_hover_and_links_to_its_entry(server, page):
    page.goto(server + "pratiques/ticket-d-or/", wait_until="networkidle")
    link, bubble = _acronym(page, "TPE")
    assert link.get_attribute("href").endswith("/glossaire/#tpe")
    assert not bubble.is_visible()
    link.hover()
    assert bubble.is_visible()
    assert bubble.inner_text() == "Très petite entreprise"


def test_acronym_shows_its_long_form_on_keyboard_focus(server, page):
    page.goto(server + "pratiques/ticket-d-or/", wait_until="networkidle")
    link, bubble = _acronym(page, "TPE")
    link.focus()
    assert bubble.is_visible()
    assert link.get_attribute("aria-describedby") == bubble.get_attribute("id")


def test_acronym_first_tap_shows_second_tap_follows(server, browser):
    context = browser.new_context(locale="fr-FR", has_touch=True, is_mobile=True, viewport={"width": 390, "height": 800})
    page = context.new_page()
    try:
        page.goto(server + "pratiques/ticket-d-or/", wait_until="networkidle")
        link, bubble = _acronym(page, "TPE")
        link.scroll_into_view_if_needed()
        link.tap()
        assert bubble.is_visible()
        assert page.url.endswith("/pratiques/ticket-d-or/")
        link.tap()
        page.wait_for_url("**/glossaire/#tpe")
        assert page.locator("#tpe").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("query", ["PLIE", "plie", "SPE-P", "spe-p", "CREFOP", "SCEOFP", "Assedic"])
def test_searching_a_sigle_puts_its_glossary_entry_first(server, page, query):
    page.goto(server + "pratiques/", wait_until="networkidle")
    page.locator(".md-search__input").first.click()
    page.locator("input.md-search__input").type(query, delay=20)
    first = page.locator(".md-search-result a").first
    first.wait_for(state="visible", timeout=5000)
    expected = {"plie": "plie", "spe-p": "spe-p", "crefop": "crefop", "sceofp": "sceofp", "assedic": "assedic"}[query.lower()]
    assert first.get_attribute("href").endswith(f"/glossaire/#{expected}")
