/* Glossary page: filter entries by category; letters with no visible entry are hidden too. */
(function () {
  "use strict";
  var filter = document.querySelector(".filtre-categories");
  if (!filter) { return; }
  filter.hidden = false;
  var buttons = filter.querySelectorAll("button[data-categorie]");
  var entries = document.querySelectorAll(".entree-glossaire");

  function apply(category) {
    entries.forEach(function (entry) {
      entry.hidden = category !== "" && entry.getAttribute("data-categorie") !== category;
    });
    document.querySelectorAll(".md-content h2[id^='lettre-']").forEach(function (heading) {
      var visible = false;
      for (var next = heading.nextElementSibling; next && next.tagName !== "H2"; next = next.nextElementSibling) {
        if (next.classList.contains("entree-glossaire") && !next.hidden) { visible = true; }
      }
      heading.hidden = !visible;
    });
    buttons.forEach(function (button) {
      var active = button.getAttribute("data-categorie") === category;
      button.setAttribute("aria-pressed", active ? "true" : "false");
      button.classList.toggle("md-button--primary", active);
    });
  }

  buttons.forEach(function (button) {
    button.addEventListener("click", function () { apply(button.getAttribute("data-categorie")); });
  });
})();
