"""Serving a built site on loopback and driving Debian's Chromium: shared by the developer tools (benchmark,
download budget, screenshots of the editor) and the browser tests. The pipeline never imports it."""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import shutil
import socket
import threading
import time
import urllib.request
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without these, Chromium keeps trying to reach Google's hosts, which a closed network refuses.
CHROMIUM_ARGS = ("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *arguments):
        pass


@contextlib.contextmanager
def serve_directory(site: Path):
    """A static server for a built site on a free loopback port; yields its address."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, needle: str, seconds: float) -> float | None:
    """Seconds until the page contains `needle`, polling every 50 ms; None after `seconds`."""
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        try:
            if needle in _get(url):
                return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.05)
    return None


# How long the editor may wait on `mkdocs serve`, which holds every request while it rebuilds the pages a save changed.
REBUILD_MS = 180_000


class EditorForm:
    """Fills the forms of the online editor (/admin/, Decap CMS) in Playwright, by field name: Decap gives each
    control the id « <name>-field-<n> » and its label the matching `for`; a nested field is found inside the
    control of its list or object (`within`, outermost first)."""

    def __init__(self, page):
        self.page = page
        # Leaving a form asks « quitter sans enregistrer ? » (a new record already holds today's date): the forms
        # driven here are left on purpose.
        page.on("dialog", lambda dialog: dialog.accept())

    def open(self, address: str, timeout: float = REBUILD_MS) -> None:
        """Open a form afresh: switching from one record to another by the address alone, Decap 3.16 may keep showing
        the first one's form, or its data in the second one's form, hence the reload. The address is checked once
        the form is shown: right after a save, Decap moves to the saved record's address on its own, and when that
        comes after our move, the reload brings back the saved record's form (on a busy machine)."""
        sign_in = self.page.get_by_role("button", name="Se connecter")
        identifier = self.page.locator('label[for^="id-field-"]')
        for attempt in range(3):
            self.page.goto(address)
            self.page.reload(timeout=timeout)
            sign_in.or_(identifier).first.wait_for(timeout=timeout)
            if sign_in.is_visible():
                sign_in.click()
            identifier.wait_for(timeout=timeout)
            if self.page.url == address:
                return
        raise AssertionError(f"l'éditeur montre {self.page.url} au lieu de {address}")

    def scope(self, *within: str):
        scope = self.page.locator("body")
        for name in within:
            scope = scope.locator(f'[id^="{name}-field-"]').first
        return scope

    def control(self, name: str, within: tuple[str, ...] = ()):
        label = self.scope(*within).locator(f'label[for^="{name}-field-"]').first
        return self.page.locator("#" + label.get_attribute("for"))

    def fill(self, name: str, value: str, within: tuple[str, ...] = ()) -> None:
        control = self.control(name, within)
        # Emptied by the keyboard first: on a field already filled, Decap's controlled input keeps the old text
        # in front of what fill() types.
        control.press("Control+A")
        control.press("Backspace")
        control.fill(value)

    def choose(self, name: str, value: str, within: tuple[str, ...] = (), search: str = "") -> None:
        """Pick in a select list (options read « value — description ») or a relation (options show a title)."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        box = self.control(name, within)
        option = self.page.get_by_role("option", name=re.compile("^" + re.escape(value) + "( — .*)?$")).first
        # Typed again when the list does not open: on a busy machine, right after a save, the form may still be
        # settling and drop the first keystrokes.
        for attempt in range(3):
            box.click()
            box.fill(search or value)
            try:
                option.wait_for(timeout=20_000)
            except PlaywrightTimeout:
                if attempt == 2:
                    raise
                box.press("Escape")
                continue
            option.click()
            return

    def add(self, list_name: str, within: tuple[str, ...] = ()) -> None:
        self.scope(*within, list_name).get_by_role("button", name=re.compile("^Ajouter")).first.click()

    def add_text(self, list_name: str, value: str, within: tuple[str, ...] = ()) -> None:
        self.add(list_name, within)
        self.scope(*within, list_name).locator('[id^="element-field-"]').last.fill(value)

    def add_source(self, document: str, section: str, lines: str) -> None:
        """A new item of the record's « sources »: document code, section, line range."""
        self.add("sources")
        self.choose("document", document, within=("sources",))
        self.fill("section", section, within=("sources",))
        self.fill("lignes", lines, within=("sources",))

    def expand(self, list_name: str) -> None:
        """Open the items of a list, shown folded when a saved record is opened."""
        self.scope(list_name).get_by_role("button", name="Expand").first.click()

    def publish(self) -> None:
        self.page.get_by_role("button", name="Publier").first.click()
        self.page.get_by_text("Publier maintenant").click()
        # Slow when `mkdocs serve` is rebuilding the site after the previous save: it holds the editor's files.
        self.page.get_by_text("Entrée enregistrée").wait_for(timeout=REBUILD_MS)
        # A new record's form then moves to the saved record's address: waited for, so that the next open() is not
        # overtaken by it.
        self.page.wait_for_url(re.compile(r"#/collections/[^/]+/entries/"), timeout=REBUILD_MS)
