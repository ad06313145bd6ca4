#!/usr/bin/env node
// Precision and recall of policy-page detection (src/policy/policy-page.ts).
// Positives: the 95 OPP-115 train + dev policies in ../shared (read at run time, never copied).
// Negatives, gathered offline at run time with their licences noted in the output:
//   - README.md of packages in node_modules (software documentation), licence from package.json;
//   - CHANGELOG.md of packages in node_modules (release notes: news-like), licence from package.json;
//   - Debian's licence texts in /usr/share/common-licenses (legal text close to terms of service).
// Skips with a message (exit 0) when ../shared is absent. Run: npm run eval:policy-detect
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { judgePolicyPage, wordCount } from '../src/policy/policy-page.ts';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = resolve(ROOT, '..', 'shared', 'corpus', 'opp115-devsplit');
if (!existsSync(join(CORPUS, 'policies'))) {
  console.log(`eval:policy-detect: ${CORPUS} not found - skipped (the OPP-115 corpus is read from ../shared only)`);
  process.exit(0);
}

const htmlToText = (html) =>
  html.replace(/\|\|\|/g, ' ').replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, ' ').replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
const markdownToText = (md) =>
  md.replace(/```[\s\S]*?```/g, ' ').replace(/`[^`]*`/g, ' ').replace(/!\[[^\]]*\]\([^)]*\)/g, ' ').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]+>/g, ' ').replace(/[#>*_|-]+/g, ' ').replace(/\s+/g, ' ').trim();
const firstHeading = (md) => (/^#\s+(.+)$/m.exec(md)?.[1] ?? '').trim();

// Positives
const split = JSON.parse(readFileSync(join(CORPUS, 'split.json'), 'utf8'));
const positives = readdirSync(join(CORPUS, 'policies'))
  .filter((f) => f.endsWith('.html'))
  .sort()
  .map((f) => {
    const [, id, domain] = /^(\d+)_(.+)\.html$/.exec(f) ?? [];
    // The annotated text has no title and no address path: judge it on its words (the hard case).
    return { name: f, split: split[id] ?? 'unknown', input: { title: '', headings: [], text: htmlToText(readFileSync(join(CORPUS, 'policies', f), 'utf8')), url: `https://${domain}/` } };
  });

// Negatives
function packageDirs() {
  const base = join(ROOT, 'node_modules');
  const dirs = [];
  for (const name of readdirSync(base).sort()) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) for (const sub of readdirSync(join(base, name)).sort()) dirs.push(join(base, name, sub));
    else dirs.push(join(base, name));
  }
  return dirs;
}
const negatives = [];
const licences = new Map();
for (const dir of packageDirs()) {
  let pkg;
  try {
    pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  } catch {
    continue;
  }
  for (const [file, kind, limit] of [['README.md', 'docs', 150], ['CHANGELOG.md', 'release notes', 60]]) {
    const path = join(dir, file);
    if (!existsSync(path) || negatives.filter((n) => n.kind === kind).length >= limit) continue;
    const md = readFileSync(path, 'utf8');
    const text = markdownToText(md);
    if (wordCount(text) < 150) continue;
    const licence = typeof pkg.license === 'string' ? pkg.license : 'see package';
    licences.set(licence, (licences.get(licence) ?? 0) + 1);
    negatives.push({ name: `${pkg.name}/${file}`, kind, licence, input: { title: firstHeading(md) || pkg.name, headings: [], text, url: `https://www.npmjs.com/package/${pkg.name}` } });
  }
}
const licenceDir = '/usr/share/common-licenses';
if (existsSync(licenceDir)) {
  for (const name of readdirSync(licenceDir).sort()) {
    const path = join(licenceDir, name);
    if (!statSync(path).isFile()) continue;
    const text = readFileSync(path, 'utf8').replace(/\s+/g, ' ');
    negatives.push({ name: `common-licenses/${name}`, kind: 'legal text', licence: `${name} (licence text, verbatim copying permitted)`, input: { title: name, headings: [], text } });
  }
}

// Score
const judge = (item) => judgePolicyPage(item.input);
function report(label, pos, neg) {
  const tp = pos.filter((p) => judge(p).isPolicy);
  const fn = pos.filter((p) => !judge(p).isPolicy);
  const fp = neg.filter((n) => judge(n).isPolicy);
  const precision = tp.length / (tp.length + fp.length || 1);
  const recall = tp.length / (pos.length || 1);
  console.log(`${label.padEnd(24)} positives ${String(pos.length).padStart(3)}  negatives ${String(neg.length).padStart(3)}  precision ${precision.toFixed(3)}  recall ${recall.toFixed(3)}`);
  for (const p of fn) console.log(`  missed policy: ${p.name} (score ${judge(p).score}; ${judge(p).reasons.at(-1)})`);
  for (const n of fp) console.log(`  false policy: ${n.name} (score ${judge(n).score}; ${judge(n).reasons.join('; ')})`);
  return { precision, recall };
}

console.log('Policy-page detection (src/policy/policy-page.ts)');
const kindCounts = new Map();
for (const n of negatives) kindCounts.set(n.kind, (kindCounts.get(n.kind) ?? 0) + 1);
const byKind = [...kindCounts].map(([k, v]) => `${k} ${v}`).join(', ');
console.log(`negatives: ${negatives.length} (${byKind}); licences: ${[...licences].map(([l, n]) => `${l} ${n}`).join(', ')}, Debian licence texts`);
report('train policies', positives.filter((p) => p.split === 'train'), negatives);
const dev = report('dev policies', positives.filter((p) => p.split === 'dev'), negatives);
report('all 95 policies', positives, negatives);
console.log(`target: precision >= 0.95 and recall >= 0.95 (dev: ${dev.precision >= 0.95 && dev.recall >= 0.95 ? 'met' : 'NOT met'})`);
