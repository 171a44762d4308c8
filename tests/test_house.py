"""The plan of the house: lists kept outside the code agree with the registries, and the rooms keep their doors.

The registry of collections (scripts/pipeline/registry.py) is the one list of record kinds and generated folders;
what cannot be derived from it at run time (.gitignore, mkdocs.yml, the contributor pages) is checked against it here.
"""

from __future__ import annotations

import ast
from pathlib import Path
from types import SimpleNamespace

import yaml

from scripts.hook import mkdocs_hook
from scripts.pipeline import paths, registry

from .conftest import ROOT


def _imports(path: Path) -> set[str]:
    """Absolute names of the modules a file imports (relative imports resolved against its package)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else ()
            module = ".".join((*base, *(node.module.split(".") if node.module else ())))
            names.add(module)
            names |= {f"{module}.{alias.name}" for alias in node.names}
    return names


def test_the_pipeline_never_imports_the_tools_nor_the_tests():
    for module in (ROOT / "scripts/pipeline").rglob("*.py"):
        imported = _imports(module)
        assert not {name for name in imported if name.startswith(("scripts.tools", "tests", "scripts.localhost"))}, module


def test_tests_import_neither_the_tools_nor_each_other():
    for module in (ROOT / "tests").glob("*.py"):
        imported = _imports(module)
        assert not {name for name in imported if name.startswith("scripts.tools")}, module
        assert not {name for name in imported if name.startswith("tests.test_")}, module


def test_every_generated_folder_is_ignored_by_git():
    ignored = set((ROOT / ".gitignore").read_text(encoding="utf-8").split())
    assert {f"docs/{folder}/" for folder in registry.GENERATED_DIRS} | {"site/", f"{registry.BUILD_DIR}/"} <= ignored


def test_collection_pages_stay_out_of_the_navigation():
    """Every collection's record pages (cards, glossary entries, reports) and the theme pages."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    hidden = set(config["not_in_nav"].split())
    assert {f"/{collection.section}/*.md" for collection in registry.COLLECTIONS} | {f"/{paths.THEMES}/*.md"} <= hidden


def test_serve_watches_every_data_folder_of_the_registry_and_not_the_generated_pages():
    class Server:
        """What the hook uses of MkDocs' LiveReloadServer; docs/ is watched whole, as MkDocs does before on_serve."""

        def __init__(self):
            self._watched_paths = {str(ROOT / "docs"): 1}
            self.recursive: dict[str, bool] = {str(ROOT / "docs"): True}

        def watch(self, path: str, recursive: bool = True) -> None:
            self._watched_paths[path] = 1
            self.recursive[path] = recursive

        def unwatch(self, path: str) -> None:
            del self._watched_paths[path], self.recursive[path]

    server = mkdocs_hook.on_serve(Server(), config=SimpleNamespace(docs_dir=str(ROOT / "docs")), builder=None)
    watched = {Path(path).relative_to(ROOT).as_posix(): recursive for path, recursive in server.recursive.items()}
    assert {item for item in registry.WATCHED if (ROOT / item).exists()} <= set(watched)
    assert {collection.folder for collection in registry.COLLECTIONS} <= set(watched)
    # Top-level pages seen (docs/ without its folders), hand-written folders whole, generated folders not at all.
    assert watched["docs"] is False
    assert watched["docs/contribuer"] is True and watched["docs/assets"] is True
    assert not {f"docs/{folder}" for folder in registry.GENERATED_DIRS} & set(watched)


def test_the_developer_guide_names_every_folder_and_file_of_the_recipes():
    guide = (ROOT / "docs/contribuer/developper.md").read_text(encoding="utf-8")
    for folder in registry.GENERATED_DIRS:
        assert f"`docs/{folder}/`" in guide, folder
    for collection in registry.COLLECTIONS:
        assert f"`{collection.folder}/`" in guide and f"`schemas/{collection.schema}`" in guide, collection.name
    for named in ("scripts/pipeline/registry.py", "scripts/pipeline/model.py", "scripts/pipeline/validate/catalogue.py",
                  "tests/cases.py", "scripts/pipeline/paths.py"):
        assert f"`{named}`" in guide and (ROOT / named).exists(), named


def test_readme_is_a_front_door():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme) <= 12_000
    assert readme.index("make serve") < 1500 and readme.index("make test") < 1500
    for module in ("scripts/pipeline/load.py", "scripts/pipeline/validate/", "scripts/pipeline/model.py",
                   "scripts/pipeline/render/", "scripts/pipeline/write.py"):
        assert f"`{module}`" in readme and (ROOT / module).exists(), module
