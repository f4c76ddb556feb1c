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

// Searchable pickers (kit.forms): the server searches the field's own choices in the user's scope
// and each option shows what tells namesakes apart. A <select data-picker> holds one record or
// several; an <input data-account-picker> holds accounts posted as "a,b,c" (scorers, judges).
const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

function makePicker(el, url, options) {
  if (!window.TomSelect || el.tomselect) return;
  new window.TomSelect(el, {
    valueField: "value",
    labelField: "text",
    searchField: [],
    score: () => () => 1,
    preload: "focus",
    maxOptions: 50,
    loadThrottle: 250,
    load(query, callback) {
      const picker = this;
      fetch(url + (url.includes("?") ? "&" : "?") + "q=" + encodeURIComponent(query), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then((r) => (r.ok ? r.json() : { results: [] }))
        .then((j) => { picker.clearOptions(); callback(j.results); })
        .catch(() => callback());
    },
    render: {
      option: (d) => `<div class="py-1"><div>${escapeHtml(d.text)}</div>${d.sub ? `<div class="small text-secondary">${escapeHtml(d.sub)}</div>` : ""}</div>`,
      item: (d) => `<div>${escapeHtml(d.text)}</div>`,
      no_results: () => '<div class="no-results p-2 text-secondary">没有找到，请换个关键词</div>',
      loading: () => '<div class="p-2 text-secondary">正在搜索…</div>',
    },
    ...options,
  });
}

function initPickers(root) {
  root.querySelectorAll("select[data-picker]").forEach((el) => makePicker(el, el.dataset.picker, {
    placeholder: el.dataset.placeholder || "输入关键词搜索",
    plugins: el.multiple ? ["remove_button"] : [],
  }));
  root.querySelectorAll("input[data-account-picker]").forEach((el) => makePicker(el, el.dataset.accountPicker, {
    delimiter: ",",
    create: false,
    plugins: ["remove_button"],
  }));
}
document.addEventListener("DOMContentLoaded", () => initPickers(document));
document.addEventListener("htmx:afterSwap", (ev) => initPickers(ev.detail.target || document));

// 角色授权 (core.roletree): 全选 a module or a page, and keep the counts true.
document.addEventListener("change", (ev) => {
  const t = ev.target;
  const tree = t.closest && t.closest("#permission-tree");
  if (!tree) return;
  if (t.dataset.checkAll) {
    tree.querySelectorAll(`[data-scope="${t.dataset.checkAll}"] input[type=checkbox]`).forEach((cb) => { cb.checked = t.checked; });
  } else if (t.hasAttribute("data-check-page")) {
    t.closest("[data-scope-page]").querySelectorAll("input[name]").forEach((cb) => { cb.checked = t.checked; });
  }
  tree.querySelectorAll("[data-scope]").forEach((body) => {
    const boxes = body.querySelectorAll("input[name]");
    const on = Array.from(boxes).filter((cb) => cb.checked).length;
    const badge = tree.querySelector(`[data-count="${body.dataset.scope}"]`);
    if (badge) badge.textContent = `已选 ${on} / ${boxes.length}`;
    const all = tree.querySelector(`[data-check-all="${body.dataset.scope}"]`);
    if (all) { all.checked = on === boxes.length && on > 0; all.indeterminate = on > 0 && on < boxes.length; }
  });
});

// 宣讲日历: choosing a year or a month opens it
document.addEventListener("change", (ev) => {
  if (ev.target.matches && ev.target.matches("[data-month-part]")) ev.target.form.submit();
});
