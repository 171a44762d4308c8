"""Candidates for a reviewer: passages of the records that may say more than, or the same words as, their sources.

`python -m scripts.tools.relecture [--dossier practices] [--sortie build/relecture.md]` reads every record, the
lines it cites in the source documents (../shared/seeds/ beside the repository), and flags:

  citation   a « quote » of four words or more that is not, word for word, in the cited lines;
  copie      a run of 12 words or more, outside quotes, that the cited lines contain as they are (a paraphrase that
             follows the source too closely: rewrite, or quote at most 25 words);
  chiffre    a number the text gives that the cited lines do not, outside a « Notre lecture » sentence and unless a
             public reference of the record gives it (document codes « 003 » are not numbers).

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


def cited_text(data: dict, documents: dict[str, list[str]]) -> str:
    """The lines a record cites, joined (a line range « 120-135 » is inclusive)."""
    parts = []
    for source in data.get("sources", []):
        first, _, last = str(source["lignes"]).partition("-")
        lines = documents[str(source["document"])]
        parts += [lines[0], *lines[int(first):int(last or first) + 1]]
    return "\n".join(parts)


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
            words = _words(quote)
            if len(words) >= QUOTE_MIN_WORDS and f" {' '.join(words)} " not in cited_joined:
                flags.append(Flag(path, field, "citation", quote[:120]))
        outside = _QUOTE.sub(" ", text)
        flags += [Flag(path, field, "copie", run) for run in _runs(_words(outside), grams, COPY_MIN_WORDS)]
        for sentence in re.split(r"(?<=[.;:!?])\s+", outside):
            if _OUR_READING.search(sentence):
                continue
            for number in _NUMBER.findall(sentence):
                digits = re.sub(r"\D", "", number)
                if len(digits) >= 2 and digits not in known_numbers and not re.fullmatch(r"00\d", digits):
                    flags.append(Flag(path, field, "chiffre", f"{number.strip()} — « {sentence.strip()[:100]} »"))
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
