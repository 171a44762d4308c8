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
         "themes/", "contribuer/"]


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


def test_acronym_in_a_card_shows_its_long_form_on_hover(server, page):
    page.goto(server + "pratiques/ticket-d-or/", wait_until="networkidle")
    acronym = page.locator("article abbr", has_text="TPE").first
    assert acronym.get_attribute("title").lower().startswith("très petite")
    acronym.hover()
    tooltip = page.locator(".md-tooltip2--active, .md-tooltip--active, .md-tooltip2, [role=tooltip]").filter(has_text="petite")
    tooltip.first.wait_for(state="visible", timeout=5000)
