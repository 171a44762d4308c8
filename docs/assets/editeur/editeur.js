/* The online editor (/admin/): Decap CMS set up for the library. Loaded before Decap's bundle, started once the page
   is read: it registers one file format per collection (our own layout, mise-en-forme.js, so that a saved record has
   the same layout as the others), the site's style sheets and a preview of cards, reports and glossary entries as
   the site shows them, a few French wordings, then starts Decap with config.yml (generated from the schemas). */
(function () {
  "use strict";

  window.CMS_MANUAL_INIT = true;

  var FORMAT_PREFIX = "bibliotheque-";
  var LOCAL_HOSTS = ["localhost", "127.0.0.1"];
  var SAFE_LINK = /^(https?:|mailto:)/i;
  var h = null;

  function isLocal() {
    return LOCAL_HOSTS.indexOf(location.hostname) !== -1;
  }

  /* `make editer` (scripts/editer.py) serves the site on one port and the local file server (decap-server) on the
     next one. */
  function localApi() {
    return location.protocol + "//" + location.hostname + ":" + (Number(location.port || 80) + 1) + "/api/v1";
  }

  /* The site's own style sheets, as its home page links them (Material's file names carry a hash). */
  function siteStylesheets() {
    var home = new URL("../", location.href).href;
    return fetch(home).then(function (response) {
      return response.ok ? response.text() : "";
    }).then(function (html) {
      var page = new DOMParser().parseFromString(html, "text/html");
      return Array.prototype.map.call(page.querySelectorAll("link[rel=stylesheet]"), function (link) {
        return new URL(link.getAttribute("href"), home).href;
      }).filter(function (address) {
        return new URL(address).origin === location.origin;
      });
    }).catch(function () { return []; });
  }

  /* ---- Preview: the same parts, in the same order, as the pages of scripts/pipeline/render/. ---- */

  function slug(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  function badge(kind, value) {
    return value ? h("span", { className: "badge badge-" + kind + " badge-" + kind + "-" + slug(value) }, value) : null;
  }

  /* The simple Markdown authors may use (bold, italic, code, links to http, https or mailto), as elements. */
  function prose(text) {
    var parts = [];
    var pattern = /\*\*([^*]+)\*\*|\*([^*]+)\*|_([^_]+)_|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/g;
    var last = 0;
    var match;
    text = text === undefined || text === null ? "" : String(text);
    while ((match = pattern.exec(text)) !== null) {
      if (match.index > last) parts.push(text.slice(last, match.index));
      var key = parts.length;
      if (match[1]) parts.push(h("strong", { key: key }, match[1]));
      else if (match[2] || match[3]) parts.push(h("em", { key: key }, match[2] || match[3]));
      else if (match[4]) parts.push(h("code", { key: key }, match[4]));
      else if (SAFE_LINK.test(match[6])) parts.push(h("a", { key: key, href: match[6] }, match[5]));
      else parts.push(match[0]);
      last = pattern.lastIndex;
    }
    if (last < text.length) parts.push(text.slice(last));
    return parts;
  }

  function paragraph(text) {
    return text ? h("p", null, prose(text)) : null;
  }

  function bullets(items, render) {
    items = items || [];
    if (!items.length) return null;
    return h("ul", null, items.map(function (item, index) {
      return h("li", { key: index }, render ? render(item) : prose(item));
    }));
  }

  function section(title, body) {
    return body ? [h("h2", { key: "t" }, title), h("div", { key: "b" }, body)] : null;
  }

  function period(start, end) {
    start = start === undefined ? "" : String(start);
    end = end === undefined ? "" : String(end);
    if (start && end && start !== end) return start + " → " + end;
    return start || end;
  }

  function facts(rows) {
    return h("div", { className: "admonition abstract" },
      h("p", { className: "admonition-title" }, "En bref"),
      h("ul", null, rows.filter(function (row) { return row[1]; }).map(function (row, index) {
        return h("li", { key: index }, h("strong", null, row[0]), " : ", row[1]);
      })));
  }

  function sourceLine(source) {
    var lines = String(source.lignes || "");
    return [(source.document || "") + ", « ", prose(source.section), " » ",
      h("span", { key: "l", className: "source-lignes" }, "(" + (lines.indexOf("-") === -1 ? "ligne " : "lignes ") + lines + ")")];
  }

  function referenceLine(reference) {
    return [prose(reference.fait), " : ", prose(reference.titre),
      reference.adresse && SAFE_LINK.test(reference.adresse)
        ? [" (", h("a", { key: "a", href: reference.adresse }, "texte en ligne"), ")"] : null];
  }

  function territory(place) {
    place = place || {};
    var regions = (place.region || []).map(function (region) {
      return region === "non précisée" ? "région non précisée par la source" : region;
    });
    var parts = [place.lieu].concat(place.departement || [], regions).filter(Boolean);
    if (place.pays && (place.pays !== "France" || !parts.length)) parts.push(place.pays);
    return parts.join(", ") || "non documenté par la source";
  }

  function titleOf(props, field, collection, id) {
    var meta = props.fieldsMetaData && props.fieldsMetaData.getIn([field, collection, id]);
    var data = meta && meta.toJS ? meta.toJS() : meta;
    return (data && data.titre) || id;
  }

  function article(children) {
    // dir on an ancestor: Material places the icons of admonition titles by « [dir=ltr] .md-typeset » rules, which
    // the site's <html> satisfies.
    return h("div", { dir: "ltr", lang: "fr" },
      h("article", { className: "md-content__inner md-typeset apercu" }, children));
  }

  function PracticePreview(props) {
    var data = props.entry.get("data").toJS();
    var when = period(data.periode && data.periode.debut, data.periode && data.periode.fin);
    return article([
      h("h1", { key: "titre" }, prose(data.titre)),
      h("p", { key: "badges" }, badge("stade", data.stade), " ", badge("type", data.type)),
      h("div", { key: "resume" }, paragraph(data.resume)),
      h("div", { key: "bref" }, facts([
        ["Type", data.type], ["Stade", badge("stade", data.stade)], ["Échelle", data.echelle],
        ["Territoire", territory(data.territoire)], ["Période", when || "non documentée par la source"],
        ["Acteurs", (data.acteurs || []).join(" ; ") || "non documentés par la source"],
        ["Publics", (data.publics || []).join(" ; ")], ["Thèmes", (data.themes || []).join(", ")]
      ])),
      h("div", { key: "probleme" }, section("Problème", paragraph(data.probleme))),
      h("div", { key: "objectifs" }, section("Objectifs", bullets(data.objectifs))),
      h("div", { key: "demarche" }, section("Démarche", (data.demarche || []).length ? h("ol", null,
        data.demarche.map(function (step, index) { return h("li", { key: index }, prose(step)); })) : null)),
      h("div", { key: "productions" }, section("Productions", bullets(data.productions))),
      h("div", { key: "resultats" }, section("Résultats", paragraph(data.resultats))),
      h("div", { key: "enseignements" }, section("Enseignements", bullets(data.enseignements))),
      h("div", { key: "vigilance" }, section("Points de vigilance", bullets(data.points_de_vigilance))),
      h("div", { key: "transfert" }, section("Transférabilité", paragraph(data.transferabilite))),
      h("div", { key: "liees" }, section("Pratiques liées", bullets(data.pratiques_liees, function (id) {
        return titleOf(props, "pratiques_liees", "practices", id);
      }))),
      h("div", { key: "origine" }, section("Issue de", data.residence ? h("p", null, "Cette fiche est issue du rapport « ",
        titleOf(props, "residence", "reports", data.residence), " ».") : null)),
      h("div", { key: "sources" }, section("Sources", bullets(data.sources, sourceLine))),
      h("div", { key: "notes" }, section("Notes sur la source", bullets(data.notes_source))),
      h("div", { key: "references" }, section("Références publiques", bullets(data.references, referenceLine))),
      h("p", { key: "maj" }, h("small", null, "Fiche mise à jour le " + (data.mise_a_jour || "…")))
    ]);
  }

  function figures(items, className) {
    items = items || [];
    return items.length ? h("div", { className: className }, items.map(function (figure, index) {
      return h("div", { key: index, className: "chiffre" }, h("span", { className: "valeur" }, String(figure.valeur)),
        h("span", { className: "libelle" }, figure.libelle));
    })) : null;
  }

  function timeline(steps) {
    return h("ol", { className: "frise", "aria-label": "Calendrier" }, (steps || []).map(function (step, index) {
      var established = period(step.debut, step.fin);
      return h("li", { key: index, className: "etape etape-" + String(step.type || "").replace(/ /g, "-") },
        h("p", { className: "etape-date" }, step.dates, established && established !== step.dates
          ? h("span", { className: "date-etablie" }, " (date retenue : " + established + ")") : null),
        h("p", { className: "etape-titre" }, h("strong", null, step.etape), " ", badge("etape", step.type),
          step.lieu ? " · " + step.lieu : null),
        bullets(step.actions), figures(step.chiffres, "chiffres-etape"),
        step.note ? h("p", { className: "etape-note" }, "Note : " + step.note) : null);
    }));
  }

  function ReportPreview(props) {
    var data = props.entry.get("data").toJS();
    var where = (data.lieu || "") + (data.region ? " (" + data.region + ")" : "");
    var axes = (data.axes || []).map(function (axis, index) {
      return h("div", { key: "axe" + index },
        h("h3", null, (index + 1) + ". ", prose(axis.titre)),
        h("p", null, h("strong", null, "Question"), " : ", prose(axis.question)),
        (axis.constats || []).length ? [h("p", { key: "c" }, h("strong", null, "Constats")), h("div", { key: "cl" }, bullets(axis.constats))] : null,
        (axis.obstacles || []).length ? [h("p", { key: "o" }, h("strong", null, "Obstacles")), h("div", { key: "ol" }, bullets(axis.obstacles))] : null,
        (axis.pistes || []).length ? [h("p", { key: "p" }, h("strong", null, "Fiches issues de cet axe")),
          h("div", { key: "pl" }, bullets(axis.pistes, function (id) {
            return titleOf(props, "axes", "practices", id);
          }))] : null);
    });
    var team = (data.equipe || []).length ? h("table", null, h("thead", null, h("tr", null, h("th", null, "Nom"),
      h("th", null, "Rôle"), h("th", null, "Structure"))), h("tbody", null, data.equipe.map(function (member, index) {
      return h("tr", { key: index }, h("td", null, member.nom), h("td", null, member.role), h("td", null, member.structure));
    }))) : null;
    return article([
      h("h1", { key: "titre" }, prose(data.titre)),
      h("p", { key: "badge" }, badge("rapport", data.type)),
      h("div", { key: "resume" }, paragraph(data.resume)),
      h("div", { key: "chiffres" }, figures(data.chiffres_cles, "chiffres-cles")),
      h("div", { key: "bref" }, facts([
        ["Type", data.type], ["Porté par", (data.porteurs || []).join(" ; ")],
        ["Partenaires", (data.partenaires || []).join(" ; ")], ["Lieu", where],
        ["Période", period(data.periode && data.periode.debut, data.periode && data.periode.fin)]
      ])),
      h("h2", { key: "calendrier" }, "Calendrier"),
      h("div", { key: "frise" }, timeline(data.calendrier)),
      h("h2", { key: "axes" }, "Axes de travail"),
      h("div", { key: "axes-liste" }, axes),
      h("div", { key: "equipe" }, section("Équipe", team)),
      h("div", { key: "protocole" }, section("Protocole", bullets(data.protocole))),
      h("div", { key: "enseignements" }, section("Enseignements", bullets(data.enseignements))),
      h("div", { key: "suites" }, section("Suites", paragraph(data.suites || "Non documentées par la source."))),
      h("div", { key: "hors" }, section("Éléments sans fiche", bullets(data.hors_fiches, function (item) {
        return [h("strong", { key: "e" }, item.element), " : ", item.raison];
      }))),
      h("div", { key: "sources" }, section("Sources", bullets(data.sources, sourceLine))),
      h("div", { key: "notes" }, section("Notes sur la source", bullets(data.notes_source))),
      h("div", { key: "references" }, section("Références publiques", bullets(data.references, referenceLine))),
      h("p", { key: "maj" }, h("small", null, "Rapport mis à jour le " + (data.mise_a_jour || "…")))
    ]);
  }

  function GlossaryPreview(props) {
    var data = props.entry.get("data").toJS();
    var details = [];
    if (data.statut === "historique") details.push([h("strong", { key: "s" }, "Remplacé par"), " : ", data.remplace_par, ", depuis ", String(data.depuis || "")]);
    if ((data.variantes || []).length) details.push([h("strong", { key: "s" }, "Autres graphies"), " : ", data.variantes.join(", ")]);
    (data.autres_sens || []).forEach(function (sense) {
      details.push([h("strong", { key: "s" }, "Autre sens"), " : ", h("em", { key: "f" }, sense.forme_longue), " (", sense.usage, "). ", prose(sense.definition)]);
    });
    if (data.note_source) details.push([h("strong", { key: "s" }, "Note sur la source"), " : ", prose(data.note_source)]);
    if ((data.voir_aussi || []).length) details.push([h("strong", { key: "s" }, "Voir aussi"), " : ", data.voir_aussi.join(", ")]);
    details.push([h("strong", { key: "s" }, "Sources"), " : "].concat((data.sources || []).map(function (source, index) {
      return h("span", { key: index }, index ? " ; " : "", sourceLine(source));
    })));
    return article(h("div", { className: "entree-glossaire entree-" + slug(data.statut || "") },
      h("h3", null, data.sigle || data.terme),
      h("p", null, h("strong", null, data.forme_longue), " · ", h("em", null, data.categorie), " · ", badge("statut", data.statut)),
      paragraph(data.definition),
      h("ul", null, details.map(function (detail, index) { return h("li", { key: index }, detail); }))));
  }

  var PREVIEWS = { practices: PracticePreview, reports: ReportPreview, glossary: GlossaryPreview };

  /* French wordings that read better than Decap's own for these forms. */
  function frenchWordings(CMS) {
    var phrases = CMS.getLocale && CMS.getLocale("fr");
    var widgets = phrases && phrases.editor && phrases.editor.editorWidgets;
    var control = phrases && phrases.editor && phrases.editor.editorControlPane;
    if (widgets && widgets.list) widgets.list.add = "Ajouter : %{item}";
    if (control && control.widget) control.widget.regexPattern = "« %{fieldLabel} » : %{pattern}.";
  }

  function missing(message) {
    var box = document.getElementById("editeur-absent");
    if (box) {
      if (message) box.querySelector("p").textContent = message;
      box.hidden = false;
    }
  }

  function start() {
    var CMS = window.CMS;
    if (!CMS || !window.jsyaml || !window.MiseEnForme) {
      missing();
      return;
    }
    h = window.h;
    Promise.all([
      fetch("mise-en-forme.json").then(function (response) { return response.json(); }),
      siteStylesheets(),
      // Read here rather than by Decap, which ignores a config.yml served without a YAML media type (as
      // `mkdocs serve` and a default nginx serve it) as soon as part of the configuration comes from init.
      fetch("config.yml").then(function (response) { return response.text(); })
    ]).then(function (loaded) {
      var layouts = loaded[0];
      Object.keys(layouts).forEach(function (name) {
        CMS.registerCustomFormat(FORMAT_PREFIX + name, "yml", {
          fromFile: function (text) { return window.MiseEnForme.load(text, window.jsyaml); },
          toFile: function (data) { return window.MiseEnForme.dump(data, layouts[name]); }
        });
        if (PREVIEWS[name]) CMS.registerPreviewTemplate(name, PREVIEWS[name]);
      });
      loaded[1].forEach(function (sheet) { CMS.registerPreviewStyle(sheet); });
      CMS.registerPreviewStyle("../assets/editeur/apercu.css");
      frenchWordings(CMS);
      var config = window.jsyaml.load(loaded[2]);
      config.load_config_file = false;
      if (isLocal()) config.local_backend = { url: localApi() };
      CMS.init({ config: config });
    }).catch(function () {
      missing("Le réglage de l'éditeur (mise-en-forme.json) est introuvable : relancez la génération (make editer).");
    });
  }

  document.addEventListener("DOMContentLoaded", start);
})();
