"""Small text helpers shared by the stages: accent folding, slugs, safe Markdown."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from html import escape, unescape

from .memo import memoized


def fold(text: str) -> str:
    """Lower case without accents, to compare what people type with what the data says."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if decomposed.isascii():
        return decomposed
    # The marks are looked up once per distinct character, not once per character (the search index folds
    # every word of every card).
    for mark in [char for char in set(decomposed) if unicodedata.combining(char)]:
        decomposed = decomposed.replace(mark, "")
    return decomposed


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
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
# A link title after the address: [texte](adresse "titre"), 'titre' or (titre).
_LINK_TITLE = re.compile(r"""\s+("[^"]*"|'[^']*'|\([^)]*\))\s*$""")
# Browsers drop tabs and newlines inside an address, and decode entities in attributes: « java&#9;script: » is
# still javascript. Compare addresses without them.
_INVISIBLE = re.compile(r"[\x00-\x20\x7f\\]+")
# [label]: … defines a link target (and *[SIGLE]: … an abbreviation) for the whole page, anywhere in a text,
# even inside a list item; a label has no brackets and may be empty.
_DEFINITION = re.compile(r"\[([^\[\]]*)\]:")
_HEADING = re.compile(r"^([ \t]*)#", re.MULTILINE)
_BLOCK_MARKER = re.compile(r"^([ \t]*)(!!!|\?\?\?)", re.MULTILINE)


def link_target_is_safe(target: str) -> bool:
    """http, https, mailto, or a page of the site (a path or an anchor, with no scheme)."""
    target = _INVISIBLE.sub("", unescape(_LINK_TITLE.sub("", target))).lower()
    scheme = _SCHEME.match(target)
    if scheme:
        return scheme.group(1) in SAFE_SCHEMES
    before_path = re.split(r"[/?#]", target, maxsplit=1)[0]
    return ":" not in before_path


def link_targets(text: str) -> Iterator[tuple[int, str]]:
    """(offset of « ]( », address) for every inline link or image of a Markdown text, whatever its brackets."""
    for match in re.finditer(r"\]\(", text):
        start = end = match.end()
        depth = 0
        while end < len(text) and (text[end] != ")" or depth):
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            end += 1
        yield match.start(), text[start:end]


def unsafe_links(text: str) -> list[tuple[int, str]]:
    return [(offset, target) for offset, target in link_targets(text) if not link_target_is_safe(target)]


# Pure, and called on the same texts at every regeneration of `make serve`: kept for the life of the process
# (scripts/pipeline/memo.py); read back from disk, they cost more than they save.
@memoized(limit=1 << 19, saved=False)
def prose(text: str) -> str:
    """Author prose as Markdown, limited to what the contributor guide allows: bold, italic, inline code, links
    to http, https, mailto or the site's pages, paragraphs and lists. Everything else is shown as typed: raw HTML
    (hence also snippet inclusion, « --8<-- »), images, attribute lists « {: … } », link and abbreviation
    definitions, headings, admonitions."""
    text = text.strip().replace("<", "&lt;")
    for offset, _ in reversed(unsafe_links(text)):
        # « ]\( » is no longer a link: the text shows as typed and the address never becomes an href.
        text = text[:offset + 1] + "\\" + text[offset + 1:]
    # Entities rather than backslashes: an author's own backslash cannot cancel them (« \\{ » would).
    text = text.replace("{", "&#123;").replace("}", "&#125;").replace("![", "&#33;[")
    text = _DEFINITION.sub(r"&#91;\1]:", text)
    text = _HEADING.sub(r"\1&#35;", text)
    return _BLOCK_MARKER.sub(lambda match: match.group(1) + "&#" + str(ord(match.group(2)[0])) + ";" + match.group(2)[1:], text)


@memoized(limit=1 << 19, saved=False)
def inline(text: str) -> str:
    """Prose that must stay on one line, such as a table cell."""
    return " ".join(prose(text).split()).replace("|", "\\|")


def html_text(text: str) -> str:
    """Author text placed inside HTML written by the render stage (the report's timeline): escaped, on one line,
    with no bracket or brace left for Markdown (md_in_html) to turn into a link or an attribute list."""
    text = escape(" ".join(text.split()))
    return text.replace("[", "&#91;").replace("]", "&#93;").replace("{", "&#123;").replace("}", "&#125;")


# The abbr extension's matching (a sigle as a whole word, the longest spelling first), written as a trie so that its
# cost does not grow with the glossary: scripts/hook/fast_abbr.py hands it to MkDocs, the glossary pages use it to
# find where each sigle is used.
_END = ""


def trie_pattern(keys: Iterable[str]) -> str:
    """A regular expression matching exactly what `\\b(?:k1|k2|…)\\b` matches, keys sorted longest first."""
    root: dict = {}
    for key in keys:
        if not key:
            continue
        node = root
        for char in key:
            node = node.setdefault(char, {})
        node[_END] = {}
    # The lookahead on the first characters lets the engine skip most positions at once: three times faster, and
    # the same matches, since every match starts with one of them.
    firsts = "".join(re.escape(char) for char in sorted(root))
    return rf"(?=[{firsts}])\b(?:{_branch(root)})\b" if root else rf"\b(?:{_branch(root)})\b"


def _branch(node: dict) -> str:
    children = [re.escape(char) + _branch(child) for char, child in sorted(node.items()) if char != _END]
    if not children:
        return ""
    body = children[0] if len(children) == 1 else "(?:" + "|".join(children) + ")"
    # Greedy: the longer abbreviation is tried first, and stopping here is the fallback, as with longest-first.
    return f"(?:{body})?" if _END in node else body
