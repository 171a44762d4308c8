"""The publication step, run on a built site after `mkdocs build` (`make site`, the pipelines): every page is read
once; the security headers are written for nginx (NGINX_FILES, in a folder beside the site) and for `_headers` hosts
(inside the site); on request, the policy is also written into each page (hosts that set no header) and gzip copies
of the text files are made (nginx's gzip_static, GitLab Pages)."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import headers

NGINX_FILES = {"site": "bibliotheque-entetes.conf", "admin": "bibliotheque-entetes-admin.conf"}
HEADERS_FILE = "_headers"
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".csv", ".xml", ".svg", ".txt", ".yml", ".yaml", ".map"}
# Below this size a gzip copy saves less than a network packet.
COMPRESS_FROM = 1024
# The pages the publisher completes before going live (hand-written in docs/, linked from every footer).
PUBLISHER_PAGES = ("accessibilite/index.html", "mentions-legales/index.html", "donnees-personnelles/index.html")
PLACEHOLDER = "À compléter"


@dataclass
class PublicationReport:
    pages: int = 0
    scripts: int = 0
    compressed: int = 0
    refused: list[str] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)


def _is_admin(site: Path, page: Path) -> bool:
    return page.relative_to(site).as_posix().startswith(headers.ADMIN)


def _admin_config(site: Path) -> dict | None:
    config = site / headers.ADMIN / "config.yml"
    if not config.is_file():
        return None
    try:
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None


def _write(path: Path, content: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(content)
    os.replace(temporary, path)


def compress_site(site: Path) -> int:
    """A .gz copy beside every text file worth compressing (deterministic: no name, no date in the header). A copy
    written after its file was last written is kept: an incremental build (scripts/sitebuild.py) rewrites only the
    pages that changed, and compressing 10,000 unchanged pages again took longer than building the changed ones."""
    count = 0
    for path in sorted(site.rglob("*")):
        if path.suffix in COMPRESSIBLE and path.is_file() and path.stat().st_size >= COMPRESS_FROM:
            copy = path.with_name(path.name + ".gz")
            if not (copy.is_file() and copy.stat().st_mtime_ns >= path.stat().st_mtime_ns):
                _write(copy, gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))
            count += 1
    return count


_HEADERS_CODE = Path(headers.__file__)


def _read_memo(path: Path | None, stamp: str) -> dict[str, headers.InlineCode]:
    """What inline_code found in each page of the last run, by the digest of the page; empty when unusable."""
    if path is None:
        return {}
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored.get("fingerprint") != stamp:
            return {}
        return {key: headers.InlineCode(set(scripts), set(styles), bool(attributes), list(refused))
                for key, (scripts, styles, attributes, refused) in stored["pages"].items()}
    except Exception:  # noqa: BLE001 - a corrupt or foreign memo is only a slower run
        return {}


def _write_memo(path: Path, stamp: str, memo: dict[str, headers.InlineCode]) -> None:
    pages = {key: [sorted(found.scripts), sorted(found.styles), found.style_attributes, found.refused]
             for key, found in sorted(memo.items())}
    path.parent.mkdir(parents=True, exist_ok=True)
    _write(path, json.dumps({"fingerprint": stamp, "pages": pages}, ensure_ascii=False).encode("utf-8"))


def prepare(site: Path, nginx_dir: Path, meta: bool = False, compress: bool = False,
            memo_path: Path | None = None) -> PublicationReport:
    """Write the headers of a built site; nothing is written when a page holds inline code no policy could allow.

    `memo_path`: where what each page holds inline is kept between runs, by the page's digest (build/cache/). Parsing
    every page was half of an incremental build, which changes only a few pages; the same bytes give the same
    result, and the memo is dropped whenever the parser's code changes."""
    report = PublicationReport()
    stamp = hashlib.sha256(_HEADERS_CODE.read_bytes()).hexdigest()
    memo, kept = _read_memo(memo_path, stamp), {}
    found = {"site": headers.InlineCode(), "admin": headers.InlineCode()}
    pages = {}
    for path in sorted(site.rglob("*.html")):
        raw = path.read_bytes()
        key = hashlib.sha256(raw).hexdigest()
        html = pages[path] = raw.decode("utf-8")
        inline = kept[key] = memo.get(key) or headers.inline_code(html)
        report.refused += [f"{path.relative_to(site).as_posix()} : {reason}" for reason in inline.refused]
        found["admin" if _is_admin(site, path) else "site"].add(inline)
    report.pages = len(pages)
    report.scripts = len(found["site"].scripts)
    if memo_path is not None and kept.keys() != memo.keys():
        _write_memo(memo_path, stamp, kept)
    if report.refused:
        return report
    policies = {"site": headers.site_policy(found["site"]), "admin": headers.admin_policy(found["admin"], _admin_config(site))}
    header_lists = {kind: headers.headers(policy) for kind, policy in policies.items()}
    nginx_dir.mkdir(parents=True, exist_ok=True)
    purposes = {"site": "Toutes les pages du site, sauf l'éditeur.", "admin": "L'éditeur en ligne (admin/, Decap CMS) seulement."}
    for kind, name in NGINX_FILES.items():
        _write(nginx_dir / name, headers.render_nginx(header_lists[kind], purposes[kind]).encode("utf-8"))
    _write(site / HEADERS_FILE, headers.render_headers_file(header_lists["site"], header_lists["admin"]).encode("utf-8"))
    if meta:
        for path, html in pages.items():
            policy = policies["admin" if _is_admin(site, path) else "site"]
            _write(path, headers.with_meta_policy(html, policy).encode("utf-8"))
    if compress:
        report.compressed = compress_site(site)
    report.placeholders = [page for page in PUBLISHER_PAGES
                           if (site / page).is_file() and PLACEHOLDER in pages.get(site / page, "")]
    return report
