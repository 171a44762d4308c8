/* The « Filtrer les pratiques » page: checkboxes per facet, counts per value, the selection kept in the address
   (?theme=dialogue-social&stade=idee) so that a filtered view can be shared. Data: pratiques/facettes.json,
   written by scripts/render/browse.py at build time. Within a facet the values checked are alternatives; facets add up. */
(function () {
  "use strict";
  var root = document.getElementById("filtres");
  if (!root) { return; }
  var facetsBox = document.getElementById("filtres-facettes");
  var status = document.getElementById("filtres-etat");
  var list = document.getElementById("filtres-liste");
  var clear = document.getElementById("filtres-effacer");
  var configElement = document.getElementById("__config");
  var base = new URL((configElement ? JSON.parse(configElement.textContent).base : ".").replace(/\/?$/, "/"),
    window.location.href);

  function slug(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-");
  }

  function plural(count, word) { return count + " " + word + (count > 1 ? "s" : ""); }

  function start(data) {
    var facets = data.facettes;
    var cards = data.fiches;
    var selected = facets.map(function () { return new Set(); });
    var boxes = facets.map(function () { return []; });

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
      facets.forEach(function (facet, f) {
        address.searchParams.delete(facet.cle);
        Array.from(selected[f]).sort(function (a, b) { return a - b; }).forEach(function (v) {
          address.searchParams.append(facet.cle, facet.valeurs[v][0]);
        });
      });
      window.history.replaceState(null, "", address.href);
    }

    function matches(card, skip) {
      return facets.every(function (facet, f) {
        if (f === skip || !selected[f].size) { return true; }
        return card[3][f].some(function (v) { return selected[f].has(v); });
      });
    }

    function build() {
      facets.forEach(function (facet, f) {
        var fieldset = document.createElement("fieldset");
        var legend = document.createElement("legend");
        legend.textContent = facet.libelle;
        fieldset.appendChild(legend);
        facet.valeurs.forEach(function (value, v) {
          var label = document.createElement("label");
          var box = document.createElement("input");
          var text = document.createElement("span");
          box.type = "checkbox";
          box.name = facet.cle;
          box.value = value[0];
          box.addEventListener("change", function () {
            if (box.checked) { selected[f].add(v); } else { selected[f].delete(v); }
            writeAddress();
            update();
          });
          label.appendChild(box);
          label.appendChild(text);
          fieldset.appendChild(label);
          boxes[f].push({ box: box, text: text, label: label, name: value[1] });
        });
        facetsBox.appendChild(fieldset);
      });
    }

    function update() {
      facets.forEach(function (facet, f) {
        var counts = facet.valeurs.map(function () { return 0; });
        cards.forEach(function (card) {
          if (matches(card, f)) { card[3][f].forEach(function (v) { counts[v] += 1; }); }
        });
        boxes[f].forEach(function (entry, v) {
          entry.box.checked = selected[f].has(v);
          entry.text.textContent = entry.name + " (" + counts[v] + ")";
          entry.label.classList.toggle("filtres-vide", counts[v] === 0 && !selected[f].has(v));
        });
      });
      var shown = cards.filter(function (card) { return matches(card, -1); });
      var active = selected.some(function (set) { return set.size > 0; });
      list.textContent = "";
      shown.forEach(function (card) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        var stage = document.createElement("span");
        link.href = new URL(card[1], base).href;
        link.textContent = card[0];
        stage.className = "badge badge-stade badge-stade-" + slug(card[2]);
        stage.textContent = card[2];
        item.appendChild(link);
        item.appendChild(document.createTextNode(" "));
        item.appendChild(stage);
        list.appendChild(item);
      });
      status.textContent = active ? plural(shown.length, "fiche") + " sur " + cards.length + " avec ces filtres"
        : plural(cards.length, "fiche") + ", aucun filtre";
      clear.hidden = !active;
    }

    clear.addEventListener("click", function () {
      selected.forEach(function (set) { set.clear(); });
      writeAddress();
      update();
    });
    window.addEventListener("popstate", function () { readAddress(); update(); });
    build();
    readAddress();
    update();
  }

  fetch(new URL(root.getAttribute("data-source"), base).href)
    .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
    .then(start)
    .catch(function () { status.textContent = "Les données des filtres n'ont pas pu être chargées : réessayez plus tard."; });
})();
