// Copies the front-end packages installed by `npm ci` into static/vendor (git-ignored).
// No bundler needed: htmx, ECharts, Tabler, Leaflet and Tom Select ship ready-made browser builds. A minified
// file's source map is copied beside it: its last line names the map, and the production static
// storage (whitenoise's manifest) refuses a file that points at a map it cannot find.
import { cpSync, mkdirSync, rmSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const nm = join(root, "node_modules");
const out = join(root, "static", "vendor");

const copies = [
  ["htmx.org/dist/htmx.min.js", "htmx/htmx.min.js"],
  ["echarts/dist/echarts.min.js", "echarts/echarts.min.js"],
  ["@tabler/core/dist/css/tabler.min.css", "tabler/css/tabler.min.css"],
  ["@tabler/core/dist/css/tabler.min.css.map", "tabler/css/tabler.min.css.map"],
  ["@tabler/core/dist/js/tabler.min.js", "tabler/js/tabler.min.js"],
  ["@tabler/core/dist/js/tabler.min.js.map", "tabler/js/tabler.min.js.map"],
  ["leaflet/dist/leaflet.js", "leaflet/leaflet.js"],
  ["leaflet/dist/leaflet.js.map", "leaflet/leaflet.js.map"],
  ["leaflet/dist/leaflet.css", "leaflet/leaflet.css"],
  ["leaflet/dist/images", "leaflet/images"],
  ["leaflet.markercluster/dist/leaflet.markercluster.js", "leaflet.markercluster/leaflet.markercluster.js"],
  ["leaflet.markercluster/dist/leaflet.markercluster.js.map", "leaflet.markercluster/leaflet.markercluster.js.map"],
  ["leaflet.markercluster/dist/MarkerCluster.css", "leaflet.markercluster/MarkerCluster.css"],
  ["leaflet.markercluster/dist/MarkerCluster.Default.css", "leaflet.markercluster/MarkerCluster.Default.css"],
  ["@tabler/icons-webfont/dist/tabler-icons.min.css", "tabler-icons/tabler-icons.min.css"],
  ["@tabler/icons-webfont/dist/fonts", "tabler-icons/fonts"],
  ["tom-select/dist/js/tom-select.complete.min.js", "tom-select/tom-select.complete.min.js"],
  ["tom-select/dist/js/tom-select.complete.min.js.map", "tom-select/tom-select.complete.min.js.map"],
  ["tom-select/dist/css/tom-select.bootstrap5.min.css", "tom-select/tom-select.bootstrap5.min.css"],
  ["tom-select/dist/css/tom-select.bootstrap5.min.css.map", "tom-select/tom-select.bootstrap5.min.css.map"],
];

rmSync(out, { recursive: true, force: true });
for (const [from, to] of copies) {
  const src = join(nm, from);
  if (!existsSync(src)) {
    console.error(`missing ${src}: run npm ci first`);
    process.exit(1);
  }
  mkdirSync(dirname(join(out, to)), { recursive: true });
  cpSync(src, join(out, to), { recursive: true });
}
console.log(`assets copied to ${out}`);
