/* The site's only script besides htmx and the page-specific ones (all static files: the
   Content-Security-Policy allows no inline script). */

/* Inside an element marked data-swap-errors, a refusal (400, 422) carries the form with
   its French messages: htmx shows it instead of dropping it. */
document.addEventListener("htmx:beforeSwap", function (event) {
  var status = event.detail.xhr.status;
  if ((status === 422 || status === 400) && event.target.closest("[data-swap-errors]")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
