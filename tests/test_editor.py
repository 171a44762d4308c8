"""The online editor's configuration (/admin/config.yml) follows the schemas: every field, with its label, help,
requirement and limits; lists of values as select lists; links to other records as searchable lists of them.

What the forms accept is checked against the data: every value of the library passes the form's patterns (the
editor must open every record it lists), and values the schema refuses are refused by the form too.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
import yaml

from scripts.pipeline import registry
from scripts.pipeline.editor_files import read_settings, read_vendored
from scripts.pipeline.load import load_text
from scripts.pipeline.render import editor
from scripts.pipeline.run import find_data_files, load_schemas
from scripts.pipeline.validate.schemas import resolve

from .conftest import ROOT

SCHEMAS = load_schemas(ROOT / "schemas")
RENDERED = editor.render_editor(SCHEMAS.raw, registry.COLLECTIONS, read_settings(ROOT))
CONFIG = yaml.safe_load(RENDERED[editor.CONFIG])
COLLECTIONS = {collection["name"]: collection for collection in CONFIG["collections"]}


def _schema_fields(schema: dict, base: str, path: tuple = (), present: bool = True):
    """(path, resolved schema, required in the form, its schema file) of every property, through $ref, objects and
    lists of objects. A field is required in the form when the schema requires it and its object is always there:
    the record itself, an item of a list once added, or an object the schema requires."""
    schema, base = resolve(schema, SCHEMAS.raw, base)
    required = set(schema.get("required", []))
    for name, spec in schema.get("properties", {}).items():
        resolved, child_base = resolve(spec, SCHEMAS.raw, base)
        yield path + (name,), resolved, present and name in required, child_base
        if resolved.get("type") == "object":
            yield from _schema_fields(resolved, child_base, path + (name,), present and name in required)
        elif resolved.get("type") == "array":
            item, item_base = resolve(resolved.get("items", {}), SCHEMAS.raw, child_base)
            if item.get("type") == "object":
                yield from _schema_fields(item, item_base, path + (name,))


def _form_field(collection: dict, path: tuple) -> dict | None:
    fields = collection["fields"]
    found = None
    for name in path:
        found = next((field for field in fields if field["name"] == name), None)
        if found is None:
            return None
        fields = found.get("fields", [])
    return found


CASES = [(collection, path, schema, required, base) for collection in registry.COLLECTIONS
         for path, schema, required, base in _schema_fields(SCHEMAS.raw[collection.schema], collection.schema)]


def test_the_editor_has_the_three_collections_in_french():
    assert CONFIG["locale"] == "fr"
    assert [(name, collection["folder"], collection["label"]) for name, collection in COLLECTIONS.items()] == [
        ("reports", "residences", "Rapports"), ("practices", "practices", "Fiches"),
        ("glossary", "glossary", "Entrées du glossaire")]
    for collection in COLLECTIONS.values():
        assert collection["extension"] == "yml" and collection["format"] == "bibliotheque-" + collection["name"]
        assert collection["slug"] == "{{id}}"


@pytest.mark.parametrize("collection, path, schema, required, base", CASES,
                         ids=[f"{case[0].name}:{'.'.join(case[1])}" for case in CASES])
def test_every_schema_field_has_its_form_field(collection, path, schema, required, base):
    field = _form_field(COLLECTIONS[collection.name], path)
    assert field is not None, f"le formulaire « {collection.word} » n'a pas le champ {'.'.join(path)}"
    assert field["label"] == schema["title"]
    assert field["required"] is required
    if schema.get("description"):
        assert field["hint"].startswith(schema["description"])
    if "enum" in schema:
        assert field["widget"] == "select" and [option["value"] for option in field["options"]] == schema["enum"]
    if schema.get("type") == "integer":
        assert field["widget"] == "number" and field["value_type"] == "int"
        assert (field.get("min"), field.get("max")) == (schema.get("minimum"), schema.get("maximum"))
    if schema.get("type") == "array":
        assert (field.get("min"), field.get("max")) == (schema.get("minItems"), schema.get("maxItems"))
        item, _ = resolve(schema["items"], SCHEMAS.raw, base)
        if "enum" in item:
            assert field["widget"] == "select" and field["multiple"] is True
            assert [option["value"] for option in field["options"]] == item["enum"]


def test_an_optional_object_left_empty_can_be_saved():
    """Decap refuses, without a word, to save a record whose optional « territoire » was left empty if « region »
    is required in the form: it is required by the schema only once « territoire » is there (make check says so)."""
    territory = _form_field(COLLECTIONS["practices"], ("territoire",))
    assert territory["required"] is False
    assert _form_field(COLLECTIONS["practices"], ("territoire", "region"))["required"] is False
    assert "region" in SCHEMAS.raw["pratique.schema.json"]["properties"]["territoire"]["required"]
    assert _form_field(COLLECTIONS["practices"], ("sources", "document"))["required"] is True
    assert _form_field(COLLECTIONS["reports"], ("calendrier", "etape"))["required"] is True


def test_fields_holding_ids_of_other_records_are_searchable_lists_of_those_records():
    relations = {}
    for collection in registry.COLLECTIONS:
        for path, schema, _, base in _schema_fields(SCHEMAS.raw[collection.schema], collection.schema):
            holds_ids = schema.get("pattern") == SCHEMAS.raw["communs.json"]["$defs"]["identifiant"]["pattern"] or (
                schema.get("type") == "array"
                and resolve(schema["items"], SCHEMAS.raw, base)[0].get("pattern")
                == SCHEMAS.raw["communs.json"]["$defs"]["identifiant"]["pattern"])
            if holds_ids and path != ("id",):
                field = _form_field(COLLECTIONS[collection.name], path)
                relations[(collection.name, ".".join(path))] = (field["widget"], field["collection"],
                                                                field.get("multiple", False), field["value_field"])
    assert relations == {
        ("glossary", "voir_aussi"): ("relation", "glossary", True, "id"),
        ("practices", "pratiques_liees"): ("relation", "practices", True, "id"),
        ("practices", "residence"): ("relation", "reports", False, "id"),
        ("reports", "axes.pistes"): ("relation", "practices", True, "id"),
    }
    voir_aussi = _form_field(COLLECTIONS["glossary"], ("voir_aussi",))
    assert {"sigle", "terme", "forme_longue", "id"} <= set(voir_aussi["search_fields"])


def _js_regex(field: dict) -> re.Pattern:
    # The patterns use only what JavaScript and Python write alike (classes, lookaheads, groups, alternation).
    return re.compile(field["pattern"][0])


def _values(data, path):
    if not path:
        yield data
        return
    if isinstance(data, list):
        for item in data:
            yield from _values(item, path)
    elif isinstance(data, dict) and path[0] in data:
        yield from _values(data[path[0]], path[1:])


PATTERNED = [(collection, path) for collection, path, *_ in CASES
             if "pattern" in (_form_field(COLLECTIONS[collection.name], path) or {})]


def test_the_forms_accept_every_value_of_the_library():
    """The editor opens and saves every record unchanged: no value of the data is refused by a form's pattern."""
    assert len(PATTERNED) > 20
    data = {name: [(file.name, load_text(file.read_bytes(), file.name)[0].data) for file in files]
            for name, files in find_data_files(ROOT).items()}
    refused = []
    for collection, path in PATTERNED:
        pattern = _js_regex(_form_field(COLLECTIONS[collection.name], path))
        for name, record in data[collection.name]:
            for value in _values(record, path):
                if not pattern.search(str(value)):
                    refused.append((name, ".".join(path), value))
    assert refused == []


@pytest.mark.parametrize("path, refused, accepted", [
    (("id",), ["Ticket d'or", "ticket_d_or", "ticket--or", "-ticket", "Ticket"], ["ticket-d-or", "a1"]),
    (("titre",), ["ab", "x" * 121], ["abc", "x" * 120]),
    (("resume",), ["trop court"], ["Vingt caractères au moins."]),
    (("periode", "debut"), ["17", "2017-9", "2017/09"], ["2017", "2017-09", "2017-09-26"]),
    (("sources", "lignes"), ["0", "12-", "a-b", "12 à 14"], ["12", "120-135"]),
])
def test_the_forms_refuse_what_the_schema_refuses(path, refused, accepted):
    pattern = _js_regex(_form_field(COLLECTIONS["practices"], path))
    assert [value for value in refused if pattern.search(value)] == []
    assert [value for value in accepted if not pattern.search(value)] == []


def test_full_dates_are_picked_in_a_calendar_and_saved_as_the_schema_wants():
    for collection in COLLECTIONS.values():
        date = _form_field(collection, ("mise_a_jour",))
        assert (date["widget"], date["format"], date["time_format"], date["default"]) == (
            "datetime", "YYYY-MM-DD", False, "{{now}}")
    assert _form_field(COLLECTIONS["practices"], ("periode", "debut"))["widget"] == "string"


def test_select_lists_say_what_each_value_means():
    stade = _form_field(COLLECTIONS["practices"], ("stade",))
    assert stade["options"][0] == {"label": "idée — Proposée ou imaginée, jamais essayée selon la source.", "value": "idée"}
    document = _form_field(COLLECTIONS["practices"], ("sources", "document"))
    assert document["options"][3]["label"].startswith("003 — ") and " — « " not in document["options"][3]["label"]
    themes = _form_field(COLLECTIONS["practices"], ("themes",))
    assert "**jeunesse** :" in themes["hint"]


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts, self.inline, self.policy = [], [], ""
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self._in_script = True
            self.scripts.append(attrs.get("src"))
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy":
            self.policy = attrs["content"]

    def handle_endtag(self, tag):
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline.append(data)


def test_the_editor_page_loads_only_its_own_files_and_sets_its_policy():
    page = _Page()
    page.feed(RENDERED[editor.PAGE])
    assert page.inline == [] and None not in page.scripts
    assert all(not re.match(r"^(https?:)?//", source) for source in page.scripts)
    assert page.scripts[-1] == editor.DECAP_SCRIPT, "Decap last: editeur.js must set CMS_MANUAL_INIT before it runs"
    directives = dict(part.strip().split(" ", 1) for part in page.policy.split(";"))
    assert "'unsafe-inline'" not in directives["script-src"] and directives["default-src"] == "'none'"
    assert "https://gitlab.com" in directives["connect-src"].split()


def test_the_policy_follows_the_backend_settings():
    settings = {"backend": {"name": "gitlab", "repo": "a/b", "auth_type": "pkce", "app_id": "x",
                            "base_url": "https://gitlab.exemple.fr", "api_root": "https://gitlab.exemple.fr/api/v4"}}
    policy = editor.content_security_policy(settings)
    assert "https://gitlab.exemple.fr" in policy and "https://gitlab.com" in policy
    github = editor.content_security_policy({"backend": {"name": "github", "repo": "a/b",
                                                          "base_url": "https://oauth.exemple.fr"}})
    assert "https://api.github.com" in github and "https://oauth.exemple.fr" in github


def test_the_layout_rules_follow_the_schema_order():
    layout = json.loads(RENDERED[editor.LAYOUT])
    practices = layout["practices"]
    assert practices["entete"] == "# yaml-language-server: $schema=../schemas/pratique.schema.json"
    assert practices["ordre"]["ordre"] == list(SCHEMAS.raw["pratique.schema.json"]["properties"])
    assert practices["ordre"]["champs"]["sources"]["elements"]["ordre"] == ["document", "section", "lignes"]


def test_the_settings_file_is_read_and_checked(tmp_path):
    assert read_settings(ROOT)["backend"]["name"] in ("gitlab", "github")
    (tmp_path / "editeur").mkdir()
    (tmp_path / "editeur" / "depot.yml").write_text("backend: gitlab\n", encoding="utf-8")
    with pytest.raises(ValueError, match="backend"):
        read_settings(tmp_path)
    (tmp_path / "editeur" / "depot.yml").write_text("backend: {}\nsite: x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="réglage inconnu « site »"):
        read_settings(tmp_path)
    assert read_settings(tmp_path / "ailleurs") == {}


def test_the_installed_packages_are_copied_into_the_editor_folder():
    files = read_vendored(ROOT, editor.VENDOR)
    assert f"{editor.VENDOR}/decap-cms/decap-cms.js" in files and f"{editor.VENDOR}/js-yaml/js-yaml.umd.min.js" in files
    assert any(name.endswith(".wasm") for name in files) and f"{editor.VENDOR}/js-yaml/LICENSE" in files
    assert not any(name.endswith(".map") for name in files)
    lock = json.loads((ROOT / "editeur" / "package-lock.json").read_text(encoding="utf-8"))
    wanted = json.loads((ROOT / "editeur" / "package.json").read_text(encoding="utf-8"))["dependencies"]
    for package, version in wanted.items():
        locked = lock["packages"][f"node_modules/{package}"]
        assert locked["version"] == version and locked["integrity"].startswith("sha512-")
