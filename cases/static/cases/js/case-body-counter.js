/*
 * Live character count for the typical-case body (典型案例正文 ≤ 3000 字).
 *
 * Loaded in every page editor by cases/wagtail_hooks.py, it only acts where the
 * case editor's counter element ([data-case-body-counter], a HelpPanel of
 * CasePage) is present.
 *
 * The counting rule is the one in cases/rules.py:
 * - the reading text of every block in the ``body`` stream: paragraphs (the
 *   Draftail content state's text), headings, quotes and their attribution,
 *   image captions, table cells and table captions; never embed URLs, image
 *   ids, alt text, heading sizes or the stream's bookkeeping fields;
 * - non-whitespace characters, counted as code points: the whitespace class is
 *   JavaScript's \s (ASCII whitespace, U+00A0 no-break space, U+3000
 *   ideographic space, …), exactly Python's ``cases.rules.WHITESPACE``;
 *   full-width punctuation counts.
 * It reads the form's own data (FormData), so it follows the editor whatever
 * the widgets look like; it recounts on input and every half second (Draftail
 * writes its hidden input a moment after typing).
 *
 * The counter moves into the editor's sticky footer, beside 提交审核, so it stays
 * in sight while typing or pasting; it turns amber from data-warn characters and
 * red above data-limit, saying how many characters to cut.
 */
(function () {
  "use strict";

  var WHITESPACE = /\s/g;
  var SKIPPED_SUFFIXES = ["-type", "-deleted", "-order", "-id", "-count", "-size", "-alt_text", "-decorative", "-image"];
  var SKIPPED_TYPES = { embed: true };

  function countCharacters(text) {
    return Array.from(String(text || "").replace(WHITESPACE, "")).length;
  }

  function htmlToText(markup) {
    var element = document.createElement("div");
    element.innerHTML = String(markup || "").replace(/</g, " <");
    return element.textContent || "";
  }

  function valueText(value) {
    var trimmed = String(value || "").trim();
    if (trimmed === "null") return ""; // an empty Draftail editor
    if (trimmed.charAt(0) === "{") {
      try {
        var data = JSON.parse(trimmed);
        if (data && Array.isArray(data.blocks)) {
          // Draftail content state: the text of each block.
          return data.blocks.map(function (block) { return block.text || ""; }).join("\n");
        }
        if (data && Array.isArray(data.data)) {
          // TableBlock: every cell, plus the caption.
          var cells = [data.table_caption || ""];
          data.data.forEach(function (row) {
            (row || []).forEach(function (cell) {
              if (cell !== null && cell !== undefined) cells.push(htmlToText(cell));
            });
          });
          return cells.join("\n");
        }
        return "";
      } catch (error) {
        return value;
      }
    }
    return value;
  }

  function bodyText(form) {
    var data = new FormData(form);
    var types = {};
    var deleted = {};
    data.forEach(function (value, name) {
      var match = /^(body-\d+)-(type|deleted)$/.exec(name);
      if (match && match[2] === "type") types[match[1]] = value;
      if (match && match[2] === "deleted" && value === "1") deleted[match[1]] = true;
    });
    var parts = [];
    data.forEach(function (value, name) {
      if (typeof value !== "string" || name.indexOf("body-") !== 0) return;
      var top = /^(body-\d+)/.exec(name);
      if (!top || deleted[top[1]] || SKIPPED_TYPES[types[top[1]]]) return;
      if (!/^body-\d+-value/.test(name)) return;
      for (var i = 0; i < SKIPPED_SUFFIXES.length; i++) {
        var suffix = SKIPPED_SUFFIXES[i];
        if (name.slice(-suffix.length) === suffix && name !== top[1] + "-value") return;
      }
      parts.push(valueText(value));
    });
    return parts.join("\n");
  }

  // What the counter says about ``count`` characters: "ok", "near" (from warnFrom) or "over".
  function describe(count, limit, warnFrom) {
    if (count > limit) {
      return { state: "over", note: "超出 " + (count - limit) + " 字，请删减" };
    }
    if (count >= warnFrom) {
      return { state: "near", note: "还可写 " + (limit - count) + " 字" };
    }
    return { state: "ok", note: "" };
  }

  function start(counter) {
    var form = counter.closest("form") || document.querySelector("form[data-edit-form], form#page-edit-form");
    if (!form) return;
    var limit = parseInt(counter.getAttribute("data-limit"), 10) || 3000;
    var warnFrom = parseInt(counter.getAttribute("data-warn"), 10) || Math.round(limit * 0.9);
    var output = counter.querySelector("[data-case-body-count]");
    var note = counter.querySelector("[data-case-body-note]");
    var footer = form.querySelector("footer.footer");
    if (footer) {
      footer.appendChild(counter);
      counter.classList.add("case-body-counter--docked");
    }
    var last = -1;

    function update() {
      var count = countCharacters(bodyText(form));
      if (count === last) return;
      last = count;
      output.textContent = String(count);
      var described = describe(count, limit, warnFrom);
      counter.classList.toggle("case-body-counter--near", described.state === "near");
      counter.classList.toggle("case-body-counter--over", described.state === "over");
      if (note) note.textContent = described.note;
    }

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    window.setInterval(update, 500);
    update();
  }

  function init() {
    document.querySelectorAll("[data-case-body-counter]").forEach(start);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }

  window.caseBodyCounter = { countCharacters: countCharacters, valueText: valueText, describe: describe };
})();
