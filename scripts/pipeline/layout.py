"""The one layout of a data file: what `python -m scripts format` writes and what the editor (/admin/) saves.

A record is written the same way whoever writes it, so that a change made in the editor shows as a small diff and
hand-written files converge on it: the `# yaml-language-server` line first; keys in the order of the schema (keys the
schema does not know come last, for the check to report); empty values left out; block lists indented under their
key; a text that does not fit on its line folded (`>-`) at WIDTH columns; quotes only where plain YAML would change
the value, always double. docs/assets/editeur/mise-en-forme.js is the same algorithm in JavaScript, for the editor:
tests/test_layout.py checks that both write every data file identically.
"""

from __future__ import annotations

import re

from .validate.schemas import resolve

WIDTH = 120
STEP = 2

# Characters a plain or folded scalar cannot hold: control characters (tab, line breaks, NEL), the Unicode line and
# paragraph separators, the byte order mark and the two non-characters YAML refuses.
_SPECIAL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
# First characters that make a plain scalar mean something else: YAML indicators, and what YAML 1.1 (PyYAML) or 1.2
# would read as a number, a date, a null or a merge key. « 003 » or « 2017-09 » are then quoted: codes, not numbers.
_FIRST = set("-?:,[]{}#&*!|>'\"%@`+.0123456789<=~")
_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def schema_header(schema_file: str, schemas_folder: str = "schemas") -> str:
    """First line of a data file: the YAML extension of editors then completes and checks fields while typing."""
    return f"# yaml-language-server: $schema=../{schemas_folder}/{schema_file}"


def key_order(schema_file: str, raw: dict) -> dict:
    """The order of keys at every level, from the schema: {"ordre": [...], "champs": {key: …}} for an object,
    {"elements": …} for a list, {} for a value. Written as JSON for the editor."""
    def walk(schema: dict, base: str) -> dict:
        schema, base = resolve(schema, raw, base)
        if "properties" in schema:
            return {"ordre": list(schema["properties"]),
                    "champs": {key: walk(value, base) for key, value in schema["properties"].items()}}
        if "items" in schema:
            return {"elements": walk(schema["items"], base)}
        return {}
    return walk(raw[schema_file], schema_file)


def pruned(value: object) -> object:
    """The value without its empty parts (None, "", [], {}), which a form leaves behind and no schema wants."""
    if isinstance(value, dict):
        kept = {key: pruned(item) for key, item in value.items()}
        return {key: item for key, item in kept.items() if not _empty(item)}
    if isinstance(value, list):
        return [item for item in (pruned(item) for item in value) if not _empty(item)]
    return value


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and not value)


def _plain(text: str) -> bool:
    """Whether `text` reads back as the same text when written without quotes (YAML 1.1 and 1.2 alike)."""
    return (bool(text) and text[0] not in _FIRST and not text.startswith(" ") and not text.endswith((" ", ":"))
            and ": " not in text and " #" not in text and text.lower() not in _WORDS and not _SPECIAL.search(text))


def _quoted(text: str) -> str:
    def escape(match: re.Match) -> str:
        char = match.group(0)
        if char in _ESCAPES:
            return _ESCAPES[char]
        return f"\\x{ord(char):02X}" if ord(char) < 0x100 else f"\\u{ord(char):04X}"
    return '"' + re.sub('[\\\\"]|' + _SPECIAL.pattern, escape, text) + '"'


def _inline(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return value if _plain(value) else _quoted(value)


def _foldable(text: str) -> bool:
    return " " in text and not _SPECIAL.search(text) and not text.startswith(" ") and not text.endswith(" ") \
        and "  " not in text


def _folded(text: str, indent: int) -> list[str]:
    """Words filled greedily into lines of at most WIDTH columns (a longer word stands alone on its line)."""
    words = text.split(" ")
    lines, line = [], words[0]
    for word in words[1:]:
        if indent + len(line) + 1 + len(word) <= WIDTH:
            line += " " + word
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return [" " * indent + line for line in lines]


def _ordered_keys(mapping: dict, spec: dict) -> list[str]:
    known = [key for key in spec.get("ordre", []) if key in mapping]
    return known + [key for key in mapping if key not in known]


def _key(key: object) -> str:
    return _inline(str(key))


def _mapping(mapping: dict, spec: dict, indent: int) -> list[str]:
    lines = []
    for key in _ordered_keys(mapping, spec):
        value, child = mapping[key], spec.get("champs", {}).get(key, {})
        prefix = " " * indent + _key(key) + ":"
        if isinstance(value, dict):
            lines += [prefix, *_mapping(value, child, indent + STEP)]
        elif isinstance(value, list):
            lines += [prefix, *_sequence(value, child.get("elements", {}), indent + STEP)]
        else:
            single = f"{prefix} {_inline(value)}"
            if isinstance(value, str) and len(single) > WIDTH and _foldable(value):
                lines += [prefix + " >-", *_folded(value, indent + STEP)]
            else:
                lines.append(single)
    return lines


def _sequence(items: list, spec: dict, indent: int) -> list[str]:
    lines = []
    for item in items:
        if isinstance(item, dict):
            block = _mapping(item, spec, indent + STEP)
        elif isinstance(item, list):
            block = _sequence(item, spec.get("elements", {}), indent + STEP)
        else:
            block = [" " * (indent + STEP) + _inline(item)]
        # The item's first line takes the dash in the two columns before its content.
        lines += [" " * indent + "- " + block[0][indent + STEP:], *block[1:]]
    return lines


def dump_record(data: dict, order: dict, header: str) -> str:
    """The text of a data file holding `data` (its empty parts left out), keys in the schema's `order`."""
    return "\n".join([header, *_mapping(pruned(data), order, 0)]) + "\n"


def _meaningful_lines(text: str) -> list[str]:
    """Lines after the first, without whole-line comments, which a layout check leaves to the author."""
    return [line for line in text.split("\n")[1:] if not line.lstrip().startswith("#")]


def same_layout(text: str, canonical: str) -> bool:
    """Whether a file is laid out as `dump_record` writes it, its own comments aside."""
    return (text.split("\n", 1)[0] == canonical.split("\n", 1)[0]
            and _meaningful_lines(text) == _meaningful_lines(canonical))
