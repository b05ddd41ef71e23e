// Review: a check box that selects (or clears) every item of its section. Without this
// script each item is selected on its own; the bulk forms work the same.
"use strict";
(function () {
  document.querySelectorAll("input.pick-all").forEach(function (all) {
    var formId = all.getAttribute("data-form");
    var picks = document.querySelectorAll('input.pick[form="' + formId + '"]');
    if (!picks.length) { return; }
    all.hidden = false;
    all.nextElementSibling.hidden = false;
    all.addEventListener("change", function () {
      picks.forEach(function (p) { p.checked = all.checked; });
    });
    picks.forEach(function (p) {
      p.addEventListener("change", function () {
        all.checked = Array.prototype.every.call(picks, function (q) { return q.checked; });
      });
    });
  });
})();
