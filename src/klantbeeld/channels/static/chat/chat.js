// Klantbeeld's chat widget for the organisation's websites (docs/chat.md):
//
//   <script src="https://klantbeeld.gemeente.nl/static/chat/chat.js" defer></script>
//   <klantbeeld-chat></klantbeeld-chat>
//
// Klantbeeld's address is taken from this script's own src. The widget lives in a shadow
// root with the NL Design System (Utrecht) CSS served by Klantbeeld, so the page's styles
// and the widget's do not mix; it sets no inline script or style (a strict CSP holds).
// The conversation (its id and secret, and messages not yet confirmed) is kept in
// sessionStorage, so a reload or a dropped connection loses nothing: on reconnect the
// window asks for what came after the last number it saw and sends again what the server
// has not confirmed, with the same clientId (stored once).
(function () {
  "use strict";
  if (window.customElements === undefined || window.customElements.get("klantbeeld-chat")) {
    return;
  }
  const script = document.currentScript;
  const BASIS = script ? script.src.replace(/\/static\/chat\/chat\.js(\?.*)?$/, "") : "";
  const OPSLAG = "klantbeeld-chat:" + BASIS;
  const PAUZE_MAX = 15000;

  const OPMAAK = `
<link rel="stylesheet" href="${BASIS}/static/vendor/utrecht-tokens/index.css">
<link rel="stylesheet" href="${BASIS}/static/vendor/utrecht-css/index.css">
<link rel="stylesheet" href="${BASIS}/static/chat/chat.css">
<div class="utrecht-theme kb-chat">
  <button type="button" class="utrecht-button utrecht-button--primary-action kb-open" aria-expanded="false" aria-controls="kb-venster">Chat met ons</button>
  <section id="kb-venster" class="kb-venster utrecht-document" role="dialog" aria-labelledby="kb-titel" hidden>
    <div class="kb-kop">
      <h2 id="kb-titel" class="utrecht-heading-2 kb-titel">Chat</h2>
      <button type="button" class="utrecht-button utrecht-button--subtle kb-sluit">Sluiten<span class="kb-verborgen"> (chatvenster, Escape)</span></button>
    </div>
    <p class="utrecht-paragraph kb-stand" role="status"></p>
    <div class="kb-gesloten" hidden>
      <p class="utrecht-paragraph kb-gesloten-tekst"></p>
      <ul class="utrecht-unordered-list kb-alternatieven"></ul>
    </div>
    <div class="kb-berichten" role="log" aria-live="polite" aria-label="Berichten in dit gesprek" tabindex="0"></div>
    <p class="utrecht-paragraph kb-typt" aria-live="polite"></p>
    <p class="utrecht-paragraph kb-fout" role="alert"></p>
    <form class="kb-invoer" novalidate>
      <label class="utrecht-form-label" for="kb-tekst">Uw bericht</label>
      <textarea id="kb-tekst" class="utrecht-textarea kb-tekst" rows="2" maxlength="4000"></textarea>
      <div class="kb-knoppen">
        <button type="submit" class="utrecht-button utrecht-button--primary-action">Versturen</button>
        <button type="button" class="utrecht-button utrecht-button--secondary-action kb-bestand-knop">Bestand toevoegen</button>
        <input type="file" class="kb-bestand" hidden>
      </div>
    </form>
    <div class="kb-acties">
      <button type="button" class="utrecht-button utrecht-button--secondary-action kb-medewerker" hidden>Praat met een medewerker</button>
      <button type="button" class="utrecht-button utrecht-button--subtle kb-stoppen" hidden>Gesprek beëindigen</button>
    </div>
    <form class="kb-waardering" hidden>
      <fieldset class="utrecht-form-fieldset">
        <legend class="utrecht-form-fieldset__legend"><span class="kb-vraag">Hoe tevreden bent u over dit gesprek?</span> (1 is slecht, 5 is heel goed)</legend>
        <div class="kb-cijfers"></div>
      </fieldset>
      <button type="submit" class="utrecht-button utrecht-button--secondary-action">Waardering versturen</button>
    </form>
    <button type="button" class="utrecht-button utrecht-button--secondary-action kb-nieuw" hidden>Nieuw gesprek</button>
  </section>
</div>`;

  const WIE = { bot: "Chatbot", medewerker: "Medewerker", systeem: "Melding" };

  class KlantbeeldChat extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) {
        return;
      }
      const root = this.attachShadow({ mode: "open" });
      root.innerHTML = OPMAAK;
      this.$ = (selector) => root.querySelector(selector);
      this.socket = null;
      this.pauze = 500;
      this.aanbod = null;
      this.status = "";
      this.bezig = false;
      this.toestand = this.lees();
      this.bouwCijfers();
      this.koppelKnoppen();
      if (this.dataset.gesprek && this.dataset.sleutel) {
        this.koppel({ gesprek: this.dataset.gesprek, sleutel: this.dataset.sleutel });
      } else if (this.toestand) {
        // A reload: everything is asked for again; what was not confirmed is shown as
        // being sent, and goes again once connected.
        this.toestand.laatste = 0;
        this.toestand.berichten = [];
        for (const wachtend of this.toestand.wachtend) {
          this.tekenWachtend(wachtend.clientId, wachtend.tekst);
        }
        this.toon(this.toestand.open);
        this.verbind();
      }
    }

    // -- storage ---------------------------------------------------------------------------

    lees() {
      try {
        return JSON.parse(window.sessionStorage.getItem(OPSLAG) || "null");
      } catch (fout) {
        return null;
      }
    }

    bewaar() {
      try {
        if (this.toestand) {
          window.sessionStorage.setItem(OPSLAG, JSON.stringify(this.toestand));
        } else {
          window.sessionStorage.removeItem(OPSLAG);
        }
      } catch (fout) {
        // Storage refused (private mode): the chat works, a reload starts afresh.
      }
    }

    // -- the window ------------------------------------------------------------------------

    koppelKnoppen() {
      this.$(".kb-open").addEventListener("click", () => this.toon(true));
      this.$(".kb-sluit").addEventListener("click", () => this.toon(false));
      this.$("#kb-venster").addEventListener("keydown", (event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          this.toon(false);
        }
      });
      this.$(".kb-invoer").addEventListener("submit", (event) => {
        event.preventDefault();
        this.verstuur();
      });
      const tekst = this.$(".kb-tekst");
      tekst.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && !event.shiftKey) {
          event.preventDefault();
          this.verstuur();
        }
      });
      tekst.addEventListener("input", () => this.typt());
      this.$(".kb-bestand-knop").addEventListener("click", () => this.$(".kb-bestand").click());
      this.$(".kb-bestand").addEventListener("change", () => this.stuurBestand());
      this.$(".kb-medewerker").addEventListener("click", () => this.stuur({ soort: "medewerker" }));
      this.$(".kb-stoppen").addEventListener("click", () => this.stuur({ soort: "stoppen" }));
      this.$(".kb-waardering").addEventListener("submit", (event) => {
        event.preventDefault();
        const gekozen = this.$(".kb-cijfers input:checked");
        if (!gekozen) {
          this.fout("Kies een cijfer van 1 tot en met 5.");
          return;
        }
        this.stuur({ soort: "waardering", cijfer: Number(gekozen.value) });
      });
      this.$(".kb-nieuw").addEventListener("click", () => this.nieuw());
      this.$(".kb-berichten").addEventListener("click", (event) => {
        const link = event.target.closest("a[data-volgnummer]");
        if (link) {
          event.preventDefault();
          this.haalBestand(link.dataset.volgnummer, link.textContent);
        }
      });
    }

    bouwCijfers() {
      const plek = this.$(".kb-cijfers");
      for (let cijfer = 1; cijfer <= 5; cijfer += 1) {
        const label = document.createElement("label");
        label.className = "utrecht-form-label kb-cijfer";
        const keuze = document.createElement("input");
        keuze.type = "radio";
        keuze.name = "cijfer";
        keuze.value = String(cijfer);
        keuze.className = "utrecht-radio-button";
        label.append(keuze, " " + cijfer);
        plek.append(label);
      }
    }

    async toon(open) {
      const venster = this.$("#kb-venster");
      venster.hidden = !open;
      this.$(".kb-open").setAttribute("aria-expanded", String(open));
      if (this.toestand) {
        this.toestand.open = open;
        this.bewaar();
      }
      if (!open) {
        this.$(".kb-open").focus();
        return;
      }
      this.$(".kb-tekst").focus();
      if (!this.aanbod) {
        await this.laadAanbod();
      }
      this.leesAlles();
    }

    async laadAanbod() {
      try {
        const antwoord = await fetch(BASIS + "/chat/stand");
        this.aanbod = await antwoord.json();
      } catch (fout) {
        this.fout("De chat is nu niet bereikbaar. Probeer het later opnieuw.");
        return;
      }
      const naam = this.aanbod.organisatie;
      this.$(".kb-titel").textContent = naam ? "Chat met " + naam : "Chat";
      const uren = this.aanbod.openingstijden;
      if (!this.toestand && !uren.open && !this.aanbod.chatbot) {
        this.gesloten(
          "De chat is nu gesloten." +
            (uren.opentTekst ? " U kunt weer chatten " + uren.opentTekst + "." : "") +
            " Chatten kan " + uren.tijden + "."
        );
      }
    }

    gesloten(tekst) {
      this.$(".kb-gesloten").hidden = false;
      this.$(".kb-gesloten-tekst").textContent = tekst;
      const lijst = this.$(".kb-alternatieven");
      lijst.replaceChildren();
      const telefoon = this.aanbod && this.aanbod.telefoonnummer;
      if (telefoon) {
        lijst.append(this.item("Bel ons: " + telefoon, "tel:" + telefoon.replace(/\s/g, "")));
      }
      const formulier = this.aanbod && this.aanbod.contactformulier;
      if (formulier) {
        lijst.append(this.item("Stuur ons een bericht met het contactformulier", formulier));
      }
      if (!this.toestand) {
        this.$(".kb-invoer").hidden = true;
      }
    }

    item(tekst, href) {
      const li = document.createElement("li");
      li.className = "utrecht-unordered-list__item";
      const a = document.createElement("a");
      a.className = "utrecht-link";
      a.href = href;
      a.textContent = tekst;
      li.append(a);
      return li;
    }

    fout(tekst) {
      this.$(".kb-fout").textContent = tekst || "";
    }

    stand(tekst) {
      this.$(".kb-stand").textContent = tekst;
    }

    // -- opening and attaching ---------------------------------------------------------------

    async open() {
      let ticket = "";
      if (this.dataset.ticketUrl) {
        // A portal page: the signed-in resident's identity for this chat.
        const antwoord = await fetch(this.dataset.ticketUrl, {
          method: "POST",
          credentials: "same-origin",
          headers: { "X-CSRFToken": this.dataset.csrf || "" },
        });
        if (antwoord.ok) {
          ticket = (await antwoord.json()).ticket;
        }
      }
      const antwoord = await fetch(BASIS + "/chat/gesprekken", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          pagina: window.location.href,
          onderwerp: this.dataset.onderwerp || "",
          ticket: ticket,
        }),
      });
      const gegevens = await antwoord.json();
      if (!antwoord.ok) {
        if (antwoord.status === 409) {
          this.aanbod = gegevens;
          this.gesloten(gegevens.melding);
        } else {
          this.fout(gegevens.melding);
        }
        return false;
      }
      this.toestand = {
        gesprek: gegevens.gesprek,
        sleutel: gegevens.sleutel,
        live: gegevens.live,
        laatste: 0,
        wachtend: [],
        berichten: [],
        open: true,
      };
      this.bewaar();
      this.verbind();
      return true;
    }

    // For a conversation a chatbot opened through the API: the widget takes it over.
    koppel(gegevens) {
      this.toestand = {
        gesprek: gegevens.gesprek,
        sleutel: gegevens.sleutel,
        live: gegevens.live || "/live/chat/" + gegevens.gesprek + "/",
        laatste: 0,
        wachtend: [],
        berichten: [],
        open: true,
      };
      this.$(".kb-berichten").replaceChildren();
      this.bewaar();
      this.toon(true);
      this.verbind();
    }

    nieuw() {
      if (this.socket) {
        this.socket.onclose = null;
        this.socket.close();
      }
      this.toestand = null;
      this.bewaar();
      this.status = "";
      this.$(".kb-berichten").replaceChildren();
      this.$(".kb-waardering").hidden = true;
      this.$(".kb-nieuw").hidden = true;
      this.$(".kb-invoer").hidden = false;
      this.$(".kb-medewerker").hidden = true;
      this.$(".kb-stoppen").hidden = true;
      this.stand("");
      this.fout("");
      this.$(".kb-tekst").focus();
    }

    // -- the connection ----------------------------------------------------------------------

    verbind() {
      if (!this.toestand) {
        return;
      }
      const adres = new URL(this.toestand.live, BASIS + "/");
      adres.protocol = adres.protocol === "https:" || adres.protocol === "wss:" ? "wss:" : "ws:";
      const socket = new WebSocket(adres.href);
      this.socket = socket;
      socket.onopen = () => {
        socket.send(
          JSON.stringify({
            soort: "aanmelden",
            sleutel: this.toestand.sleutel,
            sinds: this.toestand.laatste,
          })
        );
      };
      socket.onmessage = (event) => {
        try {
          this.ontvang(JSON.parse(event.data));
        } catch (fout) {
          // Not a message of Klantbeeld's live server.
        }
      };
      socket.onclose = (event) => {
        if (this.socket !== socket) {
          return;
        }
        this.socket = null;
        if (event.code === 4401 || event.code === 4403) {
          // The conversation is not (or no longer) this window's.
          this.toestand = null;
          this.bewaar();
          return;
        }
        this.stand("De verbinding is verbroken. We proberen opnieuw te verbinden…");
        window.setTimeout(() => this.verbind(), this.pauze);
        this.pauze = Math.min(this.pauze * 2, PAUZE_MAX);
      };
    }

    stuur(bericht) {
      if (this.socket && this.socket.readyState === WebSocket.OPEN) {
        this.socket.send(JSON.stringify(bericht));
        return true;
      }
      return false;
    }

    ontvang(bericht) {
      switch (bericht.soort) {
        case "verbonden":
          this.pauze = 500;
          this.fout("");
          this.zetStatus(bericht.status);
          // What the server has not confirmed goes again, with the same clientId.
          for (const wachtend of this.toestand.wachtend) {
            this.stuur({ soort: "bericht", tekst: wachtend.tekst, clientId: wachtend.clientId });
          }
          if (bericht.gewaardeerd) {
            this.toestand.gewaardeerd = true;
          }
          if (bericht.waarderingsvraag) {
            // The organisation's own question (its chat survey), as text, never markup.
            this.$(".kb-vraag").textContent = bericht.waarderingsvraag;
          }
          break;
        case "bericht":
        case "ontvangen":
          this.voegToe(bericht.bericht);
          break;
        case "gelezen":
          if (bericht.door !== "bezoeker") {
            this.markeerGelezen(bericht.tot);
          }
          break;
        case "typt":
          this.toonTypen(bericht.door);
          break;
        case "status":
          this.zetStatus(bericht.status);
          break;
        case "positie":
          this.positie(bericht.positie);
          break;
        case "gesloten":
          this.zetStatus("afgesloten");
          break;
        case "geen-medewerker":
          this.gesloten(bericht.melding);
          break;
        case "gewaardeerd":
          this.toestand.gewaardeerd = true;
          this.bewaar();
          this.$(".kb-waardering").hidden = true;
          this.stand("Dank u wel voor uw waardering.");
          break;
        case "fout":
          this.fout(bericht.melding);
          if (bericht.clientId) {
            this.vergeet(bericht.clientId);
          }
          break;
        default:
          break;
      }
    }

    // -- messages --------------------------------------------------------------------------

    async verstuur() {
      const veld = this.$(".kb-tekst");
      const tekst = veld.value.trim();
      if (!tekst || this.bezig) {
        return;
      }
      this.fout("");
      if (!this.toestand) {
        this.bezig = true;
        const geopend = await this.open().catch(() => {
          this.fout("De chat is nu niet bereikbaar. Probeer het later opnieuw.");
          return false;
        });
        this.bezig = false;
        if (!geopend) {
          return;
        }
      }
      const clientId = "w" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
      this.toestand.wachtend.push({ clientId: clientId, tekst: tekst });
      this.bewaar();
      veld.value = "";
      this.tekenWachtend(clientId, tekst);
      this.stuur({ soort: "bericht", tekst: tekst, clientId: clientId });
    }

    vergeet(clientId) {
      this.toestand.wachtend = this.toestand.wachtend.filter((w) => w.clientId !== clientId);
      this.bewaar();
      const regel = this.$('[data-client-id="' + CSS.escape(clientId) + '"]');
      if (regel && !regel.dataset.volgnummer) {
        regel.remove();
      }
    }

    voegToe(bericht) {
      const t = this.toestand;
      if (!t) {
        return;
      }
      if (bericht.afzender === "bezoeker" && bericht.clientId) {
        t.wachtend = t.wachtend.filter((w) => w.clientId !== bericht.clientId);
      }
      if (!t.berichten.some((b) => b.volgnummer === bericht.volgnummer)) {
        t.berichten.push(bericht);
        t.berichten.sort((a, b) => a.volgnummer - b.volgnummer);
      }
      t.laatste = Math.max(t.laatste, bericht.volgnummer);
      this.bewaar();
      this.teken(bericht);
      if (bericht.afzender === "medewerker" || bericht.afzender === "bot") {
        this.$(".kb-typt").textContent = "";
        this.leesAlles();
      }
    }

    leesAlles() {
      const t = this.toestand;
      if (!t || this.$("#kb-venster").hidden) {
        return;
      }
      const ongelezen = t.berichten.filter(
        (b) => (b.afzender === "medewerker" || b.afzender === "bot") && !b.gelezen
      );
      if (ongelezen.length && this.stuur({ soort: "gelezen", tot: t.laatste })) {
        ongelezen.forEach((b) => (b.gelezen = true));
        this.bewaar();
      }
    }

    markeerGelezen(tot) {
      for (const bericht of this.toestand.berichten) {
        if (bericht.afzender === "bezoeker" && bericht.volgnummer <= tot && !bericht.gelezen) {
          bericht.gelezen = true;
          const regel = this.$('[data-volgnummer="' + bericht.volgnummer + '"] .kb-gelezen');
          if (regel) {
            regel.textContent = "Gelezen";
          }
        }
      }
      this.bewaar();
    }

    tekenWachtend(clientId, tekst) {
      const regel = this.regel("bezoeker", "U", tekst);
      regel.dataset.clientId = clientId;
      regel.querySelector(".kb-gelezen").textContent = "Wordt verstuurd…";
      this.$(".kb-berichten").append(regel);
      this.rolOp();
    }

    teken(bericht) {
      const lijst = this.$(".kb-berichten");
      if (lijst.querySelector('[data-volgnummer="' + bericht.volgnummer + '"]')) {
        return;
      }
      const wie =
        bericht.afzender === "bezoeker" ? "U" : bericht.naam || WIE[bericht.afzender] || "";
      const regel = this.regel(bericht.afzender, wie, bericht.tekst);
      regel.dataset.volgnummer = String(bericht.volgnummer);
      if (bericht.bijlage) {
        const bestand = document.createElement("p");
        bestand.className = "utrecht-paragraph kb-bijlage";
        const link = document.createElement("a");
        link.className = "utrecht-link";
        link.href = "#";
        link.dataset.volgnummer = String(bericht.volgnummer);
        link.textContent = bericht.bijlage.naam;
        bestand.append("Bestand: ", link);
        regel.insertBefore(bestand, regel.querySelector(".kb-gelezen"));
      }
      if (bericht.afzender === "bezoeker") {
        regel.querySelector(".kb-gelezen").textContent = bericht.gelezen ? "Gelezen" : "Verstuurd";
      }
      // A message confirmed replaces its "being sent" line, in number order.
      const wachtend = bericht.clientId
        ? lijst.querySelector('[data-client-id="' + CSS.escape(bericht.clientId) + '"]:not([data-volgnummer])')
        : null;
      if (wachtend) {
        wachtend.remove();
      }
      const later = [...lijst.querySelectorAll("[data-volgnummer]")].find(
        (r) => Number(r.dataset.volgnummer) > bericht.volgnummer
      );
      lijst.insertBefore(regel, later || lijst.querySelector("[data-client-id]:not([data-volgnummer])"));
      this.rolOp();
    }

    regel(afzender, wie, tekst) {
      const regel = document.createElement("div");
      regel.className = "kb-bericht kb-bericht--" + afzender;
      const naam = document.createElement("p");
      naam.className = "utrecht-paragraph kb-wie";
      naam.textContent = wie + ":";
      regel.append(naam);
      if (tekst) {
        const inhoud = document.createElement("p");
        inhoud.className = "utrecht-paragraph kb-tekstregel";
        inhoud.textContent = tekst;
        regel.append(inhoud);
      }
      const gelezen = document.createElement("p");
      gelezen.className = "utrecht-paragraph kb-gelezen";
      regel.append(gelezen);
      return regel;
    }

    rolOp() {
      const lijst = this.$(".kb-berichten");
      lijst.scrollTop = lijst.scrollHeight;
    }

    typt() {
      const nu = Date.now();
      if (!this.laatstGetypt || nu - this.laatstGetypt > 3000) {
        this.laatstGetypt = nu;
        this.stuur({ soort: "typt" });
      }
    }

    toonTypen(door) {
      const plek = this.$(".kb-typt");
      plek.textContent = door === "bot" ? "De chatbot typt…" : "De medewerker typt…";
      window.clearTimeout(this.typtKlok);
      this.typtKlok = window.setTimeout(() => (plek.textContent = ""), 4000);
    }

    // -- state -----------------------------------------------------------------------------

    zetStatus(status) {
      this.status = status;
      const dicht = status === "afgesloten";
      this.$(".kb-medewerker").hidden = status !== "bot";
      this.$(".kb-stoppen").hidden = dicht;
      this.$(".kb-invoer").hidden = dicht;
      this.$(".kb-nieuw").hidden = !dicht;
      this.$(".kb-waardering").hidden = !dicht || Boolean(this.toestand && this.toestand.gewaardeerd);
      if (dicht) {
        this.stand("Het gesprek is beëindigd.");
      } else if (status === "actief") {
        this.stand("U chat met een medewerker.");
      } else if (status === "bot") {
        this.stand("U chat met de chatbot. Wilt u een mens spreken? Kies ‘Praat met een medewerker’.");
      }
    }

    positie(positie) {
      if (positie === null || positie === undefined) {
        return;
      }
      this.stand(
        positie === 1
          ? "U bent de volgende in de wachtrij. Een medewerker helpt u zo."
          : "U bent nummer " + positie + " in de wachtrij. Een medewerker helpt u zo snel mogelijk."
      );
    }

    // -- files -----------------------------------------------------------------------------

    async stuurBestand() {
      const invoer = this.$(".kb-bestand");
      const bestand = invoer.files && invoer.files[0];
      if (!bestand) {
        return;
      }
      this.fout("");
      if (!this.toestand && !(await this.open().catch(() => false))) {
        return;
      }
      const formulier = new FormData();
      formulier.append("sleutel", this.toestand.sleutel);
      formulier.append("bestand", bestand);
      formulier.append("clientId", "b" + Date.now().toString(36));
      invoer.value = "";
      this.stand("Het bestand wordt verstuurd…");
      try {
        const antwoord = await fetch(
          BASIS + "/chat/gesprekken/" + this.toestand.gesprek + "/bestanden",
          { method: "POST", body: formulier }
        );
        const gegevens = await antwoord.json();
        if (!antwoord.ok) {
          this.fout(gegevens.melding);
          this.stand("");
          return;
        }
        this.stand("Het bestand is verstuurd.");
        this.voegToe(gegevens.bericht);
      } catch (fout) {
        this.fout("Het bestand kon niet worden verstuurd. Probeer het opnieuw.");
      }
    }

    async haalBestand(volgnummer, naam) {
      const antwoord = await fetch(
        BASIS + "/chat/gesprekken/" + this.toestand.gesprek + "/bestanden/" + volgnummer,
        { headers: { "X-Klantbeeld-Sleutel": this.toestand.sleutel } }
      );
      if (!antwoord.ok) {
        this.fout("Het bestand kon niet worden opgehaald.");
        return;
      }
      const adres = URL.createObjectURL(await antwoord.blob());
      const link = document.createElement("a");
      link.href = adres;
      link.download = naam;
      this.$(".kb-berichten").append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(adres), 10000);
    }
  }

  window.customElements.define("klantbeeld-chat", KlantbeeldChat);

  // For a page whose chatbot opened the conversation through Klantbeeld's API:
  // klantbeeldChat.koppel({gesprek: "<uuid>", sleutel: "<secret>"}) hands it to the widget.
  window.klantbeeldChat = {
    koppel: function (gegevens) {
      let element = document.querySelector("klantbeeld-chat");
      if (!element) {
        element = document.createElement("klantbeeld-chat");
        document.body.append(element);
      }
      element.koppel(gegevens);
    },
  };
})();
