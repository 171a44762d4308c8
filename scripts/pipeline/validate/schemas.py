"""The JSON Schemas and controlled vocabularies of schemas/, read once per run."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .fastcheck import QuickValidator, compile_check


@dataclass(frozen=True)
class Vocabulary:
    """One controlled list: values in display order, each with a one-line description."""

    name: str
    values: tuple[str, ...]
    descriptions: dict


@dataclass(frozen=True)
class Documents:
    """The source documents, by code: conversion file and line count (for maintainers), short title (how readers
    see a document cited), description, and the public reference (x-fichiers of vocabulaires.json)."""

    files: dict
    line_counts: dict
    titles: dict
    short_titles: dict
    info: dict


@dataclass(frozen=True)
class Schemas:
    validators: dict
    raw: dict
    vocabularies: dict
    documents: Documents


def _registry(raw: dict):
    from referencing import Registry, Resource

    return Registry().with_resources((name, Resource.from_contents(contents)) for name, contents in raw.items())


def _full_validator(raw: dict, file_name: str, registry: Callable) -> Callable:
    def make():
        from jsonschema import Draft202012Validator

        return Draft202012Validator(raw[file_name], registry=registry())
    return make


def load_schemas(schema_dir: Path, schema_files: dict[str, str]) -> Schemas:
    """Every schema of `schema_dir`, with a validator for each data kind of `schema_files` (kind → schema file)."""
    raw = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(schema_dir.glob("*.json"))}
    # Compiled once per run: a valid file is recognised without walking jsonschema (scripts/fastcheck.py).
    registry = cache(lambda: _registry(raw))
    validators = {
        collection: QuickValidator(_full_validator(raw, file_name, registry), compile_check(file_name, raw))
        for collection, file_name in schema_files.items()
    }
    definitions = raw["vocabulaires.json"]["$defs"]
    vocabularies = {
        name: Vocabulary(name, tuple(spec["enum"]), dict(zip(spec["enum"], spec["enumDescriptions"])))
        for name, spec in definitions.items()
    }
    document_spec = definitions["document"]
    documents = Documents(
        files={code: info["fichier"] for code, info in document_spec["x-fichiers"].items()},
        line_counts={code: info["lignes"] for code, info in document_spec["x-fichiers"].items()},
        titles=dict(zip(document_spec["enum"], document_spec["enumDescriptions"])),
        short_titles={code: info["titre_court"] for code, info in document_spec["x-fichiers"].items()},
        info=dict(document_spec["x-fichiers"]),
    )
    return Schemas(validators, raw, vocabularies, documents)


def resolve(schema: dict, raw: dict, base: str) -> tuple[dict, str]:
    """Follow a `$ref` (relative to the schema file `base`); the referring keys override the target's.
    Used where a schema is read as a description (reference pages, editor forms, key order), not to validate."""
    reference = schema.get("$ref")
    if not reference:
        return schema, base
    file_name, _, pointer = reference.partition("#")
    file_name = file_name or base
    target = raw[file_name]
    for part in pointer.strip("/").split("/"):
        target = target[part]
    resolved, resolved_base = resolve(target, raw, file_name)
    return {**resolved, **{key: value for key, value in schema.items() if key != "$ref"}}, resolved_base
