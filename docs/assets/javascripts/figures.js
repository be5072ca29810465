/* Draws the site's interactive figures.
 *
 * Each interactive figure is a <div class="nn101-plotly" data-src="figure.json"> holding a
 * static rendering of the same numbers (notebook outputs carry the figure itself in a
 * data-figure attribute instead). plotly.js sits next to this script in assets/vendor/. This script
 * loads plotly.js (once per visit, only on pages that have such a div, only when one comes near
 * the viewport), draws the figure over its static rendering, and re-colours every plot when the
 * reader toggles the light/dark palette. It runs on a direct load and after each of Material's
 * instant navigations (document$), and keeps figure data in files, never in inline scripts,
 * which instant navigation would re-execute.
 */
(function () {
  "use strict";

  var plotlyPromise = null;
  // assets/javascripts/figures.js -> assets/vendor/plotly-cartesian.min.js, wherever the site lives
  var plotlySrc = document.currentScript
    ? new URL("../vendor/plotly-cartesian.min.js", document.currentScript.src).href
    : null;

  function loadPlotly(src) {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!plotlyPromise) {
      plotlyPromise = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.async = true;
        script.onload = function () { resolve(window.Plotly); };
        script.onerror = function () {
          plotlyPromise = null;
          reject(new Error("could not load " + src));
        };
        document.head.appendChild(script);
      });
    }
    return plotlyPromise;
  }

  function cssColor(name, fallback) {
    var value = getComputedStyle(document.body).getPropertyValue(name).trim();
    return value || fallback;
  }

  /* Colours from Material's palette variables, so plots follow the theme the reader sees. */
  function themeLayout(layout) {
    var ink = cssColor("--md-default-fg-color", "#222");
    var faint = cssColor("--md-default-fg-color--lightest", "rgba(0,0,0,0.1)");
    var update = {
      "font.color": ink,
      "legend.font.color": ink,
      "paper_bgcolor": "rgba(0,0,0,0)",
      "plot_bgcolor": "rgba(0,0,0,0)"
    };
    Object.keys(layout || {}).forEach(function (key) {
      if (/^[xy]axis\d*$/.test(key)) {
        update[key + ".gridcolor"] = faint;
        update[key + ".zerolinecolor"] = faint;
        update[key + ".linecolor"] = ink;
        update[key + ".tickcolor"] = ink;
      }
    });
    update["xaxis.gridcolor"] = faint;
    update["yaxis.gridcolor"] = faint;
    return update;
  }

  function applyTheme(Plotly, element) {
    return Plotly.relayout(element, themeLayout(element.layout));
  }

  function figureData(element) {
    if (element.dataset.figure) return Promise.resolve(JSON.parse(element.dataset.figure));
    return fetch(element.dataset.src).then(function (response) {
      if (!response.ok) throw new Error(element.dataset.src + ": HTTP " + response.status);
      return response.json();
    });
  }

  function draw(element) {
    if (element.dataset.state) return;
    element.dataset.state = "loading";
    Promise.all([loadPlotly(plotlySrc), figureData(element)])
    .then(function (results) {
      var Plotly = results[0], figure = results[1];
      var fallback = Array.prototype.slice.call(element.children);
      var config = { responsive: true, displaylogo: false, scrollZoom: false };
      return Plotly.newPlot(element, figure.data, figure.layout || {}, config).then(function () {
        fallback.forEach(function (child) { child.remove(); });
        element.removeAttribute("title");
        element.dataset.state = "drawn";
        if (figure.frames) Plotly.addFrames(element, figure.frames);
        return applyTheme(Plotly, element);
      });
    }).catch(function (error) {
      element.dataset.state = "failed";  // the static rendering stays visible
      console.error("nn101 figure:", error);
    });
  }

  function drawWhenVisible(elements) {
    if (!("IntersectionObserver" in window)) {
      elements.forEach(draw);
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          draw(entry.target);
        }
      });
    }, { rootMargin: "300px" });
    elements.forEach(function (element) { observer.observe(element); });
  }

  function onPage() {
    var elements = Array.prototype.slice.call(document.querySelectorAll(".nn101-plotly"));
    if (elements.length) drawWhenVisible(elements);
  }

  /* Palette toggle: Material sets data-md-color-scheme on <body>. */
  new MutationObserver(function () {
    if (!window.Plotly) return;
    document.querySelectorAll(".nn101-plotly[data-state='drawn']").forEach(function (element) {
      applyTheme(window.Plotly, element);
    });
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(onPage);  // first load and every instant navigation
  } else {
    onPage();
  }
})();
