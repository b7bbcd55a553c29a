// The colleague search above a task's "to whom" list (templates/workspace/_collega_kiezer.html):
// htmx fills the list as one types, so the search is shown only where scripts run
// (without them the list holds everyone, with the same information). Enter in the search
// looks up at once instead of sending the task's form.
(function () {
  "use strict";
  function toon(root) {
    for (const kiezer of root.querySelectorAll("[data-collegakiezer][hidden]")) {
      kiezer.hidden = false;
    }
  }
  document.addEventListener("keydown", function (event) {
    const veld = event.target;
    if (event.key !== "Enter" || !(veld instanceof HTMLInputElement)) {
      return;
    }
    if (veld.closest("[data-collegakiezer]")) {
      event.preventDefault();
      veld.dispatchEvent(new Event("search", { bubbles: true }));
    }
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      toon(document);
    });
  } else {
    toon(document);
  }
  document.addEventListener("htmx:load", function (event) {
    toon(event.target);
  });
})();
