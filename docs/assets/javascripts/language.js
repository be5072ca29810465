/* The language switch opens the page the reader is on, at the section they are at, in the other
 * edition. Its links (overrides/partials/alternate.html) name the page the header was rendered
 * for, and instant navigation keeps the header: so the target is worked out at click time, from
 * the current address and the two editions' roots. A full load, as every edition has its own
 * sitemap (instant navigation stays inside one). Runs in the capture phase, before Material's
 * own click handlers. */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    var link = event.target instanceof Element && event.target.closest("a[data-nn101-edition-root]");
    var current = document.querySelector("a[data-nn101-edition-root][aria-current]");
    // The 404 page may be served at any address: its links go to each edition's home.
    if (!link || !current || document.querySelector("[data-nn101-not-found]")) return;
    var here = current.getAttribute("data-nn101-edition-root");
    var there = link.getAttribute("data-nn101-edition-root");
    var address = window.location.href.split("#")[0];
    if (address.indexOf(here) !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    window.location.assign(there + address.slice(here.length) + window.location.hash);
  }, true);
})();
