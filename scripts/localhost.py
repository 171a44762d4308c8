"""Serving a built site on loopback and driving Debian's Chromium: shared by the developer tools (benchmark,
download budget) and the browser tests. The pipeline never imports it."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import socket
import threading
import time
import urllib.request
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without these, Chromium keeps trying to reach Google's hosts, which a closed network refuses.
CHROMIUM_ARGS = ("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *arguments):
        pass


@contextlib.contextmanager
def serve_directory(site: Path):
    """A static server for a built site on a free loopback port; yields its address."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, needle: str, seconds: float) -> float | None:
    """Seconds until the page contains `needle`, polling every 50 ms; None after `seconds`."""
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        try:
            if needle in _get(url):
                return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.05)
    return None
