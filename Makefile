# Two commands set everything up: `make serve` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PYTHON := $(VENV)/bin/python
STAMP := $(VENV)/.installe
ZENSICAL_STAMP := $(VENV)/.installe-zensical
# The editor's front-end packages (Decap CMS, decap-server, js-yaml), exact versions from editeur/package-lock.json.
NODE_STAMP := editeur/node_modules/.installe
EDITEUR_PORT ?= 8010
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help serve test test-rapide site check generate nouvelle-fiche nouvelle-residence chromium zensical bench budget-recherche clean
.PHONY: node editer format lighthouse compare-pagefind apercu nginx
# What the publication step adds after mkdocs build: gzip copies here; the Pages pipelines add --meta (the policy
# written into each page, for hosts that set no header).
PUBLICATION ?= --gzip
PORT_APERCU ?= 8080

help:
	@echo "make serve           construit et sert le site sur http://127.0.0.1:8000"
	@echo "make test            installe ce qu'il faut et lance toute la suite de tests"
	@echo "make test-rapide     les tests sans navigateur ni grand corpus (moins de deux minutes)"
	@echo "make site            construction stricte du site dans site/ (incrémentale si seules les données ont changé)"
	@echo "make apercu          construit le site et le sert par nginx, comme en production, sur http://127.0.0.1:8080"
	@echo "make check           validation rapide des données"
	@echo "make editer          ouvre l'éditeur en ligne sur cet ordinateur (adresse affichée)"
	@echo "make format          met les fichiers de données en forme, comme les écrit l'éditeur"
	@echo "make nouvelle-fiche TITRE=\"…\"   crée une fiche pratique à compléter"
	@echo "make nouvelle-residence TITRE=\"…\"   crée un rapport de résidence et une première fiche"
	@echo "make zensical        construit aussi le site avec Zensical (test de compatibilité)"
	@echo "make budget-recherche   mesure ce que la recherche télécharge avant le premier résultat"
	@echo "make compare-pagefind   compare notre recherche et Pagefind (mêmes pages, mêmes requêtes)"
	@echo "make lighthouse      scores Lighthouse (réglages mobiles) de l'accueil, d'une fiche, du glossaire et des filtres"
	@echo "make bench           mesure la construction sur des corpus synthétiques de 100, 1 000 et 10 000 fiches"

$(STAMP): requirements.txt
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(ZENSICAL_STAMP): requirements-zensical.txt $(STAMP)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	touch $@

check: $(STAMP)
	$(PYTHON) -m scripts check

format: $(STAMP)
	$(PYTHON) -m scripts format

# Node and npm from Debian's packages when missing, as for Chromium (the editor, Lighthouse); then the editor's locked
# packages, their scripts not run.
node:
	@if ! command -v npm >/dev/null 2>&1; then \
	  if [ "$$(id -u)" -ne 0 ]; then echo "Node.js manque : installez les paquets Debian « nodejs » et « npm » (droits root requis)." >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; \
	fi

$(NODE_STAMP): editeur/package-lock.json | node
	cd editeur && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# The editor on this computer: decap-server writes into this copy, mkdocs serve shows the site (scripts/editer.py).
editer: $(STAMP) $(NODE_STAMP)
	@$(PYTHON) -m scripts generate >/dev/null || true
	@EDITEUR_PORT=$(EDITEUR_PORT) $(PYTHON) -m scripts.editer

generate: $(STAMP)
	$(PYTHON) -m scripts generate

# Generated, then built beside site/ and swapped in only on success: a failed generation or build leaves the last
# good site in place, and says so. Incremental when only data changed (scripts/sitebuild.py); COMPLET=1 forces a
# clean build. The publication step (security headers, gzip copies, PUBLICATION) runs on the new site before the swap.
site: $(STAMP) $(NODE_STAMP)
	@$(PYTHON) -m scripts site $(if $(COMPLET),--complet) --nginx build/nginx $(PUBLICATION)

# --dirty: after an edit, only the pages whose Markdown the generation rewrote are rebuilt (seconds, not a full build).
serve: generate
	$(VENV)/bin/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

nouvelle-fiche: $(STAMP)
	@if [ -z "$(TITRE)" ]; then echo 'Indiquez un titre : make nouvelle-fiche TITRE="Nom de la pratique"' >&2; exit 2; fi
	$(PYTHON) -m scripts nouvelle-fiche "$(TITRE)"

nouvelle-residence: $(STAMP)
	@if [ -z "$(TITRE)" ]; then echo 'Indiquez un titre : make nouvelle-residence TITRE="Résidence à …"' >&2; exit 2; fi
	$(PYTHON) -m scripts nouvelle-residence "$(TITRE)"

# Browser tests drive Debian's Chromium: installed here when missing, never downloaded by a test tool.
chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" -ne 0 ]; then echo "Chromium manque : installez le paquet Debian « chromium » (droits root requis)." >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	fi

# nginx from Debian's package, for make apercu and the tests: installed without starting the system's service
# (policy-rc.d refuses it; a policy already in place is left alone), never configured system-wide.
nginx:
	@if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then \
	  if [ "$$(id -u)" -ne 0 ]; then echo "nginx manque : installez le paquet Debian « nginx » (droits root requis)." >&2; exit 1; fi; \
	  politique=; if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && politique=1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null; statut=$$?; \
	  if [ -n "$$politique" ]; then rm -f /usr/sbin/policy-rc.d; fi; exit $$statut; \
	fi

# The built site served through deploy/nginx/bibliotheque.conf, as production would (Ctrl+C stops it).
apercu: site nginx
	$(PYTHON) -m scripts apercu site --nginx build/nginx --port $(PORT_APERCU)

test: $(STAMP) chromium nginx $(NODE_STAMP)
	$(PYTHON) -m pytest

# The edit-test loop: no browser, no server, no large corpus (marks in pyproject.toml).
test-rapide: $(STAMP) $(NODE_STAMP)
	$(PYTHON) -m pytest -m "not browser and not lent"

zensical: generate $(ZENSICAL_STAMP)
	$(VENV)/bin/zensical build --config-file mkdocs.yml --clean

# Synthetic corpora in a temporary folder, never in the repository; the table goes to build/bench/resultats.md.
bench: $(STAMP) $(ZENSICAL_STAMP)
	$(PYTHON) -m scripts.tools.bench

# What the browser downloads before the first search result: on the real site, then with 5,000 synthetic cards.
budget-recherche: site chromium
	$(PYTHON) -m scripts.tools.search_budget site
	rm -rf build/synthetique-5000
	$(PYTHON) -m scripts.tools.synthetic build/synthetique-5000 --fiches 5000
	cd build/synthetique-5000 && $(CURDIR)/$(PYTHON) -m scripts generate >/dev/null && $(CURDIR)/$(VENV)/bin/mkdocs build --quiet -d site
	$(PYTHON) -m scripts.tools.search_budget build/synthetique-5000/site

# Our search against Pagefind (pinned in its own file, installed here only): the real corpus, then 5,000 synthetic
# cards beside the real records (the queries look for real pages). Tables in build/comparaison-pagefind/.
compare-pagefind: $(STAMP) chromium
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements-pagefind.txt
	$(PYTHON) -m scripts.tools.compare_pagefind --sortie build/comparaison-pagefind/reel.md
	rm -rf build/synthetique-5000-reel
	$(PYTHON) -m scripts.tools.synthetic build/synthetique-5000-reel --fiches 5000 --avec-donnees-reelles
	$(PYTHON) -m scripts.tools.compare_pagefind build/synthetique-5000-reel --sortie build/comparaison-pagefind/5000.md

# Lighthouse (pinned in tools/lighthouse/package-lock.json, installed there by `npm ci`) drives Debian's Chromium;
# the site is served through the production nginx configuration, as readers get it.
lighthouse: site chromium node nginx
	$(PYTHON) -m scripts.tools.lighthouse site --nginx build/nginx

# The generated folders of docs/ come from the registry of collections (scripts/pipeline/registry.py).
clean:
	rm -rf site build $(addprefix docs/,$(shell python3 -c "from scripts.pipeline.registry import GENERATED_DIRS; print(*GENERATED_DIRS)"))
