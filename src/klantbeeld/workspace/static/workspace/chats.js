// Chat for agents (workspace/chats.py), on the workspace's live connection (live.js):
// the menu's count of waiting chats, the queue page that keeps itself up to date, a
// notice when a colleague passes a chat to this agent, and the chat screen (messages as
// they come, sending with Enter, typing and read marks, snelteksten).
// Messages, files and read marks are sent by POST (stored first); typing and following a
// conversation go over the socket. Without this script the pages are forms and links.
(function () {
  "use strict";

  function token() {
    const veld = document.querySelector("input[name=csrfmiddlewaretoken]");
    return veld ? veld.value : "";
  }

  function haal(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (antwoord) {
      if (!antwoord.ok) {
        throw new Error(String(antwoord.status));
      }
      return antwoord;
    });
  }

  function post(url, data) {
    return fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Chat": "1", "X-CSRFToken": token() },
    });
  }

  // -- the menu's counter and the queue page ------------------------------------------------

  const teller = document.querySelector("[data-chat-teller]");
  function telBij() {
    if (!teller) {
      return;
    }
    haal(teller.dataset.chatTeller)
      .then(function (antwoord) {
        return antwoord.json();
      })
      .then(function (aantal) {
        const plek = teller.querySelector("[data-chat-aantal]");
        plek.textContent = plek.textContent.replace(/^\d+/, String(aantal.wachtend));
      })
      .catch(function () {});
  }

  const overzicht = document.querySelector("[data-chat-overzicht]");
  function overzichtBij() {
    if (!overzicht) {
      return;
    }
    haal(overzicht.dataset.chatOverzicht)
      .then(function (antwoord) {
        return antwoord.text();
      })
      .then(function (html) {
        overzicht.innerHTML = html;
      })
      .catch(function () {});
  }
  if (overzicht) {
    // The wait times grow while nothing happens.
    setInterval(overzichtBij, 30000);
  }

  function meldOverdracht(bericht) {
    const plek = document.querySelector("[data-chat-melding]");
    if (!plek) {
      return;
    }
    const link = document.createElement("a");
    link.className = "utrecht-link";
    link.href = plek.dataset.url.replace(/\/$/, "") + "/" + bericht.gesprek + "/";
    link.textContent = plek.dataset.link;
    const tekst = plek.dataset.tekst + (bericht.toelichting ? " " + bericht.toelichting : "") + " ";
    plek.replaceChildren(document.createTextNode(tekst), link);
  }

  // -- the chat screen ----------------------------------------------------------------------

  const scherm = document.querySelector("[data-chat]");
  const eigen = scherm ? scherm.dataset.chat : "";
  const voert = scherm && scherm.dataset.voert === "1";
  const lijst = scherm ? scherm.querySelector("[data-chat-berichten]") : null;
  const formulier = scherm ? scherm.querySelector("[data-chat-form]") : null;
  const typtPlek = scherm ? scherm.querySelector("[data-chat-typt]") : null;
  let laatste = 0;
  let gelezenTot = 0;
  let typtTimer = null;

  function laatsteGetoond() {
    const items = lijst ? lijst.querySelectorAll("[data-volgnummer]") : [];
    return items.length ? Number(items[items.length - 1].dataset.volgnummer) : 0;
  }

  function tijd(iso) {
    const d = new Date(iso);
    return String(d.getHours()).padStart(2, "0") + ":" + String(d.getMinutes()).padStart(2, "0");
  }

  function toon(bericht) {
    if (!lijst || lijst.querySelector('[data-volgnummer="' + bericht.volgnummer + '"]')) {
      return;
    }
    const item = document
      .getElementById("chat-bericht-sjabloon")
      .content.firstElementChild.cloneNode(true);
    item.classList.add("chat-bericht--" + bericht.afzender);
    item.dataset.volgnummer = bericht.volgnummer;
    item.dataset.afzender = bericht.afzender;
    item.querySelector(".chat-bericht__naam").textContent =
      bericht.naam || (bericht.afzender === "bezoeker" ? scherm.dataset.tekstBezoeker : "");
    const wanneer = item.querySelector("time");
    wanneer.setAttribute("datetime", bericht.verzondenOp);
    wanneer.textContent = tijd(bericht.verzondenOp);
    const gelezen = item.querySelector("[data-gelezen]");
    if (bericht.afzender === "medewerker" || bericht.afzender === "bot") {
      gelezen.textContent = bericht.gelezen ? scherm.dataset.tekstGelezen : "";
    } else {
      gelezen.remove();
    }
    const tekst = item.querySelector(".chat-bericht__tekst");
    if (bericht.tekst) {
      // Lines as the sender wrote them; text only, never markup.
      bericht.tekst.split("\n").forEach(function (regel, index) {
        if (index) {
          tekst.appendChild(document.createElement("br"));
        }
        tekst.appendChild(document.createTextNode(regel));
      });
    } else {
      tekst.remove();
    }
    const bijlage = item.querySelector(".chat-bericht__bijlage");
    if (bericht.bijlage) {
      const link = bijlage.querySelector("a");
      link.href = scherm.dataset.berichten.replace(/berichten\/$/, "bijlagen/" + bericht.volgnummer + "/");
      link.textContent = bericht.bijlage.naam;
    } else {
      bijlage.remove();
    }
    // In order of number, whatever order they arrive in.
    const later = Array.from(lijst.children).find(function (el) {
      return Number(el.dataset.volgnummer) > bericht.volgnummer;
    });
    lijst.insertBefore(item, later || null);
    lijst.parentElement.scrollTop = lijst.parentElement.scrollHeight;
    laatste = Math.max(laatste, bericht.volgnummer);
    if (bericht.afzender === "bezoeker") {
      typt(null);
      leesMisschien();
    }
  }

  // What came after the last message shown: after a reconnect, or a gap in the numbers.
  function haalBij() {
    if (!scherm) {
      return;
    }
    haal(scherm.dataset.berichten + "?na=" + laatsteGetoond())
      .then(function (antwoord) {
        return antwoord.json();
      })
      .then(function (data) {
        data.berichten.forEach(toon);
        if (data.status === "afgesloten" && voert) {
          location.reload();
        }
      })
      .catch(function () {});
  }

  // Read marks: the visitor's messages count as read when this window shows them.
  function leesMisschien() {
    if (!voert || document.visibilityState !== "visible") {
      return;
    }
    const bezoeker = lijst.querySelectorAll('[data-afzender="bezoeker"]');
    if (!bezoeker.length) {
      return;
    }
    const tot = Number(bezoeker[bezoeker.length - 1].dataset.volgnummer);
    if (tot <= gelezenTot) {
      return;
    }
    gelezenTot = tot;
    const data = new FormData();
    data.set("tot", String(tot));
    post(scherm.dataset.gelezenUrl, data).catch(function () {
      gelezenTot = 0;
    });
  }

  function markeerGelezen(tot) {
    for (const item of lijst.querySelectorAll("[data-volgnummer]")) {
      const plek = item.querySelector("[data-gelezen]");
      if (plek && Number(item.dataset.volgnummer) <= tot) {
        plek.textContent = scherm.dataset.tekstGelezen;
      }
    }
  }

  function typt(naam) {
    if (!typtPlek) {
      return;
    }
    clearTimeout(typtTimer);
    if (naam === null) {
      typtPlek.textContent = "";
      return;
    }
    typtPlek.textContent = scherm.dataset.tekstTypt.replace("%(naam)s", naam);
    typtTimer = setTimeout(function () {
      typtPlek.textContent = "";
    }, 5000);
  }

  function ongelezenErbij(gesprek) {
    const badge = document.querySelector('[data-chat-tab="' + gesprek + '"] [data-ongelezen]');
    if (!badge) {
      return;
    }
    const aantal = Number(badge.dataset.ongelezen || "0") + 1;
    badge.dataset.ongelezen = String(aantal);
    badge.textContent = aantal + " " + scherm.dataset.tekstOngelezen;
    badge.hidden = false;
  }

  function volgAlles() {
    if (!scherm || !window.klantbeeldLive) {
      return;
    }
    const gesprekken = new Set([eigen]);
    for (const tab of document.querySelectorAll("[data-chat-tab]")) {
      gesprekken.add(tab.dataset.chatTab);
    }
    for (const gesprek of gesprekken) {
      window.klantbeeldLive.stuur({ soort: "volg", gesprek: gesprek });
    }
  }

  // Sending: Enter sends, Shift+Enter is a new line.
  let laatstGetypt = 0;
  if (formulier) {
    const veld = formulier.querySelector("textarea");
    const fout = formulier.querySelector("[data-chat-fout]");
    veld.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        formulier.requestSubmit();
      }
    });
    veld.addEventListener("input", function () {
      // At most every two seconds: the visitor sees "… typt" for a few seconds each time.
      if (window.klantbeeldLive && Date.now() - laatstGetypt > 2000) {
        laatstGetypt = Date.now();
        window.klantbeeldLive.stuur({ soort: "typt", gesprek: eigen });
      }
    });
    formulier.addEventListener("submit", function (event) {
      event.preventDefault();
      const data = new FormData(formulier);
      const bestand = formulier.querySelector("input[type=file]");
      if (!String(data.get("tekst") || "").trim() && !(bestand.files && bestand.files.length)) {
        return;
      }
      // The same id when sent again: the message is stored once.
      data.set("client_id", formulier.dataset.clientId || (formulier.dataset.clientId = nieuwId()));
      fout.textContent = "";
      post(scherm.dataset.versturen, data)
        .then(function (antwoord) {
          return antwoord.json().then(function (inhoud) {
            if (!antwoord.ok) {
              throw new Error(inhoud.fout || scherm.dataset.tekstFout);
            }
            return inhoud;
          });
        })
        .then(function (bericht) {
          toon(bericht);
          formulier.reset();
          delete formulier.dataset.clientId;
          veld.focus();
        })
        .catch(function (error) {
          fout.textContent = error && error.message ? error.message : scherm.dataset.tekstFout;
        });
    });
  }

  function nieuwId() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    return String(Date.now()) + String(Math.random()).slice(2);
  }

  // Snelteksten: narrowed as one types; a click puts the text where the cursor is.
  const zoekSnel = document.querySelector("[data-sneltekst-zoek]");
  if (zoekSnel) {
    zoekSnel.addEventListener("input", function () {
      const vraag = zoekSnel.value.trim().toLowerCase();
      for (const item of document.querySelectorAll("[data-sneltekst-item]")) {
        const knop = item.querySelector("button");
        const past = (knop.textContent + " " + knop.dataset.sneltekst).toLowerCase();
        item.hidden = vraag !== "" && !past.includes(vraag);
      }
    });
    zoekSnel.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        const eerste = document.querySelector("[data-sneltekst-item]:not([hidden]) button");
        if (eerste) {
          eerste.click();
        }
      }
    });
    zoekSnel.addEventListener("focus", function () {
      zoekSnel.closest("details").open = true;
    });
  }
  document.addEventListener("click", function (event) {
    const knop = event.target.closest("[data-sneltekst]");
    const veld = formulier && formulier.querySelector("textarea");
    if (!knop || !veld) {
      return;
    }
    const begin = veld.selectionStart;
    const einde = veld.selectionEnd;
    veld.value = veld.value.slice(0, begin) + knop.dataset.sneltekst + veld.value.slice(einde);
    veld.focus();
    veld.selectionStart = veld.selectionEnd = begin + knop.dataset.sneltekst.length;
  });

  // -- what the live connection says --------------------------------------------------------

  document.addEventListener("klantbeeld:live", function (event) {
    const bericht = event.detail || {};
    switch (bericht.soort) {
      case "verbonden":
        volgAlles();
        haalBij();
        telBij();
        overzichtBij();
        break;
      case "wachtrij":
        telBij();
        overzichtBij();
        break;
      case "gesprek-overgedragen":
        telBij();
        overzichtBij();
        meldOverdracht(bericht);
        if (scherm && window.klantbeeldLive) {
          window.klantbeeldLive.stuur({ soort: "volg", gesprek: bericht.gesprek });
        }
        break;
      case "bericht":
        if (!scherm || !bericht.bericht) {
          break;
        }
        if (!bericht.gesprek || bericht.gesprek === eigen) {
          if (bericht.bericht.volgnummer > laatsteGetoond() + 1) {
            haalBij();
          } else {
            toon(bericht.bericht);
          }
        } else if (bericht.bericht.afzender === "bezoeker") {
          ongelezenErbij(bericht.gesprek);
        }
        break;
      case "typt":
        if (scherm && bericht.door === "bezoeker" && (!bericht.gesprek || bericht.gesprek === eigen)) {
          typt(bericht.naam || scherm.dataset.tekstBezoeker);
        }
        break;
      case "gelezen":
        if (scherm && bericht.door === "bezoeker" && (!bericht.gesprek || bericht.gesprek === eigen)) {
          markeerGelezen(Number(bericht.tot));
        }
        break;
      case "gesloten":
        if (scherm && (!bericht.gesprek || bericht.gesprek === eigen)) {
          typt(null);
          const plek = scherm.querySelector("[data-chat-typt]");
          if (plek) {
            plek.textContent = scherm.dataset.tekstGesloten;
          }
          if (formulier) {
            for (const el of formulier.elements) {
              el.disabled = true;
            }
          }
        }
        break;
      default:
        break;
    }
  });

  if (scherm) {
    laatste = laatsteGetoond();
    if (lijst) {
      lijst.parentElement.scrollTop = lijst.parentElement.scrollHeight;
    }
    volgAlles();
    leesMisschien();
    document.addEventListener("visibilitychange", leesMisschien);
    window.addEventListener("focus", leesMisschien);
  }
})();
