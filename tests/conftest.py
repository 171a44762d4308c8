"""Shared fixtures: the repository root, throw-away projects built from fixture files, the built site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts.localhost import CHROMIUM, CHROMIUM_ARGS, serve_directory
from scripts.pipeline.registry import COLLECTIONS

__all__ = ["serve_directory"]

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


class _MkDocsLoader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it: `!ENV [NAME, default]` takes the variable's value, or the default."""


def _environment_value(loader, node):
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
    *variables, default = names if len(names) > 1 else (*names, None)
    return next((os.environ[name] for name in variables if name in os.environ), default)


_MkDocsLoader.add_constructor("!ENV", _environment_value)


def mkdocs_config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_MkDocsLoader)


def make_project(base: Path, files: dict[str, str | bytes] | None = None, with_valid: bool = True) -> Path:
    """A minimal project tree: the real schemas, the valid fixture records, plus `files` (path → content)."""
    shutil.copytree(ROOT / "schemas", base / "schemas")
    for collection in COLLECTIONS:
        (base / collection.folder).mkdir(exist_ok=True)
    if with_valid:
        for record in (FIXTURES / "valide").rglob("*.yml"):
            target = base / record.relative_to(FIXTURES / "valide")
            shutil.copy(record, target)
    for relative, content in (files or {}).items():
        target = base / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return base


@pytest.fixture
def project(tmp_path: Path):
    return lambda files=None, with_valid=True: make_project(tmp_path / "projet", files, with_valid)


def run_cli(*arguments: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts", *arguments], cwd=ROOT if cwd is None else cwd,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real library, generated and built in strict mode into a temporary folder (fails on any warning)."""
    generated = run_cli("generate")
    assert generated.returncode == 0, generated.stdout + generated.stderr
    target = tmp_path_factory.mktemp("site")
    build = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "-d", str(target)],
                           cwd=ROOT, capture_output=True, text=True, check=False,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert build.returncode == 0, build.stderr
    return target


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser is downloaded)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=list(CHROMIUM_ARGS),
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR")
    opened = context.new_page()
    yield opened
    context.close()
