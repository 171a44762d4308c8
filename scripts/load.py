"""Read YAML data files into plain Python data, keeping the file/line/column of every value.

PyYAML's `safe_load` silently keeps the last of two duplicate keys and forgets positions, so records are
composed into nodes and converted here: duplicate keys, anchors/aliases and custom tags are refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
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
    """A data file read into plain data, with where each value and key stands."""

    path: str
    data: object
    positions: dict = field(default_factory=dict)
    key_positions: dict = field(default_factory=dict)

    def position(self, data_path: DataPath) -> Position:
        """Closest known position of a value: itself, or the nearest enclosing value."""
        data_path = tuple(data_path)
        while data_path not in self.positions and data_path:
            data_path = data_path[:-1]
        return self.positions.get(data_path, (1, 1))

    def key_position(self, data_path: DataPath) -> Position:
        data_path = tuple(data_path)
        return self.key_positions.get(data_path) or self.position(data_path)


_YAML_PROBLEMS_FR = [
    ("found character '\\t' that cannot start any token", "tabulation interdite en YAML", "indentez avec des espaces"),
    ("found a tab character", "tabulation interdite en YAML", "indentez avec des espaces"),
    ("mapping values are not allowed", "deux-points inattendu", "mettez la valeur entre guillemets si elle contient « : »"),
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
]


def _describe_yaml_error(error: yaml.MarkedYAMLError) -> tuple[str, str]:
    problem = error.problem or ""
    for english, french, hint in _YAML_PROBLEMS_FR:
        if problem.startswith(english) or english in problem:
            return french, hint
    return f"syntaxe YAML invalide ({problem})", "vérifiez l'indentation, les deux-points et les guillemets"


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
        return None, [Problem(path, 1, 1, "LEC010", f"données imbriquées trop profondément (plus de {MAX_DEPTH} niveaux).")]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        french, hint = _describe_yaml_error(error)
        context = error.context_mark
        where = ""
        if context is not None and mark is not None and context.line != mark.line:
            where = f" Le bloc en cause commence ligne {context.line + 1}."
        return None, [Problem(path, line, column, "LEC003", f"{french}. {hint[0].upper()}{hint[1:]}.{where}")]
    except yaml.YAMLError as error:
        return None, [Problem(path, 1, 1, "LEC003", f"syntaxe YAML invalide ({error}).")]
    except RecursionError:
        return None, [Problem(path, 1, 1, "LEC010", f"données imbriquées trop profondément (plus de {MAX_DEPTH} niveaux).")]
    if node is None:
        return None, [Problem(path, 1, 1, "LEC002", "fichier vide ou ne contenant que des commentaires. "
                              "Partez du modèle : make nouvelle-fiche TITRE=\"…\".")]
    converter = _Converter(path)
    data = converter.convert(node, ())
    if not isinstance(data, dict) and not converter.problems:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        converter.problems.append(Problem(path, line, column, "LEC008",
                                          "le fichier doit décrire un objet, une ligne « champ: valeur » par champ."))
    if converter.problems:
        return None, converter.problems
    return LoadedFile(path, data, converter.positions, converter.key_positions), []


def _flow_depth(text: str) -> int:
    """Deepest run of [ and { brackets: libyaml recurses on them and crashes the interpreter when very deep."""
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}" and depth:
            depth -= 1
    return deepest


def load_file(file: Path, root: Path) -> tuple[LoadedFile | None, list[Problem]]:
    """Read a data file from disk; paths in problems are relative to the project root."""
    try:
        relative = file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        relative = file.as_posix()
    try:
        raw = file.read_bytes()
    except OSError as error:
        return None, [Problem(relative, 1, 1, "LEC001", f"fichier illisible ({error.strerror}).")]
    return load_text(raw, relative)


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
        self.problems.append(Problem(self.path, node.start_mark.line + 1, node.start_mark.column + 1, code, message))

    def convert(self, node: yaml.Node, data_path: DataPath, owner: yaml.Node | None = None) -> object:
        if id(node) in self._seen:
            # An alias is the anchored node itself: point at the key or list that uses it, not at the anchor.
            self._problem(owner or node, "LEC005", "alias YAML (*nom) non autorisé : recopiez la valeur.")
            return None
        self._seen.add(id(node))
        self.positions[data_path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if len(data_path) > MAX_DEPTH:
            self._problem(node, "LEC010", f"données imbriquées sur plus de {MAX_DEPTH} niveaux : simplifiez la structure.")
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
                self._problem(key_node, "LEC009", "clé invalide : une clé est un simple mot, par exemple « titre ».")
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
        if node.tag in (_STR, "tag:yaml.org,2002:timestamp") or _LEADING_ZERO.match(node.value):
            return node.value
        return self._constructor.construct_object(node)
