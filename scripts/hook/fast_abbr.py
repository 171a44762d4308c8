"""A faster matcher for Python-Markdown's abbr extension, with the same matches and the same HTML.

The abbr tree processor searches every text of a page with one alternation of all known abbreviations, longest
first. Python's regular expressions try each alternative in turn at every word boundary, so the cost of a page grew
with the size of the glossary (a third of `mkdocs build` with 850 abbreviations). The same set written as a trie
(common prefixes shared, longer continuations tried before stopping) gives the same match at every position —
the longest abbreviation followed by a word boundary — in a fraction of the time.

Only MkDocs uses it (through scripts/mkdocs_hook.py); Zensical ignores hooks and keeps the stock processor.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.extensions.abbr import AbbrTreeprocessor

from scripts.pipeline.text import trie_pattern

# The pattern lives with the text helpers: the glossary pages use the same matching to list where a sigle is used.
__all__ = ["TrieAbbrExtension", "trie_pattern"]


class TrieAbbrTreeprocessor(AbbrTreeprocessor):
    # Pages rarely define abbreviations of their own: the last compiled set is almost always the next one.
    _last: tuple[frozenset, re.Pattern] | None = None

    def run(self, root):
        if not self.abbrs:
            return
        keys = frozenset(self.abbrs)
        if TrieAbbrTreeprocessor._last is None or TrieAbbrTreeprocessor._last[0] != keys:
            TrieAbbrTreeprocessor._last = (keys, re.compile(trie_pattern(keys)))
        self.RE = TrieAbbrTreeprocessor._last[1]
        self.iter_element(root)


class TrieAbbrExtension(Extension):
    """Must come after `abbr`: takes over its tree processor, keeping its shared dictionary of abbreviations."""

    def extendMarkdown(self, md: Markdown) -> None:
        if "abbr" not in md.treeprocessors:
            return
        stock = md.treeprocessors["abbr"]
        md.treeprocessors.register(TrieAbbrTreeprocessor(md, stock.abbrs), "abbr", 7)
