// The workspace's live connection (docs/live.md): one WebSocket per window, opened again
// after a drop with a growing pause, so a restarted live server is found back without a
// reload. What arrives is announced as a "klantbeeld:live" event on the document, with
// the message as its detail ({soort: …}); features send with klantbeeldLive.stuur().
(function () {
  "use strict";
  const meta = document.querySelector('meta[name="klantbeeld-live"]');
  if (!meta || !("WebSocket" in window)) {
    return;
  }
  const adres = new URL(meta.content, window.location.href);
  if (adres.protocol === "http:" || adres.protocol === "https:") {
    adres.protocol = adres.protocol === "https:" ? "wss:" : "ws:";
  }
  let socket = null;
  let pauze = 500;
  const wachtend = [];

  function meld(bericht) {
    document.dispatchEvent(new CustomEvent("klantbeeld:live", { detail: bericht }));
  }

  function verbind() {
    socket = new WebSocket(adres.href);
    socket.addEventListener("open", function () {
      pauze = 500;
      while (wachtend.length && socket.readyState === WebSocket.OPEN) {
        socket.send(wachtend.shift());
      }
    });
    socket.addEventListener("message", function (event) {
      try {
        meld(JSON.parse(event.data));
      } catch (fout) {
        // Not JSON: not from Klantbeeld's live server.
      }
    });
    socket.addEventListener("close", function (event) {
      meld({ soort: "verbroken" });
      if (event.code === 4401) {
        return; // Signed out: a reload shows the sign-in page.
      }
      window.setTimeout(verbind, pauze);
      pauze = Math.min(pauze * 2, 15000);
    });
  }

  window.klantbeeldLive = {
    stuur: function (bericht) {
      const tekst = JSON.stringify(bericht);
      if (socket && socket.readyState === WebSocket.OPEN) {
        socket.send(tekst);
      } else if (wachtend.length < 50) {
        wachtend.push(tekst);
      }
    },
  };
  verbind();
})();
