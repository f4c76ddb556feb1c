// 驿站地图: the stations as clustered points on Leaflet; the tile layer comes from the server's
// settings (none: a plain background — nothing is fetched from the internet). Filters and a
// point chosen on the map (or the browser's position) reload the points and the nearest list.
(() => {
  const el = document.getElementById("station-map");
  const cfgEl = document.getElementById("map-config");
  if (!el || !cfgEl || !window.L) return;
  const cfg = JSON.parse(cfgEl.textContent);
  const form = document.getElementById("map-filters");
  const lngInput = document.getElementById("id_near_lng");
  const latInput = document.getElementById("id_near_lat");
  const datumInput = document.getElementById("id_datum");
  const nearest = document.getElementById("nearest");
  const count = document.getElementById("station-count");
  const errorSlot = document.getElementById("map-error-slot");

  // maxZoom on the map itself: without a tile layer nothing else tells markercluster where to stop
  const map = L.map(el, { zoomControl: true, attributionControl: Boolean(cfg.tiles), maxZoom: 18 });
  if (cfg.tiles) {
    const opts = { subdomains: cfg.subdomains || "abc", attribution: cfg.attribution, maxZoom: 18 };
    L.tileLayer(cfg.tiles, opts).addTo(map);
    if (cfg.overlay) L.tileLayer(cfg.overlay, opts).addTo(map);
  } else {
    el.classList.add("map-plain");
  }
  map.setView([cfg.center[1], cfg.center[0]], cfg.zoom);
  const cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 45 });
  map.addLayer(cluster);
  let nearMarker = null;
  let fitted = false;
  const colours = ["#667382", "#74b816", "#2fb344", "#0ca678", "#066fd1", "#ae3ec9"];

  const node = (tag, text, attrs = {}) => {
    const n = document.createElement(tag);
    if (text !== undefined && text !== null) n.textContent = text;
    Object.entries(attrs).forEach(([k, v]) => n.setAttribute(k, v));
    return n;
  };

  function popup(p) {
    const box = node("div", null, { class: "map-popup" });
    const title = node("strong");
    title.append(node("a", p.name, { href: p.url }));
    box.append(title, node("div", p.address), node("div", `开放：${p.hours}${p.open_now ? "（现在开放）" : ""}`));
    if (p.stars) box.append(node("div", `星级：${p.stars} 星`));
    if (p.amenities.length) box.append(node("div", `设施：${p.amenities.join("、")}`));
    if (p.titles.length) box.append(node("div", `荣誉：${p.titles.join("、")}`));
    if (p.phone) box.append(node("div", `电话：${p.phone}`));
    box.append(node("a", "导航", { href: p.navigate, target: "_blank", rel: "noopener" }));
    return box;
  }

  function showNearest(rows) {
    nearest.replaceChildren();
    if (!rows.length) {
      nearest.append(node("div", "在地图上选一个点，或点“我的位置”。", { class: "list-group-item text-secondary" }));
      return;
    }
    rows.forEach((p) => {
      const item = node("div", null, { class: "list-group-item" });
      const head = node("div", null, { class: "d-flex justify-content-between" });
      head.append(node("a", p.name, { href: p.url }), node("span", `${p.distance_m} 米`, { class: "text-secondary" }));
      item.append(head);
      item.append(node("div", `${p.address} · ${p.hours}${p.stars ? ` · ${p.stars} 星` : ""}`, { class: "small text-secondary" }));
      item.append(node("a", "导航", { class: "small", href: p.navigate, target: "_blank", rel: "noopener" }));
      nearest.append(item);
    });
  }

  function showError(message) {
    if (!errorSlot) return;
    errorSlot.classList.toggle("d-none", !message);
    errorSlot.firstElementChild.textContent = message || "";
  }

  async function load() {
    const params = new URLSearchParams(new FormData(form));
    const res = await fetch(`${cfg.points}?${params}`, { headers: { Accept: "application/json" } });
    const data = await res.json();
    if (!res.ok) { showError(data.error); return; }
    showError("");
    cluster.clearLayers();
    cluster.addLayers(data.points.map((p) => L.circleMarker([p.lat, p.lng], {
      radius: 7 + p.stars, color: "#fff", weight: 2, fillColor: colours[p.stars] || colours[0], fillOpacity: 0.9,
    }).bindPopup(() => popup(p))));
    count.textContent = data.points.length;
    if (nearMarker) { nearMarker.remove(); nearMarker = null; }
    if (data.near) {
      nearMarker = L.marker([data.near.lat, data.near.lng], { title: "所选位置" }).addTo(map);
      lngInput.value = data.near.lng.toFixed(6);
      latInput.value = data.near.lat.toFixed(6);
      datumInput.value = "";
    }
    showNearest(data.nearest);
    if (!fitted && data.points.length) {
      map.fitBounds(cluster.getBounds(), { padding: [24, 24] });
      fitted = true;
    }
  }

  L.Icon.Default.imagePath = cfg.images;
  map.on("click", (ev) => {
    lngInput.value = ev.latlng.lng.toFixed(6);
    latInput.value = ev.latlng.lat.toFixed(6);
    datumInput.value = "";
    load();
  });
  form.addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
  form.addEventListener("change", (ev) => { if (ev.target.tagName === "SELECT") load(); });
  const locate = document.getElementById("locate-me");
  locate.addEventListener("click", () => {
    if (!navigator.geolocation) { showError("此浏览器不能提供位置，请在地图上选点"); return; }
    navigator.geolocation.getCurrentPosition((pos) => {
      lngInput.value = pos.coords.longitude.toFixed(6);
      latInput.value = pos.coords.latitude.toFixed(6);
      datumInput.value = "wgs84"; // a phone's position is WGS-84
      load();
    }, () => showError("未能取得您的位置，请在地图上选点"));
  });
  load();
})();
