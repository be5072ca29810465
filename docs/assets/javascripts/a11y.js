/* Accessibility fixes for stock Material that axe-core reports as serious:
 * - the search dialog has no accessible name: give it the search field's own (translated) label;
 * - scrollable table wrappers and display maths cannot be reached by keyboard: make them
 *   focusable, so readers can scroll wide tables and equations with the arrow keys. */
(function () {
  "use strict";

  var search = document.querySelector(".md-search[role='dialog']");
  var field = document.querySelector(".md-search__input");
  if (search && field && !search.hasAttribute("aria-label")) {
    search.setAttribute("aria-label", field.getAttribute("aria-label") || "Search");
  }

  function focusableScrollers() {
    document.querySelectorAll(".md-typeset__scrollwrap, div.arithmatex, .highlight-ipynb").forEach(function (wrapper) {
      if (!wrapper.hasAttribute("tabindex")) wrapper.setAttribute("tabindex", "0");
    });
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(focusableScrollers);
  } else {
    focusableScrollers();
  }
})();
