"""Reading a built site: links, anchors and resources of every HTML page, for the site tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

RESOURCE_ATTRIBUTES = {("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"),
                       ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data")}


@dataclass
class PageLinks:
    ids: set = field(default_factory=set)
    links: list = field(default_factory=list)
    resources: list = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.result = PageLinks()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.result.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.result.ids.add(attributes["name"])
        if tag == "a" and attributes.get("href"):
            self.result.links.append(attributes["href"])
        for name, value in attrs:
            if (tag, name) in RESOURCE_ATTRIBUTES and value and not (tag == "link" and attributes.get("rel") == "canonical"):
                self.result.resources.append(value)


def read_page(path: Path) -> PageLinks:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector.result


def page_url(site: Path, page: Path) -> str:
    return "http://site.local/" + page.relative_to(site).as_posix()


def resolve(site: Path, url: str) -> tuple[Path | None, str]:
    """The file and fragment an absolute site URL points at, or None when it is outside the site."""
    parts = urlsplit(url)
    if parts.netloc != "site.local":
        return None, ""
    target = site / unquote(parts.path.lstrip("/"))
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def broken_links(site: Path) -> list[str]:
    """Every internal link or anchor of the site that leads nowhere, as « page → link »."""
    pages = {path: read_page(path) for path in site.rglob("*.html")}
    broken = []
    for page, content in pages.items():
        for link in content.links:
            if urlsplit(link).scheme in ("mailto", "tel"):
                continue
            absolute = urljoin(page_url(site, page), link)
            target, fragment = resolve(site, absolute)
            if target is None:
                continue
            if not target.exists():
                broken.append(f"{page.relative_to(site)} → {link}")
            elif fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else read_page(target).ids
                if fragment not in ids:
                    broken.append(f"{page.relative_to(site)} → {link} (ancre absente)")
    return broken


def external_resources(site: Path) -> list[str]:
    """Resources a page would load from another host (scripts, styles, images, fonts)."""
    found = []
    for page in site.rglob("*.html"):
        for resource in read_page(page).resources:
            if urlsplit(urljoin(page_url(site, page), resource)).netloc != "site.local":
                found.append(f"{page.relative_to(site)} → {resource}")
    for stylesheet in site.rglob("*.css"):
        text = stylesheet.read_text(encoding="utf-8", errors="replace")
        for marker in ("@import url(http", "url(http://", "url(https://", "url(//"):
            if marker in text:
                found.append(f"{stylesheet.relative_to(site)} → {marker}")
    return found
