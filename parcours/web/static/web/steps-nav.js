/* On a narrow screen the list of steps starts folded (the <details> just before this script). */
(function () {
  var d = document.currentScript.previousElementSibling;
  if (window.matchMedia("(max-width: 52rem)").matches) { d.open = false; }
})();
