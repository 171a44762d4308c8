/* Reading and writing a data file as the project does: the same algorithm as scripts/pipeline/layout.py, so that a
   record saved by the editor (/admin/) is laid out exactly as `python -m scripts format` lays out the others
   (tests/test_layout.py runs both on every data file). Works in the browser (window.MiseEnForme) and in Node
   (require), where the tests call it. Reading needs js-yaml (vendored in /admin/vendor/js-yaml/). */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.MiseEnForme = factory();
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var WIDTH = 120;
  var STEP = 2;
  var SPECIAL = /[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;
  var SPECIAL_ALL = /[\\"]|[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g;
  var FIRST = "-?:,[]{}#&*!|>'\"%@`+.0123456789<=~";
  var WORDS = ["y", "n", "yes", "no", "true", "false", "on", "off", "null"];
  var ESCAPES = { "\\": "\\\\", "\"": "\\\"", "\n": "\\n", "\t": "\\t", "\r": "\\r" };

  // Lengths in characters (code points), as Python counts them, not in UTF-16 units.
  function length(text) {
    return Array.from(text).length;
  }

  function repeat(count) {
    return new Array(count + 1).join(" ");
  }

  function isEmpty(value) {
    if (value === null || value === undefined) return true;
    if (typeof value === "string" || Array.isArray(value)) return value.length === 0;
    if (typeof value === "object") return Object.keys(value).length === 0;
    return false;
  }

  function pruned(value) {
    if (Array.isArray(value)) {
      return value.map(pruned).filter(function (item) { return !isEmpty(item); });
    }
    if (value !== null && typeof value === "object") {
      var kept = {};
      Object.keys(value).forEach(function (key) {
        var item = pruned(value[key]);
        if (!isEmpty(item)) kept[key] = item;
      });
      return kept;
    }
    return value;
  }

  function isPlain(text) {
    return text.length > 0 && FIRST.indexOf(text[0]) === -1 && text[0] !== " " &&
      text[text.length - 1] !== " " && text[text.length - 1] !== ":" && text.indexOf(": ") === -1 &&
      text.indexOf(" #") === -1 && WORDS.indexOf(text.toLowerCase()) === -1 && !SPECIAL.test(text);
  }

  function hex(code, digits) {
    var text = code.toString(16).toUpperCase();
    while (text.length < digits) text = "0" + text;
    return text;
  }

  function quoted(text) {
    return "\"" + text.replace(SPECIAL_ALL, function (char) {
      if (ESCAPES[char]) return ESCAPES[char];
      var code = char.charCodeAt(0);
      return code < 0x100 ? "\\x" + hex(code, 2) : "\\u" + hex(code, 4);
    }) + "\"";
  }

  function inline(value) {
    if (value === true) return "true";
    if (value === false) return "false";
    if (typeof value === "number") return String(value);
    value = String(value);
    return isPlain(value) ? value : quoted(value);
  }

  function isFoldable(text) {
    return text.indexOf(" ") !== -1 && !SPECIAL.test(text) && text[0] !== " " &&
      text[text.length - 1] !== " " && text.indexOf("  ") === -1;
  }

  function folded(text, indent) {
    var words = text.split(" ");
    var lines = [];
    var line = words[0];
    for (var index = 1; index < words.length; index++) {
      var word = words[index];
      if (indent + length(line) + 1 + length(word) <= WIDTH) {
        line += " " + word;
      } else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
    return lines.map(function (each) { return repeat(indent) + each; });
  }

  function orderedKeys(mapping, spec) {
    var known = (spec.ordre || []).filter(function (key) {
      return Object.prototype.hasOwnProperty.call(mapping, key);
    });
    return known.concat(Object.keys(mapping).filter(function (key) { return known.indexOf(key) === -1; }));
  }

  function mappingLines(mapping, spec, indent) {
    var lines = [];
    orderedKeys(mapping, spec).forEach(function (key) {
      var value = mapping[key];
      var child = (spec.champs || {})[key] || {};
      var prefix = repeat(indent) + inline(String(key)) + ":";
      if (Array.isArray(value)) {
        lines.push(prefix);
        lines = lines.concat(sequenceLines(value, child.elements || {}, indent + STEP));
      } else if (value !== null && typeof value === "object") {
        lines.push(prefix);
        lines = lines.concat(mappingLines(value, child, indent + STEP));
      } else {
        var single = prefix + " " + inline(value);
        if (typeof value === "string" && length(single) > WIDTH && isFoldable(value)) {
          lines.push(prefix + " >-");
          lines = lines.concat(folded(value, indent + STEP));
        } else {
          lines.push(single);
        }
      }
    });
    return lines;
  }

  function sequenceLines(items, spec, indent) {
    var lines = [];
    items.forEach(function (item) {
      var block;
      if (Array.isArray(item)) {
        block = sequenceLines(item, spec.elements || {}, indent + STEP);
      } else if (item !== null && typeof item === "object") {
        block = mappingLines(item, spec, indent + STEP);
      } else {
        block = [repeat(indent + STEP) + inline(item)];
      }
      lines.push(repeat(indent) + "- " + block[0].slice(indent + STEP));
      lines = lines.concat(block.slice(1));
    });
    return lines;
  }

  /* The text of a data file holding `data`, keys in the schema's order (`layout.ordre`), after `layout.entete`. */
  function dump(data, layout) {
    return [layout.entete].concat(mappingLines(pruned(data), layout.ordre, 0)).join("\n") + "\n";
  }

  /* Data of a file's text, read as scripts/pipeline/load.py reads it: a plain number with a leading zero
     (« 003 ») stays text, dates stay text, and only whole numbers are numbers. */
  function load(text, jsyaml) {
    var integer = jsyaml.defineScalarTag("tag:yaml.org,2002:int", {
      implicit: true,
      implicitFirstChars: ["-", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
      resolve: function (source) {
        return /^-?(0|[1-9][0-9]*)$/.test(source) ? Number(source) : jsyaml.NOT_RESOLVED;
      },
      identify: function (value) { return Number.isInteger(value); }
    });
    var data = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA.withTags(integer) });
    return data === null || data === undefined ? {} : data;
  }

  return { dump: dump, load: load, pruned: pruned, WIDTH: WIDTH };
});
