// Progressive enhancement of the slot picker: refresh the remaining places from
// the JSON API, so a time that filled since the page loaded is shown as full
// before the citizen picks it. Without JavaScript the server re-checks anyway.
(function () {
  "use strict";

  function refresh(picker) {
    var radios = picker.querySelectorAll("input[data-start]");
    if (!radios.length) { return; }
    var first = radios[0].value.slice(0, 10);
    var last = radios[radios.length - 1].value.slice(0, 10);
    var url = picker.getAttribute("data-api") + "?from=" + first + "&to=" + last;
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        var free = {};
        data.days.forEach(function (day) {
          day.slots.forEach(function (slot) {
            free[Math.round(Date.parse(slot.start) / 1000)] = slot.remaining;
          });
        });
        radios.forEach(function (radio) {
          var remaining = free[radio.getAttribute("data-start")];
          var item = radio.closest(".appt-time");
          var hint = item.querySelector(".appt-time__remaining");
          if (remaining === undefined) {
            radio.disabled = true;
            radio.checked = false;
            item.classList.add("appt-time--full");
            hint.textContent = picker.getAttribute("data-full-label") || "—";
          }
        });
      })
      .catch(function () { /* The server-rendered list stays as it is. */ });
  }

  document.querySelectorAll("[data-appt-picker]").forEach(function (picker) {
    refresh(picker);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") { refresh(picker); }
    });
  });
})();
