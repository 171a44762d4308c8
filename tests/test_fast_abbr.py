"""The trie matcher of scripts/fast_abbr.py finds what the stock abbr alternation finds, and the HTML is the same."""

from __future__ import annotations

import re

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.hook.fast_abbr import TrieAbbrExtension, trie_pattern
from scripts.pipeline.registry import COLLECTIONS
from scripts.pipeline.render.acronyms import (
    ABBREVIATIONS,
    DICTIONARY,
    acronym_dictionary,
    read_dictionary,
    render_acronym_dictionary,
)
from scripts.pipeline.run import build_library, check_data, load_schemas

from .conftest import ROOT


def _stock(keys: list[str]) -> re.Pattern:
    """The pattern Python-Markdown's AbbrTreeprocessor builds (markdown/extensions/abbr.py)."""
    ordered = sorted(keys, key=len, reverse=True)
    return re.compile(f"\\b(?:{'|'.join(re.escape(key) for key in ordered)})\\b")


def _matches(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


# Few letters, so that keys share prefixes and extend one another (SPE, SPE-P, SPE P…), as real graphies do.
_CHARS = st.sampled_from(list("ABCÉé -.'2"))
_KEYS = st.lists(st.text(_CHARS, min_size=1, max_size=6).filter(lambda key: key.strip() == key and key.strip()),
                 min_size=1, max_size=25, unique=True)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(keys=_KEYS, noise=st.lists(st.text(_CHARS, max_size=4), max_size=12), picks=st.lists(st.integers(0, 24), max_size=12))
def test_trie_matches_the_stock_alternation(keys, noise, picks):
    text = " ".join(part for pick, extra in zip(picks, noise + [""] * len(picks))
                    for part in (keys[pick % len(keys)], extra))
    assert _matches(re.compile(trie_pattern(keys)), text) == _matches(_stock(keys), text)


def test_trie_on_the_real_dictionary_and_pages():
    # Every abbreviation and graphy of the glossary, searched in every data file of the repository.
    keys = list(acronym_dictionary(_real_library()))
    assert len(keys) > 200
    text = "\n".join(path.read_text(encoding="utf-8") for collection in COLLECTIONS
                     for path in sorted((ROOT / collection.folder).glob("*.yml")))
    found = _matches(re.compile(trie_pattern(keys)), text)
    assert len(found) > 1000
    assert found == _matches(_stock(keys), text)


def _real_library():
    schemas = load_schemas(ROOT / "schemas")
    return build_library(check_data(ROOT, schemas).files, schemas)


def test_the_hook_and_zensical_read_the_same_dictionary():
    # MkDocs gets the dictionary from build/sigles.json through the hook; Zensical appends build/abreviations.md to
    # every page. Both come from one dictionary and must give the same HTML.
    files = render_acronym_dictionary(_real_library())
    glossary = read_dictionary(files[DICTIONARY])
    text = "Le SPE-P, le PLIE, la DIRECCTE et Pôle emploi ; l'ANPE, un CAP et l'Assédic.\n\n| CREFOP | SPE |\n|---|---|\n| a | b |"
    with_glossary = markdown.markdown(text, extensions=["abbr", "tables"], extension_configs={"abbr": {"glossary": glossary}})
    appended = markdown.markdown(text + "\n\n" + files[ABBREVIATIONS], extensions=["abbr", "tables"])
    assert with_glossary == appended
    assert with_glossary.count("<abbr") >= 8


def test_same_html_with_the_trie_processor():
    glossary = {"SPE": "service public de l'emploi", "SPE-P": "service public de l'emploi de proximité",
                "CAP": "certificat d'aptitude professionnelle", "Cap emploi": "réseau pour l'emploi des travailleurs "
                "handicapés", "PLIE": "plan local pour l'insertion et l'emploi"}
    text = ("Le SPE-P et le SPE, avec Cap emploi et le PLIE ; un CAP, pas un CAPES. *[CRI]: cri\n\n"
            "| SPE | `SPE` |\n|---|---|\n| [PLIE](plie.md) | Cap emploi. |\n\n*[PLIES]: pluriel\n\nDes PLIES, des PLIE.")
    config = {"abbr": {"glossary": glossary}}
    stock = markdown.markdown(text, extensions=["abbr", "tables"], extension_configs=config)
    fast = markdown.markdown(text, extensions=["abbr", "tables", TrieAbbrExtension()], extension_configs=config)
    assert fast == stock
    assert stock.count("<abbr") == 10
    assert '<abbr title="service public de l\'emploi de proximité">SPE-P</abbr>' in fast
    assert "<code>SPE</code>" in fast


def test_takes_over_only_when_abbr_is_there():
    assert markdown.markdown("Le SPE.", extensions=[TrieAbbrExtension()]) == "<p>Le SPE.</p>"
