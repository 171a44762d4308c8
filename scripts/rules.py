"""Rules that look across records: ids, links between records, source line ranges, glossary senses.

Each rule is a generator of problems over schema-valid files, so one run reports them all.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import PurePosixPath

from .load import LoadedFile
from .problems import ADVICE, Problem
from .schemas import Schemas
from .text import fold, walk_texts
from .validate import did_you_mean

RESERVED_IDS = {"index"}
MAX_SUMMARY_CHARS = 700
PLACEHOLDER = "À compléter"
MAX_QUOTE_WORDS = 25
# Innermost « … » pair: nested guillemets are counted separately.
QUOTE = re.compile(r"«\s*([^«»]*?)\s*»")
RECOMMENDED_PRACTICE_FIELDS = ("territoire", "periode", "acteurs", "enseignements", "points_de_vigilance")


def _at(loaded: LoadedFile, data_path, code: str, message: str, severity: str = "erreur") -> Problem:
    line, column = loaded.position(data_path)
    return Problem(loaded.path, line, column, code, message, severity)


def check_ids(files: list[LoadedFile]) -> Iterator[Problem]:
    """The id equals the file name, is not reserved, and no two files of a collection share one."""
    by_id: dict[str, list[LoadedFile]] = defaultdict(list)
    for loaded in files:
        record_id = loaded.data["id"]
        stem = PurePosixPath(loaded.path).stem
        if record_id != stem:
            yield _at(loaded, ("id",), "REF001",
                      f"l'identifiant « {record_id} » diffère du nom du fichier « {stem} ». "
                      f"Écrivez « id: {stem} » ou renommez le fichier en « {record_id}.yml ».")
        elif record_id in RESERVED_IDS:
            yield _at(loaded, ("id",), "REF001", f"l'identifiant « {record_id} » est réservé au site. Choisissez-en un autre.")
        by_id[record_id].append(loaded)
    for record_id, holders in by_id.items():
        for loaded in holders[1:]:
            yield _at(loaded, ("id",), "REF002",
                      f"l'identifiant « {record_id} » est déjà celui de {holders[0].path}. Choisissez un identifiant unique.")


def check_links(practices: list[LoadedFile], glossary: list[LoadedFile], known_ids: dict[str, set[str]]) -> Iterator[Problem]:
    """Related practices, « voir aussi » entries and residences name records that exist.

    Known ids come from file names, so a link to a file that has its own errors is not reported twice.
    """
    practice_ids, glossary_ids = known_ids.get("practices", set()), known_ids.get("glossary", set())
    residence_ids = known_ids.get("residences", set())
    for loaded in practices:
        for index, target in enumerate(loaded.data.get("pratiques_liees", [])):
            path = ("pratiques_liees", index)
            if target == loaded.data["id"]:
                yield _at(loaded, path, "REF005", "la fiche se cite elle-même dans « pratiques_liees ». Retirez cette ligne.")
            elif target not in practice_ids:
                yield _at(loaded, path, "REF003",
                          f"pratique liée inconnue « {target} » : aucun fichier practices/{target}.yml."
                          f"{did_you_mean(target, practice_ids)}")
        residence = loaded.data.get("residence")
        if residence is not None and residence not in residence_ids:
            yield _at(loaded, ("residence",), "REF006",
                      f"rapport inconnu « {residence} » : aucun fichier residences/{residence}.yml."
                      f"{did_you_mean(residence, residence_ids) or ' Écrivez le nom du fichier du rapport, sans « .yml ».'}")
    for loaded in glossary:
        for index, target in enumerate(loaded.data.get("voir_aussi", [])):
            if target not in glossary_ids:
                yield _at(loaded, ("voir_aussi", index), "REF004",
                          f"entrée « {target} » inconnue : aucun fichier glossary/{target}.yml."
                          f"{did_you_mean(target, glossary_ids)}")


def check_reports(residences: list[LoadedFile], practices: list[LoadedFile], known_ids: dict[str, set[str]]) -> Iterator[Problem]:
    """Report axes list cards that exist and name the report back; calendar steps run forwards."""
    practice_ids = known_ids.get("practices", set())
    back = {loaded.data["id"]: loaded.data.get("residence") for loaded in practices}
    for loaded in residences:
        report_id = loaded.data["id"]
        for axis_index, axis in enumerate(loaded.data["axes"]):
            for index, target in enumerate(axis.get("pistes", [])):
                path = ("axes", axis_index, "pistes", index)
                if target not in practice_ids:
                    yield _at(loaded, path, "REF007", f"fiche « {target} » inconnue : aucun fichier practices/{target}.yml."
                              f"{did_you_mean(target, practice_ids)}")
                elif target in back and back[target] != report_id:
                    yield _at(loaded, path, "REF008",
                              f"la fiche « {target} » est issue de ce rapport mais ne le cite pas : ajoutez "
                              f"« residence: {report_id} » dans practices/{target}.yml.")
        for index, step in enumerate(loaded.data["calendrier"]):
            start, end = step.get("debut"), step.get("fin")
            if start is not None and end is not None and str(end) < str(start)[:len(str(end))]:
                yield _at(loaded, ("calendrier", index, "fin"), "CAL001",
                          f"l'étape « {step['etape']} » finit ({end}) avant de commencer ({start}). Vérifiez les dates.")


def check_source_lines(files: list[LoadedFile], schemas: Schemas) -> Iterator[Problem]:
    """Each cited line range exists in its document and runs forwards."""
    documents = schemas.documents
    for loaded in files:
        for index, source in enumerate(loaded.data.get("sources", [])):
            first, _, last = str(source["lignes"]).partition("-")
            start, end = int(first), int(last or first)
            count = documents.line_counts[source["document"]]
            path = ("sources", index, "lignes")
            if end < start:
                yield _at(loaded, path, "SRC001", f"plage de lignes à l'envers ({start} puis {end}). Écrivez « {end}-{start} ».")
            elif end > count:
                yield _at(loaded, path, "SRC001",
                          f"le document {source['document']} ({documents.files[source['document']]}) n'a que {count} lignes "
                          f"(reçu : {source['lignes']}). Vérifiez le numéro de ligne dans le fichier source.")


def check_glossary_entries(glossary: list[LoadedFile]) -> Iterator[Problem]:
    """One of sigle/terme, historical entries say what replaced them, one entry per sigle."""
    claimed: dict[str, LoadedFile] = {}
    for loaded in glossary:
        data = loaded.data
        if ("sigle" in data) == ("terme" in data):
            yield _at(loaded, (), "GLO001", "indiquez soit « sigle: … » (pour un sigle), soit « terme: … » (pour une notion), pas les deux.")
            continue
        if data["statut"] == "historique":
            for name in ("remplace_par", "depuis"):
                if name not in data:
                    yield _at(loaded, ("statut",), "GLO002",
                              f"entrée historique sans « {name} ». Indiquez ce qui l'a remplacée (remplace_par) et l'année (depuis).")
        label_field = "sigle" if "sigle" in data else "terme"
        spellings = [(label_field,), *(("variantes", index) for index in range(len(data.get("variantes", []))))]
        for data_path in spellings:
            label = data[label_field] if len(data_path) == 1 else data["variantes"][data_path[1]]
            key = fold(label)
            owner = claimed.setdefault(key, loaded)
            if owner is not loaded:
                yield _at(loaded, data_path, "GLO003",
                          f"« {label} » a déjà une entrée : {owner.path}. Ajoutez ce sens à « autres_sens » de cette "
                          "entrée, ou retirez cette graphie.")


def advise_placeholders(files: list[LoadedFile]) -> Iterator[Problem]:
    """Starter text left by `make nouvelle-fiche` or `make nouvelle-residence`."""
    for loaded in files:
        for data_path, text in walk_texts(loaded.data):
            if PLACEHOLDER in text:
                yield _at(loaded, data_path, "AVI003",
                          f"texte « {PLACEHOLDER} » encore présent : complétez ce champ avant de proposer la fiche.", ADVICE)


def advise_long_quotes(files: list[LoadedFile]) -> Iterator[Problem]:
    """A verbatim quote is at most 25 words (house content rule)."""
    for loaded in files:
        for data_path, text in walk_texts(loaded.data):
            for quote in QUOTE.findall(text):
                words = len(quote.split())
                if words > MAX_QUOTE_WORDS:
                    yield _at(loaded, data_path, "AVI004",
                              f"citation de {words} mots (« {quote[:40]}… ») : au plus {MAX_QUOTE_WORDS} mots, "
                              "reformulez le reste avec vos mots.", ADVICE)


def advise_practices(practices: list[LoadedFile]) -> Iterator[Problem]:
    """Advice that never blocks: long summaries, recommended fields left out."""
    for loaded in practices:
        summary = loaded.data["resume"]
        if len(summary) > MAX_SUMMARY_CHARS:
            yield _at(loaded, ("resume",), "AVI001",
                      f"résumé de {len(summary)} caractères ; au-delà de {MAX_SUMMARY_CHARS}, il ne tient plus en un coup d'œil.",
                      ADVICE)
        for name in RECOMMENDED_PRACTICE_FIELDS:
            if name not in loaded.data:
                yield _at(loaded, (), "AVI002", f"champ recommandé « {name} » absent.", ADVICE)


def check_library(files: dict[str, list[LoadedFile]], known_ids: dict[str, set[str]], schemas: Schemas) -> list[Problem]:
    """All cross-record problems of a run, over the files that passed their schema."""
    practices, glossary = files.get("practices", []), files.get("glossary", [])
    problems: list[Problem] = []
    for collection in files.values():
        problems += check_ids(collection)
        problems += check_source_lines(collection, schemas)
    problems += check_links(practices, glossary, known_ids)
    problems += check_reports(files.get("residences", []), practices, known_ids)
    problems += check_glossary_entries(glossary)
    problems += advise_practices(practices)
    problems += advise_placeholders(practices + files.get("residences", []))
    problems += advise_long_quotes(practices + glossary + files.get("residences", []))
    return problems
