/* Acronyms: each <abbr> becomes a link to its glossary entry whose long form shows on hover, on keyboard focus
   and on a first tap (a second tap follows the link). Without JavaScript the title attribute still works. */
(function () {
  "use strict";
  // Spelling → glossary entry, written at build time (glossaire/sigles.js); the long form is the abbr's title.
  var ids = window.bibliothequeSigles || {};
  var configElement = document.getElementById("__config");
  var base = configElement ? JSON.parse(configElement.textContent).base : ".";
  var glossary = new URL(base.replace(/\/?$/, "/") + "glossaire/", window.location.href);
  var lastPointer = "mouse";
  var count = 0;

  document.addEventListener("pointerdown", function (event) { lastPointer = event.pointerType; }, true);

  function closeAll(except) {
    document.querySelectorAll("a.sigle.ouverte").forEach(function (link) {
      if (link !== except) { link.classList.remove("ouverte"); }
    });
  }

  document.querySelectorAll(".md-content abbr[title]").forEach(function (abbr) {
    var id = ids[abbr.textContent];
    if (typeof id !== "string" || abbr.closest("a, h1, h2, h3, h4, h5, h6")) { return; }
    var longForm = abbr.getAttribute("title");
    var link = document.createElement("a");
    var bubble = document.createElement("span");
    count += 1;
    link.className = "sigle";
    link.href = glossary.href + "#" + id;
    bubble.className = "sigle-bulle";
    bubble.id = "sigle-bulle-" + count;
    bubble.setAttribute("role", "tooltip");
    bubble.textContent = longForm;
    link.setAttribute("aria-describedby", bubble.id);
    abbr.removeAttribute("title");
    abbr.parentNode.insertBefore(link, abbr);
    link.appendChild(abbr);
    link.appendChild(bubble);
    link.addEventListener("click", function (event) {
      if (lastPointer === "touch" && !link.classList.contains("ouverte")) {
        event.preventDefault();
        closeAll(link);
        link.classList.add("ouverte");
      }
    });
  });

  document.addEventListener("click", function (event) {
    if (!event.target.closest("a.sigle")) { closeAll(null); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { closeAll(null); }
  });
})();
