"""The site's search index: small static JSON files that docs/assets/recherche.js fetches on demand.

Material's default index is the full text of every page, several megabytes once the library grows, and it neither
folds accents nor keeps « SPE-P » whole. Here every page becomes a short record (title, kind, summary) and its
words become terms in an inverted index split into shards by the terms' first letters: the browser only downloads
the manifest, the shards of the words typed and the records it shows. A vocabulary split by word length lets the
browser correct a slip (« debugage » → débuggage) by fetching only the words of about the same length.

The analyser (fold, split, stem, key) is mirrored in recherche.js; a browser test checks both give the same terms.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
from collections import Counter, defaultdict
from functools import lru_cache

from ..memo import MISSING, Carried, memoized, value_digest
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
@memoized(limit=1 << 17, key=value_digest)
def _scores(document: SearchDocument) -> tuple[tuple[tuple[str, tuple[str, ...], tuple[int, ...]], ...], frozenset[str]]:
    """The document's terms with their scores, by the shard group they go to (group, terms, scores: what the index
    assembles, in few objects, which are what reading the memo back costs), and the words of its page for the
    vocabulary."""
    scores, words = _term_scores(document)
    grouped: dict[str, list[str]] = defaultdict(list)
    for term in scores:
        grouped[term.removeprefix(NAME_MARK)[:SHARD_PREFIX - 1]].append(term)
    return (tuple((group, tuple(terms), tuple(scores[term] for term in terms)) for group, terms in grouped.items()),
            frozenset(_page_words(frozenset(words))))


def _term_scores(document: SearchDocument) -> tuple[dict[str, int], list[str]]:
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


# The index of the last run, patched when few documents changed: at 10,000 cards, building the whole index again
# for one edited card was a third of the render stage. Keys: "documents" (each document's digest, in order), "words"
# (the vocabulary's word counts), "groups" (the term files of each group of terms), "t/<file>" (each term file),
# "sceau" (a digest of all the others, so that a state half written by an interrupted run is never patched).
INDEX_STATE = Carried("scripts.pipeline.render.search.index")
# Beyond this many changed documents the index is built whole (a new card moves every document after it).
PATCH_LIMIT = 64


def render_search_index(library: Library, pages: dict[str, str], collections) -> dict[str, str]:
    """Manifest, record chunks, term shards and vocabulary, as files under docs/recherche/. `collections`: the
    registry's rows (their index function, section and name)."""
    documents, kinds = search_documents(library, pages, collections)
    digests = tuple(value_digest(document) for document in documents)
    term_files, words = _patched(documents, digests) or _built(documents, digests)
    files = {f"{FOLDER}/t/{key}.json": text for key, text in term_files.items()}
    for start in range(0, len(documents), CHUNK_SIZE):
        records = [[document.url, document.title, document.kind, document.summary]
                   for document in documents[start:start + CHUNK_SIZE]]
        files[f"{FOLDER}/d/{start // CHUNK_SIZE}.json"] = _json(records)
    vocabulary = _vocabulary(documents, Counter(words))
    for length, bucket in vocabulary.items():
        files[f"{FOLDER}/v/{length}.json"] = _json(bucket)
    manifest = {"version": 2, "documents": len(documents), "chunk": CHUNK_SIZE, "prefix": SHARD_PREFIX,
                "shards": " ".join(sorted(term_files)), "stop": " ".join(sorted(STOP_WORDS)),
                "vocabulary": sorted(vocabulary), "kinds": kinds}
    files[f"{FOLDER}/index.json"] = _json(manifest)
    files[SEARCH_PAGE] = render_search_page()
    return files


def _seal(digests: tuple[bytes, ...], words: Counter, group_files: dict, term_files: dict) -> bytes:
    """Written out field by field, so that equal values give equal seals however their objects are shared (pickle
    would not)."""
    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(b"".join(digests))
    hasher.update(repr((sorted(words.items()), sorted(group_files.items()))).encode("utf-8", "surrogatepass"))
    for key in sorted(term_files):
        hasher.update(f"\0{key}\0{len(term_files[key])}\0".encode("utf-8", "surrogatepass"))
        hasher.update(term_files[key].encode("utf-8", "surrogatepass"))
    return hasher.digest()


def _built(documents: list[SearchDocument], digests: tuple[bytes, ...]) -> tuple[dict[str, str], Counter]:
    """The whole index: term files by name, and the word counts."""
    groups: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    # Documents in order, so every posting list is sorted by document; terms are sorted when written.
    words: Counter = Counter()
    for number, (document, digest) in enumerate(zip(documents, digests)):
        grouped, page_words = _scores.result_for_key(digest, document)
        for group, terms, scores in grouped:
            postings = groups[group]
            for term, score in zip(terms, scores):
                postings[term] += (number, score)
        words.update(page_words)
    term_files: dict[str, str] = {}
    group_files: dict[str, tuple[str, ...]] = {}
    for group, terms in groups.items():
        parts = _split(group, terms)
        group_files[group] = (_is_split(group, parts), tuple(key for key, _ in parts))
        term_files.update(parts)
    INDEX_STATE.replace({"documents": digests, "words": words, "groups": group_files,
                         **{f"t/{key}": text for key, text in term_files.items()},
                         "sceau": _seal(digests, words, group_files, term_files)})
    return term_files, words


def _patched(documents: list[SearchDocument], digests: tuple[bytes, ...]) -> tuple[dict[str, str], Counter] | None:
    """The last run's index with the changed documents taken out and put back, when it can be read whole and few
    documents changed at unchanged positions: the same files as _built gives (tested on edits of every kind)."""
    try:
        return _patch(documents, digests)
    except _Inconsistent:
        return None


class _Inconsistent(Exception):
    """The carried index does not hold what the last run's documents put in it: built whole instead."""


def _patch(documents: list[SearchDocument], digests: tuple[bytes, ...]) -> tuple[dict[str, str], Counter] | None:
    previous = INDEX_STATE.get("documents")
    if not isinstance(previous, tuple) or len(previous) != len(digests):
        return None
    changed = [number for number, (old, new) in enumerate(zip(previous, digests)) if old != new]
    if len(changed) > PATCH_LIMIT:
        return None
    old_scores = [_scores.stored_result(previous[number]) for number in changed]
    words, group_files = INDEX_STATE.get("words"), INDEX_STATE.get("groups")
    term_files = {key.removeprefix("t/"): text for key, text in INDEX_STATE.values("t/").items()}
    if (any(scores is MISSING for scores in old_scores) or not isinstance(words, Counter)
            or not isinstance(group_files, dict)
            or INDEX_STATE.get("sceau") != _seal(previous, words, group_files, term_files)):
        return None
    words, group_files, carried_files = Counter(words), dict(group_files), set(term_files)
    changes = [(number, old, _scores.result_for_key(digests[number], documents[number]))
               for number, old in zip(changed, old_scores)]
    affected = sorted({group for _, old, new in changes for group, _, _ in (*old[0], *new[0])})
    for group in affected:
        _patch_group(group, changes, group_files, term_files)
    for _, old, new in changes:
        words.subtract(old[1])
        words.update(new[1])
    for word in [word for _, old, _ in changes for word in old[1] if words[word] <= 0]:
        del words[word]
    _carry_patch(digests, words, group_files, term_files, affected, carried_files)
    return term_files, words


def _is_split(group: str, parts: list[tuple[str, str]]) -> bool:
    return parts != [] and (len(parts) > 1 or parts[0][0] != group)


def _patch_group(group: str, changes: list, group_files: dict, term_files: dict) -> None:
    """Only the files of the group that hold a changed term are read and written again, unless the group crosses
    MERGE_BELOW either way: then it is split or merged from all its terms, as _split does."""
    split, keys = group_files.get(group, (False, ()))

    def file_of(term: str) -> str:
        return term.removeprefix(NAME_MARK)[:SHARD_PREFIX] if split else group

    edits = [(number, [term for entry in old[0] if entry[0] == group for term in entry[1]],
              [pair for entry in new[0] if entry[0] == group for pair in zip(entry[1], entry[2])])
             for number, old, new in changes]
    touched = {file_of(term) for _, removed, added in edits for term in (*removed, *(term for term, _ in added))}
    parts: dict[str, dict[str, list[int]]] = {}
    for key in touched:
        if key in keys:
            if key not in term_files:
                raise _Inconsistent(key)
            parts[key] = json.loads(term_files.pop(key))
        else:
            parts[key] = {}
    for number, removed, added in edits:
        for term in removed:
            _remove_posting(parts[file_of(term)], term, number)
        for term, score in added:
            _add_posting(parts[file_of(term)].setdefault(term, []), number, score)
    texts = {key: _json(dict(sorted(terms.items()))) for key, terms in parts.items() if terms}
    remaining = sorted((set(keys) - touched) | texts.keys())
    # The length of the group written whole, from the lengths of its files: each is « { » + its entries + « }\n ».
    whole = sum(len(texts[key] if key in texts else term_files[key]) - 2 for key in remaining) + 2
    if remaining and split == (whole >= MERGE_BELOW):
        term_files.update(texts)
        group_files[group] = (split, tuple(remaining))
        return
    terms = {term: postings for part in parts.values() for term, postings in part.items()}
    for key in set(keys) - touched:
        terms.update(json.loads(term_files.pop(key)))
    rebuilt = _split(group, terms) if terms else []
    term_files.update(rebuilt)
    if rebuilt:
        group_files[group] = (_is_split(group, rebuilt), tuple(key for key, _ in rebuilt))
    else:
        group_files.pop(group, None)


def _remove_posting(terms: dict[str, list[int]], term: str, number: int) -> None:
    postings = terms.get(term, [])
    position = bisect.bisect_left(postings[0::2], number) * 2
    if postings[position:position + 1] != [number]:
        raise _Inconsistent(term)
    del postings[position:position + 2]
    if not postings:
        del terms[term]


def _add_posting(postings: list[int], number: int, score: int) -> None:
    position = bisect.bisect_left(postings[0::2], number) * 2
    if postings[position:position + 1] == [number]:
        raise _Inconsistent(number)
    postings[position:position] = [number, score]


def _carry_patch(digests: tuple[bytes, ...], words: Counter, group_files: dict, term_files: dict,
                 affected: list[str], carried_files: set[str]) -> None:
    """Only what changed is written again (a few shards of the state). `carried_files`: the term files it held."""
    for key in carried_files - term_files.keys():
        INDEX_STATE.put(f"t/{key}", None)
    for group in affected:
        for key in group_files.get(group, (False, ()))[1]:
            if INDEX_STATE.get(f"t/{key}") != term_files[key]:
                INDEX_STATE.put(f"t/{key}", term_files[key])
    INDEX_STATE.put("documents", digests)
    INDEX_STATE.put("words", words)
    INDEX_STATE.put("groups", group_files)
    INDEX_STATE.put("sceau", _seal(digests, words, group_files, term_files))


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
