// world.mjs rebuilds static/world.json, the dashboard's country outlines,
// from the world-atlas npm package (ISC; Natural Earth 1:110m, public domain).
//
//	cd /tmp && npm install world-atlas@2.0.2 topojson-client@3.1.0
//	node /path/to/internal/web/tools/world.mjs /tmp/node_modules > static/world.json
//
// Output: {"viewBox":"0 0 360 180","countries":[{"id":"004","name":"Afghanistan","d":"M…"}]}
// with paths pre-projected equirectangular: x = lon + 180, y = 90 - lat,
// rounded to 0.1 degree.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const nm = process.argv[2] || 'node_modules';
const require = createRequire(path.resolve(nm, 'x.js'));
const topojson = require('topojson-client');
const topo = JSON.parse(readFileSync(path.join(nm, 'world-atlas/countries-110m.json'), 'utf8'));
const fc = topojson.feature(topo, topo.objects.countries);

const r = (v) => Math.round(v * 10) / 10;
function ring(coords) {
  let out = '';
  let last = '';
  let px = null;
  coords.forEach(([lon, lat], i) => {
    const x = r(lon + 180);
    const y = r(90 - lat);
    const p = `${x} ${y}`;
    if (p === last) return;
    if (px !== null && Math.abs(x - px) > 180) {
      // The ring crosses the antimeridian: run to the map's edge and start
      // again on the other side instead of drawing a line across the map.
      out += `L${px < 180 ? 0 : 360} ${y}M${x < 180 ? 0 : 360} ${y}`;
    }
    out += (i === 0 ? 'M' : 'L') + p;
    last = p;
    px = x;
  });
  return out + 'Z';
}
const countries = fc.features.map((f) => {
  const g = f.geometry;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const d = polys.map((poly) => poly.map(ring).join('')).join('');
  return { id: f.id || '', name: f.properties.name, d };
});
process.stdout.write(JSON.stringify({ viewBox: '0 0 360 180', countries }) + '\n');
