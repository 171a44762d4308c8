/* Acronyms: each <abbr> becomes a link to its glossary entry whose long form shows on hover, on keyboard focus
   and on a first tap (a second tap follows the link); Escape hides it. Without JavaScript the title attribute still
   works. The bubble is fixed to the window and placed from the link's box: it stays on screen at any width and
   never makes the page wider. */
(function () {
  "use strict";
  // Written at build time (glossaire/sigles.js): each spelling's entry, and the address of an entry's page.
  var data = window.bibliothequeSigles || {};
  var ids = data.sigles || {};
  var configElement = document.getElementById("__config");
  var base = configElement ? JSON.parse(configElement.textContent).base : ".";
  var root = new URL(base.replace(/\/?$/, "/"), window.location.href);
  var MARGIN = 8;
  var GAP = 6;
  var lastPointer = "mouse";
  var count = 0;

  document.addEventListener("pointerdown", function (event) { lastPointer = event.pointerType; }, true);

  function closeAll(except) {
    document.querySelectorAll("a.sigle.ouverte").forEach(function (link) {
      if (link !== except) { link.classList.remove("ouverte"); }
    });
  }

  // Above the link, or below it when the header would cover it; shifted left as far as the window requires.
  function place(link) {
    var bubble = link.querySelector(".sigle-bulle");
    var view = document.documentElement.clientWidth;
    var anchor = link.getClientRects()[0] || link.getBoundingClientRect();
    var header = document.querySelector(".md-header");
    var top;
    bubble.style.maxWidth = Math.max(0, view - 2 * MARGIN) + "px";
    bubble.style.display = "block";
    var box = bubble.getBoundingClientRect();
    bubble.style.left = Math.max(MARGIN, Math.min(anchor.left, view - box.width - MARGIN)) + "px";
    top = anchor.top - box.height - GAP;
    if (top < (header ? header.getBoundingClientRect().bottom : 0) + GAP) { top = anchor.bottom + GAP; }
    bubble.style.top = top + "px";
    bubble.style.display = "";
  }

  function placeShown() {
    document.querySelectorAll("a.sigle.ouverte, a.sigle:hover, a.sigle:focus").forEach(place);
  }

  document.querySelectorAll(".md-content abbr[title]").forEach(function (abbr) {
    var id = ids[abbr.textContent];
    if (typeof id !== "string" || abbr.closest("a, h1, h2, h3, h4, h5, h6")) { return; }
    var target = new URL(data.adresse.replace("{id}", id), root);
    // On the entry's own page, a link to itself would lead nowhere: the title stays.
    if (target.pathname === window.location.pathname) { return; }
    var longForm = abbr.getAttribute("title");
    var link = document.createElement("a");
    var bubble = document.createElement("span");
    count += 1;
    link.className = "sigle";
    link.href = target.href;
    bubble.className = "sigle-bulle";
    bubble.id = "sigle-bulle-" + count;
    bubble.setAttribute("role", "tooltip");
    bubble.textContent = longForm;
    link.setAttribute("aria-describedby", bubble.id);
    abbr.removeAttribute("title");
    abbr.parentNode.insertBefore(link, abbr);
    link.appendChild(abbr);
    link.appendChild(bubble);
    link.addEventListener("mouseenter", function () { place(link); });
    link.addEventListener("focus", function () { place(link); });
    link.addEventListener("mouseleave", function () { link.classList.remove("masquee"); });
    link.addEventListener("blur", function () { link.classList.remove("masquee"); });
    link.addEventListener("click", function (event) {
      if (lastPointer === "touch" && !link.classList.contains("ouverte")) {
        event.preventDefault();
        closeAll(link);
        link.classList.remove("masquee");
        link.classList.add("ouverte");
        place(link);
      }
    });
  });

  document.addEventListener("click", function (event) {
    if (!event.target.closest("a.sigle")) { closeAll(null); }
  });

  // Escape hides a bubble without moving the focus or the pointer (WCAG 1.4.13).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    document.querySelectorAll("a.sigle.ouverte, a.sigle:hover, a.sigle:focus").forEach(function (link) {
      link.classList.add("masquee");
    });
    closeAll(null);
  });

  window.addEventListener("scroll", placeShown, { passive: true });
  window.addEventListener("resize", placeShown);
})();
