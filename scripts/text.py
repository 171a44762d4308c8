"""Small text helpers shared by the stages: accent folding, slugs, safe Markdown."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lower case without accents, to compare what people type with what the data says."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def slugify(text: str) -> str:
    """ASCII kebab-case, the form of every id and generated file name."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text).replace("œ", "oe").replace("æ", "ae")).strip("-")


def prose(text: str) -> str:
    """Author prose as Markdown: simple Markdown kept, raw HTML neutralised."""
    return text.strip().replace("<", "&lt;")


def inline(text: str) -> str:
    """Prose that must stay on one line, such as a table cell."""
    return " ".join(prose(text).split()).replace("|", "\\|")
