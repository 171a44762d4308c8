"""The built site: strict build, a page per record, links and anchors that resolve, nothing from elsewhere."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from scripts.pipeline.run import find_data_files

from .conftest import ROOT
from .sitecheck import broken_links, external_resources, read_page

PRACTICE_IDS = [path.stem for path in find_data_files(ROOT)["practices"]]
GLOSSARY_IDS = [path.stem for path in find_data_files(ROOT)["glossary"]]


def html(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def text_of(site: Path, page: str) -> str:
    """Visible text of a page's main content, tags removed and spaces collapsed."""
    content = html(site, page)
    article = content[content.index('<article'):content.index('</article>')]
    return " ".join(re.sub(r"<[^>]+>", " ", article).replace("&nbsp;", " ").split())


def test_link_checker_detects_broken_links_and_anchors(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="a/#manque">ancre</a><a href="b/">absent</a>'
                                         '<a href="https://exemple.fr/">dehors</a>')
    (tmp_path / "a/index.html").write_text('<h2 id="la">x</h2><link rel="stylesheet" href="https://cdn.exemple/x.css">')
    assert broken_links(tmp_path) == ["index.html → a/#manque (ancre absente)", "index.html → b/"]
    assert external_resources(tmp_path) == ["a/index.html → https://cdn.exemple/x.css"]


def test_every_internal_link_and_anchor_resolves(built_site):
    assert broken_links(built_site) == []


def test_no_page_loads_anything_from_another_host(built_site):
    assert external_resources(built_site) == []
    assert "fonts.googleapis.com" not in html(built_site, "index.html")


@pytest.mark.parametrize("practice_id", PRACTICE_IDS)
def test_every_practice_has_its_page_with_the_sections(built_site, practice_id):
    text = text_of(built_site, f"pratiques/{practice_id}/index.html")
    for heading in ("En bref", "Problème", "Démarche", "Résultats", "Sources"):
        assert heading in text
    assert re.search(r"\(lignes? \d+(-\d+)?\)", text), "sources give their lines"
    assert 'href="../../reference/sources/#document-00' in html(built_site, f"pratiques/{practice_id}/index.html")


def test_no_page_shows_a_conversion_file_name(built_site):
    conversion = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")
    shown = [page.relative_to(built_site).as_posix() for page in built_site.rglob("*.html")
             if conversion.search(page.read_text(encoding="utf-8"))]
    assert shown == []


def test_the_sources_page_gives_each_document_its_reference_and_where_to_read_it(built_site):
    vocabulary = json.loads((ROOT / "schemas/vocabulaires.json").read_text(encoding="utf-8"))["$defs"]["document"]
    page = html(built_site, "reference/sources/index.html")
    for code, info in vocabulary["x-fichiers"].items():
        section = page[page.index(f'id="document-{code}"'):]
        section = section[:section.index("</ul>")]
        assert info["auteurs"].split(" ")[0] in section and info["date"] in section
        if "adresse" in info:
            assert f'href="{info["adresse"]}"' in section
        else:
            assert "Aucune adresse publique trouvée" in section


def test_public_references_are_shown_with_their_links(built_site):
    card = html(built_site, "pratiques/territoires-zero-chomeur-de-longue-duree/index.html")
    assert 'id="references-publiques"' in card
    assert 'href="https://www.legifrance.gouv.fr/eli/loi/2020/12/14/2020-1577/jo/texte"' in card
    entry = html(built_site, "glossaire/plie/index.html")
    assert 'id="references-publiques"' in entry
    assert 'href="https://www.legifrance.gouv.fr/eli/loi/2023/12/18/2023-1196/jo/texte"' in entry


def test_every_glossary_entry_has_a_stable_anchor(built_site):
    ids = read_page(built_site / "glossaire/index.html").ids
    assert set(GLOSSARY_IDS) <= ids
    assert {"lettre-c", "lettre-p", "lettre-s"} <= ids


def test_cards_and_glossary_entries_stay_out_of_the_navigation(built_site):
    home = html(built_site, "index.html")
    nav = home[home.index('<nav class="md-nav md-nav--primary'):]
    nav = nav[:nav.index("</nav>")]
    for practice_id in PRACTICE_IDS:
        assert f"pratiques/{practice_id}/" not in nav
    # The whole navigation (tabs and sidebar) names the glossary's index, never an entry's page.
    assert 'href="glossaire/"' in home
    assert re.findall(r'href="glossaire/([a-z0-9-]+)/"', home) == []


def test_theme_pages_and_index_list_every_card(built_site):
    index = html(built_site, "pratiques/index.html")
    for practice_id in PRACTICE_IDS:
        assert f'href="../{practice_id}/"' in index or f'href="{practice_id}/"' in index


def test_the_site_ships_its_own_search_index_not_materials(built_site):
    assert not (built_site / "search" / "search_index.json").exists()
    manifest = json.loads(html(built_site, "recherche/index.json"))
    assert manifest["documents"] > 0
    assert all((built_site / "recherche" / "t" / f"{key}.json").is_file() for key in manifest["shards"].split())
    assert 'id="recherche-formulaire"' in html(built_site, "recherche/index.html")


def test_generated_pages_name_the_file_to_edit():
    page = (ROOT / "docs/pratiques/ticket-d-or.md").read_text(encoding="utf-8")
    assert "à partir de practices/ticket-d-or.yml : modifiez ce fichier, pas cette page." in page


def test_contributor_field_tables_follow_the_schemas(built_site):
    for schema_file, page in (("pratique.schema.json", "reference/fiche-pratique/index.html"),
                              ("glossaire.schema.json", "reference/entree-glossaire/index.html")):
        schema = json.loads((ROOT / "schemas" / schema_file).read_text(encoding="utf-8"))
        content = html(built_site, page)
        for name in schema["properties"]:
            assert f"<code>{name}</code>" in content, f"{name} manque dans {page}"
