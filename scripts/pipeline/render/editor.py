"""The online editor at /admin/ (Decap CMS): its configuration, its page and its layout rules, from the schemas.

Every form field comes from a schema property: its French label (`title`), its help text (`description`, and the
one-line description of each value of a controlled list), whether it is required, its limits (lengths, patterns,
numbers of items), lists of values as select lists, nested objects and lists as nested forms, and the fields that
hold ids of other records (the registry's `links`) as searchable lists of those records. Adding a field to a
schema, or a collection to the registry, needs no change here; tests/test_editor.py checks that every schema field
has its form field.

What Decap needs from the browser, and therefore from the server's Content-Security-Policy for /admin/ only, is
written once in CSP below and in docs/contribuer/editeur.md.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import yaml

from ..layout import key_order, schema_header
from ..memo import memoized, value_digest
from ..paths import EDITOR
from ..validate.schemas import resolve

CONFIG = f"{EDITOR}/config.yml"
PAGE = f"{EDITOR}/index.html"
LAYOUT = f"{EDITOR}/mise-en-forme.json"
VENDOR = f"{EDITOR}/vendor"
DECAP_SCRIPT = "vendor/decap-cms/decap-cms.js"
YAML_SCRIPT = "vendor/js-yaml/js-yaml.umd.min.js"
# The project's own scripts for the editor, hand-written in docs/assets/editeur/ (no inline script: see CSP).
OWN_SCRIPTS = ("../assets/editeur/mise-en-forme.js", "../assets/editeur/editeur.js")
FORMAT_PREFIX = "bibliotheque-"
# A text this long or longer is edited in a multi-line box; shorter ones on one line.
LONG_TEXT = 1000
# Values of a list shown with their description in the select list; longer lists show the bare value.
DESCRIBED_OPTIONS = 12
DATE_FORMAT = "YYYY-MM-DD"
# The collections a lab opens first come first in the editor's menu; any other follows in the registry's order.
FIRST_COLLECTIONS = ("reports", "practices")

# The production backend when editeur/depot.yml says nothing: GitLab.com with PKCE, to be filled in by the publisher.
DEFAULT_SETTINGS = {
    "backend": {"name": "gitlab", "repo": "a-renseigner/bibliotheque", "branch": "main", "auth_type": "pkce",
                "app_id": "a-renseigner"},
    "publish_mode": "editorial_workflow",
}
_API_HOSTS = {"gitlab": ("https://gitlab.com",), "github": ("https://api.github.com",)}

# What Decap CMS 3 needs, and nothing more. 'unsafe-eval': the configuration is checked by AJV, which compiles its
# checks with new Function(); 'wasm-unsafe-eval': a WebAssembly module of the bundle; 'unsafe-inline' for styles
# only: the interface is styled by CSS-in-JS (<style> elements). blob: frames and images: the preview pane and
# previews of uploads. No inline script is allowed: the page has none, and the live-reload script that
# `mkdocs serve` injects into every HTML page is thereby blocked here (it would reload the editor, and lose the
# form, each time a save regenerates the site). connect-src: the site itself, the backend's API (from the settings)
# and, on a laptop, the local server of `make editer` (127.0.0.1, next port).
CSP = {
    "default-src": ["'none'"],
    "script-src": ["'self'", "'unsafe-eval'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", "http://127.0.0.1:*", "http://localhost:*"],
    "frame-src": ["'self'", "blob:"],
    "worker-src": ["'self'", "blob:"],
    "manifest-src": ["'self'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def _origin(address: str) -> str:
    parts = urlsplit(address)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def content_security_policy(settings: dict) -> str:
    """The policy of /admin/: CSP, plus the hosts the backend's API and sign-in live on."""
    backend = settings.get("backend", {})
    hosts = list(_API_HOSTS.get(backend.get("name", ""), ()))
    hosts += [origin for origin in (_origin(backend.get(key, "")) for key in ("base_url", "api_root", "auth_endpoint"))
              if origin]
    directives = {**CSP, "connect-src": CSP["connect-src"] + sorted(set(hosts))}
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


class _Fields:
    """Turns the properties of one collection's schema into Decap fields."""

    def __init__(self, raw: dict, schema_file: str, links: dict[str, str], collections: dict):
        self.raw = raw
        self.schema_file = schema_file
        self.links = links                  # dotted path → collection name
        self.collections = collections      # collection name → registry row

    def object_fields(self, schema: dict, base: str, path: tuple[str, ...], present: bool = True) -> list[dict]:
        """The fields of an object; those the schema requires are required in the form only when the object itself
        is (`present`): Decap checks the fields of an optional object left empty too, and then refuses to save
        without saying why. `make check` still reports an object filled in without its required fields."""
        required = set(schema.get("required", [])) if present else set()
        return [self.field(name, spec, base, path + (name,), name in required)
                for name, spec in schema.get("properties", {}).items()]

    def field(self, name: str, spec: dict, base: str, path: tuple[str, ...], required: bool, label: str = "") -> dict:
        resolved, resolved_base = resolve(spec, self.raw, base)
        label = label or resolved.get("title")
        if not label:
            raise ValueError(f"schemas/{self.schema_file} : le champ « {'.'.join(path)} » n'a pas de « title », "
                             "le nom que lui donne le formulaire de l'éditeur.")
        field = {"name": name, "label": label, "required": required}
        hint = resolved.get("description", "")
        dotted = ".".join(path)
        kind = resolved.get("type")
        if dotted in self.links:
            field.update(self._relation(self.links[dotted], multiple=kind == "array", schema=resolved))
        elif kind == "object":
            field.update(widget="object", collapsed=False,
                         fields=self.object_fields(resolved, resolved_base, path, present=required))
        elif kind == "array":
            item, item_base = resolve(resolved.get("items", {}), self.raw, resolved_base)
            field.update(self._list(item, item_base, resolved, path))
            if "enum" in item:
                hint = _with_values(hint, item)
        elif "enum" in resolved:
            field.update(widget="select", options=_options(resolved))
        elif kind == "integer":
            field.update(widget="number", value_type="int",
                         **{key: resolved[limit] for key, limit in (("min", "minimum"), ("max", "maximum"))
                            if limit in resolved})
        elif _is_full_date(resolved):
            # A date picker, set to today in a new record; saved as AAAA-MM-JJ, as the schema wants.
            field.update(widget="datetime", format=DATE_FORMAT, date_format=DATE_FORMAT, time_format=False,
                         default="{{now}}")
        else:
            long = resolved.get("maxLength", 0) >= LONG_TEXT
            field["widget"] = "text" if long else "string"
            pattern = _pattern(resolved)
            if pattern:
                field["pattern"] = pattern
        if hint:
            field["hint"] = hint
        return field

    def _list(self, item: dict, base: str, schema: dict, path: tuple[str, ...]) -> dict:
        limits = {key: schema[limit] for key, limit in (("min", "minItems"), ("max", "maxItems")) if limit in schema}
        if "enum" in item:
            return {"widget": "select", "multiple": True, "options": [{"label": value, "value": value}
                                                                      for value in item["enum"]], **limits}
        listed = {"widget": "list", **limits}
        if item.get("title"):
            listed["label_singular"] = item["title"][0].lower() + item["title"][1:]
        if item.get("type") == "object":
            fields = self.object_fields(item, base, path)
            listed.update(collapsed=True, fields=fields, summary=_summary(fields))
        else:
            single = self.field("element", item, base, path + ("element",), True, label=schema["title"])
            single.pop("hint", None)
            listed["field"] = single
        return listed

    def _relation(self, target: str, multiple: bool, schema: dict) -> dict:
        collection = self.collections[target]
        shown = re.findall(r"\{\{(\w+)\}\}", collection.label)
        relation = {"widget": "relation", "collection": target, "value_field": "id",
                    "search_fields": [*shown, "id"], "display_fields": [collection.label], "options_length": 30}
        if multiple:
            relation["multiple"] = True
            relation.update({key: schema[limit] for key, limit in (("min", "minItems"), ("max", "maxItems"))
                             if limit in schema})
        return relation


def _is_full_date(schema: dict) -> bool:
    """A text whose pattern accepts a whole date (AAAA-MM-JJ) and nothing shorter."""
    pattern = schema.get("pattern")
    if schema.get("type") != "string" or not pattern:
        return False
    search = re.compile(pattern).search
    return bool(search("2026-12-07")) and not search("2026-12") and not search("2026") and not search("2026-12-07 x")


def _first_part(text: str) -> str:
    """A value's description shortened for a select list: up to « — » (a source's short title) or whole."""
    return text.split(" — ", 1)[0]


def _options(schema: dict) -> list[dict]:
    values, descriptions = schema["enum"], schema.get("enumDescriptions", [])
    if len(values) > DESCRIBED_OPTIONS or len(descriptions) != len(values):
        return [{"label": value, "value": value} for value in values]
    return [{"label": f"{value} — {_first_part(description)}", "value": value}
            for value, description in zip(values, descriptions)]


def _with_values(hint: str, schema: dict) -> str:
    """A multiple choice's help text, followed by what each value means (the list shows bare values)."""
    descriptions = schema.get("enumDescriptions", [])
    if len(descriptions) != len(schema["enum"]):
        return hint
    details = " ; ".join(f"**{value}** : {_first_part(text).rstrip('.')}"
                         for value, text in zip(schema["enum"], descriptions))
    return f"{hint} {details}." if hint else f"{details}."


def _summary(fields: list[dict]) -> str:
    """How a collapsed item of a list reads: its first one or two fields."""
    shown = [field["name"] for field in fields if field.get("widget") in ("string", "select", "number")][:2]
    return " · ".join(f"{{{{fields.{name}}}}}" for name in shown)


def _pattern(schema: dict) -> list[str] | None:
    """Decap's pattern (a regular expression and the message after « ne correspond pas au schéma : ») for the
    schema's pattern and lengths; None when the schema sets neither (a required field is checked anyway)."""
    pattern = schema.get("pattern")
    low, high = schema.get("minLength", 0), schema.get("maxLength")
    if not pattern and low <= 1 and high is None:
        return None
    parts = []
    if low > 1 or high is not None:
        parts.append(f"(?=[\\s\\S]{{{max(low, 1)},{'' if high is None else high}}}$)")
    if pattern:
        parts.append(f"(?=[\\s\\S]*?(?:{pattern}))")
    messages = []
    if low > 1 and high is not None:
        messages.append(f"de {low} à {high} caractères")
    elif low > 1:
        messages.append(f"au moins {low} caractères")
    elif high is not None:
        messages.append(f"au plus {high} caractères")
    if pattern:
        examples = schema.get("examples", [])
        shown = ", ".join(f"« {example} »" for example in examples if isinstance(example, (str, int)))
        messages.append(f"écrivez par exemple {shown}" if shown else "format non reconnu")
    return ["^" + "".join(parts), " ; ".join(messages)]


def collection_config(collection, raw: dict, collections: dict) -> dict:
    schema = raw[collection.schema]
    fields = _Fields(raw, collection.schema, dict(collection.links), collections).object_fields(
        schema, collection.schema, ())
    names = {field["name"] for field in fields}
    shown = re.findall(r"\{\{(\w+)\}\}", collection.label)
    return {
        "name": collection.name,
        "label": collection.words[0].upper() + collection.words[1:],
        "label_singular": collection.word,
        "description": schema.get("description", ""),
        "folder": collection.folder,
        "extension": "yml",
        "format": FORMAT_PREFIX + collection.name,
        "create": True,
        # A published record is cited by others: deleting it is a change for a maintainer, not for the form.
        "delete": False,
        "slug": "{{id}}",
        "identifier_field": "titre" if "titre" in names else "id",
        "summary": collection.label,
        "sortable_fields": [name for name in ("titre", *shown, "mise_a_jour") if name in names],
        "fields": fields,
    }


# Written as YAML at every regeneration of `make serve`, it was a fifth of one: kept by the schemas and settings (the
# registry's collections are code, which the memos' fingerprint covers; their names are in the key all the same).
@memoized(limit=64, key=lambda raw, collections, settings: value_digest(
    raw, settings, tuple((collection.name, collection.schema, collection.folder) for collection in collections)))
def render_editor(raw: dict, collections: tuple, settings: dict) -> dict[str, str]:
    """The editor's configuration, its page and the layout of each collection's files, from the schemas (`raw`), the
    registry's `collections` and the publisher's `settings` (editeur/depot.yml)."""
    settings = {**DEFAULT_SETTINGS, **settings}
    by_name = {collection.name: collection for collection in collections}
    config = {
        "locale": "fr",
        "backend": settings["backend"],
        "publish_mode": settings["publish_mode"],
        # On 127.0.0.1 or localhost, Decap first looks for the local server of `make editer` (editeur.js gives its
        # address) and then writes straight into the working copy, without signing in.
        "local_backend": True,
        # Required by Decap; the records have no images.
        "media_folder": "docs/assets/medias",
        "public_folder": "/assets/medias",
        "collections": [collection_config(collection, raw, by_name) for collection in sorted(
            collections, key=lambda collection: (FIRST_COLLECTIONS + (collection.name,)).index(collection.name))],
    }
    header = ("# Configuration de l'éditeur en ligne (Decap CMS), produite par la génération à partir des schémas\n"
              "# (schemas/) et de editeur/depot.yml : modifiez ces fichiers, pas celui-ci.\n")
    layout = {collection.name: {"entete": schema_header(collection.schema), "ordre": key_order(collection.schema, raw)}
              for collection in collections}
    return {
        CONFIG: header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120),
        LAYOUT: json.dumps(layout, ensure_ascii=False, indent=1) + "\n",
        PAGE: _page(content_security_policy(settings)),
    }


def _page(policy: str) -> str:
    scripts = (YAML_SCRIPT, OWN_SCRIPTS[0], OWN_SCRIPTS[1], DECAP_SCRIPT)
    tags = "\n".join(f'  <script src="{source}"></script>' for source in scripts)
    return f"""<!doctype html>
<!-- Page générée par la génération (scripts/pipeline/render/editor.py) : ne pas modifier. -->
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <meta http-equiv="Content-Security-Policy" content="{policy}">
  <title>Éditeur · Bibliothèque des pratiques de coopération pour l'emploi</title>
  <link rel="icon" href="../assets/images/favicon.png">
</head>
<body>
  <noscript>L'éditeur a besoin de JavaScript. Sans lui, modifiez les fichiers YAML : voir « Écrire une fiche ».</noscript>
  <div id="editeur-absent" hidden>
    <h1>Éditeur indisponible</h1>
    <p>Les fichiers de l'éditeur ne sont pas installés dans cette copie du site. Sur votre ordinateur, lancez
    <code>make editer</code> dans le dossier du projet : la commande installe l'éditeur et affiche son adresse.</p>
  </div>
{tags}
</body>
</html>
"""
