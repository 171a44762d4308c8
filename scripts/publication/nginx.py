"""Serving a built site through the production nginx configuration (deploy/nginx/bibliotheque.conf), as `make apercu`
and the tests do: the same file, with only what belongs to the machine changed (listening address, root, log and
include paths, and the site's path when it is published under a sub-path), run by the user in a folder of its own
(pid, logs, temporary files), never by the system's nginx service."""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

from .prepare import NGINX_FILES

ROOT = Path(__file__).resolve().parent.parent.parent
PRODUCTION = ROOT / "deploy" / "nginx" / "bibliotheque.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


class PreviewError(Exception):
    """Something that keeps the preview from starting, said in French."""


def site_prefix(site: Path) -> str:
    """The path the site was built for (`/` or `/bibliotheque/`): MkDocs gives the 404 page an absolute base."""
    page = site / "404.html"
    if not page.is_file():
        return "/"
    found = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page.read_text(encoding="utf-8"),
                      re.DOTALL)
    base = json.loads(found.group(1)).get("base", "/") if found else "/"
    return base.rstrip("/") + "/" if base.startswith("/") else "/"


def _replace(text: str, pattern: str, replacement: str, count: int | None = 1) -> str:
    """Replace a directive of the production file; fail when the file no longer has it as expected."""
    changed, found = re.subn(pattern, lambda match: match.expand(replacement), text, flags=re.MULTILINE)
    if found == 0 or (count is not None and found != count):
        raise PreviewError(f"{PRODUCTION.relative_to(ROOT)} : directive attendue introuvable ({pattern}) ; "
                           "l'aperçu ne peut plus en dériver sa configuration.")
    return changed


def server_config(production: str, *, port: int, root: Path, workdir: Path, prefix: str = "/") -> str:
    """The production server block, adapted to a loopback preview (see the module's docstring)."""
    text = _replace(production, r"^\s*listen\s+\[::\]:80;\n", "")
    text = _replace(text, r"^(\s*)listen\s+80;", rf"\g<1>listen 127.0.0.1:{port};")
    text = _replace(text, r"^(\s*)server_name\s+[^;]+;", r"\g<1>server_name localhost;")
    text = _replace(text, r"^(\s*)root\s+[^;]+;", rf"\g<1>root {root};")
    text = _replace(text, r"^(\s*)access_log\s+\S+", rf"\g<1>access_log {workdir / 'access.log'}")
    text = _replace(text, r"^(\s*)error_log\s+[^;]+;", rf"\g<1>error_log {workdir / 'error.log'};")
    text = _replace(text, r"include\s+snippets/", f"include {workdir}/snippets/", count=None)
    if prefix != "/":
        text = _replace(text, r"^(\s*)error_page 404 /404\.html;", rf"\g<1>error_page 404 {prefix}404.html;")
        text = _replace(text, r"^(\s*)location \^~ /admin/", rf"\g<1>location ^~ {prefix}admin/")
    return text


def preview_config(workdir: Path, port: int) -> str:
    """The main file of a user-level nginx: everything it writes stays in `workdir`."""
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
    temp = "\n".join(f"    {kind}_temp_path {workdir / 'temp' / kind};" for kind in ("client_body", "proxy", "fastcgi",
                                                                                       "uwsgi", "scgi"))
    return (f"# Écrit par scripts/publication/nginx.py pour l'aperçu (port {port}) : ne pas modifier.\n"
            f"daemon off;\nworker_processes 1;\n{user}pid {workdir / 'nginx.pid'};\nerror_log {workdir / 'error.log'};\n"
            f"events {{\n    worker_connections 256;\n}}\nhttp {{\n{temp}\n    default_type application/octet-stream;\n"
            f"    sendfile on;\n    include {workdir / 'bibliotheque.conf'};\n}}\n")


def write_preview(site: Path, nginx_dir: Path, workdir: Path, port: int) -> Path:
    """Lay out a preview in `workdir` (configuration, snippets, the site at its path) and return the main file."""
    missing = [name for name in NGINX_FILES.values() if not (nginx_dir / name).is_file()]
    if missing:
        raise PreviewError(f"{', '.join(missing)} absent de {nginx_dir} : construisez le site par make site (l'étape "
                           "« publication » écrit les en-têtes).")
    if not (site / "index.html").is_file():
        raise PreviewError(f"{site} ne contient pas de site construit : lancez make site.")
    prefix = site_prefix(site)
    shutil.rmtree(workdir, ignore_errors=True)
    (workdir / "snippets").mkdir(parents=True)
    (workdir / "temp").mkdir()
    for name in NGINX_FILES.values():
        shutil.copy(nginx_dir / name, workdir / "snippets" / name)
    www = workdir / "www"
    mount = www / prefix.strip("/") if prefix != "/" else www
    mount.parent.mkdir(parents=True, exist_ok=True)
    mount.symlink_to(site.resolve(), target_is_directory=True)
    production = PRODUCTION.read_text(encoding="utf-8")
    (workdir / "bibliotheque.conf").write_text(server_config(production, port=port, root=www, workdir=workdir, prefix=prefix),
                                               encoding="utf-8")
    main = workdir / "nginx.conf"
    main.write_text(preview_config(workdir, port), encoding="utf-8")
    return main


def _command(workdir: Path, main: Path) -> list[str]:
    if not Path(NGINX).exists():
        raise PreviewError("nginx manque : installez le paquet Debian « nginx » (make nginx, droits root requis).")
    return [NGINX, "-p", str(workdir), "-c", str(main), "-e", str(workdir / "error.log")]


def _answers(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


@contextlib.contextmanager
def serve_with_nginx(site: Path, nginx_dir: Path, workdir: Path, port: int):
    """nginx serving `site` on 127.0.0.1:`port` until the block ends; yields the site's address."""
    if _answers(port):
        raise PreviewError(f"le port {port} est déjà occupé par un autre programme : choisissez-en un autre.")
    main = write_preview(site, nginx_dir, workdir, port)
    command = _command(workdir, main)
    tested = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True, check=False)
    if tested.returncode != 0:
        raise PreviewError(f"configuration refusée par nginx :\n{tested.stderr.strip()}")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 10
        while not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                error = process.stderr.read() if process.poll() is not None else "pas de réponse après 10 secondes"
                raise PreviewError(f"nginx n'a pas démarré sur le port {port} : {error.strip()}")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}{site_prefix(site)}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()
