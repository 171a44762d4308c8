/* The search engine, loaded by recherche.js on the « Rechercher » page and when the header box is first used:
   the suggestions of the header box and the « Rechercher » page with every result. The index is written by scripts/pipeline/render/search.py into recherche/: a manifest, term shards keyed by the
   first two or three letters of a term, chunks of page records, and the vocabulary by word length. Only the shards
   of the words typed are fetched, and the vocabulary only to correct a slip.
   fold, stem, analyse and key mirror the Python analyser exactly (a browser test compares them). */
(function () {
  "use strict";
  var WORD = /[a-z0-9]+(?:-[a-z0-9]+)*/g;
  var ELISION = /\b(qu|[cdjlmnst])['’]([a-z0-9]+)/g;
  // Words as written in a title or a summary, to highlight those the query matched.
  var SHOWN_WORD = /[0-9A-Za-zÀ-ÖØ-öø-ÿŒœÆæ]+(?:-[0-9A-Za-zÀ-ÖØ-öø-ÿŒœÆæ]+)*/g;
  var NAME_MARK = "=";
  var SUGGESTIONS = 8;
  var PAGE_SIZE = 20;
  // A word's score is multiplied by how it matched: as typed, by its stem, as the start of a longer word, or
  // corrected (one slip; two from 8 letters), so a corrected match never outranks an exact one.
  var STEMMED = 0.95;
  var PREFIX_FACTOR = 0.9;
  var CORRECTED = 0.6;
  var CORRECT_FROM = 4;
  var TWO_SLIPS_FROM = 8;
  var CORRECTIONS = 3;
  // A word found as typed in this many pages or fewer is also corrected: a slip that happens to be written somewhere
  // (a guide quoting « debugage ») must not hide the pages of the word meant.
  var RARE = 2;
  var base = siteBase();
  var requests = {};
  var manifest = null;

  function siteBase() {
    var config = document.getElementById("__config");
    var text = config ? JSON.parse(config.textContent).base : ".";
    return new URL(text.replace(/\/?$/, "/"), window.location.href);
  }

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

  /* How a sigle or a name is looked up: folded, letters and digits only, never stemmed (key_term in Python). */
  function key(text) { return fold(text).replace(/[^a-z0-9]/g, ""); }

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
        manifest.lengths = new Set(data.vocabulary);
      }
      return manifest;
    });
  }

  /* Each word typed is a group that a result must match; the last word, while it is being typed, also matches
     as a prefix. A hyphenated word is looked up whole (« spe-p »), then by its parts if nothing has it whole.
     The whole query, letters only, is also looked up among the pages' names (titles, aliases). */
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
        word: joined,
        index: index,
        term: stem(joined),
        prefix: last && joined.length >= manifest.prefix ? joined : "",
        parts: parts.length > 1 ? parts.filter(function (part) { return !manifest.stopSet.has(part); }) : []
      });
    });
    return { groups: groups, compounds: compounds };
  }

  /* Terms are grouped by their two first letters, and a group too big for one file is split by three letters
     (shard_of in scripts/pipeline/render/search.py): a three-letter shard exists only for a split group. */
  function shardOf(term) {
    var longer = term.slice(0, manifest.prefix);
    return manifest.shardSet.has(longer) ? longer : term.slice(0, manifest.prefix - 1);
  }

  function loadShards(terms) {
    var keys = [];
    terms.forEach(function (term) {
      var shard = shardOf(term);
      if (term && keys.indexOf(shard) < 0 && manifest.shardSet.has(shard)) { keys.push(shard); }
    });
    return Promise.all(keys.map(function (shard) { return getJSON("recherche/t/" + shard + ".json"); }));
  }

  function addPostings(scores, list, factor) {
    for (var i = 0; i < list.length; i += 2) {
      var score = list[i + 1] * factor;
      if (!(scores.get(list[i]) >= score)) { scores.set(list[i], score); }
    }
  }

  /* Exact terms (each with its factor) and, while typing, every term that starts with `prefix`. */
  function lookUp(exact, prefix) {
    var terms = Object.keys(exact);
    return loadShards(prefix ? terms.concat([prefix]) : terms).then(function (shards) {
      var scores = new Map();
      var matched = new Set();
      shards.forEach(function (shard) {
        if (!shard) { return; }
        terms.forEach(function (term) {
          if (shard[term]) { addPostings(scores, shard[term], exact[term]); matched.add(term); }
        });
        if (!prefix) { return; }
        Object.keys(shard).forEach(function (term) {
          if (term.indexOf(prefix) === 0 && !(term in exact)) {
            addPostings(scores, shard[term], PREFIX_FACTOR);
            matched.add(term);
          }
        });
      });
      return { scores: scores, terms: matched };
    });
  }

  function exactTerms(word) {
    var exact = {};
    exact[word] = 1;
    if (stem(word) !== word) { exact[stem(word)] = STEMMED; }
    return exact;
  }

  /* Optimal string alignment distance (insertion, deletion, substitution, swap of two neighbours), or limit + 1
     as soon as it must exceed `limit`. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) { return limit + 1; }
    var previous2 = [];
    var previous = [];
    var row;
    for (var j = 0; j <= b.length; j++) { previous[j] = j; }
    for (var i = 1; i <= a.length; i++) {
      row = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, previous2[j - 2] + 1);
        }
        row[j] = value;
        if (value < best) { best = value; }
      }
      if (best > limit) { return limit + 1; }
      previous2 = previous;
      previous = row;
    }
    return previous[b.length];
  }

  /* Words of the vocabulary within `limit` slips of `word`, nearest first, then the most used. */
  function nearWords(word, limit) {
    var lengths = [];
    for (var length = word.length - limit; length <= word.length + limit; length++) {
      if (manifest.lengths.has(length)) { lengths.push(length); }
    }
    return Promise.all(lengths.map(function (length) { return getJSON("recherche/v/" + length + ".json"); }))
      .then(function (buckets) {
        var found = [];
        buckets.forEach(function (bucket) {
          Object.keys(bucket || {}).forEach(function (form) {
            var folded = key(form);
            var slips = folded === word ? limit + 1 : distance(word, folded, limit);
            if (slips <= limit) { found.push({ form: form, key: folded, slips: slips, pages: bucket[form] }); }
          });
        });
        return found.sort(function (a, b) { return (a.slips - b.slips) || (b.pages - a.pages); });
      });
  }

  /* A word of 4 letters or more that no page holds as typed (or at most RARE pages) is also looked up as the nearest
     words of the vocabulary (one slip, two from 8 letters), below every exact match. */
  function corrected(group) {
    var limit = group.word.length >= TWO_SLIPS_FROM ? 2 : 1;
    return nearWords(group.word, limit).then(function (found) {
      var nearest = found.length ? found[0].slips : 0;
      var chosen = found.filter(function (item) { return item.slips === nearest; }).slice(0, CORRECTIONS);
      if (!chosen.length) { return null; }
      var exact = {};
      chosen.forEach(function (item) {
        exact[item.key] = CORRECTED;
        if (!(stem(item.key) in exact)) { exact[stem(item.key)] = CORRECTED * STEMMED; }
      });
      return lookUp(exact, "").then(function (result) {
        result.correction = chosen[0].form;
        return result;
      });
    });
  }

  function groupScores(group) {
    return lookUp(exactTerms(group.word), group.prefix).then(function (result) {
      var exactFound = Array.from(result.terms).some(function (term) { return term === group.word || term === stem(group.word); });
      if (!result.scores.size && group.parts.length) {
        return Promise.all(group.parts.map(function (part) { return lookUp(exactTerms(part), ""); }));
      }
      if (group.word.length < CORRECT_FROM || /^[0-9]+$/.test(group.word)) { return [result]; }
      if (exactFound && result.scores.size > RARE) { return [result]; }
      return corrected(group).then(function (fixed) {
        if (!fixed) { return [result]; }
        var typedMatched = result.terms.size > 0;
        fixed.scores.forEach(function (score, doc) {
          if (!(result.scores.get(doc) >= score)) { result.scores.set(doc, score); }
        });
        fixed.terms.forEach(function (term) { result.terms.add(term); });
        // A correction is named to the reader when nothing matched the word as typed, or only a rare exact word.
        if (!typedMatched || exactFound) { result.correction = fixed.correction; }
        result.corrected = fixed.correction;
        return [result];
      });
    });
  }

  /* The query equal to a page's name (title, long form, alias) puts that page first; so does the query as
     corrected, a little less. A name that merely starts with the query counts for nothing: with thousands of
     titles, one always does. */
  function nameScores(parsed, results) {
    var names = {};
    var whole = key(parsed.compounds.join(""));
    if (!whole) { return Promise.resolve(new Map()); }
    names[NAME_MARK + whole] = 1;
    var fixedWords = parsed.compounds.slice();
    var fixedAny = false;
    parsed.groups.forEach(function (group, index) {
      if (results[index] && results[index].length === 1 && results[index][0].corrected) {
        fixedWords[group.index] = results[index][0].corrected;
        fixedAny = true;
      }
    });
    if (fixedAny) { names[NAME_MARK + key(fixedWords.join(""))] = CORRECTED; }
    var terms = Object.keys(names);
    return loadShards(terms.map(function (term) { return term.slice(1); })).then(function (shards) {
      var scores = new Map();
      shards.forEach(function (shard) {
        if (!shard) { return; }
        terms.forEach(function (term) { if (shard[term]) { addPostings(scores, shard[term], names[term]); } });
      });
      return scores;
    });
  }

  function kindOf(doc) {
    for (var i = 0; i < manifest.kinds.length; i++) {
      if (doc < manifest.kinds[i][2]) { return manifest.kinds[i][0]; }
    }
    return "";
  }

  /* Documents matching every group first; among them the site's own pages (contributor guide…) after the records;
     then by score. When no document matches every group, those matching the most groups. */
  function rank(perGroup, names) {
    var total = new Map();
    var matched = new Map();
    perGroup.forEach(function (scores) {
      scores.forEach(function (score, doc) {
        total.set(doc, (total.get(doc) || 0) + score);
        matched.set(doc, (matched.get(doc) || 0) + 1);
      });
    });
    names.forEach(function (score, doc) { if (total.has(doc)) { total.set(doc, total.get(doc) + score); } });
    var all = perGroup.length;
    var docs = Array.from(total.keys());
    var complete = docs.filter(function (doc) { return matched.get(doc) === all; });
    var pool = complete.length ? complete : docs;
    var pages = manifest.kinds[manifest.kinds.length - 1];
    var isPage = function (doc) { return kindOf(doc) === pages[0] ? 1 : 0; };
    pool.sort(function (a, b) {
      return (matched.get(b) - matched.get(a)) || (isPage(a) - isPage(b)) || (total.get(b) - total.get(a)) || (a - b);
    });
    return { docs: pool, complete: complete.length > 0 };
  }

  /* When nothing matches, the nearest words of the vocabulary for each word that found nothing, as queries to try. */
  function proposals(parsed, results) {
    var tries = [];
    parsed.groups.forEach(function (group, index) {
      var found = results[index].some(function (result) { return result.scores.size; });
      if (!found && group.word.length >= CORRECT_FROM) { tries.push(group); }
    });
    return Promise.all(tries.map(function (group) {
      return nearWords(group.word, group.word.length >= TWO_SLIPS_FROM ? 3 : 2).then(function (found) {
        return found.slice(0, CORRECTIONS).map(function (item) {
          var words = parsed.compounds.slice();
          words[group.index] = item.form;
          return words.join(" ");
        });
      });
    })).then(function (lists) { return [].concat.apply([], lists).slice(0, CORRECTIONS); });
  }

  function search(query) {
    return loadManifest().then(function () {
      if (!manifest) { return { docs: [], complete: false, failed: true }; }
      var parsed = parse(query);
      if (!parsed.groups.length) { return { docs: [], complete: true, terms: new Set(), prefixes: [] }; }
      return Promise.all(parsed.groups.map(groupScores)).then(function (results) {
        return nameScores(parsed, results).then(function (names) {
          var flat = [].concat.apply([], results);
          var result = rank(flat.map(function (item) { return item.scores; }), names);
          result.terms = new Set();
          flat.forEach(function (item) { item.terms.forEach(function (term) { result.terms.add(term); }); });
          result.prefixes = parsed.groups.map(function (group) { return group.prefix; }).filter(Boolean);
          result.corrections = [];
          parsed.groups.forEach(function (group, index) {
            var first = results[index][0];
            if (results[index].length === 1 && first.correction) {
              result.corrections.push([parsed.compounds[group.index], first.correction]);
            }
          });
          if (result.docs.length) { return result; }
          return proposals(parsed, results).then(function (tries) { result.tries = tries; return result; });
        });
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

  /* A word of a title or summary is highlighted when the query matched it: its stem, its parts or the whole of a
     hyphenated word, or its start while the last word is being typed. */
  function matches(word, result) {
    var folded = fold(word);
    if (result.terms.has(key(folded)) || result.terms.has(stem(key(folded)))) { return true; }
    var parts = folded.split("-");
    var found = parts.some(function (part) { return part.length > 1 && result.terms.has(stem(part)); });
    return found || result.prefixes.some(function (prefix) { return key(folded).indexOf(prefix) === 0; });
  }

  function highlighted(text, result) {
    var fragment = document.createDocumentFragment();
    var last = 0;
    text.replace(SHOWN_WORD, function (word, offset) {
      if (!result || !matches(word, result)) { return word; }
      fragment.appendChild(document.createTextNode(text.slice(last, offset)));
      var mark = document.createElement("mark");
      mark.textContent = word;
      fragment.appendChild(mark);
      last = offset + word.length;
      return word;
    });
    fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }

  function resultItem(record, withSummary, result) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    var kind = document.createElement("span");
    link.href = record.url;
    link.className = "recherche-lien";
    link.appendChild(highlighted(record.title, result));
    kind.className = "recherche-type";
    kind.textContent = record.kind;
    item.appendChild(kind);
    item.appendChild(link);
    if (withSummary && record.summary) {
      var summary = document.createElement("p");
      summary.appendChild(highlighted(record.summary, result));
      item.appendChild(summary);
    }
    return item;
  }

  function plural(count, word) { return count + " " + word + (count > 1 ? "s" : ""); }

  function correctionText(result) {
    return result.corrections.map(function (pair) { return "« " + pair[0] + " » lu comme « " + pair[1] + " »"; }).join(", ");
  }

  /* « Essayez : … » with a link per proposal, built from text nodes (nothing typed is read as HTML). */
  function fillStatus(status, text, tries, address) {
    status.textContent = text;
    if (!tries || !tries.length) { return; }
    status.appendChild(document.createTextNode(" Essayez : "));
    tries.forEach(function (proposal, index) {
      var link = document.createElement("a");
      var target = new URL(address);
      target.searchParams.set("q", proposal);
      link.href = target.href;
      link.className = "recherche-essai";
      link.textContent = proposal;
      link.setAttribute("data-requete", proposal);
      if (index) { status.appendChild(document.createTextNode(", ")); }
      status.appendChild(link);
    });
    status.appendChild(document.createTextNode("."));
  }

  /* The « Rechercher » page: the query and the kind filter live in the address (?q=…&dans=…), so a search can be
     shared or bookmarked. */
  function setUpPage(form) {
    var input = form.querySelector("input[name=q]");
    var status = document.getElementById("recherche-etat");
    var filters = document.getElementById("recherche-filtres");
    var list = document.getElementById("recherche-resultats");
    var more = document.getElementById("recherche-plus");
    var shown = 0;
    var current = null;
    var docs = [];
    var latest = 0;
    var kind = new URL(window.location.href).searchParams.get("dans") || "";

    function show(count) {
      var slice = docs.slice(shown, shown + count);
      var result = current;
      return records(slice).then(function (found) {
        if (result !== current) { return; }
        found.forEach(function (record) { list.appendChild(resultItem(record, true, result)); });
        shown += slice.length;
        more.hidden = shown >= docs.length;
      });
    }

    function remember(replaceHistory) {
      var address = new URL(window.location.href);
      if (input.value.trim()) { address.searchParams.set("q", input.value); } else { address.searchParams.delete("q"); }
      if (kind) { address.searchParams.set("dans", kind); } else { address.searchParams.delete("dans"); }
      if (replaceHistory) { window.history.replaceState(null, "", address.href); }
      return address;
    }

    /* One button per kind that has results, and « Tout » (the site's own pages are only under « Tout »). */
    function drawFilters() {
      filters.textContent = "";
      var counts = {};
      current.docs.forEach(function (doc) { var name = kindOf(doc); counts[name] = (counts[name] || 0) + 1; });
      var kinds = manifest.kinds.slice(0, -1).filter(function (item) { return counts[item[0]]; });
      if (kinds.length < 2 && !kind) { filters.hidden = true; return; }
      [["", "Tout", current.docs.length]].concat(kinds.map(function (item) { return [item[0], item[1], counts[item[0]]]; }))
        .forEach(function (item) {
          var button = document.createElement("button");
          button.type = "button";
          button.className = "md-button" + (item[0] === kind ? " md-button--primary" : "");
          button.setAttribute("aria-pressed", item[0] === kind ? "true" : "false");
          button.setAttribute("data-dans", item[0]);
          button.textContent = item[1] + " (" + (item[2] || 0) + ")";
          button.addEventListener("click", function () { kind = item[0]; remember(true); draw(); });
          filters.appendChild(button);
        });
      filters.hidden = false;
    }

    function draw() {
      shown = 0;
      list.textContent = "";
      docs = kind ? current.docs.filter(function (doc) { return kindOf(doc) === kind; }) : current.docs;
      drawFilters();
      return show(PAGE_SIZE);
    }

    function run(replaceHistory) {
      var query = input.value;
      var ticket = ++latest;
      var address = remember(replaceHistory);
      if (!query.trim()) {
        list.textContent = "";
        status.textContent = "";
        filters.hidden = true;
        more.hidden = true;
        return Promise.resolve();
      }
      return search(query).then(function (result) {
        if (ticket !== latest) { return; }
        current = result;
        if (result.failed) {
          status.textContent = "L'index de recherche n'a pas pu être chargé : réessayez, ou parcourez les pratiques et le glossaire.";
          list.textContent = "";
          return;
        }
        var text;
        if (!result.docs.length) {
          text = "Aucun résultat pour « " + query.trim() + " ».";
          if (!result.tries || !result.tries.length) { text += " Essayez un mot plus court ou un sigle."; }
        } else {
          text = result.complete ? plural(result.docs.length, "résultat")
            : "Aucune page ne contient tous ces mots ; " + plural(result.docs.length, "page") + " en contiennent une partie.";
          if (result.corrections.length) { text += " (" + correctionText(result) + ")"; }
        }
        fillStatus(status, text, result.tries, address);
        return draw();
      });
    }

    input.value = new URL(window.location.href).searchParams.get("q") || "";
    input.addEventListener("input", function () { run(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(true); });
    status.addEventListener("click", function (event) {
      var proposal = event.target.getAttribute && event.target.getAttribute("data-requete");
      if (proposal) { event.preventDefault(); input.value = proposal; run(true); }
    });
    more.addEventListener("click", function () { show(PAGE_SIZE); });
    run(false);
  }

  /* The header box (built by recherche.js): suggestions as you type, reached and walked with the arrow keys;
     Enter opens the « Rechercher » page with the same query. */
  function attachHeader(form) {
    var input = form.querySelector("input");
    var panel = form.querySelector(".recherche-suggestions");
    var status = panel.querySelector("p");
    var list = panel.querySelector("ul");
    var latest = 0;

    function suggest() {
      var query = input.value;
      var ticket = ++latest;
      if (!query.trim()) { panel.hidden = true; return; }
      search(query).then(function (result) {
        return records((result.docs || []).slice(0, SUGGESTIONS)).then(function (found) {
          if (ticket !== latest) { return; }
          list.textContent = "";
          found.forEach(function (record) { list.appendChild(resultItem(record, false, result)); });
          var text = result.docs.length ? plural(result.docs.length, "résultat") + " — Entrée pour tout voir"
            : "Aucun résultat";
          if (result.corrections && result.corrections.length && result.docs.length) { text += " (" + correctionText(result) + ")"; }
          fillStatus(status, text, result.tries, new URL(form.action));
          panel.hidden = false;
        });
      });
    }

    input.addEventListener("input", suggest);
    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { panel.hidden = true; input.focus(); return; }
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") { return; }
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      if (panel.hidden || !links.length) { return; }
      var position = links.indexOf(document.activeElement);
      event.preventDefault();
      if (event.key === "ArrowDown") {
        links[Math.min(position + 1, links.length - 1)].focus();
      } else if (position <= 0) {
        input.focus();
      } else {
        links[position - 1].focus();
      }
    });
    document.addEventListener("click", function (event) { if (!form.contains(event.target)) { panel.hidden = true; } });
    // Typed before this file arrived: answer it now.
    if (input.value.trim()) { suggest(); }
  }

  window.bibliothequeRecherche = { fold: fold, stem: stem, analyse: analyse, key: key, distance: distance,
    search: search, records: records, attachHeader: attachHeader };
  var pageForm = document.getElementById("recherche-formulaire");
  if (pageForm) { setUpPage(pageForm); }
})();
