"""Rules across records: ids, links between records, source line ranges, glossary senses, advice.

Each rule is a generator of problems over the files that passed their schema, declared with the codes it reports
(catalogue.py), so that one run reports them all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..load import LoadedFile
from ..problems import Problem
from ..text import fold
from .catalogue import library_rule
from .describe import at, did_you_mean
from .schemas import Schemas

RESERVED_IDS = {"index"}


@dataclass(frozen=True)
class Context:
    """What the rules across records see: the files each collection holds that passed their schema, the ids of
    every file found (a link to a file with its own errors is not reported twice), the schemas, and what the
    acronym rule needs."""

    files: dict[str, list[LoadedFile]]
    known_ids: dict[str, set[str]]
    schemas: Schemas
    known_acronyms: frozenset = frozenset()
    pages: tuple[tuple[str, str], ...] = ()
    acronyms: dict = field(default_factory=dict)   # path → acronym candidates of the file (acronyms.py)

    def all_files(self) -> list[LoadedFile]:
        return [loaded for files in self.files.values() for loaded in files]


@library_rule("REF001", "REF002")
def check_ids(context: Context) -> Iterator[Problem]:
    """The id equals the file name, is not reserved, and no two files of a collection share one."""
    for files in context.files.values():
        by_id: dict[str, list[LoadedFile]] = defaultdict(list)
        for loaded in files:
            record_id = loaded.data["id"]
            stem = PurePosixPath(loaded.path).stem
            if record_id != stem:
                yield at(loaded, ("id",), "REF001", f"l'identifiant « {record_id} » diffère du nom du fichier « {stem} ». "
                         f"Écrivez « id: {stem} » ou renommez le fichier en « {record_id}.yml ».")
            elif record_id in RESERVED_IDS:
                yield at(loaded, ("id",), "REF001", f"l'identifiant « {record_id} » est réservé au site. Choisissez-en un autre.")
            by_id[record_id].append(loaded)
        for record_id, holders in by_id.items():
            for loaded in holders[1:]:
                yield at(loaded, ("id",), "REF002", f"l'identifiant « {record_id} » est déjà celui de {holders[0].path}. "
                         "Choisissez un identifiant unique.")


@library_rule("REF003", "REF005", "REF006")
def check_practice_links(context: Context) -> Iterator[Problem]:
    """Related practices exist and are other cards; a card's report exists."""
    practice_ids, report_ids = context.known_ids["practices"], context.known_ids["reports"]
    for loaded in context.files["practices"]:
        for index, target in enumerate(loaded.data.get("pratiques_liees", [])):
            path = ("pratiques_liees", index)
            if target == loaded.data["id"]:
                yield at(loaded, path, "REF005", "la fiche se cite elle-même dans « pratiques_liees ». Retirez cette ligne.")
            elif target not in practice_ids:
                yield at(loaded, path, "REF003", f"pratique liée inconnue « {target} » : aucun fichier practices/{target}.yml."
                         f"{did_you_mean(target, practice_ids)}")
        report = loaded.data.get("residence")
        if report is not None and report not in report_ids:
            yield at(loaded, ("residence",), "REF006", f"rapport inconnu « {report} » : aucun fichier residences/{report}.yml."
                     f"{did_you_mean(report, report_ids) or ' Écrivez le nom du fichier du rapport, sans « .yml ».'}")


@library_rule("REF004")
def check_see_also(context: Context) -> Iterator[Problem]:
    """« Voir aussi » entries exist."""
    glossary_ids = context.known_ids["glossary"]
    for loaded in context.files["glossary"]:
        for index, target in enumerate(loaded.data.get("voir_aussi", [])):
            if target not in glossary_ids:
                yield at(loaded, ("voir_aussi", index), "REF004", f"entrée « {target} » inconnue : aucun fichier "
                         f"glossary/{target}.yml.{did_you_mean(target, glossary_ids)}")


@library_rule("REF007", "REF008")
def check_report_cards(context: Context) -> Iterator[Problem]:
    """Report axes list cards that exist and name the report back."""
    practice_ids = context.known_ids["practices"]
    back = {loaded.data["id"]: loaded.data.get("residence") for loaded in context.files["practices"]}
    for loaded in context.files["reports"]:
        report_id = loaded.data["id"]
        for axis_index, axis in enumerate(loaded.data["axes"]):
            for index, target in enumerate(axis.get("pistes", [])):
                path = ("axes", axis_index, "pistes", index)
                if target not in practice_ids:
                    yield at(loaded, path, "REF007", f"fiche « {target} » inconnue : aucun fichier practices/{target}.yml."
                             f"{did_you_mean(target, practice_ids)}")
                elif target in back and back[target] != report_id:
                    yield at(loaded, path, "REF008", f"la fiche « {target} » est issue de ce rapport mais ne le cite pas : "
                             f"ajoutez « residence: {report_id} » dans practices/{target}.yml.")


@library_rule("SRC001")
def check_source_lines(context: Context) -> Iterator[Problem]:
    """Each cited line range exists in its document and runs forwards."""
    documents = context.schemas.documents
    for loaded in context.all_files():
        for index, source in enumerate(loaded.data.get("sources", [])):
            first, _, last = str(source["lignes"]).partition("-")
            start, end = int(first), int(last or first)
            count = documents.line_counts[source["document"]]
            path = ("sources", index, "lignes")
            if end < start:
                yield at(loaded, path, "SRC001", f"plage de lignes à l'envers ({start} puis {end}). Écrivez « {end}-{start} ».")
            elif end > count:
                yield at(loaded, path, "SRC001", f"le document {source['document']} ({documents.files[source['document']]}) "
                         f"n'a que {count} lignes (reçu : {source['lignes']}). Vérifiez le numéro de ligne dans le fichier source.")


@library_rule("TER001")
def check_regions(context: Context) -> Iterator[Problem]:
    """A card in France names its regions from the vocabulary (current names, or France entière, plusieurs régions,
    non précisée); abroad, the region is the country's own and is not checked."""
    allowed = context.schemas.vocabularies["region"].values
    for loaded in context.files["practices"]:
        territory = loaded.data.get("territoire", {})
        if territory.get("pays", "France") != "France":
            continue
        for index, region in enumerate(territory.get("region", [])):
            if region not in allowed:
                yield at(loaded, ("territoire", "region", index), "TER001",
                         f"région « {region} » inconnue : écrivez le nom actuel d'une région française, ou « France entière », "
                         f"« plusieurs régions », « non précisée ».{did_you_mean(region, allowed)}")


@library_rule("GLO001", "GLO002", "GLO003")
def check_glossary_entries(context: Context) -> Iterator[Problem]:
    """One of sigle/terme, historical entries say what replaced them, one entry per sigle."""
    claimed: dict[str, LoadedFile] = {}
    for loaded in context.files["glossary"]:
        data = loaded.data
        if ("sigle" in data) == ("terme" in data):
            yield at(loaded, (), "GLO001", "indiquez soit « sigle: … » (pour un sigle), soit « terme: … » (pour une notion), "
                     "pas les deux.")
            continue
        if data["statut"] == "historique":
            for name in ("remplace_par", "depuis"):
                if name not in data:
                    yield at(loaded, ("statut",), "GLO002", f"entrée historique sans « {name} ». Indiquez ce qui l'a "
                             "remplacée (remplace_par) et l'année (depuis).")
        label_field = "sigle" if "sigle" in data else "terme"
        # An alias is looked up like a spelling: typed in the search, it must lead to one entry only.
        spellings = [(label_field,), *((field, index) for field in ("variantes", "alias")
                                       for index in range(len(data.get(field, []))))]
        for data_path in spellings:
            label = data[label_field] if len(data_path) == 1 else data[data_path[0]][data_path[1]]
            owner = claimed.setdefault(fold(label), loaded)
            if owner is not loaded:
                yield at(loaded, data_path, "GLO003", f"« {label} » a déjà une entrée : {owner.path}. Ajoutez ce sens à "
                         "« autres_sens » de cette entrée, ou retirez cette graphie.")
