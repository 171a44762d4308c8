"""Sigles écrits en casse mixte dans les documents sources (candidats à vérifier à la main).

Le contrôle GLO004 ne voit que les mots de deux capitales ou plus (SPE, DIRECCTE). Ce script cherche,
dans les cinq documents sources (../shared/seeds/ à côté du dépôt), les sigles qu'il laisse passer, selon trois motifs :

  mixte      mot mêlant au moins deux capitales et des minuscules (COPsy, NOTRe, CapEmploi) ;
  expansion  mot à initiale capitale suivi d'une forme longue entre parenthèses, ou mis entre parenthèses
             juste après elle (« Nacre (nouvel accompagnement…) », « … des adultes (Afpa) ») : il doit se
             lire, dans l'ordre, dans les débuts de mots de la forme longue (MEDEF : Mouvement Des
             Entreprises DE France) ;
  liste      entrée qui n'est pas tout en capitales dans les listes de sigles des sources (glossaire du
             document 000, index des sigles du document 001, lexique du document 002).

Avec --large, un quatrième motif, bruyant (surtout des noms de lieux), rattrape les sigles écrits comme des
noms propres sans forme longue à côté (« le dispositif Nacre », « les Cigales ») :

  article    mot à initiale capitale seul après un article ou une élision (le, la, les, du, des, au, aux, l',
             d') ou après « dispositif » ou « réseau », jamais écrit en minuscules dans les cinq documents.

Il affiche un tableau : candidat, document, première ligne, nombre d'occurrences (graphie exacte, mot
entier), motifs. Ce sont des candidats : à chacun de juger (nom propre, mot ordinaire ou vrai sigle).

Usage : python -m scripts.tools.scan_sigles_casse_mixte [--large] [dossier des sources] (par défaut ../shared/seeds/)
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Un mot à initiale capitale, suivi (ou précédé) d'une parenthèse.
WORD_THEN_PAREN = re.compile(r"\b([A-ZÀ-Ý][^\W\d_]{2,9})\s*\(([^()]{5,160})\)")
PAREN_WORD = re.compile(r"\(\s*([A-ZÀ-Ý][^\W\d_]{2,9})\s*\)")
AFTER_ARTICLE = re.compile(r"(?:\b(?:le|la|les|du|des|au|aux|dispositif|réseau)\s+|\b[lLdD]['’])"
                           r"([A-ZÀ-Ý][a-zà-ÿ]{2,9})\b(?!\s*[-A-ZÀ-Ý])(?!['’])")
# Adresses et identifiants (submitViewTableAction.do, L\_4xjaTkhWsC) : masqués avant la recherche.
NOT_PROSE = re.compile(r"https?://\S+|www\.\S+|<[^>]+>|\S*[/\\]\S*|\S+\.(?:do|html?|php)\b")
# Siècles et rangs (XIXe, XXème) : chiffres romains suivis d'un suffixe ordinal.
ORDINAL = re.compile(r"^[IVXLC]+(?:e|er|ème|eme)$")

# Mots trop courants pour être pris pour des sigles, même quand les initiales tombent juste.
COMMON = {"Les", "Des", "Une", "Pour", "Dans", "Avec", "Sur", "Par", "Est", "Son", "Ses", "Cette", "Ces",
          "Elle", "Ils", "Nous", "Vous", "Qui", "Que", "Quand", "Voir", "Source", "Site", "Loi", "Cas"}

# Où commencent les listes de sigles des sources, et comment en lire les entrées.
LISTS = {
    "000": (re.compile(r"^## GLOSSAIRE"), re.compile(r"^<b>(.+?)\s*:</b>")),
    "001": (re.compile(r"^ANNEXE 3 – INDEX DES SIGLES UTILISÉS\s*$"), re.compile(r"^([^\t]+?)\t")),
    "002": (re.compile(r"^\s*Lexique\s*$"), None),  # lexique : titre seul sur sa ligne, suivi de sa définition
}
LIST_END = re.compile(r"^## ")  # le glossaire du document 000 s'arrête au titre suivant


def fold(text: str) -> str:
    """Minuscules sans accents (Unédic -> unedic)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def is_mixed(token: str) -> bool:
    """Au moins deux capitales et une minuscule, dans une partie du mot (pas Jean-Pierre ni Saint-Denis)."""
    for part in token.split("-"):
        if ORDINAL.match(part):
            continue
        capitals = sum(char.isupper() for char in part)
        if capitals >= 2 and any(char.islower() for char in part):
            # Mot tout en capitales suivi d'un « s » de pluriel (PMEs) : déjà vu par le contrôle des capitales.
            if part[:-1].isupper() and part.endswith("s"):
                continue
            return True
    return False


def words_of(text: str) -> list[str]:
    """Mots d'un texte en minuscules sans accents, élisions ôtées (« l'emploi » donne « emploi »)."""
    text = re.sub(r"\b[dljnsqc]['’]", " ", text, flags=re.IGNORECASE)
    return [fold(word) for word in re.findall(r"[^\W\d_]+", text)]


def spelled_by(acronym: str, words: list[str]) -> bool:
    """Le sigle se découpe en débuts de mots de la forme longue, pris dans l'ordre, le premier mot en tête.

    Des mots peuvent être sautés (« de », « la »…) ; un mot peut donner plus que son initiale
    (MEDEF : Mouvement des Entreprises DE France ; CEREQ : … REcherches … Qualifications).
    """
    def match(rest: str, index: int) -> bool:
        if not rest:
            return True
        for position in range(index, len(words)):
            word = words[position]
            for size in range(min(len(word), len(rest)), 0, -1):
                if word[:size] == rest[:size] and match(rest[size:], position + 1):
                    return True
        return False

    acronym = fold(acronym)
    return bool(words) and words[0][0] == acronym[0] and match(acronym, 0)


def expanded_before(acronym: str, before: str) -> bool:
    """« … forme longue (Sigle) » : une fin de la phrase qui précède épelle le sigle."""
    words = words_of(re.split(r"[.;:!?«»\n]", before)[-1])[-15:]
    return any(spelled_by(acronym, words[start:]) for start in range(len(words)))


def list_entries(doc: str, lines: list[str]) -> list[tuple[int, str]]:
    """(numéro de ligne, entrée) des listes de sigles d'un document, entrées pas tout en capitales."""
    if doc not in LISTS:
        return []
    start_pattern, entry_pattern = LISTS[doc]
    entries = []
    inside = False
    for number, line in enumerate(lines, 1):
        if start_pattern.match(line):
            inside = True
            continue
        if not inside:
            continue
        if LIST_END.match(line):
            break
        if entry_pattern:
            match = entry_pattern.match(line)
            entry = match.group(1).strip() if match else None
        else:
            entry = lexicon_head(lines, number - 1)
        if entry and not entry.replace(" ", "").isupper():
            entries.append((number, entry))
    return entries


def lexicon_head(lines: list[str], index: int) -> str | None:
    """Dans le lexique du document 002 : ligne courte, après une ligne vide, suivie d'une définition."""
    line = lines[index].strip()
    previous = lines[index - 1].strip() if index else ""
    following = lines[index + 1].strip() if index + 1 < len(lines) else ""
    if (not line or previous or not following or len(line.split()) > 4 or line[-1] in ".,;:»…"
            or not line[0].isupper() or line.startswith(("«", "Source", "Sommaire"))):
        return None
    return line


def scan(seeds: Path, large: bool = False) -> dict[tuple[str, str], dict]:
    """{(candidat, document): {ligne, occurrences, motifs}} ; la ligne est la première où le candidat apparaît."""
    found: dict[tuple[str, str], dict] = {}

    def note(candidate: str, doc: str, number: int, reason: str) -> None:
        row = found.setdefault((candidate, doc), {"ligne": number, "motifs": set()})
        row["ligne"] = min(row["ligne"], number)
        row["motifs"].add(reason)

    paths = sorted(seeds.glob("[0-9][0-9][0-9]_*.txt"))
    lower_words = set()
    for path in paths:
        lower_words |= set(re.findall(r"\b[a-zà-ÿ]+\b", path.read_text(encoding="utf-8")))
    for path in paths:
        doc = path.name[:3]
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for number, raw_line in enumerate(lines, 1):
            line = NOT_PROSE.sub(lambda match: " " * len(match.group()), raw_line)
            for match in WORD.finditer(line):
                if is_mixed(match.group()):
                    note(match.group(), doc, number, "mixte")
            for match in WORD_THEN_PAREN.finditer(line):
                word, inside = match.groups()
                if word not in COMMON and not word.isupper() and spelled_by(word, words_of(inside)):
                    note(word, doc, number, "expansion")
            for match in PAREN_WORD.finditer(line):
                word = match.group(1)
                if word not in COMMON and not word.isupper() and expanded_before(word, line[:match.start()]):
                    note(word, doc, number, "expansion")
            if large:
                for match in AFTER_ARTICLE.finditer(line):
                    word = match.group(1)
                    if word not in COMMON and word.lower() not in lower_words:
                        note(word, doc, number, "article")
        for number, entry in list_entries(doc, lines):
            note(entry, doc, number, "liste")
        # Première ligne et compte réels, sur tout le document (le motif a pu être vu plus loin).
        for (candidate, candidate_doc), row in found.items():
            if candidate_doc != doc:
                continue
            exact = re.compile(rf"(?<![\w-]){re.escape(candidate)}(?![\w-])")
            hits = [number for number, line in enumerate(lines, 1) if exact.search(line)]
            row["occurrences"] = sum(len(exact.findall(line)) for line in lines)
            if hits:
                row["ligne"] = min(row["ligne"], hits[0])
    return found


def main() -> None:
    arguments = sys.argv[1:]
    large = "--large" in arguments
    folders = [argument for argument in arguments if argument != "--large"]
    found = scan(Path(folders[0]) if folders else SEEDS, large)
    rows = sorted(found.items(), key=lambda item: (fold(item[0][0]), item[0][1]))
    header = ("candidat", "doc", "1re ligne", "occ.", "motifs")
    table = [header] + [(candidate, doc, str(row["ligne"]), str(row["occurrences"]), ", ".join(sorted(row["motifs"])))
                        for (candidate, doc), row in rows]
    widths = [max(len(cells[column]) for cells in table) for column in range(len(header))]
    for cells in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(cells, widths)).rstrip())
    print(f"\n{len(rows)} candidats (une ligne par graphie et par document).")


if __name__ == "__main__":
    main()
