// Agenda timer for a host's live view of a gathering: it marks the agenda
// item whose time box holds the present moment and counts down what is left
// of it. The page works without it (each row shows its planned start and
// end); rows carry their times in UTC as data-from and data-to.
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-from][data-to]"));
  var clock = document.getElementById("agenda-timer");
  var status = document.getElementById("agenda-now");
  if (!rows.length || !clock || !status) {
    return;
  }
  var first = Date.parse(rows[0].dataset.from);
  var last = Date.parse(rows[rows.length - 1].dataset.to);
  var current = null;
  clock.hidden = false;

  function two(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function tick() {
    var now = Date.now();
    var found = null;
    rows.forEach(function (r) {
      if (now >= Date.parse(r.dataset.from) && now < Date.parse(r.dataset.to)) {
        found = r;
      }
    });
    if (found !== current) {
      if (current) {
        current.removeAttribute("aria-current");
      }
      if (found) {
        found.setAttribute("aria-current", "true");
      }
      current = found;
      // Told once per item, politely; the second-by-second clock is not read out.
      status.textContent = found ? "Now on the agenda: " + found.dataset.title + "." : "";
    }
    if (found) {
      var left = Math.max(0, Math.round((Date.parse(found.dataset.to) - now) / 1000));
      clock.textContent = found.dataset.title + ": " + Math.floor(left / 60) + ":" + two(left % 60) + " left";
    } else if (now < first) {
      clock.textContent = "The agenda starts in " + Math.ceil((first - now) / 60000) + " min.";
    } else if (now >= last) {
      clock.textContent = "The agenda's time is up.";
    }
  }

  tick();
  setInterval(tick, 1000);
})();
