"""The online editor in Chromium: `make editer` in a copy of the project, then the forms, as a lab would use them.

A report and a card linked to it are created through the forms and saved; the files appear in the copy, laid out
as the formatter lays them out, `make check` accepts them and `make site` builds their pages. Throughout, and on the
built site's /admin/, nothing is requested from another host. The preview pane shows a card and a report with the
site's style sheets and the sections of their pages.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from scripts.localhost import EditorForm, serve_directory
from scripts.pipeline import registry
from scripts.pipeline.layout import dump_record, key_order, schema_header
from scripts.pipeline.load import load_text
from scripts.pipeline.run import load_schemas

from .conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.lent]

COPIED_OUT = {".git", ".venv", "site", "build", "node_modules", "__pycache__", ".pytest_cache", ".ruff_cache"}
READY = "L'éditeur est prêt"
REPORT_ID, CARD_ID = "residence-essai-editeur", "accueil-des-entreprises-a-lille"
REPORT_TITLE, CARD_TITLE = "Résidence d'essai de l'éditeur à Lille", "Accueil des entreprises à Lille"


def _two_free_ports() -> int:
    """A port whose next one is free too: the site, then the editor's file server."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port < 65535:
            with socket.socket() as probe:
                try:
                    probe.bind(("127.0.0.1", port + 1))
                except OSError:
                    continue
            return port
    raise RuntimeError("aucune paire de ports libres")


class Editor:
    """`make editer` running in a copy of the project."""

    def __init__(self, project: Path):
        self.project = project
        self.port = _two_free_ports()
        self.address = f"http://127.0.0.1:{self.port}/"
        self.output: list[str] = []
        self.process = subprocess.Popen(["make", "--no-print-directory", "editer", f"EDITEUR_PORT={self.port}"],
                                        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                        start_new_session=True)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.output.append(line)

    def wait_until_ready(self, seconds: float = 300) -> None:
        started = time.monotonic()
        while not any(READY in line for line in self.output):
            assert self.process.poll() is None, "".join(self.output)
            assert time.monotonic() - started < seconds, "".join(self.output)
            time.sleep(0.2)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=60)
        self.reader.join(timeout=30)
        self.process.stdout.close()

    def outside(self, requested: list[str]) -> list[str]:
        """Requests to another host than this computer's (the site and the editor's file server)."""
        return [url for url in requested
                if urlsplit(url).scheme in ("http", "https") and urlsplit(url).hostname != "127.0.0.1"]


def _copy(target: Path) -> Path:
    generated = {("docs", folder) for folder in registry.GENERATED_DIRS}

    def ignore(folder: str, names: list[str]) -> set[str]:
        relative = Path(folder).relative_to(ROOT).parts
        return {name for name in names if name in COPIED_OUT or (*relative, name) in generated}

    shutil.copytree(ROOT, target, ignore=ignore)
    # The installed environment and packages, shared rather than copied (the copy's `make` finds its stamps there).
    (target / ".venv").symlink_to(ROOT / ".venv")
    (target / "editeur" / "node_modules").symlink_to(ROOT / "editeur" / "node_modules")
    return target


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    running = Editor(_copy(tmp_path_factory.mktemp("editeur") / "projet"))
    try:
        running.wait_until_ready()
        yield running
    finally:
        running.stop()


@pytest.fixture
def signed_in(editor, page):
    """The editor open in Chromium, past its « Se connecter » button (the local server needs no account)."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(editor.address + "admin/")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name="Fiches").wait_for()
    yield page, requested
    assert editor.outside(requested) == []


def test_the_editor_opens_in_french_with_the_three_collections(signed_in):
    page, requested = signed_in
    for label in ("Entrées du glossaire", "Fiches", "Rapports"):
        assert page.get_by_role("link", name=label).is_visible()
    assert page.get_by_placeholder("Tout rechercher").is_visible()
    page.get_by_role("link", name="Rapports").click()
    page.get_by_text("Résidence « Une immersion dans le monde des très petites entreprises »", exact=False).first.wait_for()
    assert any("/admin/vendor/decap-cms/decap-cms.js" in url for url in requested)


def _headings(scope, level: str) -> list[str]:
    return [text.replace("¶", "").strip() for text in scope.locator(level).all_inner_texts()]


@pytest.mark.parametrize("path, site_page, without", [
    ("collections/practices/entries/ticket-d-or", "pratiques/ticket-d-or/", {"Pratiques liées"}),
    ("collections/reports/entries/avignon-joly-jean-2017", "residences/avignon-joly-jean-2017/", set()),
])
def test_the_preview_shows_a_record_as_its_page_does(editor, signed_in, browser, path, site_page, without):
    """Same title and sections as the page (the suggestions of related cards need the whole library: left out when
    the card links none), with the site's own style sheets."""
    page, _ = signed_in
    page.goto(editor.address + "admin/#/" + path)
    preview = page.frame_locator("iframe").first
    preview.locator("article.apercu h1").wait_for()
    site = browser.new_page()
    try:
        site.goto(editor.address + site_page)
        assert _headings(preview, "article.apercu h1") == _headings(site, "article h1")
        assert _headings(preview, "article.apercu h2") == [heading for heading in _headings(site, "article h2")
                                                          if heading not in without]
        # The site's style sheets are those of the preview: a badge and the title look the same in both.
        style = "element => [getComputedStyle(element).backgroundColor, getComputedStyle(element).fontWeight]"
        badge = preview.locator("article.apercu p .badge").first
        assert badge.evaluate(style) == site.locator("article .badge").first.evaluate(style)
        assert preview.locator("article.apercu h1").evaluate(style) == site.locator("article h1").evaluate(style)
    finally:
        site.close()


def test_a_report_and_a_card_made_through_the_forms_pass_the_check_and_build(editor, signed_in):
    page, _ = signed_in
    form = EditorForm(page)

    form.open(editor.address + "admin/#/collections/reports/new")
    form.fill("id", REPORT_ID)
    form.fill("titre", REPORT_TITLE)
    form.choose("type", "résidence")
    form.fill("resume", "Une résidence fictive, créée par le test de bout en bout de l'éditeur en ligne.")
    form.add_text("porteurs", "La 27e Région")
    form.fill("lieu", "Lille (Nord)")
    form.fill("debut", "2026-03", within=("periode",))
    form.add_text("protocole", "Deux semaines d'immersion dans une agence.")
    form.add("calendrier")
    form.fill("etape", "Semaine d'immersion", within=("calendrier",))
    form.choose("type", "immersion", within=("calendrier",))
    form.fill("dates", "mars 2026", within=("calendrier",))
    form.add("axes")
    form.fill("titre", "Accueil des entreprises", within=("axes",))
    form.fill("question", "Comment mieux accueillir les petites entreprises ?", within=("axes",))
    form.add_text("enseignements", "Un formulaire suffit pour publier un rapport.")
    form.add_source("003", "Introduction", "1-10")
    form.fill("mise_a_jour", "2026-12-07")
    form.publish()

    form.open(editor.address + "admin/#/collections/practices/new")
    form.fill("id", CARD_ID)
    form.fill("titre", CARD_TITLE)
    form.fill("resume", "Une pratique fictive, créée par le test de bout en bout de l'éditeur en ligne.")
    form.choose("type", "pratique")
    form.choose("stade", "idée")
    form.choose("echelle", "local")
    form.add_text("region", "Hauts-de-France", within=("territoire",))
    form.choose("themes", "relation entreprises")
    form.fill("probleme", "Les petites entreprises connaissent mal les services de l'agence.")
    form.add_text("demarche", "Inviter les entreprises du quartier à un petit-déjeuner.")
    form.fill("resultats", "Non documenté par la source.")
    form.choose("residence", REPORT_TITLE, search="essai de l'éditeur")
    form.add_source("003", "Introduction", "1-10")
    form.fill("mise_a_jour", "2026-12-07")
    form.publish()

    # The report's first axis now lists the card: a relation chosen by searching the card's title.
    form.open(editor.address + f"admin/#/collections/reports/entries/{REPORT_ID}")
    form.expand("axes")
    form.choose("pistes", CARD_TITLE, within=("axes",), search="Accueil des entreprises")
    form.publish()
    editor.stop()

    project = editor.project
    schemas = load_schemas(project / "schemas")
    for collection, record_id in ((registry.BY_NAME["reports"], REPORT_ID), (registry.BY_NAME["practices"], CARD_ID)):
        path = project / collection.folder / f"{record_id}.yml"
        text = path.read_text(encoding="utf-8")
        loaded, problems = load_text(text.encode("utf-8"), path.name)
        assert loaded is not None, problems
        assert text == dump_record(loaded.data, key_order(collection.schema, schemas.raw), schema_header(collection.schema))
    card = (project / "practices" / f"{CARD_ID}.yml").read_text(encoding="utf-8")
    assert f"residence: {REPORT_ID}\n" in card and 'document: "003"' in card and "themes:\n  - relation entreprises\n" in card
    report = (project / "residences" / f"{REPORT_ID}.yml").read_text(encoding="utf-8")
    assert f"    pistes:\n      - {CARD_ID}\n" in report

    check = subprocess.run(["make", "--no-print-directory", "check"], cwd=project, capture_output=True, text=True,
                           check=False)
    assert check.returncode == 0 and " 0 erreur" in check.stdout + check.stderr, check.stdout + check.stderr
    site = subprocess.run(["make", "--no-print-directory", "site"], cwd=project, capture_output=True, text=True,
                          check=False)
    assert site.returncode == 0, site.stdout + site.stderr
    report_page = (project / "site" / "residences" / REPORT_ID / "index.html").read_text(encoding="utf-8")
    assert REPORT_TITLE.replace("'", "&#39;") in report_page or REPORT_TITLE in report_page
    assert f'href="../../pratiques/{CARD_ID}/"' in report_page
    card_page = (project / "site" / "pratiques" / CARD_ID / "index.html").read_text(encoding="utf-8")
    assert f'href="../../residences/{REPORT_ID}/"' in card_page


def test_the_built_sites_editor_requests_nothing_from_another_host(built_site, page):
    """Published, /admin/ loads Decap from the site itself and offers to sign in with the configured GitLab."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    with serve_directory(built_site) as address:
        page.goto(address + "admin/")
        page.get_by_role("button", name=re.compile("GitLab")).wait_for()
        page.wait_for_load_state("networkidle")
    assert [url for url in requested if urlsplit(url).hostname != "127.0.0.1"] == []
    assert any(url.endswith("/admin/vendor/decap-cms/decap-cms.js") for url in requested)
    assert page.locator("html").get_attribute("lang") == "fr"
