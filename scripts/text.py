"""Small text helpers shared by the stages: accent folding, slugs, safe Markdown."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator


def fold(text: str) -> str:
    """Lower case without accents, to compare what people type with what the data says."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def walk_texts(value: object, data_path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every text of a loaded record, with its path (keys and list indexes) for locating problems."""
    if isinstance(value, str):
        yield data_path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk_texts(item, data_path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk_texts(item, data_path + (index,))


def slugify(text: str) -> str:
    """ASCII kebab-case, the form of every id and generated file name."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text).replace("œ", "oe").replace("æ", "ae")).strip("-")


SAFE_SCHEMES = ("http", "https", "mailto")
_LINK = re.compile(r"\[([^\]]*)\]\(\s*([^)\s]*)[^)]*\)")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_REFERENCE_DEFINITION = re.compile(r"^(\s*)\[([^\]]+)\]:", re.MULTILINE)


def _safe_link(match: re.Match) -> str:
    scheme = _SCHEME.match(match.group(2))
    if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
        return match.group(1)
    return match.group(0)


def prose(text: str) -> str:
    """Author prose as Markdown: simple Markdown kept; raw HTML, unsafe links (javascript:, data:…) and link
    definitions neutralised."""
    text = text.strip().replace("<", "&lt;")
    text = _LINK.sub(_safe_link, text)
    return _REFERENCE_DEFINITION.sub(r"\1\\[\2]:", text)


def inline(text: str) -> str:
    """Prose that must stay on one line, such as a table cell."""
    return " ".join(prose(text).split()).replace("|", "\\|")
