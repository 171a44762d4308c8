"""Typed, immutable records built from validated data: what the render stage works from.

One class per kind of record, each with its builder (`build_*`: validated data → record) and its display order;
scripts/pipeline/registry.py ties them to their folder, schema and pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from .text import fold

if TYPE_CHECKING:
    from .validate.schemas import Documents, Schemas


@dataclass(frozen=True)
class Source:
    document: str
    title: str          # the document's short title, as readers see it cited
    section: str
    lines: str


@dataclass(frozen=True)
class Reference:
    """A public text that establishes a fact from after the sources (a law, a decree, an official page)."""

    titre: str
    fait: str
    adresse: str = ""


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
    departement: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
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
    references: tuple[Reference, ...] = ()

    def order(self) -> tuple:
        """Display order: by title, accents ignored."""
        return (fold(self.titre),)


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
    alias: tuple[str, ...] = ()
    voir_aussi: tuple[str, ...] = ()
    autres_sens: tuple[Sense, ...] = ()
    note_source: str = ""
    references: tuple[Reference, ...] = ()
    mise_a_jour: str = ""

    def order(self) -> tuple:
        """Display order: alphabetical, accents ignored (A to Z on the glossary page)."""
        return (fold(self.label), self.id)


@dataclass(frozen=True)
class Figure:
    valeur: int
    libelle: str


@dataclass(frozen=True)
class Step:
    etape: str
    type: str
    dates: str
    debut: str = ""
    fin: str = ""
    lieu: str = ""
    actions: tuple[str, ...] = ()
    chiffres: tuple[Figure, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Axis:
    titre: str
    question: str
    constats: tuple[str, ...] = ()
    obstacles: tuple[str, ...] = ()
    pistes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Member:
    nom: str
    role: str
    structure: str = ""


@dataclass(frozen=True)
class Report:
    id: str
    path: str
    titre: str
    type: str
    resume: str
    porteurs: tuple[str, ...]
    lieu: str
    debut: str
    protocole: tuple[str, ...]
    calendrier: tuple[Step, ...]
    axes: tuple[Axis, ...]
    enseignements: tuple[str, ...]
    sources: tuple[Source, ...]
    mise_a_jour: str
    fin: str = ""
    region: str = ""
    partenaires: tuple[str, ...] = ()
    equipe: tuple[Member, ...] = ()
    chiffres_cles: tuple[Figure, ...] = ()
    suites: str = ""
    hors_fiches: tuple[tuple[str, str], ...] = ()
    notes_source: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()

    def order(self) -> tuple:
        """Display order: by date."""
        return (self.debut or self.fin,)


@dataclass(frozen=True)
class Library:
    practices: tuple[Practice, ...]
    glossary: tuple[GlossaryEntry, ...]
    reports: tuple[Report, ...]
    vocabularies: dict
    documents: Documents

    # Looked up by id for every link of every card: a scan of all cards each time would be quadratic.
    @cached_property
    def _practices_by_id(self) -> dict[str, Practice]:
        return {practice.id: practice for practice in self.practices}

    @cached_property
    def _reports_by_id(self) -> dict[str, Report]:
        return {report.id: report for report in self.reports}

    def practice(self, practice_id: str) -> Practice:
        return self._practices_by_id[practice_id]

    def report(self, report_id: str) -> Report:
        return self._reports_by_id[report_id]


def _sources(data: dict, schemas: Schemas) -> tuple[Source, ...]:
    titles = schemas.documents.short_titles
    return tuple(Source(item["document"], titles[item["document"]], item["section"], str(item["lignes"]))
                 for item in data["sources"])


def _references(data: dict) -> tuple[Reference, ...]:
    return tuple(Reference(item["titre"], item["fait"], item.get("adresse", "")) for item in data.get("references", ()))


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
        references=_references(data),
        debut=str(period.get("debut", "")),
        fin=str(period.get("fin", "")),
        lieu=territory.get("lieu", ""),
        departement=tuple(territory.get("departement", ())),
        region=tuple(territory.get("region", ())),
        pays=territory.get("pays", ""),
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
        alias=tuple(data.get("alias", ())),
        voir_aussi=tuple(data.get("voir_aussi", ())),
        autres_sens=tuple(Sense(item["forme_longue"], item["definition"], item["usage"])
                          for item in data.get("autres_sens", ())),
        note_source=data.get("note_source", ""),
        references=_references(data),
        mise_a_jour=str(data.get("mise_a_jour", "")),
    )


def _figures(items) -> tuple[Figure, ...]:
    return tuple(Figure(item["valeur"], item["libelle"]) for item in items or ())


def build_report(data: dict, path: str, schemas: Schemas) -> Report:
    period = data["periode"]
    return Report(
        id=data["id"], path=path, titre=data["titre"], type=data["type"], resume=data["resume"],
        porteurs=tuple(data["porteurs"]), partenaires=tuple(data.get("partenaires", ())),
        equipe=tuple(Member(item["nom"], item["role"], item.get("structure", "")) for item in data.get("equipe", ())),
        lieu=data["lieu"], region=data.get("region", ""),
        debut=str(period.get("debut", "")), fin=str(period.get("fin", "")),
        protocole=tuple(data["protocole"]), chiffres_cles=_figures(data.get("chiffres_cles")),
        calendrier=tuple(
            Step(step["etape"], step["type"], step["dates"], str(step.get("debut", "")), str(step.get("fin", "")),
                 step.get("lieu", ""), tuple(step.get("actions", ())), _figures(step.get("chiffres")), step.get("note", ""))
            for step in data["calendrier"]
        ),
        axes=tuple(
            Axis(axis["titre"], axis["question"], tuple(axis.get("constats", ())), tuple(axis.get("obstacles", ())),
                 tuple(axis.get("pistes", ())))
            for axis in data["axes"]
        ),
        enseignements=tuple(data["enseignements"]), suites=data.get("suites", ""),
        hors_fiches=tuple((item["element"], item["raison"]) for item in data.get("hors_fiches", ())),
        sources=_sources(data, schemas), notes_source=tuple(data.get("notes_source", ())), references=_references(data),
        mise_a_jour=str(data["mise_a_jour"]),
    )
