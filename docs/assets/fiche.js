/* Cards and reports, loaded by those pages only. Two small things the static page cannot know:
   - the link back (#retour) leads to a theme or to the list of reports; when the reader came from the facet page or
     the search page, it leads back to the results they left, with their filters or their query (the address of the
     page they came from, which those pages keep up to date);
   - on paper, the page's full address (from the canonical link when the site has one) instead of its path. */
(function () {
  "use strict";
  var canonical = document.querySelector('link[rel="canonical"]');
  var here = new URL(canonical ? canonical.href : window.location.href);
  here.search = "";
  here.hash = "";
  Array.prototype.forEach.call(document.querySelectorAll(".impression-adresse"), function (node) {
    node.textContent = here.href;
  });

  var back = document.getElementById("retour");
  if (!back || !document.referrer) { return; }
  var from;
  try { from = new URL(document.referrer); } catch (error) { return; }
  if (from.origin !== window.location.origin) { return; }
  var pages = (back.getAttribute("data-resultats") || "").split(" ").map(function (address) {
    return new URL(address, window.location.href).pathname;
  });
  if (from.pathname === pages[0]) {
    back.href = from.href;
    back.textContent = "← Retour aux fiches filtrées";
  } else if (from.pathname === pages[1] && from.searchParams.get("q")) {
    back.href = from.href;
    back.textContent = "← Retour aux résultats pour « " + from.searchParams.get("q") + " »";
  } else {
    // From one of the card's theme pages (a card has up to four): back to that one.
    Array.prototype.forEach.call(document.querySelectorAll("article a[href]"), function (link) {
      if (link.href === from.href && /\/themes\/[^/]+\/$/.test(from.pathname)) {
        back.href = from.href;
        back.textContent = "← Thème : " + link.textContent;
      }
    });
  }
})();
