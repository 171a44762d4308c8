"""Security headers of the published site, derived from the built HTML.

Material writes a few inline scripts into every page (the `__md_scope` bootstrap, whose text changes with the page's
depth, and the content-tabs helper); the Content-Security-Policy allows exactly those, by their sha256 hashes, and
nothing else inline: no 'unsafe-inline', no 'unsafe-eval'. The same table of headers is written for nginx (an include
file) and for hosts that read a `_headers` file (Netlify, Cloudflare Pages), and, for hosts that set no header at all
(GitLab Pages, GitHub Pages), the policy can be written into each page as a <meta http-equiv> element.

The web editor under admin/ (Decap CMS) cannot run under that policy: it evaluates code at run time and writes its
styles inline (decaporg/decap-cms#2138). It gets a policy of its own, limited to admin/, whose exceptions are listed
in `admin_policy`; its connections go to the git host named in admin/config.yml (GitLab or GitHub by default).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

ADMIN = "admin/"
# Script types a browser executes; anything else (Material's __config is application/json) is data.
_EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}
# One year for files whose name changes with their content (Material's main.<hash>.min.css, bundle.<hash>.min.js).
IMMUTABLE = "public, max-age=31536000, immutable"
FINGERPRINTED_FOLDERS = ("assets/javascripts/", "assets/stylesheets/")

COMMON_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("Permissions-Policy", ", ".join(f"{feature}=()" for feature in (
        "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone", "payment", "usb"))),
    ("X-Frame-Options", "DENY"),
    # Browsers ignore it over plain HTTP (make apercu), and obey it once the site is served over HTTPS.
    ("Strict-Transport-Security", "max-age=31536000"),
)
# Directives a <meta> element cannot carry: the browser ignores them there and says so in the console.
_NOT_IN_META = {"frame-ancestors", "report-uri", "sandbox"}
# Decap's default hosts for each git backend (its `api_root` and, for GitHub, the OAuth `base_url`).
_BACKEND_HOSTS = {"gitlab": ("https://gitlab.com",), "github": ("https://api.github.com",)}


def sha256_source(text: str) -> str:
    """A CSP hash source for an inline script or style attribute: the text as the browser reads it, in UTF-8."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


@dataclass
class InlineCode:
    """What the pages of the site run or style inline, as hash sources, and what no policy could allow."""

    scripts: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)
    style_attributes: bool = False
    refused: list[str] = field(default_factory=list)

    def add(self, other: InlineCode) -> None:
        self.scripts |= other.scripts
        self.styles |= other.styles
        self.style_attributes |= other.style_attributes
        self.refused += other.refused


class _InlineCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = InlineCode()
        self._script: list[str] | None = None
        self._style: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.refused.append(f"attribut {name} (gestionnaire d'évènement écrit dans la page)")
            elif name == "style" and value is not None:
                self.found.styles.add(sha256_source(value))
                self.found.style_attributes = True
            elif name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.refused.append(f"adresse javascript: dans {name}")
        if tag == "script" and "src" not in attributes:
            kind = (attributes.get("type") or "").strip().lower()
            self._script = [] if kind in _EXECUTABLE else None
        elif tag == "style":
            self._style = []

    def handle_data(self, data):
        for collected in (self._script, self._style):
            if collected is not None:
                collected.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.found.scripts.add(sha256_source("".join(self._script)))
            self._script = None
        elif tag == "style" and self._style is not None:
            self.found.styles.add(sha256_source("".join(self._style)))
            self._style = None


def inline_code(html: str) -> InlineCode:
    """The inline scripts and style attributes of one page, as hash sources; inline handlers are refused."""
    collector = _InlineCollector()
    collector.feed(html)
    collector.close()
    return collector.found


def site_policy(inline: InlineCode) -> list[tuple[str, list[str]]]:
    """The policy of every page but the editor's: the site's own files, Material's inline scripts by hash."""
    styles = ["'self'", *(["'unsafe-hashes'"] if inline.style_attributes else []), *sorted(inline.styles)]
    return [
        ("default-src", ["'none'"]),
        ("script-src", ["'self'", *sorted(inline.scripts)]),
        # Style attributes (table cells aligned by Markdown: text-align) are allowed one by one, by hash
        # ('unsafe-hashes' extends hashes to attributes; it allows no other inline style).
        ("style-src", styles),
        # Material draws its icons as data: SVG images in its style sheet.
        ("img-src", ["'self'", "data:"]),
        ("font-src", ["'self'"]),
        ("connect-src", ["'self'"]),
        ("manifest-src", ["'self'"]),
        ("base-uri", ["'none'"]),
        ("form-action", ["'self'"]),
        ("frame-ancestors", ["'none'"]),
    ]


def admin_policy(inline: InlineCode, config: dict | None) -> list[tuple[str, list[str]]]:
    """The policy of admin/ only (Decap CMS), with each exception it needs and why; see the module's docstring."""
    backend = (config or {}).get("backend") or {}
    hosts = set(_BACKEND_HOSTS.get(backend.get("name"), ("https://gitlab.com", "https://api.github.com")))
    for key in ("api_root", "base_url", "auth_endpoint"):
        value = backend.get(key)
        if isinstance(value, str) and value.startswith("https://"):
            hosts.add("/".join(value.split("/")[:3]))
    return [
        ("default-src", ["'self'"]),
        # Decap compiles its configuration's schemas at run time (new Function).
        ("script-src", ["'self'", "'unsafe-eval'", *sorted(inline.scripts)]),
        # Its interface writes <style> elements (CSS-in-JS).
        ("style-src", ["'self'", "'unsafe-inline'"]),
        # Previews of images being uploaded (blob:), and avatars served by the git host.
        ("img-src", ["'self'", "data:", "blob:", "https:"]),
        ("connect-src", ["'self'", *sorted(hosts)]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'none'"]),
        ("form-action", ["'self'"]),
        ("frame-ancestors", ["'none'"]),
    ]


def policy_text(policy: list[tuple[str, list[str]]], meta: bool = False) -> str:
    return "; ".join(f"{name} {' '.join(values)}" for name, values in policy if not (meta and name in _NOT_IN_META))


def headers(policy: list[tuple[str, list[str]]]) -> list[tuple[str, str]]:
    return [("Content-Security-Policy", policy_text(policy)), *COMMON_HEADERS]


_GENERATED = "Écrit par « python -m scripts publication » à partir du site construit : ne pas modifier à la main"


def render_nginx(header_list: list[tuple[str, str]], purpose: str) -> str:
    """An nginx include of `add_header … always` lines, for every location that serves the site (nginx does not
    inherit add_header into a location that sets its own)."""
    lines = [f"# {_GENERATED}", f"# (les empreintes suivent les scripts du site). {purpose}"]
    lines += [f'add_header {name} "{value}" always;' for name, value in header_list]
    return "\n".join(lines) + "\n"


def render_headers_file(site: list[tuple[str, str]], admin: list[tuple[str, str]]) -> str:
    """The `_headers` file of Netlify and Cloudflare Pages: the site's headers for every path, one year of cache for
    Material's fingerprinted files, and the editor's own policy for admin/ (written last: on Netlify the most
    specific rule wins; on Cloudflare Pages, which joins both policies, the editor then stays blocked, not open)."""
    lines = [f"# {_GENERATED}.", "/*"]
    lines += [f"  {name}: {value}" for name, value in site]
    for folder in FINGERPRINTED_FOLDERS:
        lines += [f"/{folder}*", f"  Cache-Control: {IMMUTABLE}"]
    lines += [f"/{ADMIN}*", f"  Content-Security-Policy: {dict(admin)['Content-Security-Policy']}"]
    return "\n".join(lines) + "\n"


_META_START = '<meta http-equiv="Content-Security-Policy"'


def with_meta_policy(html: str, policy: list[tuple[str, list[str]]]) -> str:
    """The page with the policy as its first <head> element, before any script (replacing one written before)."""
    element = f'{_META_START} content="{escape(policy_text(policy, meta=True))}">'
    start = html.find(_META_START)
    if start != -1:
        return html[:start] + element + html[html.index(">", start) + 1:]
    head = html.find("<head>")
    if head == -1:
        raise ValueError("élément <head> introuvable")
    return html[:head + 6] + "\n    " + element + html[head + 6:]
