// veille web UI: the only script of the pages (served from this server; no inline handlers).
// "/" focuses the search box; "j"/"k" move through results and table rows, Enter opens the
// selected one; the legend's checkboxes show or hide each kind of highlight.
(function () {
  "use strict";
  function typing(target) {
    var tag = (target && target.tagName) || "";
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }
  var selected = -1;
  function rows() { return Array.prototype.slice.call(document.querySelectorAll("[data-nav]")); }
  function select(i) {
    var all = rows();
    if (!all.length) { return; }
    selected = Math.max(0, Math.min(all.length - 1, i));
    all.forEach(function (el, j) { el.classList.toggle("selected", j === selected); });
    var link = all[selected].querySelector("a");
    if (link) { link.focus(); }
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    if (event.key === "/") {
      var box = document.getElementById("q") || document.getElementById("quick-q");
      if (box) { event.preventDefault(); box.focus(); box.select(); }
    } else if (event.key === "j") {
      select(selected + 1);
    } else if (event.key === "k") {
      select(selected - 1);
    }
  });
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (box && box.classList && box.classList.contains("toggle")) {
      document.body.classList.toggle("hide-" + box.getAttribute("data-kind"), !box.checked);
    }
  });
})();
