// The call panel (workspace/belpaneel.py): saves what the agent types as they type, so a
// click elsewhere, a reload or a second tab loses nothing; sends what a page offers to the
// call (buttons with data-belpaneel-tekst, -zaak, -klant, -collega); puts the panel back in
// place after each action; and gives the keyboard shortcuts the panel shows.
// Without this script every panel button is an ordinary form that returns to the page.
(function () {
  "use strict";
  let paneel = document.getElementById("belpaneel");
  if (!paneel) {
    return;
  }
  const WACHT_MS = 500; // after the last keystroke, before saving
  let timer = null;
  let gewijzigd = false;
  let bezig = Promise.resolve();

  function form() {
    return document.getElementById("belpaneel-form");
  }

  function token() {
    const veld = paneel.querySelector("input[name=csrfmiddlewaretoken]");
    return veld ? veld.value : "";
  }

  function status(tekst) {
    const plek = paneel.querySelector("[data-belpaneel-status]");
    if (plek) {
      plek.textContent = tekst;
    }
  }

  // Every request of the panel goes one after the other: a save never overtakes an action.
  function stuur(url, data) {
    bezig = bezig.then(function () {
      return fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-Belpaneel": "1", "X-CSRFToken": token() },
      }).then(function (antwoord) {
        if (!antwoord.ok) {
          status(paneel.dataset.fout || "Niet opgeslagen: probeer het opnieuw.");
          throw new Error(String(antwoord.status));
        }
        return antwoord.status === 204 ? null : antwoord.text();
      }).then(function (html) {
        if (html !== null) {
          vervang(html);
        } else {
          status(paneel.dataset.opgeslagen || "Opgeslagen");
        }
      }).catch(function () {
        gewijzigd = true;
      });
    });
    return bezig;
  }

  function opslaan() {
    clearTimeout(timer);
    const f = form();
    if (!gewijzigd || !f) {
      return bezig;
    }
    gewijzigd = false;
    return stuur(f.action, new FormData(f));
  }

  function vervang(html) {
    const houder = document.createElement("div");
    houder.innerHTML = html.trim();
    const nieuw = houder.firstElementChild;
    if (!nieuw) {
      return;
    }
    const focus = document.activeElement && document.activeElement.id;
    paneel.replaceWith(nieuw);
    paneel = nieuw;
    toonKnoppen();
    tijd();
    if (focus && paneel.contains(document.getElementById(focus))) {
      document.getElementById(focus).focus();
    }
  }

  // What the page offers the call: visible only with this script, which handles them.
  const AANBOD = {
    belpaneelTekst: ["tekst", "tekst"],
    belpaneelZaak: ["zaak", "zaak"],
    belpaneelKlant: ["klant", "partij"],
    belpaneelCollega: ["collega", "actor"],
  };

  function toonKnoppen() {
    const kiezer = Object.keys(AANBOD)
      .map(function (sleutel) {
        return "[data-" + sleutel.replace(/[A-Z]/g, "-$&").toLowerCase() + "]";
      })
      .join(",");
    for (const knop of document.querySelectorAll(kiezer)) {
      knop.hidden = false;
    }
  }

  // After "this is the caller" the agent notes the question: the notes get the focus.
  function naAanbod(actie) {
    if (actie === "klant") {
      const notities = paneel.querySelector('[data-sneltoets="i"]');
      if (notities) {
        notities.focus();
      }
    }
  }

  function aanbieden(knop) {
    for (const sleutel of Object.keys(AANBOD)) {
      if (knop.dataset[sleutel] !== undefined) {
        const [actie, veld] = AANBOD[sleutel];
        const f = form();
        const data = f ? new FormData(f) : new FormData();
        data.set(veld, knop.dataset[sleutel]);
        data.set("label", knop.dataset.belpaneelLabel || "");
        clearTimeout(timer);
        gewijzigd = false;
        const url = paneel.dataset.actie.replace("NAAM", actie);
        stuur(url, data).then(function () {
          knop.setAttribute("aria-pressed", "true");
          naAanbod(actie);
        });
        return true;
      }
    }
    return false;
  }

  document.addEventListener("click", function (event) {
    const knop = event.target.closest("button");
    if (knop && aanbieden(knop)) {
      event.preventDefault();
      return;
    }
    // Leaving the page with unsaved notes: save first, then go.
    const link = event.target.closest("a[href]");
    if (
      link && gewijzigd && !event.ctrlKey && !event.metaKey && !event.shiftKey &&
      !link.target && link.origin === location.origin
    ) {
      event.preventDefault();
      opslaan().then(function () {
        location.assign(link.href);
      });
    }
  });

  // The panel's search boxes (knowledge, colleagues): results as the agent types, in the
  // panel, each with its button to take it into the call.
  let zoekTimer = null;
  function zoek(vak) {
    const invoer = vak.querySelector("input[type=search]");
    const plek = vak.querySelector("[data-belpaneel-resultaten]");
    const vraag = invoer.value.trim();
    if (vraag.length < 2) {
      plek.replaceChildren();
      return;
    }
    const url = vak.dataset.belpaneelZoekvak + encodeURIComponent(vraag);
    fetch(url, { credentials: "same-origin" })
      .then(function (antwoord) {
        return antwoord.ok ? antwoord.text() : "";
      })
      .then(function (html) {
        if (invoer.value.trim() === vraag) {
          plek.innerHTML = html;
          vak.dataset.gezocht = vraag;
          toonKnoppen();
        }
      })
      .catch(function () {});
  }
  document.addEventListener("input", function (event) {
    const vak = event.target.closest("[data-belpaneel-zoekvak]");
    if (vak) {
      clearTimeout(zoekTimer);
      zoekTimer = setTimeout(function () {
        zoek(vak);
      }, 250);
    }
  });

  document.addEventListener("submit", function (event) {
    const f = event.target;
    const knop = event.submitter;
    if (f.hasAttribute("data-belpaneel-zoekvak")) {
      event.preventDefault();
      clearTimeout(zoekTimer);
      // Enter on results already shown takes the first one into the call.
      const eerste = f.querySelector("[data-belpaneel-resultaten] button");
      const invoer = f.querySelector("input[type=search]");
      if (eerste && f.dataset.gezocht === invoer.value.trim()) {
        eerste.click();
      } else {
        zoek(f);
      }
      return;
    }
    if (f.hasAttribute("data-belpaneel-actie")) {
      event.preventDefault();
      const bevestig = f.dataset.belpaneelBevestig;
      if (bevestig && !window.confirm(bevestig)) {
        return;
      }
      const url = (knop && knop.getAttribute("formaction")) || f.action;
      const data = new FormData(f, knop);
      // A page's form for the panel (the customer view's "this is the caller") takes the
      // notes along, as the panel's own buttons do.
      const notities = form();
      if (notities && !paneel.contains(f)) {
        for (const [naam, waarde] of new FormData(notities)) {
          if (!data.has(naam)) {
            data.append(naam, waarde);
          }
        }
      }
      clearTimeout(timer);
      gewijzigd = false;
      stuur(url, data).then(function () {
        if (data.has("partij") && data.get("partij") !== "los") {
          naAanbod("klant");
        }
      });
    } else if (gewijzigd && event.defaultPrevented) {
      // htmx sends this form itself: only save the notes beside it.
      opslaan();
    } else if (gewijzigd) {
      // A form of the page itself: save the notes first, then send it.
      event.preventDefault();
      opslaan().then(function () {
        if (knop && knop.name) {
          const waarde = document.createElement("input");
          waarde.type = "hidden";
          waarde.name = knop.name;
          waarde.value = knop.value;
          f.appendChild(waarde);
        }
        f.submit();
      });
    }
  });

  document.addEventListener("input", function (event) {
    if (form() && form().contains(event.target)) {
      gewijzigd = true;
      status("");
      clearTimeout(timer);
      timer = setTimeout(opslaan, WACHT_MS);
    }
  });
  document.addEventListener("change", function (event) {
    if (form() && form().contains(event.target) && event.target.tagName === "SELECT") {
      gewijzigd = true;
      opslaan();
    }
  });

  // Closing the tab or the browser mid-sentence: the last words go along.
  window.addEventListener("pagehide", function () {
    const f = form();
    if (gewijzigd && f) {
      navigator.sendBeacon(f.action, new FormData(f));
      gewijzigd = false;
    }
  });

  // Another tab may have changed the call: show it as it is, unless the agent is typing.
  function bijwerken() {
    if (gewijzigd || paneel.contains(document.activeElement)) {
      return;
    }
    bezig = bezig.then(function () {
      return fetch(paneel.dataset.paneel, { credentials: "same-origin" })
        .then(function (antwoord) {
          return antwoord.ok ? antwoord.text() : null;
        })
        .then(function (html) {
          if (html !== null && !gewijzigd && !paneel.contains(document.activeElement)) {
            vervang(html);
          }
        })
        .catch(function () {});
    });
  }
  window.addEventListener("focus", bijwerken);

  // The live connection (live.js) says the panel changed on the server: a call answered
  // (screen-pop), passed on to or from a colleague, or ended. What the agent is typing is
  // saved to its own contact first (it stays under "Ook lopend"); then the panel is shown
  // as it now is, and what happened is announced politely to screen readers.
  const melder = document.createElement("div");
  melder.className = "werkplek-verborgen";
  melder.setAttribute("aria-live", "polite");
  melder.setAttribute("data-belpaneel-melding", "");
  document.body.appendChild(melder);
  document.addEventListener("klantbeeld:live", function (event) {
    const bericht = event.detail || {};
    if (bericht.soort !== "belpaneel") {
      return;
    }
    opslaan().then(function () {
      bezig = bezig.then(function () {
        return fetch(paneel.dataset.paneel, { credentials: "same-origin" })
          .then(function (antwoord) {
            return antwoord.ok ? antwoord.text() : null;
          })
          .then(function (html) {
            if (html !== null) {
              vervang(html);
            }
            melder.textContent = bericht.melding || "";
          })
          .catch(function () {});
      });
    });
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      bijwerken();
    }
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      bijwerken();
    }
  });

  // How long the contact has been going, in minutes.
  function tijd() {
    const sinds = paneel.querySelector("[data-belpaneel-sinds]");
    if (!sinds || !sinds.dataset.begin) {
      if (sinds) {
        sinds.dataset.begin = sinds.textContent;
      } else {
        return;
      }
    }
    const minuten = Math.floor((Date.now() - Date.parse(sinds.getAttribute("datetime"))) / 60000);
    sinds.textContent = sinds.dataset.begin + (minuten >= 1 ? " (" + minuten + " min)" : "");
  }
  setInterval(tijd, 30000);

  // Alt + a letter: the element on the page (or the panel) marked with that letter. A
  // field gets the focus; a button or link is pressed.
  document.addEventListener("keydown", function (event) {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.key.length !== 1) {
      return;
    }
    const letter = event.key.toLowerCase();
    const doelen = Array.from(document.querySelectorAll('[data-sneltoets="' + letter + '"]'))
      .filter(function (el) {
        return !el.hidden && el.getClientRects().length > 0;
      });
    if (letter === "b" && !doelen.length) {
      doelen.push(...document.querySelectorAll("[data-belpaneel-klant]:not([hidden])"));
    }
    if (!doelen.length) {
      return;
    }
    event.preventDefault();
    const veld = doelen.find(function (el) {
      return el.matches("input, textarea, select");
    });
    if (veld) {
      veld.focus();
      if (veld.select && veld.tagName === "INPUT") {
        veld.select();
      }
    } else {
      doelen[0].click();
    }
  });

  // Parts of a page that htmx puts in place (search results) bring offers of their own.
  document.addEventListener("htmx:afterSettle", toonKnoppen);

  toonKnoppen();
  tijd();
})();
