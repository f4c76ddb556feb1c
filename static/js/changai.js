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

// Searchable pickers (kit.pickers): the server searches the field's own choices in the user's
// scope; each option shows what tells namesakes apart.
function initPickers(root) {
  if (!window.TomSelect) return;
  root.querySelectorAll("select[data-picker]").forEach((el) => {
    if (el.tomselect) return;
    const url = el.dataset.picker;
    const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
    new window.TomSelect(el, {
      valueField: "value",
      labelField: "text",
      searchField: [],
      score: () => () => 1,
      placeholder: el.dataset.placeholder || "输入关键词搜索",
      preload: "focus",
      maxOptions: 50,
      loadThrottle: 250,
      plugins: el.multiple ? ["remove_button"] : [],
      load(query, callback) {
        const picker = this;
        fetch(url + (url.includes("?") ? "&" : "?") + "q=" + encodeURIComponent(query), { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then((r) => (r.ok ? r.json() : { results: [] }))
          .then((j) => { picker.clearOptions(); callback(j.results); })
          .catch(() => callback());
      },
      render: {
        option: (d) => `<div class="py-1"><div>${esc(d.text)}</div>${d.sub ? `<div class="small text-secondary">${esc(d.sub)}</div>` : ""}</div>`,
        item: (d) => `<div>${esc(d.text)}</div>`,
        no_results: () => '<div class="no-results p-2 text-secondary">没有找到，请换个关键词</div>',
        loading: () => '<div class="p-2 text-secondary">正在搜索…</div>',
      },
    });
  });
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

// Accounts named as scorers, experts or judges: typed by name or user name, posted as "a,b,c"
function initAccountPickers(root) {
  if (!window.TomSelect) return;
  root.querySelectorAll("input[data-account-picker]").forEach((el) => {
    if (el.tomselect) return;
    const url = el.dataset.accountPicker;
    const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
    new window.TomSelect(el, {
      valueField: "value",
      labelField: "text",
      searchField: [],
      score: () => () => 1,
      delimiter: ",",
      create: false,
      preload: "focus",
      plugins: ["remove_button"],
      load(query, callback) {
        const picker = this;
        fetch(url + "?q=" + encodeURIComponent(query), { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then((r) => (r.ok ? r.json() : { results: [] }))
          .then((j) => { picker.clearOptions(); callback(j.results); })
          .catch(() => callback());
      },
      render: {
        option: (d) => `<div class="py-1"><div>${esc(d.text)}</div><div class="small text-secondary">${esc(d.sub || "")}</div></div>`,
        item: (d) => `<div>${esc(d.text)}</div>`,
        no_results: () => '<div class="no-results p-2 text-secondary">没有找到这个账号</div>',
      },
    });
  });
}
document.addEventListener("DOMContentLoaded", () => initAccountPickers(document));
