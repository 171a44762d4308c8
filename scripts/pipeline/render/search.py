"""The site's search index: small static JSON files that docs/assets/recherche.js fetches on demand.

Material's default index is the full text of every page, several megabytes once the library grows, and it neither
folds accents nor keeps « SPE-P » whole. Here every page becomes a short record (title, kind, summary) and its
words become terms in an inverted index split into shards by the terms' first letters: the browser only downloads
the manifest, the shards of the words typed and the records it shows. A vocabulary split by word length lets the
browser correct a slip (« debugage » → débuggage) by fetching only the words of about the same length.

The analyser (fold, split, stem, key) is mirrored in recherche.js; a browser test checks both give the same terms.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from functools import lru_cache

from ..memo import memoized, text_digest
from ..model import Library
from ..paths import SEARCH, SEARCH_PAGE, page_url
from ..text import fold
from .common import SearchDocument, header, search_summary

FOLDER = SEARCH
SHARD_PREFIX = 3
# Terms sharing two first letters stay in one shard while it is this small (bytes of JSON): a few hundred files
# fewer to write and to copy into the site, for a download of a few kilobytes more.
MERGE_BELOW = 16_000
CHUNK_SIZE = 200

# Field weights: a name typed whole (title, alias) outranks everything, then a sigle typed whole, then a title word,
# which outranks any number of body words.
NAME, KEY, TITLE, TAG, BODY_MAX = 200, 100, 10, 4, 3
# What replaced a historical entry, typed whole, brings that entry right after the one that bears the name.
SUCCESSOR = NAME // 2
# Names live in the same shards as terms, told apart by this mark: a query word never matches a name, only the
# whole query does (« pole emploi » → =poleemploi).
NAME_MARK = "="
# Words shorter than this are left out of the vocabulary: only words of 4 letters or more are corrected, and a
# correction is at most two letters shorter.
VOCABULARY_MIN = 3

STOP_WORDS = frozenset((
    "a", "au", "aux", "avec", "c", "ce", "ces", "cet", "cette", "d", "dans", "de", "des", "du", "elle", "en", "est",
    "et", "il", "ils", "j", "l", "la", "le", "les", "leur", "leurs", "m", "n", "ne", "on", "par", "pas", "pour",
    "qu", "que", "qui", "s", "sa", "se", "ses", "son", "sont", "sur", "t", "un", "une", "y",
))

_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ELISION = re.compile(r"\b(qu|[cdjlmnst])['’]([a-z0-9]+)")
_SURFACE = re.compile(r"[^\W_]+")
_NOT_KEY = re.compile(r"[^a-z0-9]")
SHORT_TITLE = 6
# The site's own pages (home, contributor guide): listed after the records, whatever their score.
PAGES_KIND = "pages"


def stem(word: str) -> str:
    """A light French stemmer: plurals and a final e, so that « pratiques » finds « pratique »."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("aux") and len(word) > 4:
        word = word[:-3] + "al"
    elif word[-1] in "sx":
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def _fold(text: str) -> str:
    return fold(text).replace("œ", "oe").replace("æ", "ae")


def analyse(text: str) -> list[str]:
    """Terms of a text: folded, split on apostrophes, hyphens and punctuation, stemmed. A hyphenated word also
    gives its parts joined (« SPE-P » → spe, p, spep), so a sigle typed whole still matches, and an elided word
    gives its joined form too (« l'agence » → agenc, lagenc), for those who type without apostrophes."""
    return _analysed(text)[0]


def _analysed(text: str) -> tuple[list[str], list[str]]:
    """The terms of a text and its words (folded, hyphenated ones whole), which the vocabulary counts."""
    folded = _fold(text)
    terms = [_stem_cached(article + word) for article, word in _ELISION.findall(folded)]
    compounds = _WORD.findall(folded)
    for compound in compounds:
        terms += _compound_terms(compound)
    return terms, compounds


# Words repeat across the library: each distinct word is stemmed once (a third of the index's time otherwise).
_stem_cached = lru_cache(maxsize=1 << 17)(stem)


@lru_cache(maxsize=1 << 17)
def _compound_terms(compound: str) -> tuple[str, ...]:
    parts = compound.split("-")
    terms = tuple(stem(part) for part in parts if part not in STOP_WORDS)
    return terms + (stem("".join(parts)),) if len(parts) > 1 else terms


def _page_words(compounds: frozenset[str]) -> set[str]:
    """A page's words for the vocabulary: each word once, a hyphenated one by its parts and whole (« spep »)."""
    words = {compound for compound in compounds if "-" not in compound}
    for compound in compounds - words:
        words.update(compound.split("-"))
        words.add(compound.replace("-", ""))
    return words


def key_term(text: str) -> str:
    """How a sigle or a name is looked up: folded, letters and digits only, never stemmed (« SPE-P » → spep,
    « CDDE » → cdde, not the cdd of « CDD »)."""
    return _NOT_KEY.sub("", _fold(text))


def _page_documents(pages: dict[str, str]) -> list[SearchDocument]:
    """Hand-written pages (home, contributor guide), by their first heading and their text."""
    documents = []
    for path, text in sorted(pages.items()):
        body = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.DOTALL)
        heading = re.search(r"^# (.+)$", body, re.MULTILINE)
        title = heading.group(1).strip() if heading else path
        url = page_url(path)
        paragraphs = [line for line in body.splitlines() if line and not line.startswith(("#", "<", "|", "!", "-", "`"))]
        documents.append(SearchDocument(url, title, "Page", search_summary(" ".join(paragraphs[:2])), (), (), (body,)))
    return documents


def search_documents(library: Library, pages: dict[str, str], collections) -> tuple[list[SearchDocument], list[list]]:
    """The collections' documents (in the registry's order), then the pages; and the kinds, as [section, label, end]:
    a kind is a range of document numbers, so the browser counts and filters results without fetching records."""
    documents: list[SearchDocument] = []
    kinds = []
    for collection in collections:
        documents += collection.index(library)
        kinds.append([collection.section, collection.words[:1].upper() + collection.words[1:], len(documents)])
    documents += _page_documents(pages)
    kinds.append([PAGES_KIND, "Pages du site", len(documents)])
    return documents, kinds


# A document is scored again only when it changed (scripts/pipeline/memo.py); the results are read, never changed.
@memoized(limit=1 << 17, key=lambda document: text_digest(repr(document)))
def _scores(document: SearchDocument) -> tuple[dict[str, int], list[str]]:
    """The document's terms with their scores, and the words of its text (for the vocabulary)."""
    # One text, one pass: no term spans a line break, so the terms are those of each text in turn.
    terms, words = _analysed("\n".join(document.body))
    counts = Counter(terms)
    scores = {term: min(count, BODY_MAX) for term, count in counts.items()}
    # A short title that contains the word is a better answer than a long one that also does.
    title_terms = analyse(document.title)
    title_weight = TITLE + max(0, SHORT_TITLE - len(set(title_terms)))
    weighted = ([(TAG, analyse(text)) for text in document.tags] + [(TITLE, analyse(text)) for text in document.names]
                + [(title_weight, title_terms)])
    for weight, terms in weighted:
        for term in terms:
            scores[term] = max(scores.get(term, 0), weight + min(counts.get(term, 0), BODY_MAX))
    for text in document.keys:
        scores[key_term(text)] = KEY
    for text in document.successors:
        if key_term(text):
            scores[NAME_MARK + key_term(text)] = SUCCESSOR
    for text in document.names or (document.title,):
        if key_term(text):
            scores[NAME_MARK + key_term(text)] = NAME
    return scores, words


def _vocabulary(documents: list[SearchDocument], words: Counter) -> dict[int, dict[str, int]]:
    """Every word of 3 letters or more with the number of pages that hold it (`words`: folded words of the texts,
    counted once per page), grouped by length: what a slip is corrected to. A word of a title, name, tag or sigle
    is shown as written there (accents kept, the form most pages use); a word only found in texts, folded."""
    forms: Counter = Counter()
    for document in documents:
        forms.update(set(_SURFACE.findall(" ".join((document.title, *document.names, *document.tags)).lower()))
                     | set(document.keys))
    best: dict[str, str] = {}
    for form, count in forms.items():
        folded = key_term(form)
        # A word of titles only is counted by the pages whose title holds it.
        words[folded] = max(words[folded], count)
        if folded not in best or (count, form) > (forms[best[folded]], best[folded]):
            best[folded] = form
    buckets: dict[int, dict[str, int]] = defaultdict(dict)
    for folded, count in sorted(words.items(), key=lambda item: (-item[1], item[0])):
        if len(folded) >= VOCABULARY_MIN and not folded.isdigit() and folded not in STOP_WORDS:
            buckets[len(folded)][best.get(folded, folded)] = count
    return buckets


def render_search_index(library: Library, pages: dict[str, str], collections) -> dict[str, str]:
    """Manifest, record chunks, term shards and vocabulary, as files under docs/recherche/. `collections`: the
    registry's rows (their index function, section and name)."""
    documents, kinds = search_documents(library, pages, collections)
    groups: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    # Documents in order, so every posting list is sorted by document; terms are sorted when written.
    words: Counter = Counter()
    for number, document in enumerate(documents):
        scores, body_words = _scores(document)
        for term, score in scores.items():
            groups[term.removeprefix(NAME_MARK)[:SHARD_PREFIX - 1]][term] += (number, score)
        words.update(_page_words(frozenset(body_words)))
    files = {}
    shards = []
    for group, terms in groups.items():
        for key, shard in _split(group, terms):
            files[f"{FOLDER}/t/{key}.json"] = shard
            shards.append(key)
    for start in range(0, len(documents), CHUNK_SIZE):
        records = [[document.url, document.title, document.kind, document.summary]
                   for document in documents[start:start + CHUNK_SIZE]]
        files[f"{FOLDER}/d/{start // CHUNK_SIZE}.json"] = _json(records)
    vocabulary = _vocabulary(documents, words)
    for length, bucket in vocabulary.items():
        files[f"{FOLDER}/v/{length}.json"] = _json(bucket)
    manifest = {"version": 2, "documents": len(documents), "chunk": CHUNK_SIZE, "prefix": SHARD_PREFIX,
                "shards": " ".join(sorted(shards)), "stop": " ".join(sorted(STOP_WORDS)),
                "vocabulary": sorted(vocabulary), "kinds": kinds}
    files[f"{FOLDER}/index.json"] = _json(manifest)
    files[SEARCH_PAGE] = render_search_page()
    return files


def _split(group: str, terms: dict[str, list[int]]) -> list[tuple[str, str]]:
    """One shard named after the two letters, or, when that is too big, one per three first letters."""
    whole = _json(dict(sorted(terms.items())))
    if len(whole) < MERGE_BELOW:
        return [(group, whole)]
    split: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for term, postings in terms.items():
        split[term.removeprefix(NAME_MARK)[:SHARD_PREFIX]][term] = postings
    return [(key, _json(dict(sorted(part.items())))) for key, part in split.items()]


def shard_of(term: str, shards: set[str]) -> str | None:
    """The shard holding `term`, or every term that starts with it (3 letters or more), as recherche.js finds it:
    a three-letter shard exists only when its two-letter group was split, so the longer name is tried first."""
    for key in (term[:SHARD_PREFIX], term[:SHARD_PREFIX - 1]):
        if key in shards:
            return key
    return None


def render_search_page() -> str:
    """The form works with the address alone (?q=…); recherche.js fills in the results."""
    return "\n".join([
        header("Rechercher", "practices/, glossary/ et residences/", "Rechercher une pratique, un sigle ou une notion.",
               hide=("toc",)),
        "# Rechercher\n",
        ('<form id="recherche-formulaire" class="recherche-formulaire" role="search" action="./" method="get">'
         '<label for="recherche-champ">Une pratique, un sigle, un territoire, une notion :</label> '
         '<input id="recherche-champ" type="search" name="q" autocomplete="off" spellcheck="false" '
         'placeholder="par exemple : plie, job dating, l\'agence, debuggage"> '
         '<button type="submit" class="md-button md-button--primary">Rechercher</button></form>\n'),
        '<p id="recherche-etat" class="recherche-etat" role="status" aria-live="polite"></p>\n',
        '<div id="recherche-filtres" class="recherche-filtres" role="group" aria-label="Type de page" hidden></div>\n',
        '<ol id="recherche-resultats" class="recherche-resultats"></ol>\n',
        '<button type="button" id="recherche-plus" class="md-button" hidden>Afficher plus de résultats</button>\n',
        ('<noscript><p>La recherche a besoin de JavaScript. Sans lui, parcourez <a href="../pratiques/">toutes les '
         'pratiques</a>, <a href="../themes/">les thèmes</a> ou <a href="../glossaire/">le glossaire de A à Z</a>.'
         '</p></noscript>\n'),
        ("Majuscules et accents sont indifférents, un mot peut être tapé en partie (« accomp ») ou avec une faute de "
         "frappe (« debugage »), un sigle avec ou sans tiret. Les pratiques se filtrent aussi par thème, stade, échelle ou région sur la page "
         "[Filtrer les pratiques](../pratiques/filtres.md).\n"),
    ])


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"
