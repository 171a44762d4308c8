"""Candidates for a reviewer: passages of the records that may say more than, or the same words as, their sources.

`python -m scripts.tools.relecture [--dossier practices] [--sortie build/relecture.md]` reads every record, the
lines it cites in the source documents (../shared/seeds/ beside the repository), and flags:

  citation   a « quote » of four words or more that is not, word for word, in the cited lines;
  copie      a run of 12 words or more, outside quotes, that the cited lines contain as they are (a paraphrase that
             follows the source too closely: rewrite, or quote at most 25 words);
  chiffre    a number the text gives that the cited lines do not, outside a « Notre lecture » sentence and unless a
             public reference of the record gives it (document codes « 003 » and line references are not numbers).

For a quote or a number missing from the cited lines, the report says where else the document has it, if anywhere.
Words cut at a line end by the PDF conversion are joined again before comparing.

These are candidates, not verdicts: a person reads each one against the lines and decides (method:
docs/contribuer/fiche.md, « Relire une fiche contre ses sources »). Nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..pipeline.registry import COLLECTIONS
from ..pipeline.text import fold, walk_texts

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
QUOTE_MIN_WORDS = 4
COPY_MIN_WORDS = 12
# Fields that cite or name rather than say: not read for claims.
_SKIPPED = {"id", "forme_longue", "sources", "references", "notes_source", "note_source", "pratiques_liees", "voir_aussi", "residence",
            "mise_a_jour", "themes", "type", "stade", "echelle", "categorie", "statut", "pistes", "sigle", "variantes"}
_QUOTE = re.compile(r"«\s*([^«»]*?)\s*»")
_WORD = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(r"(?<![\w-])\d[\d  ]*(?:[,.]\d+)?(?![\w-])")
_OUR_READING = re.compile(r"notre lecture", re.IGNORECASE)
# « l. 425 », « ligne 12 », « lignes 10-20 »: references to the document, not facts.
_LINE_REFERENCE = re.compile(r"\b(?:l\.|lignes?)\s*\d+(?:\s*[-–à]\s*\d+)?", re.IGNORECASE)


@dataclass(frozen=True)
class Flag:
    path: str
    field: str
    kind: str
    detail: str


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text).replace("œ", "oe").replace("æ", "ae").replace("’", "'"))


def _documents() -> dict[str, list[str]]:
    """Each document's lines; its date comes first, as line 0: a record may date the document it cites."""
    spec = yaml.safe_load((ROOT / "schemas" / "vocabulaires.json").read_text(encoding="utf-8"))["$defs"]["document"]
    return {code: [info["date"], *(SEEDS / info["fichier"]).read_text(encoding="utf-8").splitlines()]
            for code, info in spec["x-fichiers"].items()}


_BROKEN_WORD = re.compile(r"(\w)-\s*\n\s*(\w)")


def _joined(lines: list[str]) -> str:
    """Lines as one text, words cut at a line end by the conversion joined again (« complé-\nmentarité »)."""
    return _BROKEN_WORD.sub(r"\1\2", "\n".join(lines))


def cited_text(data: dict, documents: dict[str, list[str]]) -> str:
    """The lines a record cites, joined (a line range « 120-135 » is inclusive)."""
    parts = []
    for source in data.get("sources", []):
        first, _, last = str(source["lignes"]).partition("-")
        lines = documents[str(source["document"])]
        parts += [lines[0], _joined(lines[int(first):int(last or first) + 1])]
    return "\n".join(parts)


def elsewhere(needle: list[str], data: dict, documents: dict[str, list[str]]) -> str:
    """Where else the cited documents hold these words (« ailleurs : 003 l. 425 »), to cite the right lines."""
    wanted = " " + " ".join(needle) + " "
    found = []
    for code in dict.fromkeys(str(source["document"]) for source in data.get("sources", [])):
        lines = documents[code]
        for number in range(1, len(lines)):
            window = " " + " ".join(_words(_joined(lines[number:number + 3]))) + " "
            if wanted in window:
                found.append(f"{code} l. {number}")
                break
    return f" (ailleurs : {', '.join(found)})" if found else ""


def _runs(words: list[str], source: set[tuple[str, ...]], size: int) -> Iterator[str]:
    """Longest runs of at least `size` words of `words` found as they are in the source (n-grams of `size`)."""
    index = 0
    while index + size <= len(words):
        if tuple(words[index:index + size]) in source:
            end = index + size
            while end < len(words) and tuple(words[end - size + 1:end + 1]) in source:
                end += 1
            yield " ".join(words[index:end])
            index = end
        else:
            index += 1


def review(path: str, data: dict, documents: dict[str, list[str]]) -> list[Flag]:
    cited = cited_text(data, documents)
    cited_words = _words(cited)
    cited_joined = " " + " ".join(cited_words) + " "
    grams = {tuple(cited_words[index:index + COPY_MIN_WORDS]) for index in range(len(cited_words) - COPY_MIN_WORDS + 1)}
    referenced = " ".join(f"{item.get('titre', '')} {item.get('fait', '')}" for item in data.get("references", []))
    known_numbers = {re.sub(r"\D", "", number) for number in _NUMBER.findall(cited + " " + referenced)}
    flags = []
    for data_path, text in walk_texts(data):
        if not data_path or data_path[0] in _SKIPPED:
            continue
        field = ".".join(str(part) for part in data_path)
        for quote in _QUOTE.findall(text):
            # A quote cut with […] is checked part by part.
            for part in re.split(r"\[…\]|\[\.\.\.\]|…", quote):
                words = _words(part)
                if len(words) >= QUOTE_MIN_WORDS and f" {' '.join(words)} " not in cited_joined:
                    flags.append(Flag(path, field, "citation", part.strip()[:120] + elsewhere(words, data, documents)))
        outside = _LINE_REFERENCE.sub(" ", _QUOTE.sub(" ", text))
        flags += [Flag(path, field, "copie", run) for run in _runs(_words(outside), grams, COPY_MIN_WORDS)]
        if _OUR_READING.match(outside.strip()):
            continue   # a field that opens with « Notre lecture » is ours as a whole
        for sentence in re.split(r"(?<=[.;!?])\s+", outside):
            if _OUR_READING.search(sentence):
                continue
            for number in _NUMBER.findall(sentence):
                digits = re.sub(r"\D", "", number)
                if len(digits) >= 2 and digits not in known_numbers and not re.fullmatch(r"00\d", digits):
                    flags.append(Flag(path, field, "chiffre", f"{number.strip()} — « {sentence.strip()[:100]} »"
                                      + elsewhere([digits], data, documents)))
    return flags


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.tools.relecture",
                                     description="Passages à relire contre les lignes citées (candidats, pas verdicts).")
    parser.add_argument("--dossier", action="append", help="dossier de données (par défaut : tous)")
    parser.add_argument("--sortie", type=Path, help="fichier Markdown du rapport (par défaut : la sortie standard)")
    arguments = parser.parse_args(argv)
    if not SEEDS.is_dir():
        print(f"Documents sources introuvables : {SEEDS}", file=sys.stderr)
        return 2
    documents = _documents()
    folders = arguments.dossier or [collection.folder for collection in COLLECTIONS]
    flags: list[Flag] = []
    for folder in folders:
        for file in sorted((ROOT / folder).glob("*.yml")):
            flags += review(f"{folder}/{file.name}", yaml.safe_load(file.read_text(encoding="utf-8")), documents)
    lines = ["| Fichier | Champ | Type | Passage |", "|---|---|---|---|"]
    lines += [f"| {flag.path} | {flag.field} | {flag.kind} | {flag.detail.replace('|', '/')} |" for flag in flags]
    report = "\n".join(lines) + f"\n\n{len(flags)} passages à relire dans {len({flag.path for flag in flags})} fichiers.\n"
    if arguments.sortie:
        arguments.sortie.parent.mkdir(parents=True, exist_ok=True)
        arguments.sortie.write_text(report, encoding="utf-8")
        print(f"{len(flags)} passages à relire ; rapport : {arguments.sortie}")
    else:
        print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
