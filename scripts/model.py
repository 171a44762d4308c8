"""Typed, immutable records built from validated data: what the render stage works from."""

from __future__ import annotations

from dataclasses import dataclass

from .schemas import Schemas
from .text import fold


@dataclass(frozen=True)
class Source:
    document: str
    file_name: str
    section: str
    lines: str


@dataclass(frozen=True)
class Practice:
    id: str
    path: str
    titre: str
    resume: str
    type: str
    stade: str
    echelle: str
    themes: tuple[str, ...]
    probleme: str
    demarche: tuple[str, ...]
    resultats: str
    sources: tuple[Source, ...]
    mise_a_jour: str
    lieu: str = ""
    departement: str = ""
    region: str = ""
    pays: str = ""
    debut: str = ""
    fin: str = ""
    acteurs: tuple[str, ...] = ()
    publics: tuple[str, ...] = ()
    objectifs: tuple[str, ...] = ()
    productions: tuple[str, ...] = ()
    enseignements: tuple[str, ...] = ()
    points_de_vigilance: tuple[str, ...] = ()
    transferabilite: str = ""
    pratiques_liees: tuple[str, ...] = ()
    residence: str = ""
    notes_source: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sense:
    forme_longue: str
    definition: str
    usage: str


@dataclass(frozen=True)
class GlossaryEntry:
    id: str
    path: str
    label: str
    is_acronym: bool
    forme_longue: str
    definition: str
    categorie: str
    statut: str
    sources: tuple[Source, ...]
    remplace_par: str = ""
    depuis: int | None = None
    variantes: tuple[str, ...] = ()
    voir_aussi: tuple[str, ...] = ()
    autres_sens: tuple[Sense, ...] = ()
    note_source: str = ""


@dataclass(frozen=True)
class Library:
    practices: tuple[Practice, ...]
    glossary: tuple[GlossaryEntry, ...]
    vocabularies: dict
    document_titles: dict

    def practice(self, practice_id: str) -> Practice:
        return next(practice for practice in self.practices if practice.id == practice_id)


def _sources(data: dict, schemas: Schemas) -> tuple[Source, ...]:
    files = schemas.documents.files
    return tuple(Source(item["document"], files[item["document"]], item["section"], str(item["lignes"]))
                 for item in data["sources"])


def build_practice(data: dict, path: str, schemas: Schemas) -> Practice:
    territory, period = data.get("territoire", {}), data.get("periode", {})
    lists = ("acteurs", "publics", "objectifs", "productions", "enseignements", "points_de_vigilance",
             "pratiques_liees", "notes_source", "themes", "demarche")
    texts = ("titre", "resume", "type", "stade", "echelle", "probleme", "resultats", "mise_a_jour",
             "transferabilite", "residence")
    return Practice(
        id=data["id"],
        path=path,
        sources=_sources(data, schemas),
        debut=str(period.get("debut", "")),
        fin=str(period.get("fin", "")),
        **{key: territory.get(key, "") for key in ("lieu", "departement", "region", "pays")},
        **{key: tuple(data.get(key, ())) for key in lists},
        **{key: str(data.get(key, "")) for key in texts},
    )


def build_glossary_entry(data: dict, path: str, schemas: Schemas) -> GlossaryEntry:
    return GlossaryEntry(
        id=data["id"],
        path=path,
        label=data.get("sigle") or data["terme"],
        is_acronym="sigle" in data,
        forme_longue=data["forme_longue"],
        definition=data["definition"],
        categorie=data["categorie"],
        statut=data["statut"],
        sources=_sources(data, schemas),
        remplace_par=data.get("remplace_par", ""),
        depuis=data.get("depuis"),
        variantes=tuple(data.get("variantes", ())),
        voir_aussi=tuple(data.get("voir_aussi", ())),
        autres_sens=tuple(Sense(item["forme_longue"], item["definition"], item["usage"])
                          for item in data.get("autres_sens", ())),
        note_source=data.get("note_source", ""),
    )


def build_library(files: dict, schemas: Schemas) -> Library:
    """Records sorted for display: practices by title, glossary entries alphabetically."""
    practices = [build_practice(loaded.data, loaded.path, schemas) for loaded in files.get("practices", [])]
    glossary = [build_glossary_entry(loaded.data, loaded.path, schemas) for loaded in files.get("glossary", [])]
    return Library(
        practices=tuple(sorted(practices, key=lambda practice: fold(practice.titre))),
        glossary=tuple(sorted(glossary, key=lambda entry: (fold(entry.label), entry.id))),
        vocabularies=schemas.vocabularies,
        document_titles=schemas.documents.titles,
    )
