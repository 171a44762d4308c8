"""What the online editor (/admin/) takes from editeur/: the publisher's settings, and the front-end packages.

The packages are installed by `npm ci` from the committed editeur/package-lock.json (exact versions, integrity
hashes) into editeur/node_modules/, never committed; generation copies the few files the browser loads into the
git-ignored docs/admin/vendor/, so that the site serves them itself and no page loads anything from a CDN. Without
node_modules (`make check`, `make serve`), the editor's page is generated without them and says how to install them.
"""

from __future__ import annotations

from pathlib import Path

import yaml

EDITOR_FOLDER = "editeur"
SETTINGS = f"{EDITOR_FOLDER}/depot.yml"
MODULES = f"{EDITOR_FOLDER}/node_modules"
# (npm package, files of the package the browser needs, folder under docs/admin/vendor/)
VENDORED = (
    ("decap-cms", ("dist/decap-cms.js", "dist/*.decap-cms.js", "dist/*.wasm", "dist/decap-cms.js.LICENSE.txt"),
     "decap-cms"),
    ("js-yaml", ("dist/browser/js-yaml.umd.min.js", "LICENSE"), "js-yaml"),
)
PUBLISH_MODES = ("simple", "editorial_workflow")


def read_vendored(root: Path, target: str) -> dict[str, bytes]:
    """The packages' files, by their path under docs/ (`target` is the vendor folder); empty when not installed."""
    modules = root / MODULES
    files: dict[str, bytes] = {}
    for package, patterns, folder in VENDORED:
        base = modules / package
        for pattern in patterns:
            for path in sorted(base.glob(pattern)):
                files[f"{target}/{folder}/{path.name}"] = path.read_bytes()
    return files


def read_settings(root: Path) -> dict:
    """The production backend of editeur/depot.yml (see docs/contribuer/editeur.md); {} when there is none."""
    path = root / SETTINGS
    if not path.exists():
        return {}
    settings = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(settings, dict) or not isinstance(settings.get("backend", {}), dict):
        raise ValueError(  # noqa: TRY004 - a mistake in a settings file, reported as the other ones
            f"{SETTINGS} : écrivez « backend: » suivi des réglages du dépôt, un par ligne (voir "
                         "docs/contribuer/editeur.md).")
    if settings.get("publish_mode", PUBLISH_MODES[1]) not in PUBLISH_MODES:
        raise ValueError(f"{SETTINGS} : « publish_mode » vaut {' ou '.join(PUBLISH_MODES)}.")
    unknown = sorted(set(settings) - {"backend", "publish_mode"})
    if unknown:
        raise ValueError(f"{SETTINGS} : réglage inconnu « {unknown[0]} » (seuls « backend » et « publish_mode » sont lus).")
    return settings
