/* Complaints: progressive enhancement. Every page works without this file. */
(function () {
  "use strict";

  var TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
  var ATTRIBUTION = "&copy; OpenStreetMap";

  var ENGLISH = document.documentElement.lang === "en";

  /* "lat,lng,..." from a data attribute (the municipality is configured on the server). */
  function numbers(element, name) {
    return element.getAttribute(name).split(",").map(parseFloat);
  }

  /* Centred on the municipality; panning stops at its bounds (south, west, north, east). */
  function baseMap(element, zoom) {
    var box = numbers(element, "data-bounds");
    var map = L.map(element, {
      zoomControl: false,
      maxBounds: L.latLngBounds([box[0], box[1]], [box[2], box[3]]).pad(0.5)
    }).setView(numbers(element, "data-centre"), zoom);
    L.control.zoom({
      zoomInTitle: ENGLISH ? "Zoom in" : "Μεγέθυνση",
      zoomOutTitle: ENGLISH ? "Zoom out" : "Σμίκρυνση"
    }).addTo(map);
    L.tileLayer(TILES, { maxZoom: 19, attribution: ATTRIBUTION }).addTo(map);
    return map;
  }

  /* The register's map: rounded points of the filtered, published complaints. */
  function registerMap(element) {
    element.textContent = "";
    var map = baseMap(element, 13);
    var detailBase = element.getAttribute("data-detail-url");
    fetch(element.getAttribute("data-points-url"), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        data.points.forEach(function (point) {
          var link = document.createElement("a");
          link.href = detailBase + encodeURIComponent(point.protocol_number) + "/";
          link.textContent = point.protocol_number + " — " + point.category + (point.area ? " (" + point.area + ")" : "");
          L.circleMarker([point.lat, point.lng], { radius: 7 }).bindPopup(link).addTo(map);
        });
      });
  }

  /* The form's optional pin: fills the hidden latitude and longitude fields. */
  function pinMap(element) {
    var latInput = document.getElementById(element.getAttribute("data-lat-input"));
    var lngInput = document.getElementById(element.getAttribute("data-lng-input"));
    element.hidden = false;
    var hint = document.querySelector(".complaints-pin-hint");
    if (hint) { hint.hidden = false; }
    var map = baseMap(element, 14);
    var marker = null;
    function place(latlng) {
      if (marker) { marker.setLatLng(latlng); } else { marker = L.marker(latlng).addTo(map); }
      latInput.value = latlng.lat.toFixed(6);
      lngInput.value = latlng.lng.toFixed(6);
    }
    if (latInput.value && lngInput.value) {
      var start = L.latLng(parseFloat(latInput.value), parseFloat(lngInput.value));
      place(start);
      map.setView(start, 16);
    }
    map.on("click", function (event) { place(event.latlng); });
  }

  /* Show only the chosen category's extra questions. */
  function categoryQuestions() {
    var blocks = document.querySelectorAll(".complaints-questions");
    if (!blocks.length) { return; }
    function update() {
      var chosen = document.querySelector("input[name='category']:checked");
      blocks.forEach(function (block) {
        var show = chosen && chosen.value === block.getAttribute("data-category");
        block.classList.toggle("complaints-questions--hidden", !show);
      });
    }
    document.querySelectorAll("input[name='category']").forEach(function (input) {
      input.addEventListener("change", update);
    });
    update();
  }

  /* One click, one submission (the server also ignores a repeated submission key). */
  function preventDoubleSubmit() {
    document.querySelectorAll("form").forEach(function (form) {
      form.addEventListener("submit", function () {
        form.querySelectorAll("[data-prevent-double-click]").forEach(function (button) {
          window.setTimeout(function () { button.disabled = true; }, 0);
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var register = document.getElementById("complaints-map");
    if (register && window.L) { registerMap(register); }
    var pin = document.getElementById("complaints-pin-map");
    if (pin && window.L) { pinMap(pin); }
    categoryQuestions();
    preventDoubleSubmit();
  });
})();
