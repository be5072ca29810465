/* Accessibility fixes for stock Material that axe-core reports as serious:
 * - the search dialog has no accessible name: give it the search field's own (translated) label;
 * - scrollable table wrappers, display maths and code blocks (wider than a phone) cannot be
 *   reached by keyboard: make them focusable, so readers can scroll wide tables, equations and
 *   code with the arrow keys;
 * - a code block with line numbers is a two-cell layout table (pymdownx.highlight's "table"
 *   style): say so (role="presentation"), so it is not read as a data table without a caption;
 * - every code block's copy button sits in an unlabelled <nav>: number their labels, so each
 *   landmark is unique. */
(function () {
  "use strict";

  /* The page's words for this script, from the data attributes the site puts on <body> in the
   * page's language ("{n}" stands for a number). */
  function pageString(name, n) {
    return (document.body.dataset[name] || "").replace("{n}", String(n));
  }

  var search = document.querySelector(".md-search[role='dialog']");
  var field = document.querySelector(".md-search__input");
  if (search && field && !search.hasAttribute("aria-label")) {
    search.setAttribute("aria-label", field.getAttribute("aria-label") || pageString("nn101Search"));
  }

  function focusableScrollers() {
    document.querySelectorAll(".md-typeset__scrollwrap, div.arithmatex, .highlight-ipynb, .md-typeset pre > code").forEach(function (wrapper) {
      if (!wrapper.hasAttribute("tabindex")) wrapper.setAttribute("tabindex", "0");
    });
  }

  function layoutTables() {
    document.querySelectorAll("table.highlighttable").forEach(function (table) {
      table.setAttribute("role", "presentation");
    });
  }

  function labelCodeNavs() {
    document.querySelectorAll(".md-code__nav").forEach(function (nav, index) {
      nav.setAttribute("aria-label", pageString("nn101CodeBlock", index + 1));
    });
  }

  function onPage() {
    focusableScrollers();
    layoutTables();
    labelCodeNavs();
    // Material adds the copy buttons as code blocks come into view: label those too.
    var content = document.querySelector(".md-content");
    if (content && !content.dataset.nn101Observed) {
      content.dataset.nn101Observed = "1";
      new MutationObserver(labelCodeNavs).observe(content, { childList: true, subtree: true });
    }
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(onPage);
  } else {
    onPage();
  }
})();
