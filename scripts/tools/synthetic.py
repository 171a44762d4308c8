"""Synthetic corpus for the benchmark: N cards, M glossary entries and K reports shaped like the real records.

Each synthetic record copies the shape of a real record drawn at random (same fields, same list lengths, texts of
the same number of words), so field sizes follow the real distributions. Words come from the real texts, sigles
from the synthetic glossary (at the real density), themes from the real theme frequencies; related cards, « voir
aussi » entries and reports link synthetic records to one another. Everything is written into a temporary copy of
the project (schemas, mkdocs.yml, hand-written pages, scripts): the repository is never touched.

`python -m scripts.tools.synthetic DOSSIER --fiches 1000` writes such a project; `scripts/bench.py` measures it.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import string
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..pipeline.registry import ALLOW_LIST, ALLOW_LIST_SCHEMA, COLLECTIONS, GENERATED_DIRS
from ..pipeline.run import check_data, hand_written_pages, load_schemas
from ..pipeline.text import fold, slugify, walk_texts
from ..pipeline.validate.acronyms import EXEMPT_FIELDS, find_acronyms
from ..pipeline.validate.files import PLACEHOLDER
from ..pipeline.validate.library import RESERVED_IDS

try:
    _Dumper = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Dumper = yaml.SafeDumper

DEFAULT_SEED = 2026
# Records are handled here by data folder. Words are drawn from the folders in this order: the same seed gives the
# same corpus as before the registry listed the glossary first.
DATA_DIRS = tuple(sorted((collection.folder for collection in COLLECTIONS), key=("practices", "glossary", "residences").index))
_NAME_OF = {collection.folder: collection.name for collection in COLLECTIONS}
_SCHEMA_OF = {**{collection.folder: collection.schema for collection in COLLECTIONS}, ALLOW_LIST: ALLOW_LIST_SCHEMA}
# Copied into the synthetic project: everything but the data, the generated output and the local environments.
_NOT_COPIED = (".git", ".venv", "site", "build", "__pycache__", ".cache", ".pytest_cache", ".ruff_cache", "tests",
               "node_modules", *DATA_DIRS)
# Values kept from the template record as they are: vocabularies, dates, sources, numbers.
_KEPT = {"type", "stade", "echelle", "categorie", "statut", "sources", "mise_a_jour", "periode", "debut", "fin",
         "depuis", "valeur", "pays", "departement", "region", "adresse"}
# Texts the schemas cap, redrawn within the cap (titles of records have their own draw, _title).
_MAX_CHARS = {"fait": 300, "titre": 300}
_TITLE_MAX = {"practices": 120, "residences": 160}
# Characters that would make a drawn word Markdown, HTML or a quotation.
_UNSAFE = re.compile(r"[^\w'’,.;:!?%€/-]")
_LINKED_PAGE = re.compile(r"\]\((?:\.\./)*(pratiques|residences)/([a-z0-9-]+)\.md[^)]*\)")
# An entry's page (glossaire/plie.md), or its old anchor on the index (glossaire/index.md#plie).
_LINKED_ENTRY = re.compile(r"\]\((?:\.\./)*glossaire/(?:(?:index\.md)?#([a-z0-9-]+)|(?!index\.md)([a-z0-9-]+)\.md)[^)]*\)")


@dataclass(frozen=True)
class Corpus:
    """What was generated, for the report."""

    root: Path
    practices: int
    glossary: int
    residences: int
    words: int
    # The first card is drawn the same way whatever N is: its page size shows what N alone changes.
    first_card: str


def default_sizes(cards: int) -> tuple[int, int]:
    """Glossary entries and reports for a library of `cards` cards.

    The glossary grows slowly (a sigle serves many cards); a report yields a few dozen cards, as the real ones do.
    """
    return 240 + cards // 20, max(2, cards // 50)


class _Templates:
    """The real, schema-valid records, and the distributions drawn from them."""

    def __init__(self, root: Path):
        result = check_data(root, load_schemas(root / "schemas"))
        self.records = {collection: [loaded.data for loaded in result.files.get(_NAME_OF[collection], [])]
                        for collection in DATA_DIRS}
        missing = [collection for collection, records in self.records.items() if not records]
        if missing:
            raise ValueError(f"aucun enregistrement valide dans {', '.join(missing)} : impossible d'en tirer des modèles")
        words, acronyms = [], 0
        for collection in DATA_DIRS:
            for data in self.records[collection]:
                for data_path, text in walk_texts(data):
                    if data_path and data_path[0] in EXEMPT_FIELDS | _KEPT | {"references"}:
                        continue
                    for word in text.split():
                        if any(True for _ in find_acronyms(word)):
                            acronyms += 1
                        elif not _UNSAFE.search(word) and word.strip(string.punctuation):
                            words.append(word)
        self.words = words or ["coopération"]
        self.acronym_rate = acronyms / max(1, acronyms + len(words))
        themes = Counter(theme for data in self.records["practices"] for theme in data["themes"])
        self.themes, self.theme_weights = list(themes), list(themes.values())
        self.sigle_lengths = [len(data["sigle"]) for data in self.records["glossary"]
                              if "sigle" in data and data["sigle"].isalpha()] or [4]
        self.with_residence = sum("residence" in data for data in self.records["practices"]) / len(self.records["practices"])


class _Writer:
    """Draws texts, ids and sigles; one instance per corpus."""

    def __init__(self, templates: _Templates, seed: int):
        self.templates = templates
        self.seed = seed
        self.sigles: list[str] = []
        self.taken_labels: set[str] = set()
        self.ids: dict[str, set[str]] = {collection: set() for collection in DATA_DIRS}

    def rng(self, *parts) -> random.Random:
        """One generator per record, so that record i is the same whatever N is (up to its links)."""
        return random.Random(":".join(map(str, (self.seed, *parts))))

    def text(self, rng: random.Random, words: int, sentence: bool = True) -> str:
        drawn = []
        for index in range(max(1, words)):
            if self.sigles and rng.random() < self.templates.acronym_rate:
                drawn.append(rng.choice(self.sigles))
            else:
                drawn.append(rng.choice(self.templates.words).strip("«»\"").rstrip(".;:!?,") or "emploi")
            if sentence and index % 17 == 16 and index < words - 1:
                drawn[-1] += "."
        text = " ".join(drawn).replace(PLACEHOLDER, "à reprendre")
        text = text[:1].upper() + text[1:]
        return text + "." if sentence else text

    def unique_id(self, collection: str, wanted: str) -> str:
        base = slugify(wanted)[:70].strip("-") or collection
        candidate, number = base, 2
        while candidate in self.ids[collection] or candidate in RESERVED_IDS:
            candidate, number = f"{base}-{number}", number + 1
        self.ids[collection].add(candidate)
        return candidate

    def new_sigle(self, rng: random.Random) -> str:
        """An upper-case token no other entry, spelling or allowed word uses, and not a Roman numeral."""
        while True:
            length = rng.choice(self.templates.sigle_lengths)
            sigle = "".join(rng.choice(string.ascii_uppercase) for _ in range(length))
            if fold(sigle) not in self.taken_labels and any(True for _ in find_acronyms(sigle)):
                self.taken_labels.add(fold(sigle))
                return sigle

    def rebuild(self, value: object, rng: random.Random, key: str = "") -> object:
        """Same shape as the template value; texts redrawn with the same number of words; kept fields kept."""
        if key in _KEPT:
            # A real place name may hold a sigle the synthetic glossary does not have (« PACA »): redrawn then.
            if isinstance(value, str) and any(True for _ in find_acronyms(value)):
                return self.text(rng, len(value.split()), sentence=False)
            return value
        if isinstance(value, dict):
            return {name: self.rebuild(item, rng, name) for name, item in value.items()}
        if isinstance(value, list):
            return [self.rebuild(item, rng, key) for item in value]
        if isinstance(value, str):
            text = self.text(rng, len(value.split()))
            limit = _MAX_CHARS.get(key)
            return text if limit is None or len(text) <= limit else text[:limit].rsplit(" ", 1)[0]
        return value


def _title(writer: _Writer, rng: random.Random, template: str, limit: int) -> str:
    title = writer.text(rng, len(template.split()), sentence=False)
    # Cut between words: a sigle cut in half (« PTCE » → « PT ») would be a sigle the glossary does not have.
    title = (title if len(title) <= limit else title[:limit + 1].rsplit(" ", 1)[0]).rstrip(" -'’,")
    return title if len(title) >= 3 else f"{title} {writer.text(rng, 3, sentence=False)}".strip()[:limit]


def _linked_ids(root: Path) -> dict[str, list[str]]:
    """Pages that hand-written pages link to (exemplary cards, a report, glossary anchors): they must exist."""
    linked: dict[str, list[str]] = {"practices": [], "residences": [], "glossary": []}
    for page in hand_written_pages(root):
        text = page.read_text(encoding="utf-8")
        for folder, target in _LINKED_PAGE.findall(text):
            collection = "practices" if folder == "pratiques" else "residences"
            if target != "index" and target not in linked[collection]:
                linked[collection].append(target)
        for anchor, page in _LINKED_ENTRY.findall(text):
            target = anchor or page
            if target not in linked["glossary"]:
                linked["glossary"].append(target)
    return linked


def _glossary(writer: _Writer, count: int, reserved: list[str]) -> list[dict]:
    templates = writer.templates.records["glossary"]
    entries = []
    for index in range(count):
        rng = writer.rng("glossaire", index)
        data = writer.rebuild(rng.choice(templates), rng)
        if "sigle" in data:
            data["sigle"] = writer.new_sigle(rng)
            writer.sigles.append(data["sigle"])
            label = data["sigle"]
        else:
            while True:
                label = writer.text(rng, len(data["terme"].split()) + 1, sentence=False).lower()
                if fold(label) not in writer.taken_labels:
                    writer.taken_labels.add(fold(label))
                    break
            data["terme"] = label
        # Random words as an alias could take another entry's label (GLO003): synthetic entries have none.
        data.pop("alias", None)
        if "variantes" in data:
            data["variantes"] = [writer.new_sigle(rng) for _ in data["variantes"]]
            if "sigle" in data:
                writer.sigles += data["variantes"]
        wanted = reserved[index] if index < len(reserved) else label
        data["id"] = writer.unique_id("glossary", wanted)
        entries.append(data)
    ids = [data["id"] for data in entries]
    for index, data in enumerate(entries):
        if "voir_aussi" in data:
            rng = writer.rng("voir-aussi", index)
            wanted = len(data.pop("voir_aussi"))
            others = [other for other in rng.sample(ids, min(len(ids), wanted + 1)) if other != data["id"]][:wanted]
            if others:
                data["voir_aussi"] = others
    return [_ordered(data) for data in entries]


def _practices(writer: _Writer, count: int, reports: list[str], reserved: list[str]) -> list[dict]:
    cards = []
    for index in range(count):
        rng, template, data = _titled(writer, "practices", "fiche", index, reserved)
        themes = set()
        while len(themes) < len(template["themes"]):
            themes.add(rng.choices(writer.templates.themes, writer.templates.theme_weights)[0])
        data["themes"] = sorted(themes, key=writer.templates.themes.index)
        data.pop("residence", None)
        if reports and rng.random() < writer.templates.with_residence:
            data["residence"] = rng.choice(reports)
        cards.append(data)
    ids = [data["id"] for data in cards]
    for index, data in enumerate(cards):
        wanted = len(data.get("pratiques_liees", ()))
        data.pop("pratiques_liees", None)
        rng = writer.rng("liens", index)
        links = [other for other in rng.sample(ids, min(len(ids), wanted + 1)) if other != data["id"]][:wanted]
        if links:
            data["pratiques_liees"] = links
    return [_ordered(data) for data in cards]


def _residences(writer: _Writer, count: int, reserved: list[str]) -> list[dict]:
    return [_titled(writer, "residences", "rapport", index, reserved)[2] for index in range(count)]


def _titled(writer: _Writer, collection: str, draw: str, index: int, reserved: list[str]):
    """The `index`-th record of a collection, rebuilt from a random template, with its own title and id."""
    rng = writer.rng(draw, index)
    template = rng.choice(writer.templates.records[collection])
    data = writer.rebuild(template, rng)
    data["titre"] = _title(writer, rng, template["titre"], _TITLE_MAX[collection])
    data["id"] = writer.unique_id(collection, reserved[index] if index < len(reserved) else data["titre"])
    return rng, template, data


def _link_reports(reports: list[dict], cards: list[dict], writer: _Writer) -> None:
    """Each report's axes list most of the cards that name it; every listed card names the report back."""
    by_report: dict[str, list[str]] = {data["id"]: [] for data in reports}
    for data in cards:
        if "residence" in data:
            by_report[data["residence"]].append(data["id"])
    for index, data in enumerate(reports):
        rng = writer.rng("pistes", index)
        issued = by_report[data["id"]]
        listed = rng.sample(issued, len(issued) * 4 // 5)
        for axis_index, axis in enumerate(data["axes"]):
            axis.pop("pistes", None)
            share = listed[axis_index::len(data["axes"])]
            if share:
                axis["pistes"] = share


_ORDER = ("id", "sigle", "terme", "titre")


def _ordered(data: dict) -> dict:
    """Identifying fields first, as authors write them."""
    return {**{key: data[key] for key in _ORDER if key in data}, **data}


def _dump(data: dict, schema: str) -> str:
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110)
    return f"# yaml-language-server: $schema=../schemas/{schema}\n{body}"


def copy_project(source: Path, target: Path) -> None:
    """The project without its data and generated output: schemas, mkdocs.yml, hand-written pages, scripts."""
    generated = {(source / "docs" / folder).resolve() for folder in GENERATED_DIRS}

    def ignore(folder: str, names: list[str]) -> set[str]:
        here = Path(folder).resolve()
        skipped = {name for name in names if (here / name).resolve() in generated}
        if here == source.resolve():
            skipped |= {name for name in names if name in _NOT_COPIED}
        return skipped | {name for name in names if name in ("__pycache__", ".cache", "node_modules")}

    shutil.copytree(source, target, ignore=ignore, dirs_exist_ok=True)


def write_corpus(source: Path, target: Path, cards: int, glossary: int | None = None, reports: int | None = None,
                 seed: int = DEFAULT_SEED, avoid: frozenset[str] = frozenset()) -> Corpus:
    """A copy of the project at `target` whose data is synthetic; returns what was written. No synthetic sigle or term
    takes a label of `avoid`, so that real records can be added beside the synthetic ones."""
    default_glossary, default_reports = default_sizes(cards)
    glossary = default_glossary if glossary is None else glossary
    reports = default_reports if reports is None else reports
    templates = _Templates(source)
    writer = _Writer(templates, seed)
    linked = _linked_ids(source)
    allowed = yaml.safe_load((source / ALLOW_LIST).read_text(encoding="utf-8")) if (source / ALLOW_LIST).exists() else {}
    allowed = allowed or {"sigles": []}
    writer.taken_labels |= {fold(item["sigle"]) for item in allowed["sigles"]}
    writer.taken_labels |= {fold(label) for label in avoid}
    entries = _glossary(writer, glossary, linked["glossary"])
    report_records = _residences(writer, reports, linked["residences"])
    card_records = _practices(writer, max(cards, len(linked["practices"])), [data["id"] for data in report_records],
                              linked["practices"])
    _link_reports(report_records, card_records, writer)
    copy_project(source, target)
    for folder in DATA_DIRS:
        shutil.rmtree(target / folder, ignore_errors=True)
        (target / folder).mkdir()
    words = 0
    for collection, records in (("practices", card_records), ("glossary", entries), ("residences", report_records)):
        for data in records:
            words += sum(len(text.split()) for _, text in walk_texts(data))
            (target / collection / f"{data['id']}.yml").write_text(_dump(data, _SCHEMA_OF[collection]), encoding="utf-8")
    # Hand-written pages use real sigles the synthetic glossary does not have: allow them, with the reason.
    known = {fold(item["sigle"]) for item in allowed["sigles"]} | writer.taken_labels
    extra = sorted({token for page in hand_written_pages(target)
                    for line in page.read_text(encoding="utf-8").splitlines()
                    for _, token in find_acronyms(line) if fold(token) not in known})
    allowed["sigles"] += [{"sigle": token, "raison": "sigle d'une page écrite à la main (corpus synthétique du banc d'essai)"}
                          for token in extra if not all(fold(part) in known for part in token.split("-"))]
    (target / ALLOW_LIST).write_text(_dump(allowed, _SCHEMA_OF[ALLOW_LIST]).replace("../schemas/", "schemas/"),
                                     encoding="utf-8")
    return Corpus(target, len(card_records), len(entries), len(report_records), words, card_records[0]["id"])


def real_labels(source: Path) -> frozenset[str]:
    """Every sigle, term, spelling and alias of the real glossary (GLO003 refuses a synthetic label among them)."""
    labels = set()
    for path in (source / "glossary").glob("*.yml"):
        entry = yaml.safe_load(path.read_text(encoding="utf-8"))
        labels |= {entry.get("sigle") or entry.get("terme"), *entry.get("variantes", []), *entry.get("alias", [])}
    return frozenset(label for label in labels if label)


def add_real_records(source: Path, target: Path) -> None:
    """Copy the real records beside the synthetic ones (whose labels avoided the real ones). A synthetic report may
    list among its cards an id that the real data now holds, and that card does not cite the report back: the link
    is dropped, the rest of the report is kept."""
    real = {folder: {path.name for path in (source / folder).glob("*.yml")} for folder in DATA_DIRS}
    for folder in DATA_DIRS:
        for name in real[folder]:
            shutil.copy(source / folder / name, target / folder / name)
    real_cards = {Path(name).stem for name in real["practices"]}
    for report in (target / "residences").glob("*.yml"):
        if report.name in real["residences"]:
            continue
        text = report.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        for axis in data["axes"]:
            kept = [card for card in axis.get("pistes", []) if card not in real_cards]
            if kept:
                axis["pistes"] = kept
            else:
                axis.pop("pistes", None)
        report.write_text(_dump(data, _SCHEMA_OF["residences"]), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.tools.synthetic",
                                     description="Écrit une copie du projet dont les données sont synthétiques.")
    parser.add_argument("dossier", type=Path, help="dossier à créer (il ne doit pas exister)")
    parser.add_argument("--fiches", type=int, default=100, help="nombre de fiches pratiques (par défaut : 100)")
    parser.add_argument("--glossaire", type=int, help="nombre d'entrées du glossaire (par défaut : 240 + fiches/20)")
    parser.add_argument("--rapports", type=int, help="nombre de rapports (par défaut : fiches/50, au moins 2)")
    parser.add_argument("--graine", type=int, default=DEFAULT_SEED, help="graine du tirage (même graine, même corpus)")
    parser.add_argument("--racine", type=Path, default=Path.cwd(), help="projet d'où viennent les modèles")
    parser.add_argument("--avec-donnees-reelles", action="store_true",
                        help="ajouter les fiches, entrées et rapports réels à côté des synthétiques")
    arguments = parser.parse_args(argv)
    if arguments.dossier.exists():
        print(f"{arguments.dossier} existe déjà : indiquez un dossier nouveau.", file=sys.stderr)
        return 2
    avoid = real_labels(arguments.racine) if arguments.avec_donnees_reelles else frozenset()
    corpus = write_corpus(arguments.racine, arguments.dossier, arguments.fiches, arguments.glossaire, arguments.rapports,
                          arguments.graine, avoid)
    if arguments.avec_donnees_reelles:
        add_real_records(arguments.racine, arguments.dossier)
    print(f"Corpus écrit dans {corpus.root} : {corpus.practices} fiches, {corpus.glossary} entrées du glossaire, "
          f"{corpus.residences} rapports, {corpus.words} mots.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
