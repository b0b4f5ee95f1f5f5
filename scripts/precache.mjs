#!/usr/bin/env node
// Chung Sức — give each build asset a content-hashed name and write the service worker's
// precache list, so a browser keeps exactly one consistent build offline and sees a new one.
//
//   node scripts/precache.mjs DIST
//
// Idempotent: run again on a built folder (after changing a file) it renames what changed and
// writes a new sw.js, which is what a second deploy looks like to the browser.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const dist = path.resolve(process.argv[2] || 'dist');
const read = (rel) => fs.readFileSync(path.join(dist, rel));
const hash = (buf) => createHash('sha256').update(buf).digest('hex').slice(0, 10);

/** The WASM entries the build made (scripts/build.sh): every `pkg/<entry>_bg[.HASH].wasm`. */
const ENTRIES = [
  ...new Set(
    fs
      .readdirSync(path.join(dist, 'pkg'))
      .map((f) => f.match(/^(\w+?)_bg(\.[0-9a-f]{10})?\.wasm$/)?.[1])
      .filter(Boolean),
  ),
].sort();
if (!ENTRIES.length) throw new Error(`precache: no pkg/*_bg.wasm in ${dist}`);

/** Assets named `base.HASH.ext` (or still `base.ext`), hashed in this order: boot.js names the
 * entries and pages.css, so it comes last. */
const ASSETS = [
  ...ENTRIES.flatMap((e) => [
    { dir: 'pkg', base: `${e}_bg`, ext: 'wasm' },
    { dir: 'pkg', base: e, ext: 'js' },
  ]),
  { dir: '', base: 'styles', ext: 'css' },
  { dir: '', base: 'pages', ext: 'css' },
  { dir: '', base: 'boot', ext: 'js' },
];

function current(asset) {
  const folder = path.join(dist, asset.dir);
  const re = new RegExp(`^${asset.base}(\\.[0-9a-f]{10})?\\.${asset.ext}$`);
  const found = fs.readdirSync(folder).filter((f) => re.test(f));
  if (found.length !== 1) throw new Error(`precache: expected one ${asset.base}.*.${asset.ext} in ${folder}, found ${found}`);
  return path.posix.join(asset.dir, found[0]);
}

/** Replace every reference to any version of `asset` in `text` by `name`. */
function relink(text, asset, name) {
  const prefix = asset.dir ? `${asset.dir}/` : '';
  const re = new RegExp(`${prefix.replace('/', '\\/')}${asset.base}(\\.[0-9a-f]{10})?\\.${asset.ext}`, 'g');
  return text.replace(re, name);
}

const names = {};
for (const asset of ASSETS) {
  const rel = current(asset);
  let buf = read(rel);
  // boot.js names the entries it loads and the full entry's pages.css: write them, then hash
  // what it became.
  if (asset.base === 'boot') {
    const table = Object.fromEntries(ENTRIES.map((e) => [e, [`./${names[e]}`, `./${names[`${e}_bg`]}`]]));
    const text = buf
      .toString('utf8')
      .replace(/const ENTRIES = \{.*\};/, `const ENTRIES = ${JSON.stringify(table)};`)
      .replace(/const PAGES_CSS = '[^']*';/, `const PAGES_CSS = './${names.pages}';`);
    if (!ENTRIES.every((e) => text.includes(names[e]))) throw new Error('precache: boot.js has no ENTRIES line to fill');
    if (!text.includes(`'./${names.pages}'`)) throw new Error('precache: boot.js has no PAGES_CSS line to fill');
    buf = Buffer.from(text);
  }
  const name = path.posix.join(asset.dir, `${asset.base}.${hash(buf)}.${asset.ext}`);
  fs.rmSync(path.join(dist, rel));
  fs.writeFileSync(path.join(dist, name), buf);
  names[asset.base] = name;
}

// The deployment's rules file (scripts/deploy-rules.sh): index.html names it so the app fetches
// it only when it is there (no request, no 404, when it is not), and it is precached.
const RULES = 'bo-tieu-chi.json';
const rulesShipped = fs.existsSync(path.join(dist, RULES));
const RULES_META = /\s*<meta name="chung-suc-bo-tieu-chi"[^>]*>/g;

let html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
for (const asset of ASSETS) html = relink(html, asset, names[asset.base]);
html = html.replace(RULES_META, '');
if (rulesShipped) {
  html = html.replace(/(\n\s*)<\/head>/, `$1  <meta name="chung-suc-bo-tieu-chi" content="./${RULES}">$1</head>`);
  if (!html.includes(RULES)) throw new Error('precache: index.html has no </head> to name the rules file before');
}
fs.writeFileSync(path.join(dist, 'index.html'), html);

const files = ['index.html', 'manifest.webmanifest', 'icon.svg', ...Object.values(names), ...(rulesShipped ? [RULES] : [])];
const version = hash(Buffer.concat(files.map((f) => Buffer.concat([Buffer.from(f), read(f)]))));
const template = fs.readFileSync(path.join(dist, 'sw.js'), 'utf8');
const sw = template
  .replace(/const VERSION = '[^']*';/, `const VERSION = '${version}';`)
  .replace(/const ASSETS = \[[^\]]*\];/, `const ASSETS = ${JSON.stringify(['./', ...files.map((f) => `./${f}`)])};`);
if (sw === template && !template.includes(version)) throw new Error('precache: sw.js has no VERSION/ASSETS lines to fill');
fs.writeFileSync(path.join(dist, 'sw.js'), sw);
console.log(`[precache] version ${version}: ${files.length} files (${Object.values(names).join(', ')}${rulesShipped ? `, ${RULES}` : ''})`);
