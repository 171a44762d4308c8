"""The search index, the facet data and the charts, checked on the real library (no browser needed)."""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter

import pytest

from scripts.pipeline.model import Practice
from scripts.pipeline.paths import glossary_url, practice_url, report_url
from scripts.pipeline.registry import COLLECTIONS
from scripts.pipeline.render import search
from scripts.pipeline.render.browse import FACET_DATA, regions_of, render_browse_pages
from scripts.pipeline.render.search import KEY, NAME, NAME_MARK, TITLE, analyse, key_term, shard_of, stem
from scripts.pipeline.run import build_library, check_data, hand_written_pages, load_schemas

from .conftest import ROOT


@pytest.fixture(scope="module")
def library():
    schemas = load_schemas(ROOT / "schemas")
    result = check_data(ROOT, schemas)
    assert not result.errors, [problem.format() for problem in result.errors]
    return build_library(result.files, schemas)


@pytest.fixture(scope="module")
def index(library):
    docs = ROOT / "docs"
    pages = {page.relative_to(docs).as_posix(): page.read_text(encoding="utf-8") for page in hand_written_pages(ROOT)}
    return search.render_search_index(library, pages, COLLECTIONS)


@pytest.mark.parametrize(("text", "terms"), [
    ("Débuggage", ["debuggag"]),
    ("DÉBUGGAGE", ["debuggag"]),
    ("pratiques", ["pratiqu"]),
    ("pratique", ["pratiqu"]),
    ("régionaux", ["regional"]),
    ("emplois", ["emploi"]),
    ("SPE-P", ["spe", "p", "spep"]),
    ("l'agence", ["lagenc", "agenc"]),
    ("l’agence", ["lagenc", "agenc"]),
    ("Cœur", ["coeur"]),
    ("le plan de la ville", ["plan", "vill"]),
    ("2024", ["2024"]),
])
def test_analyser_folds_splits_and_stems(text, terms):
    assert analyse(text) == terms


def test_stemmer_leaves_short_words_and_numbers():
    assert [stem(word) for word in ("ml", "rsa", "pse", "1998")] == ["ml", "rsa", "pse", "1998"]


def test_a_sigle_is_looked_up_whole_and_never_stemmed():
    assert key_term("SPE-P") == "spep" == analyse("SPE-P")[-1]
    assert key_term("P.L.I.E.") == key_term("PLIE") == "plie" != analyse("plie")[0]
    assert key_term("CDDE") == "cdde" != key_term("CDD")
    assert key_term("Pôle emploi") == key_term("pole-emploi") == "poleemploi"


def _postings(index: dict, term: str) -> dict[int, int]:
    shards = set(json.loads(index["recherche/index.json"])["shards"].split())
    shard = json.loads(index[f"recherche/t/{shard_of(term.removeprefix(NAME_MARK), shards)}.json"])
    values = shard[term]
    return dict(zip(values[::2], values[1::2]))


def _records(index: dict) -> list:
    records = []
    chunks = sorted((path for path in index if path.startswith("recherche/d/")),
                    key=lambda path: int(re.search(r"(\d+)\.json$", path).group(1)))
    for path in chunks:
        records += json.loads(index[path])
    return records


def test_manifest_names_exactly_the_shards_written(index):
    manifest = json.loads(index["recherche/index.json"])
    written = {re.match(r"recherche/t/(.+)\.json$", path).group(1) for path in index if path.startswith("recherche/t/")}
    assert set(manifest["shards"].split()) == written
    assert manifest["documents"] == len(_records(index))


def test_every_term_and_every_prefix_is_found_in_its_shard(index):
    shards = {re.match(r"recherche/t/(.+)\.json$", path).group(1): json.loads(text)
              for path, text in index.items() if path.startswith("recherche/t/")}
    terms = {term: key for key, shard in shards.items() for term in shard}
    assert {len(key) for key in shards} >= {2, 3}, "small groups merged, big ones split"
    for key, shard in shards.items():
        if len(key) == 2 and any(len(term) > 2 for term in shard):
            assert len(index[f"recherche/t/{key}.json"]) < search.MERGE_BELOW
    for term, key in terms.items():
        assert shard_of(term.removeprefix(NAME_MARK), set(shards)) == key, term
    # What the search box does with the word being typed: every term that starts with it is in one shard.
    for prefix in {term[:length] for term in terms for length in (3, 4) if len(term) >= length and term[0] != NAME_MARK}:
        holder = shards[shard_of(prefix, set(shards))]
        assert {term for term in terms if term.startswith(prefix)} <= set(holder), prefix


def test_every_posting_points_to_a_record(index):
    count = json.loads(index["recherche/index.json"])["documents"]
    for path, text in index.items():
        if path.startswith("recherche/t/"):
            for term, values in json.loads(text).items():
                assert term.removeprefix(NAME_MARK).startswith(path.rsplit("/", 1)[1][:-5]), (path, term)
                assert all(0 <= number < count for number in values[::2]), term
                assert all(score > 0 for score in values[1::2]), term


def test_a_sigle_outranks_every_card_that_uses_it(index, library):
    records = _records(index)
    for entry in library.glossary:
        if entry.is_acronym:
            postings = _postings(index, key_term(entry.label))
            number = next(n for n, record in enumerate(records) if record[0] == glossary_url(entry.id))
            assert postings[number] == KEY
            cards = [score for other, score in postings.items() if not records[other][0].startswith("glossaire/")]
            assert max(cards, default=0) < KEY, entry.id


def test_a_title_word_outranks_body_words(index, library):
    records = _records(index)
    numbers = {record[0]: number for number, record in enumerate(records)}
    card = next(practice for practice in library.practices if practice.id == "ticket-d-or")
    postings = _postings(index, "ticket")
    assert postings[numbers[practice_url(card.id)]] >= TITLE
    others = [score for number, score in postings.items() if not records[number][1].lower().startswith("ticket")]
    assert all(score < TITLE for score in others)


def test_records_link_to_real_pages(index, library):
    urls = {record[0] for record in _records(index)}
    assert {practice_url(practice.id) for practice in library.practices} <= urls
    assert {glossary_url(entry.id) for entry in library.glossary} <= urls
    assert {report_url(report.id) for report in library.reports} <= urls
    assert {"", "contribuer/", "contribuer/fiche/"} <= urls


def test_names_and_aliases_find_their_page_above_any_sigle(index, library):
    records = _records(index)
    numbers = {record[0]: number for number, record in enumerate(records)}
    names = {"poleemploi": glossary_url("pole-emploi"), "ft": glossary_url("france-travail"), "reseaufrancetravail": glossary_url("reseau-pour-l-emploi"),
             "ticketdor": practice_url("ticket-d-or"), "cdde": glossary_url("cdde")}
    for name, url in names.items():
        assert _postings(index, NAME_MARK + name) == {numbers[url]: NAME}, name
    # Pôle emploi was replaced by France Travail: right after it for « france travail ».
    assert _postings(index, NAME_MARK + "francetravail") == {numbers[glossary_url("france-travail")]: NAME,
                                                             numbers[glossary_url("pole-emploi")]: search.SUCCESSOR}
    # A one-word alias is looked up like a sigle, with the sigle's weight.
    assert _postings(index, "ft")[numbers[glossary_url("france-travail")]] == KEY < NAME


def test_vocabulary_by_length_keeps_accents_and_leaves_out_short_and_stop_words(index):
    manifest = json.loads(index["recherche/index.json"])
    buckets = {length: json.loads(index[f"recherche/v/{length}.json"]) for length in manifest["vocabulary"]}
    for length, words in buckets.items():
        assert all(len(key_term(word)) == length >= 3 for word in words), length
        counts = list(words.values())
        assert counts == sorted(counts, reverse=True), "most used first"
        assert not set(map(key_term, words)) & search.STOP_WORDS
    assert "débuggage" in buckets[9] and "debuggage" not in buckets[9]
    assert "SPE-P" in buckets[4] or "spep" in buckets[4]


def test_kinds_are_ranges_of_documents_in_the_registry_order(index):
    manifest = json.loads(index["recherche/index.json"])
    records = _records(index)
    start = 0
    for section, label, end in manifest["kinds"]:
        assert label and end >= start
        urls = [record[0] for record in records[start:end]]
        if section != "pages":
            assert all(url.startswith(section + "/") for url in urls), section
        else:
            assert not any(url.startswith(tuple(kind[0] + "/" for kind in manifest["kinds"][:-1])) for url in urls)
        start = end
    assert start == manifest["documents"]
    assert [kind[0] for kind in manifest["kinds"]] == [collection.section for collection in COLLECTIONS] + ["pages"]


def test_facet_data_matches_the_cards(library):
    data = json.loads(render_browse_pages(library)[FACET_DATA])
    facets = {facet["cle"]: facet for facet in data["facettes"]}
    assert list(facets) == ["theme", "type", "stade", "echelle", "region", "document", "rapport"]
    assert len(data["fiches"]) == len(library.practices)
    theme_values = [value[1] for value in facets["theme"]["valeurs"]]
    counted = Counter(theme_values[index] for card in data["fiches"] for index in card[4][0])
    assert counted == Counter(theme for practice in library.practices for theme in practice.themes)
    slugs = [value[0] for facet in data["facettes"] for value in facet["valeurs"]]
    assert all(re.fullmatch(r"[a-z0-9-]+", slug) for slug in slugs)
    for card in data["fiches"]:
        assert all(card[4][position] for position in (0, 1, 2, 3, 4, 5, 6)), card[0]


def test_region_of_a_card():
    base = {"id": "x", "path": "x", "titre": "x", "resume": "x", "type": "outil", "stade": "idée", "echelle": "local",
            "themes": ("jeunesse",), "probleme": "x", "demarche": ("x",), "resultats": "x", "sources": (),
            "mise_a_jour": "2026-01-01"}
    assert regions_of(Practice(**base, region=("Grand Est",), pays="France")) == ("Grand Est",)
    assert regions_of(Practice(**base, region=("Bretagne", "Normandie"))) == ("Bretagne", "Normandie")
    assert regions_of(Practice(**base, region=("Bavière",), pays="Allemagne")) == ("Allemagne (étranger)",)
    assert regions_of(Practice(**{**base, "echelle": "national"}, pays="France")) == ("France entière",)
    assert regions_of(Practice(**base)) == ("non précisée",)


def test_charts_are_svg_with_one_bar_per_value(library):
    page = render_browse_pages(library)["pratiques/chiffres.md"]
    charts = re.findall(r'<figure class="graphique" id="([a-z-]+)" markdown="1">(.*?)</figure>', page, re.DOTALL)
    assert [name for name, _ in charts] == ["graphique-themes", "graphique-stades", "graphique-regions"]
    bars = {name: len(re.findall(r'<rect class="graphique-barre"', body)) for name, body in charts}
    assert bars["graphique-themes"] == len(library.vocabularies["theme"].values)
    assert bars["graphique-stades"] == len(library.vocabularies["stade"].values)
    assert bars["graphique-regions"] == len({region for practice in library.practices for region in regions_of(practice)})
    stage_counts = Counter(practice.stade for practice in library.practices)
    stages = dict(re.findall(r'graphique-libelle">([^<]+)</span><span class="visuellement-cache"> : (\d+) fiches?</span>'
                             r'.*?\]\([./]*pratiques/filtres\.md\?stade=[a-z-]+\)', dict(charts)["graphique-stades"]))
    assert stages == {stage: str(stage_counts[stage]) for stage in library.vocabularies["stade"].values}

def _edited(library, number: int, **changes):
    """The library with one card changed."""
    practices = list(library.practices)
    practices[number] = dataclasses.replace(practices[number], **changes)
    return dataclasses.replace(library, practices=tuple(practices))


def _whole(library, pages):
    """The index built without anything carried from a previous run."""
    search.INDEX_STATE.replace({})
    return search.render_search_index(library, pages, COLLECTIONS)


@pytest.mark.parametrize("merge_below", [search.MERGE_BELOW, 2000, 300])
def test_the_index_patched_after_edits_is_the_index_built_whole(library, monkeypatch, merge_below):
    """One card, then several, reworded, retitled in place, emptied of a field, given words no other page has; an
    entry of the glossary; then back to the start: each time, the files of an index built from nothing. Smaller
    shard limits make groups of terms split, and cross the limit either way, far more often."""
    monkeypatch.setattr(search, "MERGE_BELOW", merge_below)
    pages = {page.relative_to(ROOT / "docs").as_posix(): page.read_text(encoding="utf-8") for page in hand_written_pages(ROOT)}
    patched: list[bool] = []
    real = search._patch

    def spy(*arguments):
        result = real(*arguments)
        patched.append(result is not None)
        return result

    monkeypatch.setattr(search, "_patch", spy)
    first = library.practices[0]
    steps = [
        _edited(library, 0, resume=first.resume + " Ajout de mots rarissimes : zorglub, quixotique, SPE-P."),
        _edited(library, 0, titre=first.titre + " (révisée)", probleme=""),
        _edited(_edited(library, 5, resultats="Résultat réécrit entièrement."), 40, themes=()),
        dataclasses.replace(library, glossary=(dataclasses.replace(library.glossary[0], definition="Une définition neuve."),
                                               *library.glossary[1:])),
        # Enough new words of one group to make it cross the limit, then (back to the start) cross it back.
        _edited(library, 7, resume=" ".join(f"zorglub{first}{second}" for first in "abcdefgh" for second in "ijklmnop")),
        library,
    ]
    _whole(library, pages)
    for step in steps:
        patched.clear()
        carried = search.render_search_index(step, pages, COLLECTIONS)
        assert patched == [True]
        assert carried == _whole(step, pages)
        # The next step patches what this one carried, as the next run would.
        search.render_search_index(step, pages, COLLECTIONS)


def test_a_damaged_carried_index_is_built_whole(library):
    pages = {page.relative_to(ROOT / "docs").as_posix(): page.read_text(encoding="utf-8") for page in hand_written_pages(ROOT)}
    expected = _whole(library, pages)
    edited = _edited(library, 3, resume="Un résumé tout neuf.")
    # A term file lost, as an interrupted run could leave the state: the seal no longer matches.
    some_file = next(key for key in search.INDEX_STATE.values("t/"))
    search.INDEX_STATE.put(some_file, None)
    assert search.render_search_index(edited, pages, COLLECTIONS) == _whole(edited, pages)
    assert search.render_search_index(library, pages, COLLECTIONS) == expected
