"""Author prose reaches pages as Markdown without raw HTML or dangerous links."""

from __future__ import annotations

import markdown

from scripts.text import prose, slugify


def html(text: str) -> str:
    return markdown.markdown(prose(text))


def test_raw_html_is_shown_not_interpreted():
    assert "<script>" not in html("Avant <script>alert(1)</script> après")
    assert "&lt;script&gt;" in html("Avant <script>alert(1)</script> après")


def test_only_web_and_mail_links_survive():
    assert html("Voir [le site](https://exemple.fr).") == '<p>Voir <a href="https://exemple.fr">le site</a>.</p>'
    assert html("Écrire [ici](mailto:a@b.fr).") == '<p>Écrire <a href="mailto:a@b.fr">ici</a>.</p>'
    assert html("Cliquer [ici](javascript:alert(1)) puis.") == "<p>Cliquer ici) puis.</p>"
    assert "href" not in html("Cliquer [ici](JavaScript:alert(1)).")
    assert "href" not in html("Une [image](data:text/html;base64,PHNjcmlwdD4=).")
    assert "href" not in html("[x]: javascript:alert(1)\n\nVoir [x].")


def test_slugs_are_ascii_kebab_case():
    assert slugify("Atelier de débuggage de profils") == "atelier-de-debuggage-de-profils"
    assert slugify("Ticket d'or") == "ticket-d-or"
    assert slugify("SPE-P") == "spe-p"
    assert slugify("Cœur de métier") == "coeur-de-metier"
