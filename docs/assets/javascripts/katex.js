/* Renders the page's maths with the self-hosted KaTeX, on a direct load and after every instant
 * navigation (Material's document$). In chapters, pymdownx.arithmatex (generic mode) marks maths
 * as \( ... \) and \[ ... \] inside .arithmatex elements; in notebook pages, nbconvert leaves
 * the notebook's $ ... $ and $$ ... $$ in its rendered Markdown cells. */
(function () {
  "use strict";

  var ARITHMATEX = [
    { left: "\\(", right: "\\)", display: false },
    { left: "\\[", right: "\\]", display: true }
  ];
  var NOTEBOOK = [
    { left: "$$", right: "$$", display: true },
    { left: "$", right: "$", display: false }
  ];

  function renderAll(selector, delimiters) {
    document.querySelectorAll(selector).forEach(function (element) {
      window.renderMathInElement(element, { delimiters: delimiters, throwOnError: false });
    });
  }

  function render() {
    if (typeof window.renderMathInElement !== "function") return;
    renderAll(".arithmatex", ARITHMATEX);
    renderAll(".jp-RenderedMarkdown", NOTEBOOK);
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(render);
  } else {
    render();
  }
})();
