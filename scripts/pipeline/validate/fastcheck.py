"""A yes-or-no check compiled once from the JSON Schemas, so that a valid file does not go through jsonschema.

jsonschema walks the schema for every value and resolves every `$ref` through its registry: about 2 ms per card,
most of the time of `make check`. Compiled here into plain closures, the same schema answers « valid » in a few
microseconds. The check is conservative: it says « valid » only where jsonschema would find no error; otherwise
(an error, a doubt such as `3.0` for an integer) jsonschema runs and its errors are reported as before. A schema
using a keyword this module does not know is not compiled at all: jsonschema then checks every file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

Check = Callable[[object], bool]

# Keywords that describe and never constrain.
_ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "examples", "default", "$defs",
                "enumDescriptions", "deprecated", "readOnly", "writeOnly"}
_SCALARS = (str, int, float, bool, type(None))


class Unsupported(Exception):
    """A keyword or value the compiler does not handle exactly."""


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "string": lambda value: isinstance(value, str),
    # jsonschema also counts 3.0 as an integer: left to it, as a doubt.
    "integer": lambda value: isinstance(value, int) and not isinstance(value, bool),
    "number": _is_number,
    "boolean": lambda value: isinstance(value, bool),
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "null": lambda value: value is None,
}


def _all(checks: list[Check]) -> Check:
    if len(checks) == 1:
        return checks[0]

    def check(value: object) -> bool:
        for one in checks:
            if not one(value):
                return False
        return True
    return check


class _Compiler:
    def __init__(self, raw: dict):
        self.raw = raw
        self.compiled: dict[tuple[str, str], Check] = {}

    def compile(self, schema: object, base: str) -> Check:
        if schema is True:
            return lambda value: True
        if not isinstance(schema, dict):
            raise Unsupported(repr(schema))
        checks = []
        for keyword, argument in schema.items():
            if keyword in _ANNOTATIONS or keyword.startswith("x-"):
                continue
            if keyword == "additionalProperties":
                continue  # compiled with « properties », which it depends on
            method = getattr(self, "_" + keyword.lstrip("$"), None)
            if method is None:
                raise Unsupported(keyword)
            checks.append(method(argument, schema, base))
        if "additionalProperties" in schema:
            checks.append(self._additional(schema["additionalProperties"], schema, base))
        return _all(checks) if checks else (lambda value: True)

    def _ref(self, reference: str, schema: dict, base: str) -> Check:
        file_name, _, pointer = reference.partition("#")
        file_name = file_name or base
        key = (file_name, pointer)
        if key not in self.compiled:
            if file_name not in self.raw:
                raise Unsupported(reference)
            target = self.raw[file_name]
            for part in filter(None, pointer.split("/")):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            # A placeholder first, so that a schema referring to itself compiles.
            cell: list[Check] = []
            self.compiled[key] = lambda value: cell[0](value)
            cell.append(self.compile(target, file_name))
            self.compiled[key] = cell[0]
        return self.compiled[key]

    def _type(self, names, schema, base) -> Check:
        tests = [_TYPES[name] for name in ([names] if isinstance(names, str) else names)]
        return lambda value: any(test(value) for test in tests)

    def _enum(self, values, schema, base) -> Check:
        if not all(isinstance(item, _SCALARS) for item in values):
            raise Unsupported("enum")
        allowed = {(type(item), item) for item in values}
        return lambda value: isinstance(value, _SCALARS) and (type(value), value) in allowed

    def _pattern(self, pattern, schema, base) -> Check:
        search = re.compile(pattern).search
        return lambda value: not isinstance(value, str) or search(value) is not None

    def _minLength(self, limit, schema, base) -> Check:
        return lambda value: not isinstance(value, str) or len(value) >= limit

    def _maxLength(self, limit, schema, base) -> Check:
        return lambda value: not isinstance(value, str) or len(value) <= limit

    def _minItems(self, limit, schema, base) -> Check:
        return lambda value: not isinstance(value, list) or len(value) >= limit

    def _maxItems(self, limit, schema, base) -> Check:
        return lambda value: not isinstance(value, list) or len(value) <= limit

    def _minProperties(self, limit, schema, base) -> Check:
        return lambda value: not isinstance(value, dict) or len(value) >= limit

    def _uniqueItems(self, unique, schema, base) -> Check:
        if not unique:
            return lambda value: True
        # Only lists of texts are compared here (1 and True, 1 and 1.0 are jsonschema's business).
        return lambda value: not isinstance(value, list) or (all(isinstance(item, str) for item in value)
                                                              and len(set(value)) == len(value))

    def _minimum(self, limit, schema, base) -> Check:
        return lambda value: not _is_number(value) or value >= limit

    def _maximum(self, limit, schema, base) -> Check:
        return lambda value: not _is_number(value) or value <= limit

    def _required(self, names, schema, base) -> Check:
        return lambda value: not isinstance(value, dict) or all(name in value for name in names)

    def _items(self, items, schema, base) -> Check:
        if "prefixItems" in schema:
            raise Unsupported("prefixItems")
        check = self.compile(items, base)
        return lambda value: not isinstance(value, list) or all(check(item) for item in value)

    def _properties(self, properties, schema, base) -> Check:
        checks = {name: self.compile(sub, base) for name, sub in properties.items()}

        def check(value: object) -> bool:
            if not isinstance(value, dict):
                return True
            for name, item in value.items():
                one = checks.get(name)
                if one is not None and not one(item):
                    return False
            return True
        return check

    def _additional(self, additional, schema, base) -> Check:
        if "patternProperties" in schema:
            raise Unsupported("patternProperties")
        known = set(schema.get("properties", {}))
        if additional is True:
            return lambda value: True
        if additional is False:
            return lambda value: not isinstance(value, dict) or known.issuperset(value)
        check = self.compile(additional, base)
        return lambda value: not isinstance(value, dict) or all(check(item) for name, item in value.items()
                                                                if name not in known)


def compile_check(schema_file: str, raw: dict) -> Check | None:
    """The compiled check of one schema file (`raw` holds every schema by file name), or None if it cannot be."""
    try:
        return _Compiler(raw).compile(raw[schema_file], schema_file)
    except (Unsupported, KeyError, TypeError, re.error):
        return None


class QuickValidator:
    """A jsonschema validator that first asks the compiled check, and runs only when the check says no.

    The jsonschema validator is made on first use: when every file is valid, jsonschema is not even imported
    (a tenth of a small run)."""

    def __init__(self, make_validator: Callable[[], object], check: Check | None):
        self._make_validator = make_validator
        self._validator = None
        self.check = check

    @property
    def validator(self):
        if self._validator is None:
            self._validator = self._make_validator()
        return self._validator

    def iter_errors(self, instance: object) -> Iterator:
        if self.check is not None and self.check(instance):
            return iter(())
        return self.validator.iter_errors(instance)

    def __getattr__(self, name: str):
        return getattr(self.validator, name)
