"""`make editer`: the online editor on a laptop, with nothing to configure.

Two servers, on this computer only (127.0.0.1): decap-server (npm, installed by `make editer` from
editeur/package-lock.json), through which the editor reads and writes the data files of this copy of the project,
and `mkdocs serve`, which serves the site with its editor at /admin/ and regenerates the pages when a file changes.
The editor finds decap-server on the port after the site's (docs/assets/editeur/editeur.js). Prints the editor's
address, and stops both servers on Ctrl+C or when one of them stops.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PORT = 8010
DECAP_SERVER = ROOT / "editeur" / "node_modules" / "decap-server" / "dist" / "index.js"
READY_SECONDS = 180


def _port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _answers(url: str, body: bytes | None = None) -> bool:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"} if body else {})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def main() -> int:
    # Stopped by a signal (a test, a terminal closed) as by Ctrl+C: the two servers are stopped with it.
    signal.signal(signal.SIGTERM, _interrupt)
    port = int(os.environ.get("EDITEUR_PORT", DEFAULT_PORT))
    busy = [number for number in (port, port + 1) if not _port_is_free(number)]
    if busy:
        print(f"Le port {busy[0]} est déjà pris (un autre « make editer » ou « make serve » tourne-t-il ?). Arrêtez-le, "
              f"ou choisissez deux autres ports : make editer EDITEUR_PORT=8020", file=sys.stderr)
        return 1
    if not DECAP_SERVER.exists():
        print("decap-server manque : lancez « make editer », qui l'installe (npm ci dans editeur/).", file=sys.stderr)
        return 1
    api = f"http://127.0.0.1:{port + 1}/api/v1"
    site = f"http://127.0.0.1:{port}/"
    # MODE=fs: files are written straight into this copy, as a person would; git stays in the author's hands.
    files = subprocess.Popen(["node", str(DECAP_SERVER)], cwd=ROOT, env={
        **os.environ, "PORT": str(port + 1), "BIND_HOST": "127.0.0.1", "MODE": "fs", "GIT_REPO_DIRECTORY": str(ROOT),
        "LOG_LEVEL": "warn"})
    # --dirty: after a save only the pages the generation rewrote are rebuilt; -q: only warnings and errors.
    pages = subprocess.Popen([str(Path(sys.executable).parent / "mkdocs"), "serve", "--dirty", "-q", "--dev-addr",
                              f"127.0.0.1:{port}"], cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    servers = (files, pages)
    try:
        print("Démarrage de l'éditeur (la première construction du site prend une minute au plus)…", flush=True)
        started = time.monotonic()
        while not (_answers(site + "admin/") and _answers(api, json.dumps({"action": "info"}).encode())):
            if any(server.poll() is not None for server in servers) or time.monotonic() - started > READY_SECONDS:
                print("L'éditeur n'a pas pu démarrer : voyez les messages ci-dessus.", file=sys.stderr)
                return 1
            time.sleep(0.3)
        print(f"\nL'éditeur est prêt : {site}admin/\n"
              f"Le site, mis à jour à chaque enregistrement : {site}\n"
              "Les fiches enregistrées sont écrites dans practices/, glossary/ et residences/ de ce dossier.\n"
              "Pour arrêter : Ctrl+C.\n", flush=True)
        while all(server.poll() is None for server in servers):
            time.sleep(0.5)
        print("Un des serveurs de l'éditeur s'est arrêté : voyez les messages ci-dessus.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nÉditeur arrêté.")
        return 0
    finally:
        for server in servers:
            if server.poll() is None:
                server.send_signal(signal.SIGINT)
        for server in servers:
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


if __name__ == "__main__":
    sys.exit(main())
