// Draws every <div data-plotly="{figure JSON}"> with the locally served Plotly.js (no inline scripts).
(function () {
  function draw(root) {
    if (typeof Plotly === "undefined") return;
    (root || document).querySelectorAll("div[data-plotly]:not([data-drawn])").forEach(function (el) {
      var fig = JSON.parse(el.getAttribute("data-plotly"));
      el.setAttribute("data-drawn", "1");
      Plotly.newPlot(el, fig.data || [], fig.layout || {}, { responsive: true, displaylogo: false, topojsonURL: "/static/topojson/" });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSettle", function () { draw(document); });
})();
