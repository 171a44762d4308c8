/* Scripts that only some pages need: a page names one in a data-script attribute (data-script="filtres" on the facet
   page, data-script="fiche" on cards and reports) and it is loaded from assets/<name>.js, so that other pages do not
   download it. Written by the build (scripts/pipeline/paths.py), never by authors; names are plain words. */
(function () {
  "use strict";
  var config = document.getElementById("__config");
  var base = new URL((config ? JSON.parse(config.textContent).base : ".").replace(/\/?$/, "/"), window.location.href);
  var wanted = {};
  Array.prototype.forEach.call(document.querySelectorAll("[data-script]"), function (element) {
    var name = element.getAttribute("data-script");
    if (/^[a-z]+$/.test(name)) { wanted[name] = true; }
  });
  Object.keys(wanted).forEach(function (name) {
    var script = document.createElement("script");
    script.src = new URL("assets/" + name + ".js", base).href;
    document.head.appendChild(script);
  });
})();
