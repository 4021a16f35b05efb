/* The export page's "select all" toggle, bound here instead of an inline onchange. */
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".select-toggle").forEach(function (toggle) {
    toggle.addEventListener("change", onSelectToggleChange); // from import-export's own script
  });
});
