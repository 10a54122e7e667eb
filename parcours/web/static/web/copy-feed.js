/* « Copier l'adresse » of a new calendar feed. */
document.getElementById("copy-feed-url").addEventListener("click", () => {
  const input = document.getElementById("feed-url"), state = document.getElementById("copy-feed-state");
  const done = () => { state.textContent = "Adresse copiée."; };
  const fail = () => { state.textContent = "Sélectionnez l'adresse et copiez-la."; };
  input.select();
  let copied = false;
  try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
  if (copied) { done(); }
  else if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(input.value).then(done, fail); }
  else { fail(); }
});
