// Step mode of a phase dashboard: the page's sections one at a time, for a meeting that goes through
// them in order ("stap 3 van 7"), and back to the long page ("alles tonen").
//
// A section is a heading the notebook shows with an anchor (<h2><span class="hlo-anchor"
// id="hlo-section-…">, hlo_design/phases/common.py) plus every output cell after it, up to the next
// one; the cells before the first section (page title, introduction) belong to the first step.
// Nothing is moved: cells of other steps only get a class that hides them, so widgets, the save
// button (fixed on the body) and Voilà's own bookkeeping are untouched. Voilà and the widgets draw
// after the page has loaded (the navigation bar is a widget too), so the steps are worked out again
// whenever cells or the bar arrive.
//
// The step is kept in the address as #hlo-step-<phase>-<section>: reloading or sharing the address
// opens the same step; an address without it shows the long page. Every word comes from the bar
// (templates/navigation.html.j2, built by the kernel in the page's language): none is written here.
(function () {
  "use strict";
  var SECTION = "hlo-section-";
  var STEP = "#hlo-step-";
  var current = null;  // the id (phase-section) of the step shown, null for the long page
  var shown = null;  // the step whose figures were last resized

  // the stylesheet beside this script: one include line in the page template
  var script = document.currentScript;
  if (script) {
    var sheet = document.createElement("link");
    sheet.rel = "stylesheet";
    sheet.href = script.src.replace(/steps\.js(\?.*)?$/, "steps.css");
    document.head.appendChild(sheet);
  }

  function fromHash() {
    return location.hash.indexOf(STEP) === 0 ? decodeURIComponent(location.hash.slice(STEP.length)) : null;
  }

  // the steps in page order: [{id: "diagnose-findings", cells: [...]}]
  function steps() {
    var anchors = document.querySelectorAll(".jp-Cell h2 .hlo-anchor[id^='" + SECTION + "']");
    if (!anchors.length) return [];
    // the cells' common box (Voilà wraps each cell once more): the lowest one holding every heading
    var last = anchors[anchors.length - 1];
    var container = anchors[0].closest(".jp-Cell").parentElement;
    while (container.parentElement && !container.contains(last)) {
      container = container.parentElement;
    }
    var list = [];
    var before = [];
    Array.prototype.forEach.call(container.children, function (cell) {
      var anchor = cell.querySelector("h2 .hlo-anchor[id^='" + SECTION + "']");
      if (anchor) list.push({ id: anchor.id.slice(SECTION.length), cells: list.length ? [] : before });
      (list.length ? list[list.length - 1].cells : before).push(cell);
    });
    return list;
  }

  function scroller() {
    var host = document.querySelector(".hlo-nav-host");
    return host ? host.parentElement : document.scrollingElement;
  }

  // Plotly sizes a figure drawn in a hidden cell to its default width: size it to its cell once shown
  function resizeFigures(cells) {
    cells.forEach(function (cell) {
      cell.querySelectorAll(".js-plotly-plot").forEach(function (plot) {
        if (window.Plotly && window.Plotly.Plots) window.Plotly.Plots.resize(plot);
      });
    });
    window.dispatchEvent(new Event("resize"));  // the plotly renderer and Lumino listen for it too
  }

  // on a narrow screen the section links scroll sideways: bring the current step's link into view
  function revealLink() {
    var link = document.querySelector("a.hlo-nav-section[aria-current]");
    var row = link && link.parentElement;
    if (!row) return;
    var offset = link.getBoundingClientRect().left - row.getBoundingClientRect().left;
    if (offset < 0 || offset + link.offsetWidth > row.clientWidth) row.scrollLeft += offset - 16;
  }

  function apply() {
    var stepper = document.querySelector(".hlo-nav-stepper");
    var list = steps();
    var index = -1;
    list.forEach(function (step, i) { if (step.id === current) index = i; });
    if (current !== null && list.length && index < 0) index = 0;  // an unknown step in the address: the first
    var stepping = current !== null && index >= 0;
    document.body.classList.toggle("hlo-stepping", stepping);
    list.forEach(function (step, i) {
      step.cells.forEach(function (cell) { cell.classList.toggle("hlo-step-hidden", stepping && i !== index); });
    });
    document.querySelectorAll("a.hlo-nav-section").forEach(function (link) {
      var here = stepping && link.getAttribute("href") === "#" + SECTION + list[index].id;
      if (here) link.setAttribute("aria-current", "step");
      else link.removeAttribute("aria-current");
    });
    document.querySelectorAll("a.hlo-nav-language").forEach(function (link) {
      if (!link.dataset.plainHref) link.dataset.plainHref = link.getAttribute("href");
      link.setAttribute("href", link.dataset.plainHref + (stepping ? STEP + encodeURIComponent(list[index].id) : ""));
    });
    if (!stepper) return;
    stepper.hidden = list.length < 2;
    stepper.classList.toggle("hlo-stepper-on", stepping);
    if (stepping) {
      stepper.querySelector(".hlo-step-position").textContent = stepper.dataset.position
        .replace("{step}", String(index + 1)).replace("{count}", String(list.length));
      stepper.querySelector(".hlo-step-previous").disabled = index === 0;
      stepper.querySelector(".hlo-step-next").disabled = index === list.length - 1;
      if (shown !== list[index].id) {
        shown = list[index].id;
        requestAnimationFrame(function () { resizeFigures(list[index].cells); });
        revealLink();
      }
    } else if (shown !== null) {
      shown = null;
      requestAnimationFrame(function () { resizeFigures(Array.prototype.concat.apply([], list.map(function (s) { return s.cells; }))); });
    }
  }

  function go(id) {
    current = id;
    var address = location.pathname + location.search + (id === null ? "" : STEP + encodeURIComponent(id));
    history.replaceState(history.state, "", address);
    apply();
    var box = scroller();
    if (box) box.scrollTop = 0;
  }

  function move(by) {
    var list = steps();
    var index = 0;
    list.forEach(function (step, i) { if (step.id === current) index = i; });
    var next = list[Math.min(Math.max(index + by, 0), list.length - 1)];
    if (next) go(next.id);
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    if (target.closest(".hlo-step-enter")) return go((steps()[0] || { id: null }).id);
    if (target.closest(".hlo-step-all")) return go(null);
    if (target.closest(".hlo-step-previous")) return move(-1);
    if (target.closest(".hlo-step-next")) return move(1);
    var link = target.closest("a.hlo-nav-section");
    if (link && current !== null) {
      event.preventDefault();
      go(link.getAttribute("href").slice(1 + SECTION.length));
    }
  });

  window.addEventListener("hashchange", function () {
    current = fromHash();
    apply();
  });

  // cells, widgets and the bar arrive after the page has loaded: work the steps out again, once a frame
  var pending = false;
  function later() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; apply(); });
  }
  current = fromHash();
  function start() {
    new MutationObserver(function (changes) {
      for (var i = 0; i < changes.length; i++) {
        if (changes[i].addedNodes.length) return later();
      }
    }).observe(document.body, { childList: true, subtree: true });
    apply();
  }
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
