/* Draws every figure whose JSON sits in a <script type="application/json" data-plot="id">. */
(function () {
  "use strict";
  var config = {
    responsive: true,
    displaylogo: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d"]
  };
  function draw() {
    if (!window.Plotly) {
      return;
    }
    var nodes = document.querySelectorAll("script[data-plot]");
    for (var i = 0; i < nodes.length; i++) {
      var target = document.getElementById(nodes[i].getAttribute("data-plot"));
      if (target) {
        var spec = JSON.parse(nodes[i].textContent);
        window.Plotly.newPlot(target, spec.data, spec.layout, config);
      }
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
