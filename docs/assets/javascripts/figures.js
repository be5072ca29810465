/* Draws the site's interactive figures, behind a facade.
 *
 * Each interactive figure is a <div class="nn101-plotly" data-src="figure.json"> holding a
 * static rendering of the same numbers (notebook outputs carry the figure itself in a
 * data-figure attribute instead). That static SVG is what every reader sees first, and what print
 * and no-JavaScript readers keep. plotly.js (1.5 MB) is fetched only when a reader reaches for a
 * figure: pointer over it, keyboard focus on its "explore" button, a tap or a click. It is fetched
 * once per visit; after that, figures on later pages are drawn as they come near the viewport.
 * The script also re-colours every plot when the reader toggles the light/dark palette. It runs
 * on a direct load and after each of Material's instant navigations (document$), and keeps figure
 * data in files, never in inline scripts, which instant navigation would re-execute.
 */
(function () {
  "use strict";

  /* The page's words for this script, from the data attributes the site puts on <body> in the
   * page's language ("{n}" stands for a number). */
  function pageString(name, n) {
    return (document.body.dataset[name] || "").replace("{n}", String(n));
  }

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

  /* Plotly draws its menus and sliders in SVG, which the keyboard cannot reach and screen readers
   * do not announce. We take them out of the layout and build native, labelled <select>, <input
   * type="range"> and <button> controls that call the same Plotly methods. */
  function callPlotly(Plotly, element, method, args) {
    if (!method || method === "skip") return;
    Plotly[method].apply(null, [element].concat(args || []));
  }

  function labelled(text, control) {
    var label = document.createElement("label");
    label.className = "nn101-control";
    var caption = document.createElement("span");
    caption.textContent = text;
    label.appendChild(caption);
    label.appendChild(control);
    return label;
  }

  function menuControls(Plotly, element, menu, index) {
    var buttons = menu.buttons || [];
    if (menu.type === "buttons") {
      return buttons.map(function (spec) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-button nn101-control";
        button.textContent = spec.label;
        button.addEventListener("click", function () {
          callPlotly(Plotly, element, spec.method, spec.args);
        });
        return button;
      });
    }
    var select = document.createElement("select");
    buttons.forEach(function (spec, i) {
      var option = new Option(spec.label, String(i), false, i === (menu.active || 0));
      select.appendChild(option);
    });
    select.addEventListener("change", function () {
      var spec = buttons[Number(select.value)];
      callPlotly(Plotly, element, spec.method, spec.args);
    });
    return [labelled(menu.name || pageString("nn101Menu", index + 1), select)];
  }

  function sliderControl(Plotly, element, slider, index) {
    var steps = slider.steps || [];
    var range = document.createElement("input");
    range.type = "range";
    range.min = "0";
    range.max = String(steps.length - 1);
    range.value = String(slider.active || 0);
    var output = document.createElement("output");
    var prefix = (slider.currentvalue && slider.currentvalue.prefix) || slider.name || "";
    function show(i) {
      output.textContent = steps[i] ? steps[i].label : "";
      range.setAttribute("aria-valuetext", prefix + output.textContent);
    }
    show(Number(range.value));
    range.addEventListener("input", function () {
      var i = Number(range.value);
      show(i);
      callPlotly(Plotly, element, steps[i].method, steps[i].args);
    });
    // Keep the slider in step with an animation started by a play button.
    element.on("plotly_animatingframe", function (event) {
      steps.forEach(function (step, i) {
        if (step.args && step.args[0] && step.args[0][0] === event.name) {
          range.value = String(i);
          show(i);
        }
      });
    });
    var label = labelled(prefix.trim() || pageString("nn101Slider", index + 1), range);
    label.appendChild(output);
    return label;
  }

  function buildControls(Plotly, element, menus, sliders) {
    if (!menus.length && !sliders.length) return;
    var panel = document.createElement("div");
    panel.className = "nn101-controls";
    menus.forEach(function (menu, i) {
      menuControls(Plotly, element, menu, i).forEach(function (c) { panel.appendChild(c); });
    });
    sliders.forEach(function (slider, i) {
      panel.appendChild(sliderControl(Plotly, element, slider, i));
    });
    element.parentNode.insertBefore(panel, element);
  }

  function draw(element) {
    if (element.dataset.state !== "ready") return;
    element.dataset.state = "loading";
    // Keep the figure's height while plotly loads, so the text below does not jump.
    element.style.minHeight = element.offsetHeight + "px";
    Promise.all([loadPlotly(plotlySrc), figureData(element)])
    .then(function (results) {
      var Plotly = results[0], figure = results[1];
      var layout = figure.layout || {};
      var menus = layout.updatemenus || [], sliders = layout.sliders || [];
      layout.updatemenus = [];
      layout.sliders = [];
      // The static rendering stays, hidden on screen once the plot is drawn: print shows it
      // instead of the plot (nn101.css), in the light palette, whatever the reader explored.
      var fallback = Array.prototype.slice.call(element.children);
      var config = { responsive: true, displaylogo: false, scrollZoom: false };
      var spec = { data: figure.data, layout: layout, frames: figure.frames, config: config };
      var hadFocus = element.contains(document.activeElement);
      return Plotly.newPlot(element, spec).then(function () {
        fallback.forEach(function (child) {
          if (child.classList.contains("nn101-plotly__start")) child.remove();
          else child.classList.add("nn101-plotly__static");
        });
        element.style.minHeight = "";
        buildControls(Plotly, element, menus, sliders);
        element.dataset.state = "drawn";
        if (hadFocus) focusFirstControl(element);
        return applyTheme(Plotly, element);
      });
    }).catch(function (error) {
      element.dataset.state = "failed";  // the static rendering stays visible
      element.style.minHeight = "";
      console.error("nn101 figure:", error);
    });
  }

  /* The start button disappears with the static rendering: keep a keyboard reader's place. */
  function focusFirstControl(element) {
    var panel = element.previousElementSibling;
    var control = panel && panel.classList.contains("nn101-controls")
      ? panel.querySelector("select, input, button")
      : null;
    if (!control) {
      element.setAttribute("tabindex", "-1");
      control = element;
    }
    control.focus({ preventScroll: true });
  }

  /* The facade: a button over the static figure, and the gestures that mean "I want to explore
   * this". Until one happens, the page has downloaded nothing of plotly. */
  function addFacade(element) {
    if (element.dataset.state) return;
    element.dataset.state = "ready";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button nn101-plotly__start";
    button.textContent = element.dataset.startLabel || pageString("nn101Explore");
    element.appendChild(button);
    var start = function () { draw(element); };
    ["pointerenter", "focusin", "click", "touchstart"].forEach(function (type) {
      element.addEventListener(type, start, { once: true, passive: true });
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
    elements.forEach(addFacade);
    // Once plotly is here (the reader asked for it earlier in this visit), drawing costs no
    // download: draw each figure as it comes near the viewport, as if the reader had asked.
    if (elements.length && window.Plotly) drawWhenVisible(elements);
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
