// 产改通 — small behaviours shared by every page (no inline scripts: CSP-friendly).
document.addEventListener("change", (ev) => {
  const all = ev.target.closest("[data-select-all]");
  if (all) {
    document.querySelectorAll("input[name=pk]").forEach((cb) => { cb.checked = all.checked; });
  }
});
document.addEventListener("htmx:afterSwap", (ev) => {
  if (ev.detail.target && ev.detail.target.id === "dialog-body" && window.bootstrap) {
    window.bootstrap.Modal.getOrCreateInstance(document.getElementById("dialog")).show();
  }
});
