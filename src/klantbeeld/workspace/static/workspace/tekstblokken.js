// Text modules go into the answer where the cursor is, without sending the form (which
// would make the browser forget the chosen attachments). Without JavaScript the button
// sends the form and the server puts the module in. The texts, filled in for this answer,
// are in a JSON data block: the Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  const data = document.getElementById("tekstblokken");
  if (!data) {
    return;
  }
  const teksten = JSON.parse(data.textContent);
  // Fields the employee has been in: there the module goes where the cursor was; in a
  // field not yet touched, after what is there.
  const aangeraakt = new WeakSet();
  document.addEventListener("focusin", function (event) {
    aangeraakt.add(event.target);
  });
  // Enter in a field presses the form's first button, which without JavaScript shows the
  // form again; here it does nothing (the answer is sent only with its own button).
  for (const knop of document.querySelectorAll("button[data-niets]")) {
    knop.addEventListener("click", function (event) {
      event.preventDefault();
    });
  }
  for (const knop of document.querySelectorAll("button[data-tekstblok-voor]")) {
    knop.addEventListener("click", function (event) {
      const keuze = document.getElementById(knop.dataset.tekstblokKeuze);
      const veld = document.getElementById(knop.dataset.tekstblokVoor);
      const tekst = keuze && teksten[keuze.value];
      if (!veld || tekst === undefined) {
        return; // let the server answer
      }
      event.preventDefault();
      voegIn(veld, tekst);
      const status = document.getElementById(knop.dataset.tekstblokStatus);
      if (status) {
        status.textContent = knop.dataset.tekstblokGedaan;
      }
    });
  }

  function voegIn(veld, tekst) {
    const tot = aangeraakt.has(veld) ? veld.selectionStart : veld.value.length;
    const vanaf = aangeraakt.has(veld) ? veld.selectionEnd : veld.value.length;
    const voor = veld.value.slice(0, tot).replace(/\s+$/, "");
    const na = veld.value.slice(vanaf);
    const tussen = voor ? "\n\n" : "";
    veld.value = voor + tussen + tekst + na;
    const cursor = (voor + tussen + tekst).length;
    veld.focus();
    veld.setSelectionRange(cursor, cursor);
    veld.dispatchEvent(new Event("input", { bubbles: true }));
  }
})();
