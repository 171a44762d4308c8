"""The publication step, run on a built site after `mkdocs build` (`make site`, the pipelines): every page is read
once; the security headers are written for nginx (NGINX_FILES, in a folder beside the site) and for `_headers` hosts
(inside the site); on request, the policy is also written into each page (hosts that set no header) and gzip copies
of the text files are made (nginx's gzip_static, GitLab Pages)."""

from __future__ import annotations

import gzip
import hashlib
import os
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..pipeline import shards
from ..pipeline.write import walk
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


# From this size a file is compressed in pieces (gzip_in_pieces): the open-data exports, 60 MB each at 10,000 cards,
# change with every card, and compressing them whole was a sixth of an incremental build.
PIECES_FROM = 1 << 20
LEVEL = 9


def compress_site(site: Path, pieces_path: Path | None = None, files: list[tuple[str, os.stat_result]] | None = None
                  ) -> int:
    """A .gz copy beside every text file worth compressing (deterministic: no name, no date in the header). A copy
    written after its file was last written is kept: an incremental build (scripts/sitebuild.py) rewrites only the
    pages that changed, and compressing 10,000 unchanged pages again took longer than building the changed ones.

    `pieces_path`: where the compressed pieces of large files are kept between runs (build/cache/), by their digest.
    `files`: the site's files with their status (site_files), when the caller has them."""
    count = 0
    pieces = Pieces(pieces_path)
    files = site_files(site) if files is None else files
    times = {relative: status.st_mtime_ns for relative, status in files}
    for relative, status in files:
        if os.path.splitext(relative)[1] in COMPRESSIBLE and status.st_size >= COMPRESS_FROM:
            copy_time = times.get(relative + ".gz")
            if copy_time is None or copy_time < status.st_mtime_ns:
                data = (site / relative).read_bytes()
                _write(site / (relative + ".gz"), gzip_in_pieces(data, pieces) if len(data) >= PIECES_FROM
                       else gzip.compress(data, compresslevel=LEVEL, mtime=0))
            elif status.st_size >= PIECES_FROM:
                # Unchanged: its pieces stay in the cache for the next run.
                pieces.keep((site / relative).read_bytes())
            count += 1
    pieces.save()
    return count


# A piece ends after a line whose checksum ends in these bits, once it holds PIECE_MIN bytes: where a piece ends
# depends on the content around it, not on its offset, so a line changed in the middle of a file changes one piece
# or two, and the pieces after it are found again in the cache.
PIECE_MIN = 1 << 18
PIECE_MASK = 0xF
# A gzip member's header: no name, no date, « maximum compression », « unknown system ».
_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
# The last block of a deflate stream, empty: what ends the pieces.
_FINAL_BLOCK = b"\x03\x00"


def split_pieces(data: bytes) -> list[bytes]:
    pieces, start = [], 0
    while len(data) - start > PIECE_MIN:
        end = data.find(b"\n", start + PIECE_MIN)
        while end >= 0:
            line_start = data.rfind(b"\n", start, end) + 1
            if zlib.crc32(data[line_start:end]) & PIECE_MASK == 0:
                break
            end = data.find(b"\n", end + 1)
        if end < 0:
            break
        pieces.append(data[start:end + 1])
        start = end + 1
    pieces.append(data[start:])
    return pieces


def deflate_piece(piece: bytes) -> bytes:
    """A piece compressed on its own, ending on a byte boundary without closing the stream (a sync flush): pieces
    written one after the other make one deflate stream, as pigz --independent writes it."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(piece) + compressor.flush(zlib.Z_SYNC_FLUSH)


class Pieces:
    """Compressed pieces by the digest of their bytes, read from and written to a folder of shards; only the pieces a
    run used are kept."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.stamp = f"{LEVEL}-{PIECE_MIN}-{PIECE_MASK}-{zlib.ZLIB_RUNTIME_VERSION}"
        self.stored = shards.read(folder, self.stamp) if folder is not None else None
        self.known = self.stored.entries() if self.stored is not None else {}
        self.used: dict[bytes, bytes] = {}
        self.computed: set[bytes] = set()

    @staticmethod
    def key(piece: bytes) -> bytes:
        return hashlib.blake2b(piece, digest_size=16).digest()

    def deflated(self, piece: bytes) -> bytes:
        key = self.key(piece)
        if key not in self.known:
            self.known[key] = deflate_piece(piece)
            self.computed.add(key)
        self.used[key] = self.known[key]
        return self.used[key]

    def keep(self, data: bytes) -> None:
        if len(data) >= PIECES_FROM:
            for piece in split_pieces(data):
                key = self.key(piece)
                if key in self.known:
                    self.used[key] = self.known[key]

    def save(self) -> None:
        if self.folder is not None and (self.computed or self.used.keys() != self.known.keys()):
            shards.write(self.folder, self.stamp, self.used, self.stored, self.computed)


def gzip_in_pieces(data: bytes, pieces: Pieces | None = None) -> bytes:
    """One gzip member, like gzip.compress, made of pieces compressed each on its own (about 2 % larger): every gzip
    reader reads it, browsers included, which stop at the end of the first member."""
    pieces = pieces or Pieces(None)
    body = b"".join(pieces.deflated(piece) for piece in split_pieces(data))
    return _GZIP_HEADER + body + _FINAL_BLOCK + struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)


_HEADERS_CODE = Path(headers.__file__)


def _read_memo(path: Path | None, stamp: str) -> shards.Stored | None:
    """What inline_code found in each page of the last run: page → (size, modification time, what it found)."""
    return shards.read(path, stamp) if path is not None else None


def _found(entry: tuple) -> headers.InlineCode:
    scripts, styles, attributes, refused = entry
    return headers.InlineCode(set(scripts), set(styles), attributes, list(refused))


def _entry(found: headers.InlineCode) -> tuple:
    return (tuple(sorted(found.scripts)), tuple(sorted(found.styles)), found.style_attributes, tuple(found.refused))


def site_files(site: Path) -> list[tuple[str, os.stat_result]]:
    """Every file of the site (path from the site's folder) with its status, in path order: one walk for the whole
    publication step (at 10,000 cards, 24,000 files, where building a Path for each cost a second)."""
    files = [(relative, entry.stat()) for relative, entry in walk(site) if entry.is_file()]
    return sorted(files, key=lambda item: item[0].split("/"))


def prepare(site: Path, nginx_dir: Path, meta: bool = False, compress: bool = False,
            memo_path: Path | None = None, pieces_path: Path | None = None) -> PublicationReport:
    """Write the headers of a built site; nothing is written when a page holds inline code no policy could allow.

    `memo_path`: where what each page holds inline is kept between runs (build/cache/), by the page's path, size and
    modification time, as write_tree keeps the generated pages: reading and parsing every page was half of an
    incremental build, which changes only a few pages (MkDocs writes each rebuilt page as a new file, the others
    keep their time). The memo is dropped whenever the parser's code changes."""
    report = PublicationReport()
    stamp = hashlib.sha256(_HEADERS_CODE.read_bytes()).hexdigest()
    stored = _read_memo(memo_path, stamp)
    memo = stored.entries() if stored is not None else {}
    kept, parsed = {}, []
    found = {"site": headers.InlineCode(), "admin": headers.InlineCode()}
    files = site_files(site)
    pages = [(relative, status) for relative, status in files if relative.endswith(".html")]
    for relative, status in pages:
        entry = memo.get(relative)
        if entry is None or entry[:2] != (status.st_size, status.st_mtime_ns):
            html = (site / relative).read_text(encoding="utf-8")
            entry = (status.st_size, status.st_mtime_ns, *_entry(headers.inline_code(html)))
            parsed.append(relative)
        kept[relative] = entry
        inline = _found(entry[2:])
        report.refused += [f"{relative} : {reason}" for reason in inline.refused]
        found["admin" if relative.startswith(headers.ADMIN) else "site"].add(inline)
    report.pages = len(pages)
    report.scripts = len(found["site"].scripts)
    if memo_path is not None and (parsed or kept.keys() != memo.keys()):
        shards.write(memo_path, stamp, kept, stored, parsed)
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
        for relative, _ in pages:
            policy = policies["admin" if relative.startswith(headers.ADMIN) else "site"]
            _write(site / relative, headers.with_meta_policy((site / relative).read_text(encoding="utf-8"), policy)
                   .encode("utf-8"))
    if compress:
        report.compressed = compress_site(site, pieces_path, None if meta else files)
    report.placeholders = [page for page in PUBLISHER_PAGES
                           if (site / page).is_file() and PLACEHOLDER in (site / page).read_text(encoding="utf-8")]
    return report
