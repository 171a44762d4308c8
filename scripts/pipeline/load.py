"""Read YAML data files into plain Python data, keeping the file/line/column of every value.

PyYAML's `safe_load` silently keeps the last of two duplicate keys and forgets positions, so records are
composed into nodes and converted here: duplicate keys, anchors/aliases and custom tags are refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from .problems import Problem

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 1_000_000
# No record needs more than a few levels (a report's calendar steps hold lists of figures): deeper is an error.
MAX_DEPTH = 12
MAX_FLOW_DEPTH = 200
BOM = b"\xef\xbb\xbf"

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
# « document: 003 » is a code, not the octal number 3: plain numbers with a leading zero stay text.
_LEADING_ZERO = re.compile(r"^0[0-9]+$")

Position = tuple[int, int]
DataPath = tuple


@dataclass(frozen=True)
class LoadedFile:
    """A data file read into plain data, with where each value and key stands.

    A file restored from the build cache keeps only its data: its positions are read again from the file the first
    time a problem needs them (`reread`), which is rare, since an unchanged valid file seldom has a new problem.
    """

    path: str
    data: object
    positions: dict = field(default_factory=dict)
    key_positions: dict = field(default_factory=dict)
    reread: Callable[[], LoadedFile | None] | None = field(default=None, compare=False, repr=False)

    def _tables(self) -> tuple[dict, dict]:
        if self.reread is not None:
            fresh = self.reread()
            object.__setattr__(self, "reread", None)
            if fresh is not None:
                object.__setattr__(self, "positions", fresh.positions)
                object.__setattr__(self, "key_positions", fresh.key_positions)
        return self.positions, self.key_positions

    def position(self, data_path: DataPath) -> Position:
        """Closest known position of a value: itself, or the nearest enclosing value."""
        positions, _ = self._tables()
        data_path = tuple(data_path)
        while data_path not in positions and data_path:
            data_path = data_path[:-1]
        return positions.get(data_path, (1, 1))

    def key_position(self, data_path: DataPath) -> Position:
        _, key_positions = self._tables()
        data_path = tuple(data_path)
        return key_positions.get(data_path) or self.position(data_path)


_YAML_PROBLEMS_FR = [
    ("found character '\\t' that cannot start any token", "tabulation interdite en YAML", "indentez avec des espaces"),
    ("found a tab character", "tabulation interdite en YAML", "indentez avec des espaces"),
    ("mapping values are not allowed", "deux-points inattendu",
     "si la valeur contient « : », mettez-la entre guillemets ; sinon, alignez cette ligne sur les champs voisins"),
    ("could not find expected ':'", "« : » attendu après une clé", "vérifiez l'indentation et les guillemets de la ligne précédente"),
    ("found unexpected end of stream", "fin de fichier inattendue", "un guillemet ou un crochet n'est pas refermé"),
    ("found unexpected ':'", "deux-points inattendu", "mettez la valeur entre guillemets"),
    ("did not find expected key", "clé attendue", "vérifiez l'indentation (les champs d'un même objet s'alignent) et qu'aucun guillemet n'est resté ouvert plus haut"),
    ("did not find expected '-' indicator", "tiret « - » attendu", "les éléments d'une liste s'alignent et commencent par « - »"),
    ("found undefined alias", "alias inconnu", "les alias YAML (*nom) ne sont pas autorisés"),
    ("expected <document start>", "contenu inattendu après la fin du document", "vérifiez l'indentation"),
    ("block sequence entries are not allowed", "liste mal placée", "passez à la ligne et indentez la liste sous sa clé"),
    ("found character that cannot start any token", "caractère interdit en début de valeur", "mettez la valeur entre guillemets"),
    ("control characters are not allowed", "caractère de contrôle interdit", "supprimez le caractère invisible copié depuis un autre logiciel"),
    ("did not find expected ',' or ']'", "crochet « [ » non refermé", "fermez la liste par « ] », ou écrivez un élément par ligne après « - »"),
    ("did not find expected ',' or '}'", "accolade « { » non refermée", "fermez l'objet par « } », ou écrivez un champ par ligne"),
    ("but found another document", "plusieurs documents dans un même fichier (ligne « --- »)",
     "une fiche par fichier : supprimez la ligne « --- » et ce qui suit, ou placez-le dans un autre fichier"),
    ("did not find expected node content", "valeur attendue", "une valeur manque après « - » ou « : », ou un crochet est mal placé"),
    ("mapping keys are not allowed", "clé inattendue", "alignez cette ligne sur les champs voisins"),
    ("did not find expected comment or line break", "texte inattendu en fin de ligne",
     "après un « | » ou un « > », ou après un guillemet fermant, passez à la ligne"),
    ("found unknown escape character", "barre oblique inverse « \\ » suivie d'un caractère inconnu",
     "entre guillemets doubles, écrivez « \\\\ » pour une barre, ou utilisez des guillemets simples"),
    ("invalid Unicode character escape", "code de caractère « \\u… » invalide", "écrivez le caractère lui-même"),
    ("hexdecimal number", "code de caractère « \\x… » ou « \\u… » invalide", "écrivez le caractère lui-même"),  # libyaml's spelling
    ("expected hexadecimal", "code de caractère « \\x… » ou « \\u… » invalide", "écrivez le caractère lui-même"),
    ("found unexpected document indicator", "ligne « --- » ou « ... » au milieu d'un texte",
     "mettez le texte entre guillemets ou indentez cette ligne"),
    ("did not find expected alphabetic or numeric character", "« & » ou « * » suivi d'un nom invalide",
     "les ancres et alias ne sont pas permis : mettez la valeur entre guillemets"),
    ("did not find expected whitespace or line break", "espace attendu", "mettez la valeur entre guillemets"),
    ("found undefined tag handle", "étiquette YAML (!…) inconnue", "supprimez l'étiquette ou mettez la valeur entre guillemets"),
    ("did not find expected tag URI", "étiquette YAML (!…) invalide", "supprimez l'étiquette ou mettez la valeur entre guillemets"),
    ("found duplicate", "directive ou ancre YAML en double", "supprimez les lignes « % » et les ancres « & »"),
    ("found incompatible YAML document", "version de YAML non prise en charge", "supprimez la ligne « %YAML »"),
    ("found an indentation indicator equal to 0", "indicateur d'indentation 0 invalide", "écrivez « | » ou « > » seul"),
    ("expected a comment or a line break", "texte inattendu en fin de ligne", "passez à la ligne"),
]


def _describe_yaml_error(error: yaml.MarkedYAMLError) -> tuple[str, str]:
    problem = error.problem or ""
    for english, french, hint in _YAML_PROBLEMS_FR:
        if problem.startswith(english) or english in problem:
            return french, hint
    # Every message a contributor reads is French: an unknown English diagnosis is left out, the position stays.
    return "syntaxe YAML invalide", "vérifiez l'indentation, les deux-points et les guillemets"


def load_text(raw: bytes, path: str) -> tuple[LoadedFile | None, list[Problem]]:
    """Decode and parse one file's bytes; return the loaded file or the problems that prevent it."""
    if len(raw) > MAX_FILE_BYTES:
        size = len(raw) // 1000
        return None, [Problem(path, 1, 1, "LEC007", f"fichier de {size} ko, au-delà de la limite de "
                              f"{MAX_FILE_BYTES // 1000} ko. Découpez-le : une fiche par fichier.")]
    raw = raw.removeprefix(BOM)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Problem(path, line, column, "LEC001",
                              f"octet {raw[error.start]:#04x} invalide en UTF-8. Enregistrez le fichier en UTF-8 "
                              "(dans l'éditeur : « Enregistrer avec l'encodage » → UTF-8).")]
    if _flow_depth(text) > MAX_FLOW_DEPTH:
        return None, [Problem(path, 1, 1, "LEC010", f"données imbriquées trop profondément (plus de {MAX_FLOW_DEPTH} crochets "
                              "« [ » ou accolades « { » ouverts à la fois). Écrivez les listes avec des tirets, un élément par ligne.")]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        last_line = text.count("\n") + 1
        if line > last_line:
            # The end of the stream lies past a file with no final newline: point at the end of its last line.
            line, column = last_line, len(text.rsplit("\n", 1)[-1]) + 1
        french, hint = _describe_yaml_error(error)
        context = error.context_mark
        where = ""
        if context is not None and mark is not None and context.line != mark.line:
            where = f" Le bloc en cause commence ligne {context.line + 1}."
        return None, [Problem(path, line, column, "LEC003", f"{french}. {hint[0].upper()}{hint[1:]}.{where}")]
    except yaml.reader.ReaderError as error:
        # Raised before any parsing, with a character offset rather than a mark.
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        code = ord(error.character) if isinstance(error.character, str) else error.character
        return None, [Problem(path, line, column, "LEC003", f"caractère invisible U+{code:04X} interdit en YAML. Supprimez-le "
                              "(il vient souvent d'un copier-coller depuis un traitement de texte ou un PDF).")]
    except yaml.YAMLError:
        return None, [Problem(path, 1, 1, "LEC003", "syntaxe YAML invalide. Vérifiez l'indentation, les deux-points et les guillemets.")]
    except RecursionError:
        return None, [Problem(path, 1, 1, "LEC010", f"données imbriquées trop profondément (plus de {MAX_DEPTH} niveaux). "
                              "Simplifiez la structure : une fiche n'a besoin que de quelques niveaux.")]
    if node is None:
        return None, [Problem(path, 1, 1, "LEC002", "fichier vide ou ne contenant que des commentaires. "
                              "Partez du modèle : make nouvelle-fiche TITRE=\"…\".")]
    converter = _Converter(path)
    data = converter.convert(node, ())
    if not isinstance(data, dict) and not converter.problems:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        converter.problems.append(Problem(path, line, column, "LEC008",
                                          "le fichier doit décrire un objet. Écrivez une ligne « champ: valeur » par champ, "
                                          "sans tiret devant."))
    # An empty value at the very end of a file is marked on the line after it: keep every position in the file.
    last = (text.count("\n") + 1, len(text.rsplit("\n", 1)[-1]) + 1)
    if converter.problems:
        return None, [replace(problem, line=min(problem.line, last[0]), column=problem.column if problem.line <= last[0]
                              else last[1]) for problem in converter.problems]
    positions, key_positions = ({where: min(position, last) for where, position in table.items()}
                                for table in (converter.positions, converter.key_positions))
    return LoadedFile(path, data, positions, key_positions), []


_BRACKETS = re.compile(r"[\[\]{}]")


def _flow_depth(text: str) -> int:
    """Deepest run of [ and { brackets: libyaml recurses on them and crashes the interpreter when very deep."""
    depth = deepest = 0
    # Only the brackets are visited: a loop over every character cost more than parsing the file.
    for char in _BRACKETS.findall(text):
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif depth:
            depth -= 1
    return deepest


def relative_path(file: Path, root: Path) -> str:
    """How problems name a file: relative to the project root."""
    try:
        return file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return file.as_posix()


def read_bytes(file: Path, relative: str) -> tuple[bytes | None, list[Problem]]:
    try:
        return file.read_bytes(), []
    except OSError as error:
        return None, [Problem(relative, 1, 1, "LEC001", f"fichier illisible ({error.strerror}).")]


def load_file(file: Path, root: Path) -> tuple[LoadedFile | None, list[Problem]]:
    """Read a data file from disk; paths in problems are relative to the project root."""
    relative = relative_path(file, root)
    raw, problems = read_bytes(file, relative)
    return (None, problems) if raw is None else load_text(raw, relative)


def restore(file: Path, relative: str, data: object) -> LoadedFile:
    """A file whose data comes from the build cache: positions are read from the file only if a problem needs them."""
    return LoadedFile(relative, data, reread=lambda: load_text(file.read_bytes(), relative)[0])


class _Converter:
    """Turns a composed node graph into plain data; collects problems instead of raising."""

    def __init__(self, path: str):
        self.path = path
        self.positions: dict = {}
        self.key_positions: dict = {}
        self.problems: list[Problem] = []
        self._seen: set[int] = set()
        self._constructor = yaml.constructor.SafeConstructor()

    def _problem(self, node: yaml.Node, code: str, message: str) -> None:
        problem = Problem(self.path, node.start_mark.line + 1, node.start_mark.column + 1, code, message)
        # A list of nine aliases (« billion laughs ») is one mistake, reported once.
        if not self.problems or self.problems[-1] != problem:
            self.problems.append(problem)

    def convert(self, node: yaml.Node, data_path: DataPath, owner: yaml.Node | None = None) -> object:
        if id(node) in self._seen:
            # An alias is the anchored node itself: point at the key or list that uses it, not at the anchor.
            self._problem(owner or node, "LEC005", "alias YAML (*nom) non autorisé : recopiez la valeur.")
            return None
        self._seen.add(id(node))
        self.positions[data_path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if len(data_path) > MAX_DEPTH:
            self._problem(node, "LEC010", f"données imbriquées sur plus de {MAX_DEPTH} niveaux. Simplifiez la structure : "
                          "une fiche n'a besoin que de quelques niveaux.")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._convert_mapping(node, data_path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self._problem(node, "LEC006", f"étiquette YAML « {node.tag} » non autorisée. Supprimez-la.")
            return [self.convert(item, data_path + (index,), node) for index, item in enumerate(node.value)]
        return self._convert_scalar(node)

    def _convert_mapping(self, node: yaml.MappingNode, data_path: DataPath) -> dict:
        if node.tag != _MAP:
            self._problem(node, "LEC006", f"étiquette YAML « {node.tag} » non autorisée. Supprimez-la.")
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                self._problem(key_node, "LEC009", "clé invalide : une clé est un simple mot, par exemple « titre ». "
                              "Écrivez un champ par ligne (« champ: valeur ») ; la fusion « <<: » n'est pas permise.")
                continue
            key = key_node.value
            if key in result:
                first_line = self.key_positions[data_path + (key,)][0]
                self._problem(key_node, "LEC004",
                              f"clé « {key} » en double (déjà définie ligne {first_line}). Gardez-en une seule.")
                continue
            self.key_positions[data_path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.convert(value_node, data_path + (key,), key_node)
        return result

    def _convert_scalar(self, node: yaml.ScalarNode) -> object:
        if node.tag not in _SCALAR_TAGS:
            self._problem(node, "LEC006", f"étiquette YAML « {node.tag} » non autorisée. Supprimez-la.")
            return None
        # YAML 1.1 reads « 10:20 » as the base-60 number 620: an author writing a line range means text.
        if node.tag in (_STR, "tag:yaml.org,2002:timestamp") or _LEADING_ZERO.match(node.value) or ":" in node.value:
            return node.value
        try:
            return self._constructor.construct_object(node)
        except ValueError:
            # Python refuses to convert integers of more than 4,300 digits: no field wants one, keep the text.
            return node.value
