/* Search: a box in the header that suggests as you type, and the « Rechercher » page with every result.
   The index is written by scripts/render/search.py into recherche/: a manifest, term shards keyed by the first
   two or three letters of a term, and chunks of page records. Only the shards of the words typed are fetched.
   fold, stem and analyse mirror the Python analyser exactly (a browser test compares them). */
(function () {
  "use strict";
  var WORD = /[a-z0-9]+(?:-[a-z0-9]+)*/g;
  var ELISION = /\b(qu|[cdjlmnst])['’]([a-z0-9]+)/g;
  var SUGGESTIONS = 8;
  var PAGE_SIZE = 20;
  var PREFIX_FACTOR = 0.9;
  var configElement = document.getElementById("__config");
  var baseText = configElement ? JSON.parse(configElement.textContent).base : ".";
  var base = new URL(baseText.replace(/\/?$/, "/"), window.location.href);
  var requests = {};
  var manifest = null;

  function fold(text) {
    return text.toLowerCase().replace(/ß/g, "ss").normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/œ/g, "oe").replace(/æ/g, "ae");
  }

  function stem(word) {
    if (word.length <= 3 || /^[0-9]+$/.test(word)) { return word; }
    if (word.length > 4 && word.slice(-3) === "aux") {
      word = word.slice(0, -3) + "al";
    } else if (/[sx]$/.test(word)) {
      word = word.slice(0, -1);
    }
    if (word.length > 3 && word.slice(-1) === "e") { word = word.slice(0, -1); }
    return word;
  }

  function analyse(text, stop) {
    var folded = fold(text);
    var terms = [];
    folded.replace(ELISION, function (match, article, word) { terms.push(stem(article + word)); return match; });
    (folded.match(WORD) || []).forEach(function (compound) {
      var parts = compound.split("-");
      parts.forEach(function (part) { if (!stop.has(part)) { terms.push(stem(part)); } });
      if (parts.length > 1) { terms.push(stem(parts.join(""))); }
    });
    return terms;
  }

  function getJSON(path) {
    if (!requests[path]) {
      requests[path] = fetch(new URL(path, base).href)
        .then(function (response) { return response.ok ? response.json() : null; })
        .catch(function () { return null; });
    }
    return requests[path];
  }

  function loadManifest() {
    return getJSON("recherche/index.json").then(function (data) {
      if (data && !manifest) {
        manifest = data;
        manifest.shardSet = new Set(data.shards.split(" "));
        manifest.stopSet = new Set(data.stop.split(" "));
      }
      return manifest;
    });
  }

  /* Each word typed is a group that a result must match; the last word, while it is being typed, also matches
     as a prefix. A hyphenated word is looked up whole (« spe-p »), then by its parts if nothing has it whole. */
  function parse(query) {
    var compounds = fold(query).match(WORD) || [];
    var typing = !/[\s'’,;.!?-]$/.test(query);
    var groups = [];
    compounds.forEach(function (compound, index) {
      var parts = compound.split("-");
      var joined = parts.join("");
      if (parts.length === 1 && compounds.length > 1 && manifest.stopSet.has(joined)) { return; }
      var last = index === compounds.length - 1 && typing;
      groups.push({
        term: stem(joined),
        prefix: last && joined.length >= manifest.prefix ? joined : "",
        parts: parts.length > 1 ? parts.filter(function (part) { return !manifest.stopSet.has(part); }) : []
      });
    });
    return groups;
  }

  /* Terms are grouped by their two first letters, and a group too big for one file is split by three letters
     (shard_of in scripts/render/search.py): a three-letter shard exists only for a split group. */
  function shardOf(term) {
    var longer = term.slice(0, manifest.prefix);
    return manifest.shardSet.has(longer) ? longer : term.slice(0, manifest.prefix - 1);
  }

  function postingsFor(group) {
    var keys = [shardOf(group.term)];
    if (group.prefix) { keys.push(shardOf(group.prefix)); }
    keys = keys.filter(function (key, index) { return keys.indexOf(key) === index && manifest.shardSet.has(key); });
    return Promise.all(keys.map(function (key) { return getJSON("recherche/t/" + key + ".json"); }))
      .then(function (shards) {
        var scores = new Map();
        shards.forEach(function (shard) {
          if (!shard) { return; }
          Object.keys(shard).forEach(function (term) {
            var factor = term === group.term ? 1 : (group.prefix && term.indexOf(group.prefix) === 0 ? PREFIX_FACTOR : 0);
            if (!factor) { return; }
            var list = shard[term];
            for (var i = 0; i < list.length; i += 2) {
              var score = list[i + 1] * factor;
              if (!(scores.get(list[i]) >= score)) { scores.set(list[i], score); }
            }
          });
        });
        return scores;
      });
  }

  function groupScores(group) {
    return postingsFor(group).then(function (scores) {
      if (scores.size || !group.parts.length) { return [scores]; }
      return Promise.all(group.parts.map(function (part) { return postingsFor({ term: stem(part), prefix: "", parts: [] }); }));
    });
  }

  /* Documents matching every group first, by total score; when none does, those matching the most groups. */
  function rank(perGroup) {
    var total = new Map();
    var matched = new Map();
    perGroup.forEach(function (scores) {
      scores.forEach(function (score, doc) {
        total.set(doc, (total.get(doc) || 0) + score);
        matched.set(doc, (matched.get(doc) || 0) + 1);
      });
    });
    var all = perGroup.length;
    var docs = Array.from(total.keys());
    var complete = docs.filter(function (doc) { return matched.get(doc) === all; });
    var pool = complete.length ? complete : docs;
    pool.sort(function (a, b) {
      return (matched.get(b) - matched.get(a)) || (total.get(b) - total.get(a)) || (a - b);
    });
    return { docs: pool, complete: complete.length > 0 };
  }

  function search(query) {
    return loadManifest().then(function () {
      if (!manifest) { return { docs: [], complete: false, failed: true }; }
      var groups = parse(query);
      if (!groups.length) { return { docs: [], complete: true }; }
      return Promise.all(groups.map(groupScores)).then(function (lists) {
        return rank([].concat.apply([], lists));
      });
    });
  }

  function records(docs) {
    var chunks = [];
    docs.forEach(function (doc) {
      var chunk = Math.floor(doc / manifest.chunk);
      if (chunks.indexOf(chunk) < 0) { chunks.push(chunk); }
    });
    return Promise.all(chunks.map(function (chunk) { return getJSON("recherche/d/" + chunk + ".json"); }))
      .then(function (loaded) {
        var byChunk = {};
        chunks.forEach(function (chunk, index) { byChunk[chunk] = loaded[index] || []; });
        return docs.map(function (doc) {
          var record = byChunk[Math.floor(doc / manifest.chunk)][doc % manifest.chunk] || ["", "", "", ""];
          return { url: new URL(record[0], base).href, title: record[1], kind: record[2], summary: record[3] };
        });
      });
  }

  function resultItem(record, withSummary) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    var kind = document.createElement("span");
    link.href = record.url;
    link.className = "recherche-lien";
    link.textContent = record.title;
    kind.className = "recherche-type";
    kind.textContent = record.kind;
    item.appendChild(kind);
    item.appendChild(link);
    if (withSummary && record.summary) {
      var summary = document.createElement("p");
      summary.textContent = record.summary;
      item.appendChild(summary);
    }
    return item;
  }

  function plural(count, word) { return count + " " + word + (count > 1 ? "s" : ""); }

  /* The « Rechercher » page: the query lives in the address (?q=…), so a search can be shared or bookmarked. */
  function setUpPage(form) {
    var input = form.querySelector("input[name=q]");
    var status = document.getElementById("recherche-etat");
    var list = document.getElementById("recherche-resultats");
    var more = document.getElementById("recherche-plus");
    var shown = 0;
    var current = null;
    var latest = 0;

    function show(count) {
      var slice = current.docs.slice(shown, shown + count);
      return records(slice).then(function (found) {
        found.forEach(function (record) { list.appendChild(resultItem(record, true)); });
        shown += slice.length;
        more.hidden = shown >= current.docs.length;
      });
    }

    function run(replaceHistory) {
      var query = input.value;
      var ticket = ++latest;
      var address = new URL(window.location.href);
      if (query.trim()) { address.searchParams.set("q", query); } else { address.searchParams.delete("q"); }
      if (replaceHistory) { window.history.replaceState(null, "", address.href); }
      if (!query.trim()) {
        list.textContent = "";
        status.textContent = "";
        more.hidden = true;
        return Promise.resolve();
      }
      return search(query).then(function (result) {
        if (ticket !== latest) { return; }
        current = result;
        shown = 0;
        list.textContent = "";
        if (result.failed) {
          status.textContent = "L'index de recherche n'a pas pu être chargé : réessayez, ou parcourez les pratiques et le glossaire.";
        } else if (!result.docs.length) {
          status.textContent = "Aucun résultat pour « " + query.trim() + " ». Essayez un mot plus court ou un sigle.";
        } else {
          status.textContent = result.complete ? plural(result.docs.length, "résultat")
            : "Aucune page ne contient tous ces mots ; " + plural(result.docs.length, "page") + " en contiennent une partie.";
        }
        return show(PAGE_SIZE);
      });
    }

    input.value = new URL(window.location.href).searchParams.get("q") || "";
    input.addEventListener("input", function () { run(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(true); });
    more.addEventListener("click", function () { show(PAGE_SIZE); });
    run(false);
  }

  /* The header box: suggestions as you type; Enter opens the « Rechercher » page with the same query. */
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
    var panel = form.querySelector(".recherche-suggestions");
    var status = panel.querySelector("p");
    var list = panel.querySelector("ul");
    var latest = 0;

    input.addEventListener("input", function () {
      var query = input.value;
      var ticket = ++latest;
      if (!query.trim()) { panel.hidden = true; return; }
      search(query).then(function (result) {
        return records(result.docs.slice(0, SUGGESTIONS)).then(function (found) {
          if (ticket !== latest) { return; }
          list.textContent = "";
          found.forEach(function (record) { list.appendChild(resultItem(record, false)); });
          status.textContent = result.docs.length ? plural(result.docs.length, "résultat") + " — Entrée pour tout voir"
            : "Aucun résultat";
          panel.hidden = false;
        });
      });
    });
    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { panel.hidden = true; input.focus(); }
      if (event.key === "ArrowDown" && document.activeElement === input) {
        var first = list.querySelector("a");
        if (first) { event.preventDefault(); first.focus(); }
      }
    });
    document.addEventListener("click", function (event) { if (!form.contains(event.target)) { panel.hidden = true; } });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var editing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key === "/" && !editing) { event.preventDefault(); input.focus(); }
    });
  }

  window.bibliothequeRecherche = { fold: fold, stem: stem, analyse: analyse, search: search, records: records };
  var pageForm = document.getElementById("recherche-formulaire");
  if (pageForm) { setUpPage(pageForm); } else { setUpHeader(); }
})();
