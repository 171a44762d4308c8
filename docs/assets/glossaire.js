/* Glossary index page (loaded by that page alone): old addresses « glossaire/#sigle » lead to the entry's own page;
   the category filter hides the other entries, and the letters left without a visible entry (heading, list and
   link of the A to Z bar); the letter headings stop below the sticky bar after a jump. */
(function () {
  "use strict";

  // An entry's row keeps the entry's id: an old address opens its page (replace: Back returns where one came from).
  function followOldAddress() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var row = id ? document.getElementById(id) : null;
    var link = row && row.matches(".glossaire-index > li") ? row.querySelector("a[href]") : null;
    if (link) { window.location.replace(link.href); }
  }
  followOldAddress();
  window.addEventListener("hashchange", followOldAddress);

  var bar = document.querySelector(".alphabet");
  function measureBar() {
    if (bar) { document.documentElement.style.setProperty("--hauteur-alphabet", bar.offsetHeight + "px"); }
  }
  measureBar();
  window.addEventListener("resize", measureBar);

  var filter = document.querySelector(".filtre-categories");
  if (!filter) { return; }
  filter.hidden = false;
  measureBar();
  var buttons = filter.querySelectorAll("button[data-categorie]");
  var lists = document.querySelectorAll(".glossaire-index");

  function apply(category) {
    lists.forEach(function (list) {
      var visible = false;
      list.querySelectorAll("li[data-categorie]").forEach(function (row) {
        row.hidden = category !== "" && row.getAttribute("data-categorie") !== category;
        visible = visible || !row.hidden;
      });
      var anchor = list.getAttribute("data-lettre");
      var heading = document.getElementById(anchor);
      var letter = bar ? bar.querySelector("[data-lettre='" + anchor + "']") : null;
      list.hidden = !visible;
      if (heading) { heading.hidden = !visible; }
      // A letter without a visible entry is no longer a link: no href, so neither clickable nor focusable.
      if (letter && visible) {
        letter.setAttribute("href", "#" + anchor);
        letter.classList.remove("lettre-vide");
      } else if (letter) {
        letter.removeAttribute("href");
        letter.classList.add("lettre-vide");
      }
    });
    buttons.forEach(function (button) {
      var active = button.getAttribute("data-categorie") === category;
      button.setAttribute("aria-pressed", active ? "true" : "false");
      button.classList.toggle("md-button--primary", active);
    });
    measureBar();
  }

  if (bar) {
    bar.querySelectorAll("a[href^='#']").forEach(function (letter) {
      letter.setAttribute("data-lettre", letter.getAttribute("href").slice(1));
    });
  }
  buttons.forEach(function (button) {
    button.addEventListener("click", function () { apply(button.getAttribute("data-categorie")); });
  });
})();
