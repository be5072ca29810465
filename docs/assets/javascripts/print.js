/* Printing a page: the light palette and every image, whatever the reader had on screen.
 *
 * Material's dark palette is screen-only CSS, but other stylesheets key their dark colours to
 * <body data-md-color-scheme="slate"> for every medium (the notebooks' JupyterLab colours, some of
 * nn101.css), which would print pale text on white paper. So while printing, <body> carries the
 * light palette's attributes (those of Material's light palette option), then gets its own back.
 *
 * Images are lazy: one the reader has not scrolled to, or one of the palette they are not in
 * (each figure has a light and a dark image), has never been fetched and would print as an
 * empty box. Printing starts their download; they stay eager afterwards, as they are loaded.
 *
 * Browsers fire beforeprint and afterprint; the print media query turning on and off (also what
 * an emulated print medium fires) is the same signal, so both are listened to and each step
 * runs once.
 */
(function () {
  "use strict";

  // What Material's palette sets on <body>, as dataset names.
  var PALETTE = ["mdColorScheme", "mdColorPrimary", "mdColorAccent"];
  var saved = null;  // the reader's palette while a print is under way

  function loadEveryImage() {
    document.querySelectorAll('img[loading="lazy"]').forEach(function (img) {
      img.loading = "eager";
    });
  }

  function usePrintPalette() {
    var light = document.querySelector('input.md-option[data-md-color-scheme="default"]');
    var body = document.body;
    if (saved || !light || body.dataset.mdColorScheme === light.dataset.mdColorScheme) return;
    saved = {};
    PALETTE.forEach(function (name) {
      saved[name] = body.dataset[name];
      if (light.dataset[name]) body.dataset[name] = light.dataset[name];
    });
  }

  function restorePalette() {
    if (!saved) return;
    var body = document.body;
    PALETTE.forEach(function (name) {
      if (saved[name] === undefined) delete body.dataset[name];
      else body.dataset[name] = saved[name];
    });
    saved = null;
  }

  function startPrint() {
    loadEveryImage();
    usePrintPalette();
  }

  window.addEventListener("beforeprint", startPrint);
  window.addEventListener("afterprint", restorePalette);
  window.matchMedia("print").addEventListener("change", function (event) {
    if (event.matches) startPrint();
    else restorePalette();
  });
})();
