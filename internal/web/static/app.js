// dyad dashboard: plain JavaScript, no libraries. It reads only /api/… and
// world.json from its own origin and draws everything itself (SVG).
'use strict';

const SVGNS = 'http://www.w3.org/2000/svg';
const ROOTS = {
  '01': 'Make public statement', '02': 'Appeal', '03': 'Express intent to cooperate', '04': 'Consult',
  '05': 'Engage in diplomatic cooperation', '06': 'Engage in material cooperation', '07': 'Provide aid',
  '08': 'Yield', '09': 'Investigate', '10': 'Demand', '11': 'Disapprove', '12': 'Reject', '13': 'Threaten',
  '14': 'Protest', '15': 'Exhibit force posture', '16': 'Reduce relations', '17': 'Coerce', '18': 'Assault',
  '19': 'Fight', '20': 'Use unconventional mass violence',
};
const QUADS = { 1: 'verbal cooperation', 2: 'material cooperation', 3: 'verbal conflict', 4: 'material conflict' };
const FILTER_KEYS = ['a', 'b', 'group', 'root', 'start', 'end', 'q', 'bucket'];
const PAGE = 100;

const $ = (sel) => document.querySelector(sel);

// el builds an element; attrs may hold text (textContent) and class.
function el(tag, attrs, ...kids) {
  const ns = ['svg', 'g', 'path', 'rect', 'line', 'circle', 'text', 'polyline', 'title'].includes(tag) ? SVGNS : null;
  const e = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null) continue;
    if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const k of kids) if (k) e.append(k);
  return e;
}

function showError(msg) {
  const p = $('#error');
  p.textContent = msg || '';
  p.hidden = !msg;
}

async function api(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== '' && v !== undefined && v !== null) qs.set(k, v);
  const url = path + (qs.toString() ? '?' + qs : '');
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  let body;
  try { body = await res.json(); } catch { body = {}; }
  if (!res.ok) throw new Error(body.error || `${res.status} ${res.statusText}`);
  return body;
}

// ---- state in the URL: #/?a=IRN&b=PAK&root=19 or #/event/ID ----

function route() {
  const h = location.hash.replace(/^#\/?/, '');
  if (h.startsWith('event/')) return { view: 'event', id: decodeURIComponent(h.slice(6)) };
  const qs = new URLSearchParams(h.replace(/^\?/, ''));
  const f = {};
  for (const k of FILTER_KEYS) f[k] = qs.get(k) || '';
  if (!f.bucket) f.bucket = 'day';
  return { view: 'list', filters: f };
}

function filtersToHash(f) {
  const qs = new URLSearchParams();
  for (const k of FILTER_KEYS) if (f[k] && !(k === 'bucket' && f[k] === 'day')) qs.set(k, f[k]);
  const s = qs.toString();
  return '#/' + (s ? '?' + s : '');
}

function apiFilters(f) {
  const p = { group: (f.group || '').toUpperCase(), root: f.root, start: f.start, end: f.end, q: f.q };
  const a = actorCode(f.a);
  const b = actorCode(f.b);
  if (a && b) p.dyad = `${a},${b}`;
  else if (a || b) p.actor = a || b;
  return p;
}

// ---- list view ----

let table = { events: [], next: '', sort: 'date', dir: 1, filters: null };

async function showList(f) {
  $('#list-view').hidden = false;
  $('#event-view').hidden = true;
  for (const k of FILTER_KEYS) { const i = $('#f-' + k); if (i) i.value = f[k]; }
  const p = apiFilters(f);
  const who = (p.dyad ? p.dyad.replace(',', ' ↔ ') : (p.actor || 'all actors')) + (p.group ? ` · group ${p.group}` : '');
  $('#timeline-title').textContent = `— ${who}`;
  $('#legend-bucket').textContent = f.bucket;
  showError('');
  try {
    const [series, page] = await Promise.all([
      api('/api/series', { ...p, bucket: f.bucket }),
      api('/api/events', { ...p, limit: PAGE }),
    ]);
    drawTimeline(series);
    const hint = (series.points || []).length ? '' : codeHint(f);
    if (hint) $('#timeline').append(el('p', { class: 'hint code-hint', text: hint }));
    table = { ...table, events: page.events, next: page.next_cursor, filters: p };
    drawTable();
    drawMap(table.events);
  } catch (err) {
    showError(err.message);
  }
}

async function loadMore() {
  try {
    const page = await api('/api/events', { ...table.filters, limit: PAGE, cursor: table.next });
    table.events = table.events.concat(page.events);
    table.next = page.next_cursor;
    drawTable();
    drawMap(table.events);
  } catch (err) {
    showError(err.message);
  }
}

const DAY = 86400000;
function parseDate(s) { return Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)); }
function bucketMs(b) { return b === 'week' ? 7 * DAY : b === 'month' ? 30.44 * DAY : DAY; }

function drawTimeline(series) {
  const box = $('#timeline');
  box.replaceChildren();
  // Events dated after tomorrow (a date misread, or something planned)
  // would stretch the axis until the real data sits in a corner: they are
  // left out of the chart and counted under it.
  const tomorrow = Date.now() + DAY;
  const all = series.points || [];
  const pts = all.filter((p) => parseDate(p.date) <= tomorrow);
  const future = all.length - pts.length;
  const rels = (series.relations || []).filter((r) => !r.since || parseDate(r.since) <= tomorrow);
  const note = () => {
    if (future) {
      const unit = series.bucket || 'day';
      box.append(el('p', { class: 'muted future', text: `${future} ${unit}${future === 1 ? '' : 's'} of events dated after today not shown.` }));
    }
  };
  if (!pts.length) {
    box.append(el('p', { class: 'muted', text: 'No events match.' }));
    note();
    return;
  }
  const W = 800, H = 220, L = 36, R = 36, T = 16, B = 26;
  const bw = bucketMs(series.bucket);
  let t0 = parseDate(pts[0].date), t1 = parseDate(pts[pts.length - 1].date) + bw;
  for (const r of rels) {
    if (!r.since) continue;
    const t = parseDate(r.since);
    t0 = Math.min(t0, t); t1 = Math.max(t1, t + DAY);
  }
  const span = Math.max(t1 - t0, DAY);
  const x = (t) => L + (t - t0) / span * (W - L - R);
  const maxC = Math.max(...pts.map((p) => p.count), 1);
  const yc = (c) => H - B - c / maxC * (H - T - B);
  const yg = (g) => T + (10 - g) / 20 * (H - T - B);
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'events and Goldstein over time' });
  svg.append(el('line', { class: 'axis', x1: L, x2: W - R, y1: H - B, y2: H - B }));
  svg.append(el('line', { class: 'zero', x1: L, x2: W - R, y1: yg(0), y2: yg(0) }));
  svg.append(el('text', { x: 4, y: T + 4, text: String(maxC) }));
  svg.append(el('text', { x: 4, y: H - B, text: '0' }));
  svg.append(el('text', { x: W - R + 4, y: yg(10) + 4, text: '+10' }));
  svg.append(el('text', { x: W - R + 4, y: yg(0) + 4, text: '0' }));
  svg.append(el('text', { x: W - R + 4, y: yg(-10), text: '−10' }));
  const barW = Math.max(1.5, (W - L - R) * bw / span - 1);
  // The Goldstein line is broken where buckets are empty: no line is drawn
  // across a month with no events.
  const segments = [];
  let line = [], prev = null;
  for (const p of pts) {
    const t = parseDate(p.date);
    const mean = p.count ? p.goldstein / p.count : 0;
    const bar = el('rect', { class: 'bar', 'data-date': p.date, 'data-count': p.count,
      x: x(t).toFixed(1), y: yc(p.count).toFixed(1), width: barW.toFixed(1), height: (H - B - yc(p.count)).toFixed(1) });
    bar.append(el('title', { text: `${p.date}: ${p.count} event${p.count === 1 ? '' : 's'}, mean Goldstein ${mean.toFixed(1)}` }));
    svg.append(bar);
    if (prev !== null && t - prev > bw * 1.5) {
      segments.push(line);
      line = [];
    }
    line.push(`${(x(t) + barW / 2).toFixed(1)},${yg(mean).toFixed(1)}`);
    prev = t;
  }
  segments.push(line);
  for (const seg of segments) {
    if (seg.length > 1) svg.append(el('polyline', { class: 'gs', points: seg.join(' ') }));
    for (const xy of seg) {
      const [cx, cy] = xy.split(',');
      svg.append(el('circle', { class: 'gsdot', cx, cy, r: 2.2 }));
    }
  }
  for (const r of rels) {
    if (!r.since) continue;
    const xr = x(parseDate(r.since));
    const g = el('g', { class: 'rel', 'data-state': r.state });
    g.append(el('line', { x1: xr, x2: xr, y1: T - 6, y2: H - B }));
    g.append(el('text', { x: xr + 3, y: T, text: `${r.state} ${r.since}` }));
    g.append(el('title', { text: `${r.a}–${r.b}: ${r.state} since ${r.since}` +
      (series.relations_from === 'events' ? ' (derived from the events)' : ' (recorded)') }));
    svg.append(g);
  }
  // Up to five date ticks, evenly spread over the time axis, never the
  // same day twice (a range of two days has two ticks, not five).
  const n = Math.max(1, Math.min(4, Math.floor(span / DAY)));
  let last = '';
  for (let i = 0; i <= n; i++) {
    const t = t0 + i * span / n;
    const label = new Date(t).toISOString().slice(0, 10);
    if (label === last) continue;
    last = label;
    svg.append(el('text', { class: 'tick', x: x(t), y: H - 8, 'text-anchor': i === 0 ? 'start' : i === n ? 'end' : 'middle', text: label }));
  }
  brush(svg, (xa, xb) => {
    // Drag across the chart to zoom: the days under the drag become the
    // From and To filters.
    const day = (px) => new Date(t0 + (Math.min(Math.max(px, L), W - R) - L) / (W - L - R) * span).toISOString().slice(0, 10);
    const f = route().filters;
    f.start = day(Math.min(xa, xb));
    f.end = day(Math.max(xa, xb));
    location.hash = filtersToHash(f);
  }, { top: T - 6, height: H - B - T + 6 });
  box.append(svg);
  note();
}

// brush lets the pointer drag out a span of an SVG chart; done gets the
// span's two ends in the chart's own x units, when it is wider than a few
// units (a click is no zoom).
function brush(svg, done, band) {
  let x0 = null, rect = null;
  const at = (ev) => {
    const pt = svg.createSVGPoint();
    pt.x = ev.clientX; pt.y = ev.clientY;
    return pt.matrixTransform(svg.getScreenCTM().inverse()).x;
  };
  svg.addEventListener('pointerdown', (ev) => {
    if (ev.button !== 0) return;
    x0 = at(ev);
    rect = el('rect', { class: 'brush', x: x0, y: band.top, width: 0, height: band.height });
    svg.append(rect);
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener('pointermove', (ev) => {
    if (x0 === null) return;
    const x = at(ev);
    rect.setAttribute('x', Math.min(x0, x));
    rect.setAttribute('width', Math.abs(x - x0));
  });
  svg.addEventListener('pointerup', (ev) => {
    if (x0 === null) return;
    const x = at(ev), start = x0;
    x0 = null;
    rect.remove();
    if (Math.abs(x - start) > 6) done(start, x);
  });
}

function sortValue(e, key) {
  switch (key) {
    case 'date': return e.date + e.id;
    case 'source': return e.source.code;
    case 'target': return e.target.code;
    case 'cameo': return e.cameo;
    case 'goldstein': return e.goldstein;
    case 'place': return e.location ? e.location.name : '';
    case 'evidence': return e.evidence.sentence;
  }
  return '';
}

// actorCell is an actor's code in the table, with its known-group code
// when it has one ("IGO · UNO").
function actorCell(a) {
  return (a.code || '—') + (a.group ? ` · ${a.group}` : '');
}

function drawTable() {
  const { sort, dir } = table;
  const evs = table.events.slice().sort((a, b) => {
    const va = sortValue(a, sort), vb = sortValue(b, sort);
    return (va < vb ? -1 : va > vb ? 1 : 0) * dir;
  });
  for (const th of document.querySelectorAll('#events th')) {
    th.setAttribute('aria-sort', th.dataset.key === sort ? (dir > 0 ? 'ascending' : 'descending') : 'none');
  }
  const tbody = $('#events tbody');
  tbody.replaceChildren(...evs.map((e) => {
    const tr = el('tr', { 'data-id': e.id, tabindex: 0 },
      el('td', { text: e.date }),
      el('td', { text: actorCell(e.source), title: e.source.text }),
      el('td', { text: actorCell(e.target), title: e.target.text }),
      el('td', { text: e.cameo, title: (ROOTS[e.cameo.slice(0, 2)] || '') + (e.plover && e.plover.type ? ` / ${e.plover.type}` : '') }),
      el('td', { class: 'num ' + (e.goldstein < 0 ? 'neg' : 'pos'), text: e.goldstein.toFixed(1) }),
      el('td', { text: e.location ? e.location.name : '' }),
      el('td', { class: 'ev', text: e.evidence.sentence }));
    tr.addEventListener('click', () => { location.hash = '#/event/' + encodeURIComponent(e.id); });
    tr.addEventListener('keydown', (k) => { if (k.key === 'Enter') tr.click(); });
    return tr;
  }));
  $('#table-count').textContent = `— ${evs.length}${table.next ? '+' : ''} shown`;
  $('#more').hidden = !table.next;
}

let world = null;
async function loadWorld() {
  if (!world) {
    const res = await fetch('world.json');
    world = await res.json();
  }
  return world;
}

async function drawMap(events) {
  const box = $('#map');
  let w;
  try { w = await loadWorld(); } catch (err) { box.textContent = 'map unavailable'; return; }
  const svg = el('svg', { viewBox: w.viewBox, role: 'img', 'aria-label': 'map of events' });
  svg.append(el('rect', { class: 'sea', x: 0, y: 0, width: 360, height: 180 }));
  const land = el('g', {});
  for (const c of w.countries) {
    const p = el('path', { class: 'land', d: c.d });
    p.append(el('title', { text: c.name }));
    land.append(p);
  }
  svg.append(land);
  let n = 0;
  let x0 = 360, x1 = 0, y0 = 180, y1 = 0;
  // Events at one place share one dot, its area growing with their number
  // and its title listing them: nine events in one town are not three
  // dots drawn over each other.
  const places = new Map();
  for (const e of events) {
    const l = e.location;
    if (!l || (l.lat === 0 && l.lon === 0)) continue;
    const key = `${l.lat.toFixed(3)},${l.lon.toFixed(3)}`;
    if (!places.has(key)) places.set(key, { l, evs: [] });
    places.get(key).evs.push(e);
    n++;
  }
  for (const { l, evs } of places.values()) {
    // Equirectangular: x = lon + 180, y = 90 - lat, as world.json is drawn.
    const cx = l.lon + 180, cy = 90 - l.lat;
    x0 = Math.min(x0, cx); x1 = Math.max(x1, cx); y0 = Math.min(y0, cy); y1 = Math.max(y1, cy);
    const conflict = evs.some((e) => e.quad_class > 2);
    const r = (l.precision === 'country' ? 1.6 : 1.1) * Math.sqrt(evs.length);
    const dot = el('circle', { class: `dot q${conflict ? 4 : 1}`, cx: cx.toFixed(2), cy: cy.toFixed(2),
      r: r.toFixed(2), 'data-id': evs[0].id, 'data-count': evs.length });
    const lines = evs.slice(0, 12).map((e) => `${e.date} ${e.source.code}→${e.target.code} ${e.cameo}`);
    if (evs.length > 12) lines.push(`… and ${evs.length - 12} more`);
    dot.append(el('title', { text: `${l.name}: ${evs.length} event${evs.length === 1 ? '' : 's'}\n${lines.join('\n')}` }));
    dot.addEventListener('click', () => {
      if (evs.length === 1) location.hash = '#/event/' + encodeURIComponent(evs[0].id);
      else filterTableTo(evs);
    });
    svg.append(dot);
  }
  if (n > 0) {
    // Frame the events: at least 80° by 40°, padded, kept inside the world.
    const w = Math.min(360, Math.max(80, (x1 - x0) * 1.3)), h = Math.min(180, Math.max(40, (y1 - y0) * 1.3, w / 2));
    const ww = Math.max(w, h * 2);
    const vx = Math.min(Math.max(0, (x0 + x1) / 2 - ww / 2), 360 - ww);
    const vy = Math.min(Math.max(0, (y0 + y1) / 2 - h / 2), 180 - h);
    svg.setAttribute('viewBox', `${vx.toFixed(1)} ${vy.toFixed(1)} ${ww.toFixed(1)} ${(ww / 2).toFixed(1)}`);
    for (const d of svg.querySelectorAll('circle.dot')) d.setAttribute('r', (Number(d.getAttribute('r')) * ww / 360 * 2.5).toFixed(2));
  }
  box.replaceChildren(svg);
  $('#map-count').textContent = `— ${n} located event${n === 1 ? '' : 's'}`;
}

// filterTableTo shows only the given events in the table (a map dot's).
function filterTableTo(evs) {
  const ids = new Set(evs.map((e) => e.id));
  for (const tr of document.querySelectorAll('#events tbody tr')) tr.hidden = !ids.has(tr.dataset.id);
  $('#table-count').textContent = `— ${evs.length} at ${evs[0].location.name} (click Apply to show all)`;
  $('#table-card').scrollIntoView({ block: 'start' });
}

// An actor box takes a code (IRN, PAKMIL) or a name the store's actors
// list knows ("iran", "Pakistan"), which stands for its code.
const CODE = /^[A-Z]{3}([A-Z]{3})?$/;
let actorList = [];
function namedActor(v) {
  const low = v.trim().toLowerCase();
  if (!low) return null;
  return actorList.find((a) => a.name && a.name.toLowerCase() === low) ||
    (low.length >= 3 && actorList.find((a) => a.name && a.name.toLowerCase().startsWith(low))) || null;
}
function actorCode(v) {
  const up = (v || '').trim().toUpperCase();
  if (!up || CODE.test(up)) return up;
  const a = namedActor(v);
  return a ? a.code : up;
}

// codeHint explains an empty result when an actor box holds a name it
// could not match ("irn country"), suggesting the codes whose names hold
// its words.
function codeHint(f) {
  for (const raw of [f.a, f.b]) {
    const v = (raw || '').trim();
    if (!v || CODE.test(v.toUpperCase()) || namedActor(v)) continue;
    const low = v.toLowerCase();
    const m = actorList.filter((a) => a.name && a.name.toLowerCase().includes(low)).slice(0, 3);
    const tip = m.length ? ` Did you mean ${m.map((a) => `${a.code} (${a.name})`).join(', ')}?` : ' Actor boxes take codes such as IRN or PAKMIL.';
    return `“${v}” is not an actor code.${tip}`;
  }
  return '';
}

// ---- event view ----

async function showEvent(id) {
  $('#list-view').hidden = true;
  $('#event-view').hidden = false;
  showError('');
  $('#ev-title').textContent = 'Loading…';
  $('#ev-facts').replaceChildren();
  $('#ev-text').replaceChildren();
  try {
    const e = await api('/api/events/' + encodeURIComponent(id));
    drawFacts(e);
    const art = await api('/api/articles/' + encodeURIComponent(e.article));
    drawArticle(e, art);
  } catch (err) {
    $('#ev-title').textContent = 'Event ' + id;
    showError(err.message);
  }
}

function actorText(a) {
  if (!a.code && !a.text) return '—';
  return `${a.text || '—'} (${a.code || 'no code'}${a.agent ? ', ' + a.agent : ''}${a.group ? ', group ' + a.group : ''})`;
}

function drawFacts(e) {
  const root = ROOTS[e.cameo.slice(0, 2)] || '';
  $('#ev-title').textContent = `${e.source.code || '—'} → ${e.target.code || '—'}: ${e.cameo} ${root}`;
  const facts = [
    ['Source', actorText(e.source)],
    ['Target', actorText(e.target)],
    ['Action', `CAMEO ${e.cameo} (${root}); ${QUADS[e.quad_class] || ''}; Goldstein ${e.goldstein.toFixed(1)}` +
      (e.plover && e.plover.type ? `; PLOVER ${e.plover.type}${e.plover.mode ? ' / ' + e.plover.mode : ''}` : '')],
    ['Date', `${e.date} (${e.date_precision})` + (e.date_conflict ? ` — written ${e.date_conflict.written}: ${e.date_conflict.reason}` : '')],
    ['Place', e.location ? `${e.location.name}${e.location.admin1 && e.location.admin1 !== e.location.name ? ', ' + e.location.admin1 : ''}, ${e.location.country} ` +
      `(${e.location.lat.toFixed(2)}, ${e.location.lon.toFixed(2)}; ${e.location.precision})` : 'not stated'],
  ];
  if (e.fatalities) {
    const f = e.fatalities;
    facts.push(['Fatalities', f.min === f.max ? String(f.min) : `${f.min ?? '?'} to ${f.max ?? 'more'}`]);
  }
  const flags = [e.negated && 'negated', e.claim && 'claim (reported speech)'].filter(Boolean);
  if (flags.length) facts.push(['Flags', flags.join(', ')]);
  facts.push(['Confidence', e.confidence.toFixed(2)]);
  facts.push(['Mentions', String((e.mentions || []).length || 1)]);
  facts.push(['Event id', e.id]);
  $('#ev-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { 'data-fact': k.toLowerCase(), text: v })]));
}

// drawArticle shows the cleaned text with the event's evidence in <mark>,
// its other mentions underlined, and other events' sentences outlined.
// Offsets are Unicode code points, so the text is indexed as an array of
// code points, not as UTF-16.
function drawArticle(e, res) {
  const a = res.article;
  $('#ev-article-title').textContent = a.title ? `— ${a.title}` : '';
  const link = $('#ev-article-link');
  link.replaceChildren();
  if (a.url && /^https?:\/\//.test(a.url)) link.append(el('a', { href: a.url, rel: 'noopener noreferrer', text: a.url }));
  link.append(document.createTextNode(` published ${(a.published || '').slice(0, 10)}`));
  const cps = Array.from(a.text || '');
  const spans = (res.spans || []).slice();
  if (!spans.some((s) => s.event_id === e.id && s.evidence)) {
    spans.push({ start: e.evidence.start, end: e.evidence.end, event_id: e.id, evidence: true });
  }
  const cuts = new Set([0, cps.length]);
  for (const s of spans) { cuts.add(Math.max(0, Math.min(s.start, cps.length))); cuts.add(Math.max(0, Math.min(s.end, cps.length))); }
  const pos = [...cuts].sort((x, y) => x - y);
  const out = [];
  for (let i = 0; i + 1 < pos.length; i++) {
    const [s0, s1] = [pos[i], pos[i + 1]];
    const text = cps.slice(s0, s1).join('');
    const cover = spans.filter((s) => s.start <= s0 && s.end >= s1);
    const mine = cover.find((s) => s.event_id === e.id && s.evidence);
    const mention = cover.find((s) => s.event_id === e.id && !s.evidence);
    const other = cover.find((s) => s.event_id !== e.id);
    if (mine) out.push(el('mark', { 'data-start': s0, 'data-end': s1, text }));
    else if (mention) out.push(el('span', { class: 'mention', title: 'another mention of this event', text }));
    else if (other) {
      const sp = el('a', { class: 'other', href: '#/event/' + encodeURIComponent(other.event_id), title: `event ${other.cameo} ${other.source}→${other.target}`, text });
      out.push(sp);
    } else out.push(document.createTextNode(text));
  }
  $('#ev-text').replaceChildren(...out);
  const m = $('#ev-text mark');
  if (m) m.scrollIntoView({ block: 'center' });
}

// ---- wiring ----

function render() {
  const r = route();
  if (r.view === 'event') showEvent(r.id);
  else showList(r.filters);
}

function init() {
  const sel = $('#f-root');
  for (const [code, name] of Object.entries(ROOTS)) sel.append(el('option', { value: code, text: `${code} ${name}` }));
  $('#filters').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const f = {};
    for (const k of FILTER_KEYS) f[k] = ($('#f-' + k).value || '').trim();
    const h = filtersToHash(f);
    if (location.hash === h) render(); else location.hash = h;
  });
  $('#f-clear').addEventListener('click', () => { location.hash = '#/'; });
  $('#more').addEventListener('click', loadMore);
  for (const th of document.querySelectorAll('#events th')) {
    th.addEventListener('click', () => {
      const k = th.dataset.key;
      table.dir = table.sort === k ? -table.dir : 1;
      table.sort = k;
      drawTable();
    });
  }
  window.addEventListener('hashchange', render);
  render();
  // Suggest the store's most active actors in the actor fields.
  api('/api/actors', { limit: 200 }).then((res) => {
    actorList = res.actors;
    $('#actor-codes').replaceChildren(...res.actors.map((a) => el('option', { value: a.code, text: a.name ? `${a.name} (${a.events})` : String(a.events) })));
    // A name typed before the list came is read again now.
    const r = route();
    if (r.view === 'list' && [r.filters.a, r.filters.b].some((v) => v && !CODE.test(v.trim().toUpperCase()))) render();
  }).catch(() => {});
}

document.addEventListener('DOMContentLoaded', init);
