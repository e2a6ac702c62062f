// Loads `attn-coreset report` output in headless Chromium (Debian's
// /usr/bin/chromium, no browser download) and checks: no console message,
// every plot present and rendered with a non-empty box and non-empty
// series (the size plot: the builder and every baseline; the many-heads
// heat map: one rendered cell per head, each linking to an element of the
// page; one plot per head), and a screenshot that is not blank. Run after `npm run build`:
//   node scripts/ci/report-browser-check.mjs [--keep DIR]
// A canary page that logs an error is loaded first, so a console check
// that cannot see errors fails instead of passing.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..', '..');
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
const keep = process.argv.indexOf('--keep');
const work = keep > 0 ? resolve(process.argv[keep + 1]) : mkdtempSync(join(tmpdir(), 'attn-report-browser-'));
mkdirSync(work, { recursive: true });
const FIXED_PLOTS = ['sandwich', 'ray', 'radius', 'queries', 'sizes', 'heads-heatmap'];
const SWEEP_SERIES = ['builder', 'uniform', 'sensitivity', 'merge', 'refit', 'quantize', 'input'];
const failures = [];
const fail = (msg) => failures.push(msg);

function cliRun(args) {
  execFileSync(process.execPath, [join(root, 'dist', 'src', 'cli', 'main.js'), ...args], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 120_000 });
}

function browser(extra, url) {
  const profile = mkdtempSync(join(tmpdir(), 'attn-chromium-'));
  const r = spawnSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', `--user-data-dir=${profile}`, '--enable-logging=stderr', '--v=0', ...extra, url], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 });
  rmSync(profile, { recursive: true, force: true });
  if (r.error) throw r.error;
  return { dom: r.stdout, console: r.stderr.split('\n').filter((l) => l.includes(':CONSOLE')) };
}

/** Decodes an 8-bit RGB/RGBA PNG and counts distinct colours and the share of pixels unlike the corner. */
function pngStats(buf) {
  let pos = 8;
  let width = 0, height = 0, type = 0, depth = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const kind = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (kind === 'IHDR') [width, height, depth, type] = [data.readUInt32BE(0), data.readUInt32BE(4), data[8], data[9]];
    if (kind === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  if (depth !== 8 || (type !== 2 && type !== 6)) throw new Error(`unexpected PNG format: depth ${depth}, colour type ${type}`);
  const bpp = type === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const px = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= bpp ? px[y * stride + x - bpp] : 0;
      const b = y > 0 ? px[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? px[(y - 1) * stride + x - bpp] : 0;
      const p = a + b - c;
      const pred = [0, a, b, (a + b) >> 1, Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c][f];
      px[y * stride + x] = (v + pred) & 255;
    }
  }
  const colours = new Set();
  const bg = px.readUIntBE(0, 3);
  let unlike = 0;
  for (let i = 0; i < px.length; i += bpp) {
    const c = px.readUIntBE(i, 3);
    colours.add(c);
    if (c !== bg) unlike++;
  }
  return { width, height, colours: colours.size, unlikeShare: unlike / (width * height) };
}

// 0. The canary: the console check must see an error.
const canary = join(work, 'canary.html');
writeFileSync(canary, '<!DOCTYPE html><html><body><script>console.error("report-check canary")</script></body></html>');
if (!browser(['--dump-dom'], pathToFileURL(canary).href).console.some((l) => l.includes('report-check canary'))) fail('the console check does not see console.error on a canary page');

// 1. A report from the committed real head p0-l0-h0, its own queries and logit scale.
const { readMatrix } = await import(pathToFileURL(join(root, 'dist', 'src', 'io', 'read-matrix.js')).href);
const heads = join(root, 'test', 'fixtures', 'heads');
const head = JSON.parse(readFileSync(join(heads, 'manifest.json'), 'utf8')).heads.find((h) => h.name === 'p0-l0-h0');
const file = (k) => join(heads, head.arrays[k].file);
const Q = readMatrix(file('q'));
let maxNorm = 0;
for (let r = 0; r < Q.rows; r++) maxNorm = Math.max(maxNorm, Math.hypot(...Q.data.subarray(r * Q.cols, (r + 1) * Q.cols)));
const rho = Math.ceil(maxNorm);
const s = head.logitScale;
const coreset = join(work, 'coreset.json');
const report = join(work, 'report.html');
cliRun(['build', '--keys', file('k'), '--values', file('v'), '--rho', String(rho * s), '--size', '48', '--out', coreset]);
// With --heads: the many-heads part from all committed heads, in the same page.
cliRun(['report', '--keys', file('k'), '--values', file('v'), '--coreset', coreset, '--rho', String(rho), '--scale', String(s), '--eps', '0.5', '--queries', file('q'), '--heads', heads, '--out', report, '--title', `attn-coreset report: ${head.name} and all committed heads`]);
const headNames = JSON.parse(readFileSync(join(heads, 'manifest.json'), 'utf8')).heads.map((h) => h.name);
const PLOTS = [...FIXED_PLOTS, ...headNames.map((n) => `head-${n}`)];
const html = readFileSync(report, 'utf8');
if (/(src|href)\s*=\s*["']?\s*https?:/i.test(html) || /https?:\/\//.test(html)) fail('the report names a network URL');

// 2. Console messages and the served DOM of the report itself.
const plain = browser(['--dump-dom'], pathToFileURL(report).href);
for (const l of plain.console) fail(`console: ${l}`);
for (const id of PLOTS) if (!plain.dom.includes(`data-plot="${id}"`)) fail(`plot '${id}' missing from the rendered DOM`);

// 3. Rendered geometry: an instrumented copy measures each plot and its series.
const probe = `<script>
const out = {};
for (const svg of document.querySelectorAll('svg.plot')) {
  const box = svg.getBoundingClientRect();
  const series = [...svg.querySelectorAll('.series')].map((e) => { const b = e.getBBox(); return [b.width, b.height, e.getAttribute('d') ?? '', e.dataset.series ?? '']; });
  const cells = [...svg.querySelectorAll('.cell')].map((e) => { const b = e.getBBox(); const id = (e.dataset.href ?? '').replace(/^#/, ''); return [b.width, b.height, id, id !== '' && document.getElementById(id) !== null]; });
  out[svg.dataset.plot] = { w: box.width, h: box.height, series, cells };
}
const pre = document.createElement('pre'); pre.id = 'probe'; pre.textContent = JSON.stringify(out); document.body.append(pre);
</script>`;
const probed = join(work, 'report-probe.html');
writeFileSync(probed, html.replace('</body>', `${probe}</body>`));
const dom = browser(['--dump-dom'], pathToFileURL(probed).href).dom;
const m = /<pre id="probe">([^<]*)<\/pre>/.exec(dom);
if (!m) fail('the probe found no plots (no <pre id="probe"> in the DOM)');
else {
  const geo = JSON.parse(m[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
  for (const id of PLOTS) {
    const g = geo[id];
    if (!g) { fail(`plot '${id}' not rendered`); continue; }
    if (!(g.w > 100 && g.h > 100)) fail(`plot '${id}' renders at ${g.w}×${g.h} px`);
    if (id === 'heads-heatmap') {
      const drawn = g.cells.filter(([w, h]) => w > 0 && h > 0);
      if (drawn.length !== headNames.length) fail(`heat map renders ${drawn.length} cells, expected one per head (${headNames.length})`);
      for (const [, , target, found] of g.cells) if (!found) fail(`heat map cell links to '#${target}', which is no element of the page`);
      continue;
    }
    if (id === 'sizes') {
      for (const key of SWEEP_SERIES) {
        const mine = g.series.filter((x) => x[3] === key);
        if (!mine.some(([w, h, d]) => w > 0 || h > 0 || d.length > 0)) fail(`size plot: series '${key}' missing or empty`);
      }
    }
    if (g.series.length === 0) fail(`plot '${id}' has no series elements`);
    // a point or a line series may be flat in one direction, never in both
    if (!g.series.some(([w, h, d]) => w > 0 || h > 0 || d.length > 0)) fail(`plot '${id}': every series is empty`);
  }
}

// 4. The screenshot is not blank.
const shot = join(work, 'report.png');
browser([`--screenshot=${shot}`, '--window-size=1366,2000', '--hide-scrollbars'], pathToFileURL(report).href);
const st = pngStats(readFileSync(shot));
if (st.colours < 8 || st.unlikeShare < 0.02) fail(`screenshot looks blank: ${st.colours} colours, ${(100 * st.unlikeShare).toFixed(2)}% non-background`);

console.log(`report browser check: ${PLOTS.length} plots, screenshot ${st.width}×${st.height} with ${st.colours} colours, ${(100 * st.unlikeShare).toFixed(1)}% non-background; ${keep > 0 ? `files in ${work}` : 'use --keep DIR to keep the files'}`);
if (keep < 0) rmSync(work, { recursive: true, force: true });
if (failures.length) {
  for (const f of failures) console.error(`FAIL ${f}`);
  process.exit(1);
}
console.log('report browser check: ok');
