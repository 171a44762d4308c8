/* Search, on every page: the box in the header and the « / » key that reaches it. The engine (recherche-moteur.js,
   with the analyser, the ranking and the results) is fetched only on the « Rechercher » page and when the box is
   first used, so that a page read without searching carries a few lines of script, not the engine. */
(function () {
  "use strict";
  var config = document.getElementById("__config");
  var baseText = config ? JSON.parse(config.textContent).base : ".";
  var base = new URL(baseText.replace(/\/?$/, "/"), window.location.href);
  var engine = null;

  function loadEngine() {
    if (!engine) {
      engine = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL("assets/recherche-moteur.js", base).href;
        script.onload = function () { resolve(window.bibliothequeRecherche); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return engine;
  }

  function setUpHeader() {
    var inner = document.querySelector(".md-header__inner");
    if (!inner) { return; }
    var form = document.createElement("form");
    form.className = "recherche-entete";
    form.setAttribute("role", "search");
    form.action = new URL("recherche/", base).href;
    form.method = "get";
    form.innerHTML = '<label class="visuellement-cache" for="recherche-entete-champ">Rechercher dans la bibliothèque</label>' +
      '<input id="recherche-entete-champ" type="search" name="q" autocomplete="off" spellcheck="false" ' +
      'placeholder="Rechercher : sigle, pratique…" aria-controls="recherche-suggestions">' +
      '<div id="recherche-suggestions" class="recherche-suggestions" hidden>' +
      '<p class="recherche-suggestions-etat" role="status" aria-live="polite"></p><ul></ul></div>';
    var title = inner.querySelector(".md-header__title");
    inner.insertBefore(form, title ? title.nextSibling : null);
    var input = form.querySelector("input");
    function start() {
      input.removeEventListener("focus", start);
      input.removeEventListener("input", start);
      loadEngine().then(function (api) { api.attachHeader(form); });
    }
    input.addEventListener("focus", start);
    input.addEventListener("input", start);
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var editing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key === "/" && !editing) { event.preventDefault(); input.focus(); }
    });
  }

  if (document.getElementById("recherche-formulaire")) { loadEngine(); } else { setUpHeader(); }
})();
