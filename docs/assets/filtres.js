/* The « Filtrer les pratiques » page, loaded by that page only. Its facets are HTML written at build time
   (scripts/pipeline/render/browse.py); this script reads pratiques/facettes.json, keeps the counts of each value up to
   date, lists the cards that remain and keeps the selection in the address (?theme=dialogue-social&stade=idee), so
   that a filtered view can be shared. Within a facet the values ticked are alternatives; facets add up. */
(function () {
  "use strict";
  var root = document.getElementById("filtres");
  if (!root) { return; }
  var form = document.getElementById("filtres-facettes");
  var status = document.getElementById("filtres-etat");
  var list = document.getElementById("filtres-liste");
  var clear = document.getElementById("filtres-effacer");
  var more = document.getElementById("filtres-plus");
  var none = document.getElementById("filtres-aucune");
  var results = document.getElementById("filtres-resultats");
  var jump = root.querySelector(".filtres-voir");
  var configElement = document.getElementById("__config");
  var base = new URL((configElement ? JSON.parse(configElement.textContent).base : ".").replace(/\/?$/, "/"),
    window.location.href);
  // Side by side (facets, results) from this width on, as in bibliotheque.css; one column below.
  var wide = window.matchMedia("(min-width: 45em)");
  var PAGE = 50;

  function plural(count, word) { return count + " " + word + (count > 1 ? "s" : ""); }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function start(data) {
    var facets = data.facettes;
    var cards = data.fiches;
    var stageFacet = facets.findIndex(function (facet) { return facet.cle === "stade"; });
    var selected = facets.map(function () { return new Set(); });
    var shownCount = PAGE;
    // The boxes written at build time, found by their facet key and value slug.
    var entries = facets.map(function (facet, f) {
      var group = form.querySelector('details[data-cle="' + facet.cle + '"]');
      return {
        group: group,
        chosen: group.querySelector(".filtres-coches"),
        values: facet.valeurs.map(function (value, v) {
          var box = group.querySelector('input[value="' + value[0] + '"]');
          box.addEventListener("change", function () {
            if (box.checked) { selected[f].add(v); } else { selected[f].delete(v); }
            changed();
          });
          return { box: box, label: box.parentNode, count: box.parentNode.querySelector(".filtres-nombre") };
        })
      };
    });

    function readAddress() {
      var params = new URL(window.location.href).searchParams;
      facets.forEach(function (facet, f) {
        selected[f] = new Set();
        params.getAll(facet.cle).forEach(function (slug) {
          facet.valeurs.forEach(function (value, v) { if (value[0] === slug) { selected[f].add(v); } });
        });
      });
    }

    function writeAddress() {
      var address = new URL(window.location.href);
      address.hash = "";
      facets.forEach(function (facet, f) {
        address.searchParams.delete(facet.cle);
        Array.from(selected[f]).sort(function (a, b) { return a - b; }).forEach(function (v) {
          address.searchParams.append(facet.cle, facet.valeurs[v][0]);
        });
      });
      window.history.replaceState(null, "", address.href);
    }

    function matches(card, skip, choice) {
      return facets.every(function (facet, f) {
        var wanted = choice ? choice[f] : selected[f];
        if (f === skip || !wanted.size) { return true; }
        return card[4][f].some(function (v) { return wanted.has(v); });
      });
    }

    function item(card) {
      var entry = element("li");
      var link = element("a", "filtres-titre", card[0]);
      var stage = facets[stageFacet].valeurs[card[4][stageFacet][0]];
      link.href = new URL(card[1], base).href;
      entry.appendChild(link);
      entry.appendChild(document.createTextNode(" "));
      entry.appendChild(element("span", "badge badge-stade badge-stade-" + stage[0], stage[1]));
      entry.appendChild(element("span", "filtres-lieu", card[2]));
      if (card[3]) { entry.appendChild(element("span", "filtres-resume", card[3])); }
      return entry;
    }

    // No card left: say which ticked value to remove, the one that gives back the most cards first.
    function emptyState() {
      none.textContent = "";
      none.appendChild(element("p", "filtres-aucune-titre", "Aucune fiche ne réunit tous ces filtres."));
      var ways = [];
      selected.forEach(function (set, f) {
        set.forEach(function (v) {
          var choice = selected.map(function (other, g) {
            var copy = new Set(other);
            if (g === f) { copy.delete(v); }
            return copy;
          });
          var count = cards.filter(function (card) { return matches(card, -1, choice); }).length;
          ways.push({ f: f, v: v, count: count });
        });
      });
      ways.sort(function (a, b) { return b.count - a.count; });
      none.appendChild(element("p", "", ways.length > 1 ? "Retirez l'un d'eux :" : "Retirez-le :"));
      var buttons = element("ul", "filtres-retirer");
      ways.forEach(function (way) {
        var button = element("button", "md-button",
          "Retirer « " + facets[way.f].valeurs[way.v][1] + " » (" + facets[way.f].libelle.toLowerCase() + ") : "
          + plural(way.count, "fiche"));
        button.type = "button";
        button.addEventListener("click", function () {
          selected[way.f].delete(way.v);
          changed();
          status.focus();
        });
        var line = element("li");
        line.appendChild(button);
        buttons.appendChild(line);
      });
      none.appendChild(buttons);
    }

    function update() {
      facets.forEach(function (facet, f) {
        var counts = facet.valeurs.map(function () { return 0; });
        cards.forEach(function (card) {
          if (matches(card, f)) { card[4][f].forEach(function (v) { counts[v] += 1; }); }
        });
        var names = [];
        entries[f].values.forEach(function (entry, v) {
          var on = selected[f].has(v);
          entry.box.checked = on;
          entry.count.textContent = "(" + counts[v] + ")";
          entry.label.classList.toggle("filtres-vide", counts[v] === 0 && !on);
          if (on) { names.push(facet.valeurs[v][1]); }
        });
        entries[f].chosen.textContent = names.length ? " : " + names.join(", ") : "";
      });
      var shown = cards.filter(function (card) { return matches(card, -1); });
      var active = selected.some(function (set) { return set.size > 0; });
      list.textContent = "";
      shown.slice(0, shownCount).forEach(function (card) { list.appendChild(item(card)); });
      var left = shown.length - Math.min(shownCount, shown.length);
      more.hidden = left === 0;
      more.textContent = "Afficher " + plural(Math.min(PAGE, left), "fiche") + " de plus (" + left + " restantes)";
      none.hidden = shown.length > 0;
      if (!shown.length) { emptyState(); }
      status.textContent = !active ? plural(cards.length, "fiche") + ", aucun filtre"
        : shown.length ? plural(shown.length, "fiche") + " sur " + cards.length + " avec ces filtres"
          : "Aucune fiche avec ces filtres";
      jump.textContent = shown.length ? "Voir les fiches" : "Quel filtre retirer ?";
      clear.hidden = !active;
      root.classList.toggle("filtres-actifs", active);
    }

    // On a wide screen the results sit beside the facets: bring their top back into view if the reader had scrolled
    // down the list. On a phone the status bar, stuck to the bottom of the screen, already shows the count.
    function changed() {
      shownCount = PAGE;
      writeAddress();
      update();
      if (wide.matches && results.getBoundingClientRect().top < 0) {
        root.scrollIntoView({ block: "start" });
      }
    }

    clear.addEventListener("click", function () {
      selected.forEach(function (set) { set.clear(); });
      changed();
      status.focus();
    });
    more.addEventListener("click", function () {
      var first = list.children.length;
      shownCount += PAGE;
      update();
      if (list.children[first]) { list.children[first].querySelector("a").focus(); }
    });
    window.addEventListener("popstate", function () { readAddress(); update(); });
    status.tabIndex = -1;
    readAddress();
    update();
    root.classList.add("filtres-pret");
  }

  // Beside the results, every facet is shown open (bibliotheque.css already shows them where the browser allows it).
  if (wide.matches) {
    Array.prototype.forEach.call(document.querySelectorAll(".filtres-groupe"), function (group) { group.open = true; });
  }
  fetch(new URL(root.getAttribute("data-source"), window.location.href).href)
    .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
    .then(start)
    .catch(function () { status.textContent = "Les données des filtres n'ont pas pu être chargées : réessayez plus tard."; });
})();
