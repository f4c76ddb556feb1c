// Charts of a page's indicators (ECharts): the chosen indicator month by month beside the same
// months a year earlier, and across the orgs one level down. Settings come from #chart-config
// (json_script); the numbers from the kit's chart JSON. No inline scripts.
(() => {
  const cfgEl = document.getElementById("chart-config");
  const select = document.getElementById("chart-indicator");
  if (!cfgEl || !select || !window.echarts) return;
  const cfg = JSON.parse(cfgEl.textContent);
  const trend = echarts.init(document.getElementById("chart-trend"));
  const breakdown = echarts.init(document.getElementById("chart-breakdown"));
  const font = { fontFamily: getComputedStyle(document.body).fontFamily };
  const query = new URLSearchParams({ period: cfg.period, org: cfg.org });

  async function get(template, code) {
    const res = await fetch(`${template.replace("CODE", encodeURIComponent(code))}?${query}`, {
      headers: { Accept: "application/json" },
    });
    return res.ok ? res.json() : null;
  }

  async function draw(code) {
    const [series, parts] = await Promise.all([get(cfg.series, code), get(cfg.breakdown, code)]);
    if (series) {
      trend.setOption({
        textStyle: font,
        title: { text: `${series.name}（按月，${series.unit}）`, left: 0, textStyle: { fontSize: 14 } },
        tooltip: { trigger: "axis" },
        legend: { data: ["本期", "上年同期"], top: 0, right: 0 },
        grid: { left: 48, right: 16, top: 48, bottom: 32 },
        xAxis: { type: "category", data: series.labels },
        yAxis: { type: "value" },
        series: [
          { name: "本期", type: "bar", data: series.values, itemStyle: { color: "#c8102e" } },
          { name: "上年同期", type: "line", data: series.last_year, itemStyle: { color: "#667382" } },
        ],
      }, true);
    }
    if (parts) {
      breakdown.setOption({
        textStyle: font,
        title: { text: parts.labels.length ? `${parts.name}（按下级组织）` : "没有下级组织", textStyle: { fontSize: 14 } },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        grid: { left: 120, right: 24, top: 40, bottom: 24 },
        xAxis: { type: "value" },
        yAxis: { type: "category", data: parts.labels, inverse: true },
        series: [{ type: "bar", data: parts.values, itemStyle: { color: "#066fd1" }, label: { show: true, position: "right" } }],
      }, true);
    }
  }

  const stationsEl = document.getElementById("chart-stations");
  if (stationsEl && cfg.stations) {
    const map = echarts.init(stationsEl);
    map.setOption({
      textStyle: font,
      tooltip: { formatter: (p) => `${p.name}${p.value[2] ? `（${p.value[2]} 星）` : ""}` },
      grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: false },
      xAxis: { type: "value", scale: true, show: false },
      yAxis: { type: "value", scale: true, show: false },
      series: [{
        type: "scatter",
        data: cfg.stations,
        symbolSize: (v) => 6 + 2 * v[2],
        itemStyle: { color: (p) => (p.value[2] ? "#2fb344" : "#667382") },
      }],
    });
    window.addEventListener("resize", () => map.resize());
  }

  select.addEventListener("change", () => draw(select.value));
  window.addEventListener("resize", () => { trend.resize(); breakdown.resize(); });
  draw(select.value);
})();
