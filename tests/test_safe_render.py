"""Hostile text in every free-text field of a card, a glossary entry and a report never reaches a page as markup.

Each payload is written into every text field at once; the generated Markdown is converted with the very
extensions of mkdocs.yml (attr_list, md_in_html, abbr, snippets…), and one test builds a small site with MkDocs
and reads the HTML. What must never appear: a tag or attribute able to run script, a link or resource whose
address is not http, https, mailto or the site's own, a file included by « --8<-- ».
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.pipeline import registry
from scripts.pipeline.run import check_data, generate, load_schemas
from scripts.pipeline.text import inline, link_target_is_safe, prose, walk_texts
from scripts.pipeline.validate import catalogue

from .conftest import FIXTURES, ROOT, make_project, mkdocs_config

# A file beside the data: a snippet marker in a text would include it, and its sentinel would show.
SECRET = "secret.txt"
SENTINEL = "contenu-du-fichier-secret"
# Every payload calls this function: any trace of it inside a script, an event handler or an address is a hole.
MARK = "piege"

PAYLOADS = {
    "balise-script": f"<script>{MARK}(1)</script>",
    "image-onerror": f'<img src=x onerror="{MARK}(1)">',
    "svg-onload": f"<svg/onload={MARK}(1)>",
    "lien-javascript": f"[clic](javascript:{MARK}(1))",
    "lien-javascript-casse": f"[clic](JaVaScRiPt:{MARK}(1))",
    "lien-data": "[clic](data:text/html;base64,cGllZ2U=)",
    "lien-vbscript": f"[clic](vbscript:{MARK})",
    "lien-entite": f"[clic](&#106;avascript:{MARK}(1)) [deux](javascript&#58;{MARK}(1))",
    "lien-tabulation": f"[clic](java&#9;script:{MARK}(1))",
    "lien-crochets-imbriques": f"[a [b] c](javascript:{MARK}(1))",
    "lien-espaces": f"[clic](  javascript:{MARK}(1)  )",
    "lien-chevrons": f"[clic](<javascript:{MARK}(1)>)",
    "lien-auto": f"<javascript:{MARK}(1)> <https://exemple.fr>",
    "image-externe": "![pixel](https://ailleurs.example/pixel.png)",
    "reference": f"[clic][r]\n\n[r]: javascript:{MARK}(1)",
    "reference-vide": f"[]: javascript:{MARK}(1)\n\n[][]",
    "reference-dans-liste": f"- a\n- [r2]: javascript:{MARK}(1)\n\n[r2]",
    "abreviation": f"*[abc]: <b onmouseover={MARK}(1)>x</b>\n\nabc",
    "entites": f"&lt;script&gt;{MARK}(1)&lt;/script&gt; &#60;script&#62;{MARK}(1)&#60;/script&#62;",
    "attributs-emphase": f'*mot*{{: onclick="{MARK}(1)" }}',
    "attributs-paragraphe": f"Texte\n{{: onmouseover={MARK}(1) }}",
    "attributs-lien": f'[lien](https://exemple.fr){{: href="javascript:{MARK}(1)" }}',
    "attributs-echappes": f"*mot*\\{{: onclick={MARK}(1) \\}}",
    "md-in-html": f'<div markdown="1">[x](javascript:{MARK}(1))</div>',
    "inclusion": f'--8<-- "{SECRET}"',
    "inclusion-echappee": f';--8<-- "{SECRET}"',
    "inclusion-bloc": f"--8<--\n{SECRET}\n--8<--",
    "guillemets": f'" onmouseover="{MARK}(1)" x="',
    "fin-de-titre": f"</title><script>{MARK}(1)</script>",
    "fin-de-titre-entites": f"&lt;/title&gt;&lt;script&gt;{MARK}(1)&lt;/script&gt;",
    "titre-encadre": '# Titre injecté\n\n!!! danger "Alerte"\n    corps',
}
# Fields that are codes, ids, dates or vocabulary values, checked by the schemas: not free text.
CODED = {"id", "type", "stade", "echelle", "themes", "document", "lignes", "mise_a_jour", "residence", "pratiques_liees",
         "voir_aussi", "pistes", "categorie", "statut", "debut", "fin", "sigle", "depuis", "valeur", "adresse"}
SHORT_FIELDS = {"titre": 120, "fait": 300}


def _fixture(collection: str, name: str) -> dict:
    return yaml.safe_load((FIXTURES / "valide" / collection / name).read_text(encoding="utf-8"))


def _full_records() -> dict[str, dict]:
    """The valid fixtures with every optional text field filled in, so that each text field type is covered."""
    practice = _fixture("practices", "fiche-valide.yml")
    practice.update(publics=["Des publics"], objectifs=["Un objectif"], productions=["Une production"],
                    transferabilite="Transférable.", notes_source=["Une note"])
    practice["territoire"].update(departement=["Vaucluse"])
    practice["territoire"]["pays"] = "Belgique"
    entry = _fixture("glossary", "sigle-test.yml")
    entry.update(statut="historique", remplace_par="Une autre entrée", depuis=2019, variantes=["Sigle test"], alias=["Un autre nom"],
                 autres_sens=[{"forme_longue": "Autre forme", "definition": "Autre définition", "usage": "Un usage"}],
                 note_source="Une note sur la source.")
    report = _fixture("residences", "rapport-valide.yml")
    report.update(region="Provence", partenaires=["Un partenaire"], equipe=[{"nom": "Une personne", "role": "Un rôle",
                  "structure": "Une structure"}], chiffres_cles=[{"valeur": 3, "libelle": "Un chiffre"}],
                  suites="Des suites.", hors_fiches=[{"element": "Un élément", "raison": "Une raison"}],
                  notes_source=["Une note"])
    report["calendrier"][0].update(lieu="Un lieu", actions=["Une action"], chiffres=[{"valeur": 2, "libelle": "Un libellé"}],
                                   note="Une note d'étape.")
    report["axes"][0].update(constats=["Un constat"], obstacles=["Un obstacle"])
    reference = {"titre": "Un texte public", "adresse": "https://exemple.fr/texte", "fait": "Un fait"}
    for record in (practice, entry, report):
        record["references"] = [dict(reference)]
    return {"practices/fiche-valide.yml": practice, "glossary/sigle-test.yml": entry, "residences/rapport-valide.yml": report}


def _fill(value: object, payload: str, key: str = "") -> object:
    if isinstance(value, dict):
        return {name: item if name in CODED else _fill(item, payload, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_fill(item, payload, key) for item in value]
    if isinstance(value, str):
        return f"Texte {payload} fin"[:SHORT_FIELDS.get(key, 6000)]
    return value


def hostile_files(payload: str) -> dict[str, str]:
    return {path: yaml.safe_dump(_fill(copy.deepcopy(record), payload), allow_unicode=True, sort_keys=False)
            for path, record in _full_records().items()}


def test_every_text_field_type_is_filled():
    """The hostile records reach every free-text field of the three schemas (a new field must be added above)."""
    schemas = load_schemas(ROOT / "schemas")
    records = _full_records()
    for collection, path in (("practices", "practices/fiche-valide.yml"), ("glossary", "glossary/sigle-test.yml"),
                             ("reports", "residences/rapport-valide.yml")):
        properties = schemas.raw[registry.BY_NAME[collection].schema]["properties"]
        missing = set(properties) - set(records[path]) - CODED - {"terme"}
        assert missing == set(), f"{collection} : champs sans texte hostile : {sorted(missing)}"
    filled = [text for record in records.values() for _, text in walk_texts(_fill(record, "X"))]
    assert len(filled) >= 40


class _Dangers(HTMLParser):
    """Everything in a piece of HTML that could run script or load something from elsewhere."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        # The theme and our own pages use forms, images and charts: only those built from data are holes.
        if tag in ("iframe", "object", "embed", "base") or (tag in ("img", "svg", "form", "style") and MARK in str(attrs)):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action", "formaction", "xlink:href", "data", "srcset") and not link_target_is_safe(value):
                self.found.append(f"<{tag} {name}={value!r}>")
            if tag == "img" and name == "src" and re.match(r"^(https?:)?//", value):
                self.found.append(f"<img src={value!r}>")
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and MARK in data:
            self.found.append(f"<script>…{MARK}…</script>")


def dangers(html: str) -> list[str]:
    parser = _Dangers()
    parser.feed(html)
    return parser.found + ([SENTINEL] if SENTINEL in html else [])


def test_the_danger_detector_sees_what_it_must():
    assert dangers(f'<p onclick="{MARK}()">x</p><a href="javascript:x">y</a><a href="../a/">ok</a>') == [
        "<p onclick=…>", "<a href='javascript:x'>"]
    assert dangers(f"<script>{MARK}(1)</script><img src='https://ailleurs/x.png'>") == [
        f"<script>…{MARK}…</script>", "<img src='https://ailleurs/x.png'>"]
    assert dangers(f"<p>{SENTINEL}</p>") == [SENTINEL]
    assert dangers(f"<p>&lt;script&gt;{MARK}(1)&lt;/script&gt;</p>") == []


def _mkdocs_markdown(root: Path):
    """A Markdown converter with exactly the extensions and settings of mkdocs.yml, snippets reading `root`."""
    config = mkdocs_config()
    names, settings = [], {}
    for extension in config["markdown_extensions"]:
        name, options = next(iter(extension.items())) if isinstance(extension, dict) else (extension, {})
        names.append(name)
        settings[name] = dict(options or {})
    settings["pymdownx.snippets"].update(base_path=[str(root)], check_paths=False)
    return lambda text: markdown.markdown(text, extensions=names, extension_configs=settings)


def _generate_unchecked(root: Path, monkeypatch) -> None:
    """Generate pages even for links that `make check` refuses (TXT001): rendering must be safe on its own."""
    monkeypatch.setattr(catalogue, "FILE_CHECKS", [check for check in catalogue.FILE_CHECKS if "TXT001" not in check.codes])
    result, _, report = generate(root)
    assert report is not None, "\n".join(problem.format() for problem in result.errors)


def _hostile_project(base: Path, payload: str) -> Path:
    root = make_project(base, hostile_files(payload), with_valid=False)
    (root / SECRET).write_text(SENTINEL + "\n", encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs/index.md").write_text("# Accueil\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_generated_pages_carry_no_executable_markup(tmp_path, monkeypatch, name):
    root = _hostile_project(tmp_path / "projet", PAYLOADS[name])
    _generate_unchecked(root, monkeypatch)
    convert = _mkdocs_markdown(root)
    pages = [page for page in (root / "docs").rglob("*.md") if page.name != "index.md" or page.parent != root / "docs"]
    assert len(pages) >= 5
    abbreviations = (root / "build/abreviations.md").read_text(encoding="utf-8")
    assert "\n--8<--" not in abbreviations and "\n;--8<--" not in abbreviations
    for page in pages:
        text = page.read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
        assert SENTINEL not in text
        assert dangers(convert(body + "\n\n" + abbreviations)) == [], page.relative_to(root).as_posix()


def test_front_matter_title_and_description_stay_plain_text(tmp_path, monkeypatch):
    """Titles and summaries go to <title> and <meta content="…">, which MkDocs templates print without escaping."""
    root = _hostile_project(tmp_path / "projet", PAYLOADS["guillemets"] + PAYLOADS["fin-de-titre-entites"])
    _generate_unchecked(root, monkeypatch)
    page = (root / "docs/pratiques/fiche-valide.md").read_text(encoding="utf-8")
    front = yaml.safe_load(page.split("---\n")[1])
    for value in (front["title"], front["description"]):
        assert not set(value) & set('<>"'), value
        assert value.count("&") == value.count("&amp;"), "every & escaped, so that striptags cannot decode a tag"


def test_unsafe_links_are_refused_by_check_with_the_field_and_line(tmp_path):
    card = (FIXTURES / "valide/practices/fiche-valide.yml").read_text(encoding="utf-8")
    card = card.replace("probleme: Un problème décrit par la source.",
                        "probleme: Voir [ici](javascript:piege(1)) et [là](https://exemple.fr).")
    root = make_project(tmp_path / "projet", {"practices/fiche-valide.yml": card})
    problems = check_data(root, load_schemas(root / "schemas")).errors
    assert [problem.format() for problem in problems] == [(
        "practices/fiche-valide.yml:20:11 : TXT001 « probleme » contient un lien vers « javascript:piege(1) », adresse non "
        "autorisée : seuls les liens http, https, mailto et vers les pages du site sont permis. Supprimez le lien ou "
        "donnez une adresse web."
    )]


def test_allowed_markdown_still_works():
    convert = _mkdocs_markdown(ROOT)
    html = convert(prose("Du **gras**, de l'*italique*, du `code`, [un lien](https://exemple.fr), [écrire](mailto:a@b.fr), "
                         "[une page](../pratiques/ticket-d-or.md) et [une ancre](#sources).\n\n- un\n- deux"))
    assert "<strong>gras</strong>" in html and "<em>italique</em>" in html and "<code>code</code>" in html
    for href in ("https://exemple.fr", "mailto:a@b.fr", "../pratiques/ticket-d-or.md", "#sources"):
        assert f'href="{href}"' in html
    assert "<li>un</li>" in html


def _script_path(entry) -> str:
    return entry if isinstance(entry, str) else entry["path"]


def test_built_site_has_no_executable_markup(tmp_path, monkeypatch):
    """All payloads at once, built by MkDocs with the project's theme and extensions; every HTML page is read."""
    payload = " ".join(PAYLOADS[name] for name in sorted(PAYLOADS) if "\n" not in PAYLOADS[name])
    root = _hostile_project(tmp_path / "projet", payload)
    for name in ("practices", "residences"):
        # Titles are capped at 120 characters: give them the payloads that matter most for <title>.
        for path in (root / name).glob("*.yml"):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data["titre"] = (PAYLOADS["fin-de-titre-entites"] + PAYLOADS["guillemets"])[:120]
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _generate_unchecked(root, monkeypatch)
    config = mkdocs_config()
    for key in ("hooks", "nav", "watch"):
        config.pop(key, None)
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    # An entry is a path or, to load it deferred, a mapping with its path.
    config["extra_javascript"] = [script for script in config.get("extra_javascript", [])
                                  if (root / "docs" / _script_path(script)).exists()
                                  or _script_path(script).startswith("assets/")]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    (root / "docs/assets").mkdir(exist_ok=True)
    shutil.copytree(ROOT / "docs/assets", root / "docs/assets", dirs_exist_ok=True)
    site = tmp_path / "site"
    build = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "-q", "-d", str(site)], cwd=root,
                           capture_output=True, text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert build.returncode == 0, build.stderr
    pages = sorted(site.rglob("*.html"))
    assert any("pratiques/fiche-valide" in page.as_posix() for page in pages)
    found = {page.relative_to(site).as_posix(): dangers(page.read_text(encoding="utf-8")) for page in pages}
    assert {page: problems for page, problems in found.items() if problems} == {}
    card = (site / "pratiques/fiche-valide/index.html").read_text(encoding="utf-8")
    assert f"&lt;script&gt;{MARK}(1)&lt;/script&gt;" in card, "the payload is shown as text"


MARKUP_TOKENS = ["[", "]", "(", ")", "<", ">", "{", "}", ":", "!", "*", "_", "`", "\\", "\n", "\n\n", " ", "    ", "\t", "#",
                 '"', "'", "=", "&", "&#", ";", "x", "106", "javascript", "JavaScript", "data", "vbscript", "java&#9;script",
                 "&#58;", "onclick", "href", "img", "script", "https://exemple.fr", "- ", "--8<--", "*[", "]:", "![", "{:",
                 "!!!", "???", "markdown=1", "div", "a", "/"]


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(MARKUP_TOKENS), max_size=40).map("".join))
def test_no_arrangement_of_markup_gets_through_prose(text):
    convert = _mkdocs_markdown(ROOT)
    assert dangers(convert(prose(text))) == [], prose(text)
    assert dangers(convert(inline(text))) == [], inline(text)
