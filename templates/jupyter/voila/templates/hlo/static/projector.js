// Projector mode: big text, big controls and full-width figures for the back of the room.
// The navigation bar's toggle (.hlo-projector-toggle, markup from hlo_design/render/navigation.py)
// switches the class "hlo-projector" on <html>; static/projector.css does the rest. The choice is
// remembered in localStorage, so every dashboard of the workbook opens in the mode last chosen.
// This script runs in the page head, before the body is drawn: a page never flashes in the other mode.
(function () {
  "use strict";
  var KEY = "hlo-projector";
  var root = document.documentElement;
  function stored() {
    try { return window.localStorage.getItem(KEY) === "on"; } catch (error) { return false; }
  }
  function mark(button) { button.setAttribute("aria-pressed", String(root.classList.contains("hlo-projector"))); }
  function apply(on) {
    root.classList.toggle("hlo-projector", on);
    Array.prototype.forEach.call(document.querySelectorAll(".hlo-projector-toggle"), mark);
    // plotly figures follow their container's new width on a window resize
    window.dispatchEvent(new Event("resize"));
  }
  root.classList.toggle("hlo-projector", stored());
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".hlo-projector-toggle");
    if (!button) return;
    var on = !root.classList.contains("hlo-projector");
    try { window.localStorage.setItem(KEY, on ? "on" : "off"); } catch (error) { /* private mode: this page only */ }
    apply(on);
  });
  // the toggle arrives later, with the page head widget: give it the current state when it appears
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      Array.prototype.forEach.call(record.addedNodes, function (node) {
        if (node.nodeType !== 1) return;
        if (node.matches(".hlo-projector-toggle")) mark(node);
        Array.prototype.forEach.call(node.querySelectorAll(".hlo-projector-toggle"), mark);
      });
    });
  }).observe(root, { childList: true, subtree: true });
})();
