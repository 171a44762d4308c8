"""Screenshots of the online editor for the contributor guides (docs/contribuer/images/), taken in Chromium.

Run it against `make editer` started in a throw-away copy of the project, since it saves the worked example of
« Publier une résidence » (a report and a card linked to it):

    cp -r . /tmp/copie && cd /tmp/copie && make editer EDITEUR_PORT=8730
    .venv/bin/python -m scripts.tools.captures_editeur http://127.0.0.1:8730/ docs/contribuer/images
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..localhost import CHROMIUM, CHROMIUM_ARGS, EditorForm

REPORT_ID = "residence-accueil-des-entreprises-lille"
REPORT_TITLE = "Résidence « Accueillir les entreprises » à l'agence de Lille"
CARD_ID = "petit-dejeuner-des-entreprises-du-quartier"
CARD_TITLE = "Petit-déjeuner des entreprises du quartier"
VIEWPORT = {"width": 1280, "height": 800}


def _shot(page, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / f"{name}.png"))
    print(folder / f"{name}.png")


def capture(base: str, folder: Path) -> None:
    from playwright.sync_api import sync_playwright

    folder.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        page = browser.new_page(viewport=VIEWPORT, locale="fr-FR")
        form = EditorForm(page)
        page.goto(base + "admin/")
        page.get_by_role("button", name="Se connecter").click()
        page.get_by_role("link", name="Rapports").wait_for()
        page.wait_for_timeout(1500)
        _shot(page, folder, "editeur-accueil")

        form.open(base + "admin/#/collections/reports/new")
        form.fill("id", "Résidence Lille")
        page.get_by_role("button", name="Publier").first.click()
        page.get_by_text("Publier maintenant").click()
        page.wait_for_timeout(1500)
        page.locator('label[for^="id-field-"]').scroll_into_view_if_needed()
        _shot(page, folder, "editeur-erreur")

        # A fresh form: the error message of the refused save would otherwise stay in the next screenshots.
        form.open(base + "admin/#/collections/reports/new")
        form.fill("id", REPORT_ID)
        form.fill("titre", REPORT_TITLE)
        form.choose("type", "résidence")
        form.fill("resume", "Trois semaines d'immersion à l'agence de Lille pour comprendre comment les petites "
                            "entreprises du quartier recrutent, imaginer avec les conseillers des façons de les "
                            "accueillir et en tester deux en situation.")
        form.add_text("porteurs", "Laboratoire d'innovation de l'agence")
        form.fill("lieu", "Agence de Lille-Moulins (Nord)")
        form.fill("debut", "2026-03", within=("periode",))
        form.fill("fin", "2026-06", within=("periode",))
        page.wait_for_timeout(800)
        page.locator('label[for^="titre-field-"]').first.scroll_into_view_if_needed()
        _shot(page, folder, "editeur-rapport")

        form.add_text("protocole", "Trois semaines d'immersion, une par mois, et un atelier avec les conseillers.")
        form.add("calendrier")
        form.fill("etape", "Semaine d'immersion n° 1", within=("calendrier",))
        form.choose("type", "immersion", within=("calendrier",))
        form.fill("dates", "du 9 au 13 mars 2026", within=("calendrier",))
        form.fill("debut", "2026-03-09", within=("calendrier",))
        form.fill("fin", "2026-03-13", within=("calendrier",))
        form.add("axes")
        form.fill("titre", "Accueillir les entreprises du quartier", within=("axes",))
        form.fill("question", "Comment faire venir à l'agence les dirigeants des petites entreprises voisines ?",
                  within=("axes",))
        form.scope("calendrier").locator('label[for^="etape-field-"]').scroll_into_view_if_needed()
        page.wait_for_timeout(800)
        _shot(page, folder, "editeur-calendrier")

        form.add_text("enseignements", "Les dirigeants viennent quand un pair les invite.")
        form.add_source("003", "Axe « Renforcer la légitimité de l'agent »", "368-384")
        page.get_by_role("button", name="Publier").first.click()
        page.wait_for_timeout(500)
        _shot(page, folder, "editeur-publier")
        page.get_by_text("Publier maintenant").click()
        page.get_by_text("Entrée enregistrée").wait_for()

        form.open(base + "admin/#/collections/practices/new")
        form.fill("id", CARD_ID)
        form.fill("titre", CARD_TITLE)
        form.fill("resume", "Un petit-déjeuner mensuel où un dirigeant d'entreprise invite ses voisins à rencontrer "
                            "les conseillers de l'agence.")
        form.choose("type", "événement")
        form.choose("stade", "prototype testé")
        form.choose("echelle", "agence")
        box = form.control("residence")
        box.click()
        box.fill("Lille")
        page.get_by_role("option", name=REPORT_TITLE).wait_for()
        form.scope("residence").scroll_into_view_if_needed()
        _shot(page, folder, "editeur-fiche-rapport")
        page.get_by_role("option", name=REPORT_TITLE).click()
        form.choose("themes", "relation entreprises")
        form.fill("probleme", "Les dirigeants des petites entreprises du quartier ne poussent pas la porte de l'agence.")
        form.add_text("demarche", "Un dirigeant invite trois ou quatre voisins à un petit-déjeuner à l'agence.")
        form.fill("resultats", "Deux petits-déjeuners tenus pendant la résidence, onze entreprises venues.")
        form.add_source("003", "Axe « Renforcer la légitimité de l'agent »", "385-389")
        form.publish()

        form.open(base + f"admin/#/collections/reports/entries/{REPORT_ID}")
        form.expand("axes")
        box = form.control("pistes", within=("axes",))
        box.click()
        box.fill("petit-déjeuner")
        page.get_by_role("option").first.wait_for()
        form.scope("axes").scroll_into_view_if_needed()
        page.wait_for_timeout(800)
        _shot(page, folder, "editeur-axe-fiches")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description="Captures d'écran de l'éditeur pour les guides.")
    parser.add_argument("adresse", help="adresse du site servi par make editer, par exemple http://127.0.0.1:8730/")
    parser.add_argument("dossier", type=Path, help="dossier des images, par exemple docs/contribuer/images")
    arguments = parser.parse_args()
    capture(arguments.adresse.rstrip("/") + "/", arguments.dossier)


if __name__ == "__main__":
    main()
