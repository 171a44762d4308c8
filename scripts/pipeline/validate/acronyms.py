"""Acronyms used in cards and hand-written pages must have a glossary entry or sit on the allow-list.

An acronym here is a token of two or more capital letters (digits and inner hyphens allowed: SPE-P, F2F),
not glued to a lower-case word. Roman numerals and tokens inside code or link targets are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..load import LoadedFile
from ..problems import ERROR, Problem
from ..text import walk_texts
from .catalogue import library_rule

_UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ"
TOKEN = re.compile(rf"(?<![\w-])([{_UPPER}][{_UPPER}0-9]*(?:-[{_UPPER}0-9]+)*)(?![\w-])")
# Centuries and chapter numbers (XIX, IV…); M, D, C and L are left out, so that ML or CD are read as sigles.
_ROMAN = re.compile(r"^(?=[XVI])(X{0,3})(I[XV]|V?I{0,3})$")
_CODE_OR_LINK = re.compile(r"`[^`]*`|\]\([^)]*\)|<[^>]+>|https?://\S+|\{[^}]*\}")


def find_acronyms(text: str) -> Iterator[tuple[int, str]]:
    """(offset, token) for every acronym-like token of a text."""
    masked = _CODE_OR_LINK.sub(lambda match: " " * len(match.group()), text)
    for match in TOKEN.finditer(masked):
        token = match.group(1)
        letters = sum(char.isalpha() for char in token)
        if letters >= 2 and not _ROMAN.match(token):
            yield match.start(1), token


def _unknown(token: str, known: set[str]) -> bool:
    """Known as a whole, or, for a hyphenated token (CUI-CAE), every part known."""
    if token in known:
        return False
    parts = token.split("-")
    return len(parts) == 1 or not all(part in known for part in parts)


# Fields that name things rather than explain them: ids, spellings, quoted source errors, section titles.
EXEMPT_FIELDS = {"id", "sigle", "terme", "variantes", "alias", "voir_aussi", "pratiques_liees", "residence", "sources",
                 "note_source", "notes_source"}


Candidate = tuple[str, int, int]   # token, line, column of the first value that uses it


def acronym_candidates(loaded: LoadedFile) -> tuple[Candidate, ...]:
    """Every acronym-like token of a record, once, at the first value that uses it (fields that name things are
    skipped). Computed with the file's own checks, so the build cache keeps it with the file."""
    found: dict[str, Candidate] = {}
    for data_path, text in walk_texts(loaded.data):
        if data_path and data_path[0] in EXEMPT_FIELDS:
            continue
        for _, token in find_acronyms(text):
            if token not in found:
                found[token] = (token, *loaded.position(data_path))
    return tuple(found.values())


def check_record_acronyms(candidates: Iterable[tuple[str, tuple[Candidate, ...]]], known: set[str]) -> Iterator[Problem]:
    """Each unknown acronym once per file (`candidates`: path and its tokens), at the first value that uses it."""
    for path, tokens in candidates:
        for token, line, column in tokens:
            if _unknown(token, known):
                yield Problem(path, line, column, "GLO004", _message(token), ERROR)


def check_page_acronyms(path: str, text: str, known: set[str]) -> Iterator[Problem]:
    """Hand-written Markdown pages: exact line and column; fenced code blocks are skipped."""
    reported: set[str] = set()
    in_fence = False
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence or line.startswith("*["):
            continue
        for offset, token in find_acronyms(line):
            if token not in reported and _unknown(token, known):
                reported.add(token)
                yield Problem(path, number, offset + 1, "GLO004", _message(token), ERROR)


def _message(token: str) -> str:
    return (f"sigle « {token} » absent du glossaire. Ajoutez glossary/{token.lower()}.yml, "
            f"ou inscrivez-le dans sigles-hors-glossaire.yml avec la raison.")


@library_rule("GLO004")
def check_acronyms(context) -> Iterator[Problem]:
    """Every capital word of the records and of the hand-written pages has an entry or is allowed."""
    yield from check_record_acronyms(((loaded.path, context.acronyms[loaded.path]) for loaded in context.all_files()),
                                     context.known_acronyms)
    for path, text in context.pages:
        yield from check_page_acronyms(path, text, context.known_acronyms)
