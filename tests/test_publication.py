"""Putting the site online: security headers computed from the built pages, the production nginx configuration
served on loopback (as `make apercu` does), the French 404 page (under a sub-path too), the sitemap, the footer pages.

Unit tests read strings; the rest use the real built site, copied, then prepared by `python -m scripts publication`
as `make site` runs it, and served by Debian's nginx with deploy/nginx/bibliotheque.conf.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import os
import pickle
import random
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
import zlib
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from scripts.localhost import free_port
from scripts.pipeline import shards
from scripts.publication import headers, nginx

from .conftest import ROOT, mkdocs_config, run_cli, serve_directory
from .queries import QUERIES

# The example of the CSP specification: this script's hash, computed by hand once and for all.
SPEC_SCRIPT = "alert('Hello, world.');"
SPEC_HASH = "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
FOOTER_PAGES = ("accessibilite/", "mentions-legales/", "donnees-personnelles/", "plan-du-site/")


def _directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in policy.split(";") if part.strip())}


# Strings: hashes, policies, files.

def test_inline_scripts_are_hashed_as_the_specification_says_and_data_is_not():
    page = (f"<html><head><script>{SPEC_SCRIPT}</script><script id='c' type='application/json'>{{\"a\": 1}}</script>"
            "<script src='x.js'></script></head><body><td style=\"text-align: right;\">1</td></body></html>")
    found = headers.inline_code(page)
    assert found.scripts == {SPEC_HASH}
    expected_style = "'sha256-" + base64.b64encode(hashlib.sha256(b"text-align: right;").digest()).decode() + "'"
    assert found.styles == {expected_style} and found.style_attributes
    assert found.refused == []


def test_code_no_policy_could_allow_is_refused():
    found = headers.inline_code('<a href="javascript:void(0)">x</a><p onclick="f()">y</p><img src=x onerror=f()>')
    assert found.refused == ["adresse javascript: dans href", "attribut onclick (gestionnaire d'évènement écrit dans la page)",
                             "attribut onerror (gestionnaire d'évènement écrit dans la page)"]


def test_the_site_policy_allows_nothing_inline_but_its_hashes():
    found = headers.inline_code(f"<script>{SPEC_SCRIPT}</script><p style='color: red'>x</p>")
    policy = _directives(headers.policy_text(headers.site_policy(found)))
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'", SPEC_HASH]
    assert "'unsafe-inline'" not in policy["style-src"] and "'unsafe-eval'" not in headers.policy_text(headers.site_policy(found))
    assert policy["frame-ancestors"] == ["'none'"] and policy["base-uri"] == ["'none'"]


def test_the_editor_policy_is_wider_only_where_decap_needs_it():
    config = {"backend": {"name": "gitlab", "repo": "a/b", "api_root": "https://forge.exemple.fr/api/v4"}}
    admin = _directives(headers.policy_text(headers.admin_policy(headers.InlineCode(), config)))
    assert admin["script-src"] == ["'self'", "'unsafe-eval'"]
    assert "'unsafe-inline'" not in admin["script-src"]
    assert admin["connect-src"] == ["'self'", "https://forge.exemple.fr", "https://gitlab.com"]
    assert admin["frame-ancestors"] == ["'none'"]


def test_the_meta_policy_comes_before_any_script_once_and_without_what_meta_ignores():
    page = "<!doctype html><html><head><meta charset='utf-8'><script>x()</script></head><body></body></html>"
    policy = headers.site_policy(headers.inline_code(page))
    once = headers.with_meta_policy(page, policy)
    twice = headers.with_meta_policy(once, policy)
    assert once == twice and once.count("Content-Security-Policy") == 1
    assert once.index("Content-Security-Policy") < once.index("<script>")
    assert "frame-ancestors" not in once and "script-src" in once


def test_the_headers_file_gives_the_editor_its_own_policy_after_the_sites():
    site = headers.headers(headers.site_policy(headers.InlineCode()))
    admin = headers.headers(headers.admin_policy(headers.InlineCode(), None))
    rules: dict[str, dict[str, str]] = {}
    for line in headers.render_headers_file(site, admin).splitlines():
        if line.startswith("/"):
            current = rules.setdefault(line, {})
        elif line.startswith("  "):
            name, value = line.strip().split(": ", 1)
            current[name] = value
    assert list(rules) == ["/*", "/assets/javascripts/*", "/assets/stylesheets/*", "/admin/*"]
    assert rules["/*"]["X-Content-Type-Options"] == "nosniff" and "frame-ancestors 'none'" in rules["/*"]["Content-Security-Policy"]
    assert "'unsafe-eval'" in rules["/admin/*"]["Content-Security-Policy"]
    assert rules["/assets/javascripts/*"]["Cache-Control"].endswith("immutable")


def test_the_preview_changes_only_what_belongs_to_the_machine(tmp_path):
    production = nginx.PRODUCTION.read_text(encoding="utf-8")
    preview = nginx.server_config(production, port=8123, root=tmp_path / "www", workdir=tmp_path, prefix="/bibliotheque/")
    changed = set(preview.splitlines()) - set(production.splitlines())
    kinds = sorted({line.split()[0] for line in changed})
    assert kinds == ["access_log", "error_log", "error_page", "include", "listen", "location", "root", "server_name"]
    assert "    listen 127.0.0.1:8123;" in changed and "    error_page 404 /bibliotheque/404.html;" in changed
    assert "    location ^~ /bibliotheque/admin/ {" in changed
    assert not [line for line in preview.splitlines() if "listen" in line and "[::]" in line]


def test_the_preview_refuses_a_production_file_it_no_longer_understands(tmp_path):
    production = nginx.PRODUCTION.read_text(encoding="utf-8").replace("listen 80;", "listen 8000;")
    with pytest.raises(nginx.PreviewError, match="directive attendue introuvable"):
        nginx.server_config(production, port=8123, root=tmp_path, workdir=tmp_path)


# The built site: sitemap, footer, plan, statement.

def _site_url() -> str:
    return mkdocs_config()["site_url"]


def _page_address(site: Path, page: Path) -> str:
    relative = page.relative_to(site).as_posix()
    return relative.removesuffix("index.html")


def test_the_site_url_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://fourche.exemple.org/bibliotheque/")
    assert mkdocs_config()["site_url"] == "https://fourche.exemple.org/bibliotheque/"
    monkeypatch.delenv("SITE_URL")
    assert mkdocs_config()["site_url"] == "http://127.0.0.1:8080/"


def test_the_sitemap_lists_every_page_under_the_site_url(built_site):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = [loc.text for loc in ElementTree.parse(built_site / "sitemap.xml").getroot().findall("s:url/s:loc", namespace)]
    # The online editor (admin/, marked noindex) is a tool, not a page of the library.
    pages = sorted(_page_address(built_site, page) for page in built_site.rglob("*.html")
                   if page.name != "404.html" and not page.relative_to(built_site).as_posix().startswith("admin/"))
    assert len(pages) > 200 and (built_site / "admin/index.html").is_file()
    assert sorted(listed) == sorted(_site_url() + page for page in pages)


def test_every_page_links_the_four_footer_pages(built_site):
    # Except the online editor (admin/): Decap CMS takes the whole page.
    pages = sorted(page for page in built_site.rglob("*.html") if page.relative_to(built_site).parts[0] != "admin")
    missing = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        footer = html[html.index('<nav class="pied-liens"'):]
        links = re.findall(r'href="([^"]+)"', footer[:footer.index("</nav>")])
        base = "http://site.local/" + page.relative_to(built_site).as_posix()
        targets = [urlsplit(urljoin(base, link)).path.lstrip("/") for link in links]
        if targets != list(FOOTER_PAGES):
            missing.append(f"{page.relative_to(built_site)} : {targets}")
    assert missing == []
    assert all((built_site / page / "index.html").is_file() for page in FOOTER_PAGES)


def test_the_footer_states_the_accessibility_status_the_statement_gives(built_site):
    status = mkdocs_config()["extra"]["accessibilite"]
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert f"Accessibilité : {status}</a>" in home
    statement = " ".join((ROOT / "docs/accessibilite.md").read_text(encoding="utf-8").split())
    assert f"est **{status}** avec le référentiel général d'amélioration de l'accessibilité" in statement
    for section in ("## État de conformité", "## Contenus non accessibles", "## Retour d'information et contact",
                    "## Voies de recours", "### Ce qui reste à auditer"):
        assert section in statement


def _nav_pages(items) -> list[str]:
    pages = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        pages += _nav_pages(value) if isinstance(value, list) else [value]
    return pages


def test_the_site_map_page_links_every_page_of_the_navigation_and_the_footer():
    plan = (ROOT / "docs/plan-du-site.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(([^)#]+)\)", plan))
    expected = set(_nav_pages(mkdocs_config()["nav"])) | {page.rstrip("/") + ".md" for page in FOOTER_PAGES[:3]}
    assert sorted(expected - linked) == []


# The publication step on the real site, then nginx.

def _inline_script_hashes(html: str) -> set[str]:
    """Every executable inline script of a page, hashed here by a reading of its own (not the module's parser)."""
    found = set()
    for attributes, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.DOTALL):
        kind = re.search(r'type="([^"]*)"', attributes)
        if "src=" in attributes or (kind and kind.group(1) not in ("text/javascript", "module")):
            continue
        found.add("'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'")
    return found


@pytest.fixture(scope="module")
def published(built_site, tmp_path_factory):
    """A copy of the built site after `python -m scripts publication --gzip`, then with what a test adds by hand."""
    base = tmp_path_factory.mktemp("publication")
    site = base / "site"
    shutil.copytree(built_site, site)
    prepared = run_cli("publication", str(site), "--nginx", str(base / "nginx"), "--gzip")
    assert prepared.returncode == 0, prepared.stderr
    # Written after the step, as an attacker's injection would be: its inline script has no hash in the policy.
    (site / "essai-injection").mkdir()
    (site / "essai-injection/index.html").write_text(
        (site / "index.html").read_text(encoding="utf-8").replace("</body>", "<script>window.injecte = 1;</script></body>"),
        encoding="utf-8")
    # admin/ is the real online editor (Decap CMS), built with the site.
    assert (site / "admin/index.html").is_file()
    (site / "donnees").mkdir()
    (site / "donnees/essai.yml").write_text("cle: valeur\n", encoding="utf-8")
    (site / "pratiques/pratiques.json.gz").unlink()
    return site, base / "nginx", prepared.stdout


@pytest.mark.lent
def test_every_inline_script_of_every_page_is_allowed_and_nothing_else(published):
    site, nginx_dir, _ = published
    include = (nginx_dir / "bibliotheque-entetes.conf").read_text(encoding="utf-8")
    policy = _directives(re.search(r'add_header Content-Security-Policy "([^"]+)" always;', include).group(1))
    needed = set()
    for page in site.rglob("*.html"):
        if page.parent.name not in ("essai-injection", "admin"):
            needed |= _inline_script_hashes(page.read_text(encoding="utf-8"))
    assert len(needed) >= 3
    assert set(policy["script-src"]) == {"'self'"} | needed
    assert _inline_script_hashes((site / "essai-injection/index.html").read_text(encoding="utf-8")) - needed


@pytest.mark.lent
def test_the_step_says_what_the_publisher_must_still_complete(published):
    _, _, output = published
    for page in ("accessibilite", "mentions-legales", "donnees-personnelles"):
        assert f"avertissement : {page}/index.html contient encore « À compléter »" in output


def test_the_step_refuses_a_page_with_an_inline_handler(tmp_path):
    (tmp_path / "index.html").write_text('<html><head></head><body><button onclick="go()">x</button></body></html>')
    refused = run_cli("publication", str(tmp_path), "--nginx", str(tmp_path / "nginx"))
    assert refused.returncode == 1
    assert "index.html : attribut onclick (gestionnaire d'évènement écrit dans la page)" in refused.stderr
    assert not (tmp_path / "_headers").exists() and not (tmp_path / "nginx").exists()


@pytest.fixture(scope="module")
def server(published, tmp_path_factory):
    site, nginx_dir, _ = published
    with nginx.serve_with_nginx(site, nginx_dir, tmp_path_factory.mktemp("nginx"), free_port()) as address:
        yield address


def _fetch(url: str, **request_headers):
    """(status, headers, body) of a GET, 4xx and 5xx included."""
    request = urllib.request.Request(url, headers=request_headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *arguments):
        return None


@pytest.mark.lent
def test_nginx_sends_the_security_headers_with_every_answer(server, published):
    site, nginx_dir, _ = published
    include = (nginx_dir / "bibliotheque-entetes.conf").read_text(encoding="utf-8")
    expected = dict(re.findall(r'add_header (\S+) "([^"]+)" always;', include))
    bundle = next((site / "assets/javascripts").glob("bundle.*.min.js")).name
    for path in ("", "pratiques/ticket-d-or/", "recherche/index.json", f"assets/javascripts/{bundle}", "adresse-inconnue/"):
        status, answer, _ = _fetch(server + path)
        assert status in (200, 404), path
        for name, value in expected.items():
            assert answer[name] == value, (path, name)
    policy = _directives(answer["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'none'"]
    assert not {"'unsafe-inline'", "'unsafe-eval'"} & set(policy["script-src"])
    assert answer["X-Content-Type-Options"] == "nosniff" and answer["Referrer-Policy"] and answer["Permissions-Policy"]


@pytest.mark.lent
def test_nginx_gives_the_editor_its_own_policy(server):
    _, answer, _ = _fetch(server + "admin/")
    assert "'unsafe-eval'" in answer["Content-Security-Policy"]
    _, answer, _ = _fetch(server)
    assert "'unsafe-eval'" not in answer["Content-Security-Policy"]


@pytest.mark.lent
def test_nginx_caches_fingerprinted_files_long_and_pages_briefly(server, published):
    site, _, _ = published
    bundle = next((site / "assets/javascripts").glob("bundle.*.min.js")).name
    _, answer, _ = _fetch(server + f"assets/javascripts/{bundle}")
    assert answer["Cache-Control"] == "public, max-age=31536000, immutable"
    for path in ("", "assets/recherche.js", "pratiques/pratiques.json"):
        _, answer, _ = _fetch(server + path)
        seconds = int(re.search(r"max-age=(\d+)", answer["Cache-Control"]).group(1))
        assert seconds <= 600 and "immutable" not in answer["Cache-Control"], path


@pytest.mark.lent
def test_nginx_compresses_with_the_prepared_copies_or_on_the_fly(server, published):
    site, _, _ = published
    for path, file in (("pratiques/ticket-d-or/", "pratiques/ticket-d-or/index.html"),
                       ("pratiques/pratiques.json", "pratiques/pratiques.json")):
        assert (site / (file + ".gz")).exists() == (path != "pratiques/pratiques.json")
        _, answer, body = _fetch(server + path, **{"Accept-Encoding": "gzip"})
        assert answer["Content-Encoding"] == "gzip" and "Accept-Encoding" in answer["Vary"], path
        assert gzip.decompress(body) == (site / file).read_bytes()
        _, answer, body = _fetch(server + path)
        assert answer["Content-Encoding"] is None and body == (site / file).read_bytes()


@pytest.mark.lent
def test_nginx_serves_downloads_with_their_types(server):
    expected = {"pratiques/pratiques.json": "application/json", "pratiques/pratiques.csv": "text/csv; charset=utf-8",
                "donnees/essai.yml": "application/yaml; charset=utf-8", "sitemap.xml": "text/xml; charset=utf-8",
                "assets/recherche.js": "application/javascript; charset=utf-8", "": "text/html; charset=utf-8"}
    for path, kind in expected.items():
        status, answer, _ = _fetch(server + path)
        assert status == 200 and answer["Content-Type"].startswith(kind), (path, answer["Content-Type"])


@pytest.mark.lent
def test_nginx_answers_an_unknown_address_with_the_french_404_page(server):
    status, answer, body = _fetch(server + "pratiques/fiche-qui-n-existe-pas/")
    text = body.decode("utf-8")
    assert status == 404 and answer["Content-Type"] == "text/html; charset=utf-8"
    assert "<h1>Page introuvable</h1>" in text and 'lang="fr"' in text
    assert 'action="/recherche/"' in text and 'href="/plan-du-site/"' in text


@pytest.mark.lent
def test_nginx_redirects_a_folder_without_its_slash_relatively(server):
    opener = urllib.request.build_opener(_NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(server + "pratiques", timeout=10)
    redirect.value.close()
    assert redirect.value.code == 301 and redirect.value.headers["Location"] == "/pratiques/"


@pytest.mark.lent
def test_nginx_serves_the_sitemap_under_the_site_url(server, published):
    site, _, _ = published
    status, _, body = _fetch(server + "sitemap.xml")
    assert status == 200
    assert body.count(b"<loc>") == sum(1 for page in site.rglob("*.html")
                                       if page.name != "404.html" and page.parent.name not in ("essai-injection", "admin"))


# Chromium through nginx.

def _page_types(site: Path) -> list[str]:
    """One page of each kind: the first of each folder and depth listed in the sitemap (a new kind of page, such as
    one page per glossary entry, is visited without being named here), plus the pages that behave differently."""
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    kinds: dict[tuple[str, int], str] = {}
    for loc in sorted(loc.text for loc in ElementTree.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", namespace)):
        path = loc.removeprefix(_site_url())
        parts = [part for part in path.split("/") if part]
        kinds.setdefault((parts[0] if parts else "", len(parts)), path)
    special = ["pratiques/filtres/", "pratiques/filtres/?theme=jeunesse&stade=idee", "pratiques/chiffres/", "recherche/?q=plie",
               "adresse-inconnue/page/"]
    return sorted(set(kinds.values()) | set(special))


# A function, not an expression: Playwright evaluates a bare expression with eval, which the policy forbids.
# The site's search script puts its box in the header, or, on the « Rechercher » page, loads its engine.
RAN = ("() => document.documentElement.classList.contains('js') && "
       "(!!document.getElementById('recherche-entete-champ') || !!window.bibliothequeRecherche)")
_WATCH = """window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "") + " " + (event.sample || ""));
});"""


def _visit(context, address: str):
    """Open a page and wait for its scripts to have run; return it with the policy violations and console errors it
    produced (a page whose scripts did not run says so among the errors)."""
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(f"{message.text} ({message.location.get('url')})")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"exception : {error}"))
    page.goto(address, wait_until="networkidle")
    # Material's bundle marks the page « js », and the site's search script has set up its box: both ran
    # (waited for: on a loaded machine, the glossary's long page is still being read when the network is idle).
    try:
        page.wait_for_function(RAN, timeout=20_000)
    except PlaywrightTimeout:
        errors.append("les scripts de Material ou du site n'ont pas tourné")
    return page, page.evaluate("window.__violations"), errors


@pytest.fixture
def watched(browser):
    context = browser.new_context(locale="fr-FR")
    context.add_init_script(_WATCH)
    yield context
    context.close()


@pytest.mark.lent
@pytest.mark.browser
def test_every_kind_of_page_runs_under_the_policy_without_violation_nor_error(server, published, watched):
    site, _, _ = published
    report = {}
    for path in _page_types(site):
        page, violations, errors = _visit(watched, server + path)
        if path.startswith("adresse-inconnue/"):
            # The browser reports the document's own status, which is the point of that page.
            errors = [error for error in errors if not error.endswith(f"({server + path})")]
        if violations or errors:
            report[path] = violations + errors
        page.close()
    assert report == {}
    assert watched.cookies() == []


@pytest.mark.lent
@pytest.mark.browser
def test_an_injected_inline_script_is_blocked_and_reported(server, watched):
    page, violations, _ = _visit(watched, server + "essai-injection/")
    assert page.evaluate("window.injecte") is None
    assert [violation.split()[0] for violation in violations] == ["script-src-elem"]


@pytest.mark.lent
@pytest.mark.browser
def test_search_filters_and_tooltips_work_under_the_policy(server, watched):
    query, expected = next((query, expected) for query, expected in QUERIES if expected.startswith("pratiques/"))
    page, _, _ = _visit(watched, server + "recherche/")
    page.locator("#recherche-champ").fill(query)
    first = page.locator("#recherche-resultats li a").first
    first.wait_for(state="visible", timeout=5000)
    assert first.get_attribute("href").endswith(expected)

    page, _, _ = _visit(watched, server + "pratiques/filtres/")
    items = page.locator("#filtres-liste li")
    every = items.count()
    page.locator("#filtres-facettes input[name=theme]").first.check()
    assert 0 < items.count() < every and "theme=" in page.url

    page, _, _ = _visit(watched, server + "pratiques/ticket-d-or/")
    link = page.locator("article a.sigle").first
    link.hover()
    assert link.locator(".sigle-bulle").is_visible()
    assert page.evaluate("window.__violations") == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0


@pytest.mark.browser
def test_the_policy_written_into_each_page_holds_where_no_header_is_sent(built_site, tmp_path, browser):
    """GitLab Pages and GitHub Pages send no header of the site's choosing: the pipelines write the policy into each
    page (--meta). Served by a plain file server, the pages keep it, and run without violation nor error."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    assert run_cli("publication", str(site), "--nginx", str(tmp_path / "nginx"), "--meta").returncode == 0
    home = (site / "index.html").read_text(encoding="utf-8")
    assert home.index('http-equiv="Content-Security-Policy"') < home.index("<script")
    context = browser.new_context(locale="fr-FR")
    context.add_init_script(_WATCH)
    try:
        with serve_directory(site) as address:
            for path in ("", "pratiques/ticket-d-or/", "pratiques/filtres/?theme=jeunesse", "recherche/?q=plie"):
                _, violations, errors = _visit(context, address + path)
                assert (violations, errors) == ([], []), path
            page = context.new_page()
            page.goto(address, wait_until="networkidle")
            page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.injecte = 1';"
                          " document.body.append(s); }")
            assert page.evaluate("window.injecte") is None
    finally:
        context.close()


# Under a sub-path, as GitLab Pages and GitHub Pages publish a project (https://groupe.gitlab.io/bibliotheque/).

def _subpath_project(base: Path, site_url: str) -> Path:
    """A small site with the real theme, overrides, styles and scripts, and a stub for each page the 404 links."""
    config = mkdocs_config()
    small = {"site_name": config["site_name"], "site_url": site_url, "docs_dir": "docs", "use_directory_urls": True,
             "theme": {**config["theme"], "custom_dir": str(ROOT / config["theme"]["custom_dir"])},
             "extra": config["extra"], "extra_css": config["extra_css"], "plugins": [],
             "extra_javascript": [script for script in config["extra_javascript"]
                                  if (script["path"] if isinstance(script, dict) else script).startswith("assets/")]}
    base.mkdir()
    (base / "mkdocs.yml").write_text(yaml.safe_dump(small, allow_unicode=True), encoding="utf-8")
    shutil.copytree(ROOT / "docs/assets", base / "docs/assets")
    for page in ("index", "pratiques/index", "pratiques/filtres", "glossaire/index", "residences/index", "recherche/index",
                 *(page.rstrip("/") for page in FOOTER_PAGES)):
        target = base / "docs" / f"{page}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"# {page}\n", encoding="utf-8")
    return base


@pytest.mark.lent
@pytest.mark.browser
def test_the_404_page_works_under_a_sub_path(tmp_path, browser):
    port = free_port()
    project = _subpath_project(tmp_path / "projet", f"http://127.0.0.1:{port}/bibliotheque/")
    site = tmp_path / "site"
    built = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "-q", "-d", str(site)], cwd=project,
                           capture_output=True, text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert built.returncode == 0, built.stderr
    assert run_cli("publication", str(site), "--nginx", str(tmp_path / "nginx")).returncode == 0
    with nginx.serve_with_nginx(site, tmp_path / "nginx", tmp_path / "apercu", port) as address:
        assert address == f"http://127.0.0.1:{port}/bibliotheque/"
        status, _, body = _fetch(address + "pratiques/absente/")
        assert status == 404 and "Page introuvable" in body.decode("utf-8")
        targets = re.findall(r'(?:href|src|action)="([^"#]+)"', body.decode("utf-8"))
        local = [target for target in targets if not target.startswith("https://")]
        assert local and all(target.startswith("/bibliotheque/") for target in local), local
        assert {target: _fetch(f"http://127.0.0.1:{port}{target}")[0] for target in set(local)} == {
            target: 200 for target in set(local)}
        context = browser.new_context(locale="fr-FR")
        context.add_init_script(_WATCH)
        try:
            page, violations, _ = _visit(context, address + "pratiques/absente/")
            assert violations == []
            page.locator("#introuvable-champ").fill("plie")
            page.locator("#introuvable-champ").press("Enter")
            page.wait_for_url(f"{address}recherche/?q=plie")
        finally:
            context.close()


# The pipelines kept in the repository.

def test_the_gitlab_pipeline_checks_tests_builds_and_publishes_the_default_branch_only():
    pipeline = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert pipeline["stages"] == ["verifier", "tester", "construire", "publier"]
    assert pipeline["verifier"]["script"] == ["make check"] and pipeline["tester"]["script"] == [".ci/run"]
    build = pipeline["construire"]
    assert build["script"] == ['export SITE_URL="${CI_PAGES_URL%/}/"', 'make site PUBLICATION="--gzip --meta"']
    assert build["artifacts"]["paths"] == ["site/"] and build["artifacts"]["expire_in"]
    assert "rules" not in build, "the site is built and kept on merge requests too"
    pages = pipeline["pages"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert pages["needs"] == ["construire"] and pages["artifacts"]["paths"] == ["public"]
    assert {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'} in pipeline["workflow"]["rules"]
    # The build cache is kept between pipelines (the job that builds uses the default caches).
    assert "cache" not in build and any(cache["paths"] == ["build/cache/"] for cache in pipeline["default"]["cache"])


def test_the_github_workflow_does_the_same_with_the_repositorys_pages_address():
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key « on » as true
    assert "pull_request" in triggers and "push" in triggers
    jobs = workflow["jobs"]
    assert [step.get("run") for step in jobs["tester"]["steps"] if "run" in step] == ["make check", ".ci/run"]
    build = {step.get("name"): step for step in jobs["construire"]["steps"]}
    assert build["Construire le site"]["run"] == 'make site PUBLICATION="--gzip --meta"'
    assert "steps.pages.outputs.base_url" in build["Construire le site"]["env"]["SITE_URL"]
    assert build["Garder le site construit"]["uses"].startswith("actions/upload-artifact@")
    names = list(build)
    assert build["Cache de construction"]["with"]["path"] == "build/cache"
    assert names.index("Cache de construction") < names.index("Construire le site")
    assert "default_branch" in jobs["publier"]["if"] and jobs["publier"]["needs"] == "construire"
    assert jobs["publier"]["steps"][0]["uses"].startswith("actions/deploy-pages@")


def _small_site(folder: Path) -> None:
    pages = {"index.html": "<script>var a = 1;</script>", "fiche/index.html": '<p style="color: red">x</p>',
             "admin/index.html": "<script>var editeur = 1;</script>"}
    for name, body in pages.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(f"<html><head></head><body>{body}</body></html>", encoding="utf-8")


def _outputs(site: Path, nginx_dir: Path) -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in (site / "_headers", *sorted(nginx_dir.iterdir()))}


def test_the_memo_of_inline_code_gives_what_parsing_gives(tmp_path, monkeypatch):
    """Reused only for the bytes it was made from; an edited page, or an unreadable or foreign memo, is parsed again."""
    from scripts.publication import prepare

    site, nginx_dir, memo = tmp_path / "site", tmp_path / "nginx", tmp_path / "cache" / "code-en-ligne"
    _small_site(site)
    prepare.prepare(site, nginx_dir)
    reference = _outputs(site, nginx_dir)
    prepare.prepare(site, nginx_dir, memo_path=memo)
    assert _outputs(site, nginx_dir) == reference and any(memo.iterdir())
    parsed: list[str] = []
    real = headers.inline_code
    monkeypatch.setattr(headers, "inline_code", lambda html: parsed.append(html) or real(html))
    prepare.prepare(site, nginx_dir, memo_path=memo)
    assert parsed == [] and _outputs(site, nginx_dir) == reference
    # An edited page: parsed again, and its new script is in the policy.
    (site / "index.html").write_text("<html><body><script>var b = 2;</script></body></html>", encoding="utf-8")
    prepare.prepare(site, nginx_dir, memo_path=memo)
    assert len(parsed) == 1 and headers.sha256_source("var b = 2;") in _outputs(site, nginx_dir)["_headers"]
    edited = _outputs(site, nginx_dir)
    for damage in (b"pas un pickle", pickle.dumps({"format": shards.FORMAT, "fingerprint": "autre", "entries": {}}),
                   pickle.dumps({"fingerprint": 3}), b""):
        for shard in memo.iterdir():
            shard.write_bytes(damage)
        parsed.clear()
        prepare.prepare(site, nginx_dir, memo_path=memo)
        assert len(parsed) == 3 and _outputs(site, nginx_dir) == edited


def _export_like(records: int, seed: int = 3) -> bytes:
    """Text shaped like the JSON export: short indented lines, repeated keys, varied words."""
    rng = random.Random(seed)
    words = ["coopération", "emploi", "agence", "mission", "locale", "partenaires", "diagnostic", "territoire", "PLIE"]
    lines = ["["]
    for number in range(records):
        lines += [" {", f'  "id": "fiche-{number}",',
                  f'  "resume": "{" ".join(rng.choice(words) for _ in range(rng.randint(5, 60)))}",', " },"]
    return ("\n".join(lines) + "\n]\n").encode("utf-8")


@pytest.mark.parametrize("data", [b"", b"une ligne sans fin", b"\n" * 10, _export_like(9000), bytes(range(256)) * 8000])
def test_a_large_file_compressed_in_pieces_is_one_gzip_member_of_the_same_bytes(data):
    """One member: browsers stop reading at the end of the first (gzip.decompress would hide a second one)."""
    from scripts.publication import prepare

    compressed = prepare.gzip_in_pieces(data)
    reader = zlib.decompressobj(wbits=31)
    assert reader.decompress(compressed) == data and reader.eof and reader.unused_data == b""
    assert compressed[:2] == b"\x1f\x8b" and compressed[4:8] == b"\0\0\0\0"


def test_a_line_changed_in_a_large_file_compresses_again_one_or_two_pieces(tmp_path, monkeypatch):
    from scripts.publication import prepare

    data = _export_like(12000)
    assert len(data) > 8 * prepare.PIECE_MIN
    folder = tmp_path / "gzip"
    pieces = prepare.Pieces(folder)
    first = prepare.gzip_in_pieces(data, pieces)
    pieces.save()
    compressed: list[bytes] = []
    real = prepare.deflate_piece
    monkeypatch.setattr(prepare, "deflate_piece", lambda piece: compressed.append(piece) or real(piece))
    assert prepare.gzip_in_pieces(data, prepare.Pieces(folder)) == first and compressed == []
    middle = data.index(b'"id": "fiche-6000"')
    edited = data[:middle] + b'"id": "fiche-modifiee",' + data[data.index(b"\n", middle):]
    again = prepare.gzip_in_pieces(edited, prepare.Pieces(folder))
    assert 1 <= len(compressed) <= 2 and len(prepare.split_pieces(edited)) > 8
    # The same bytes as without any cache, and as with a damaged one.
    assert again == prepare.gzip_in_pieces(edited)
    for shard in folder.iterdir():
        shard.write_bytes(b"pas un pickle")
    assert prepare.gzip_in_pieces(edited, prepare.Pieces(folder)) == again
