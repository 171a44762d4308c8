"""Author prose reaches pages as Markdown without raw HTML or dangerous links."""

from __future__ import annotations

import markdown

from scripts.pipeline.text import html_text, link_target_is_safe, prose, slugify


def html(text: str) -> str:
    return markdown.markdown(prose(text))


def test_raw_html_is_shown_not_interpreted():
    assert "<script>" not in html("Avant <script>alert(1)</script> après")
    assert "&lt;script&gt;" in html("Avant <script>alert(1)</script> après")


def test_only_web_and_mail_links_survive():
    assert html("Voir [le site](https://exemple.fr).") == '<p>Voir <a href="https://exemple.fr">le site</a>.</p>'
    assert html("Écrire [ici](mailto:a@b.fr).") == '<p>Écrire <a href="mailto:a@b.fr">ici</a>.</p>'
    assert html("Cliquer [ici](javascript:alert(1)) puis.") == "<p>Cliquer [ici](javascript:alert(1)) puis.</p>"
    assert "href" not in html("Cliquer [ici](JavaScript:alert(1)).")
    assert "href" not in html("Une [image](data:text/html;base64,PHNjcmlwdD4=).")
    assert "href" not in html("[x]: javascript:alert(1)\n\nVoir [x].")


def test_slugs_are_ascii_kebab_case():
    assert slugify("Atelier de débuggage de profils") == "atelier-de-debuggage-de-profils"
    assert slugify("Ticket d'or") == "ticket-d-or"
    assert slugify("SPE-P") == "spe-p"
    assert slugify("Cœur de métier") == "coeur-de-metier"


def test_link_targets_are_judged_as_a_browser_reads_them():
    for safe in ("https://exemple.fr", "HTTP://exemple.fr", "mailto:a@b.fr", "../pratiques/a.md", "#sources", "a.md?x=1:2",
                 'https://exemple.fr "titre : x"'):
        assert link_target_is_safe(safe), safe
    for unsafe in ("javascript:alert(1)", " JaVaScRiPt:x", "java\tscript:x", "&#106;avascript:x", "javascript&#58;x",
                   "data:text/html,x", "vbscript:x", "file:///etc/passwd", "<javascript:x>", "\x01javascript:x"):
        assert not link_target_is_safe(unsafe), unsafe


def test_markdown_beyond_the_allowed_set_is_shown_as_typed():
    assert html("*mot*{: onclick=x }") == "<p><em>mot</em>&#123;: onclick=x &#125;</p>"
    assert html("# Titre") == "<p>&#35; Titre</p>"
    assert html("![image](https://ailleurs.example/x.png)") == '<p>&#33;<a href="https://ailleurs.example/x.png">image</a></p>'
    assert html("[a [b] c](javascript:x)") == "<p>[a [b] c](javascript:x)</p>"
    assert "--8&lt;--" in html('--8<-- "README.md"')


def test_text_inside_generated_html_is_escaped_on_one_line():
    assert html_text('<b>a</b>\n\n[x](javascript:y) {: onclick=z} "q"') == (
        "&lt;b&gt;a&lt;/b&gt; &#91;x&#93;(javascript:y) &#123;: onclick=z&#125; &quot;q&quot;")
