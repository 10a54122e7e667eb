/* The drawn signature: pointer events on each canvas, « Effacer », and the drawing sent as
   a PNG in the hidden field when (and only when) something was drawn. « Signer sans dessin »
   sends the form without it: the drawing is never required. */
(function () {
  document.querySelectorAll("[data-pad]").forEach(function (pad) {
    var canvas = pad.querySelector("canvas"), field = pad.querySelector("input[name=drawing]");
    var ctx = canvas.getContext("2d"), drawing = false, drawn = false, last = null;
    ctx.lineWidth = 3; ctx.lineCap = "round"; ctx.lineJoin = "round"; ctx.strokeStyle = "#1b1f24";
    function point(e) {
      var r = canvas.getBoundingClientRect();
      return { x: (e.clientX - r.left) * canvas.width / r.width, y: (e.clientY - r.top) * canvas.height / r.height };
    }
    canvas.addEventListener("pointerdown", function (e) {
      drawing = true; last = point(e); canvas.setPointerCapture(e.pointerId); e.preventDefault();
    });
    canvas.addEventListener("pointermove", function (e) {
      if (!drawing) return;
      var p = point(e);
      ctx.beginPath(); ctx.moveTo(last.x, last.y); ctx.lineTo(p.x, p.y); ctx.stroke();
      last = p; drawn = true; e.preventDefault();
    });
    ["pointerup", "pointercancel", "pointerleave"].forEach(function (name) {
      canvas.addEventListener(name, function () { drawing = false; });
    });
    pad.querySelector("[data-pad-clear]").addEventListener("click", function () {
      ctx.clearRect(0, 0, canvas.width, canvas.height); drawn = false; field.value = "";
    });
    var form = pad.closest("form");
    form.addEventListener("submit", function (e) {
      var without = e.submitter && e.submitter.hasAttribute("data-no-drawing");
      field.value = drawn && !without ? canvas.toDataURL("image/png") : "";
    });
  });
})();
