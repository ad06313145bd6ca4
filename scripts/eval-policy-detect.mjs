#!/usr/bin/env node
// Precision and recall of policy-page detection (src/policy/policy-page.ts).
// Positives: the 95 OPP-115 train + dev policies in ../shared (read at run time, never copied), judged on
// their words alone: no title, no address path (the annotated text has neither - the hard case).
// Negatives: non-policy pages gathered offline at run time from what is installed on this machine, each with
// its licence noted (scripts/policy-detect/negatives.mjs): software docs (npm READMEs), FAQs, terms/licence
// agreements (licence texts), news (NEWS files, release announcements) and release notes (changelogs).
// Nothing is copied into the project. Skips with a message (exit 0) when ../shared is absent.
// Run: npm run eval:policy-detect [-- --list] (--list prints every negative with its licence)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { judgePolicyPage } from '../src/policy/policy-page.ts';
import { gatherNegatives, htmlToText } from './policy-detect/negatives.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = resolve(ROOT, '..', 'shared', 'corpus', 'opp115-devsplit');
if (!existsSync(join(CORPUS, 'policies'))) {
  console.log(`eval:policy-detect: ${CORPUS} not found - skipped (the OPP-115 corpus is read from ../shared only)`);
  process.exit(0);
}

// Positives
const split = JSON.parse(readFileSync(join(CORPUS, 'split.json'), 'utf8'));
const positives = readdirSync(join(CORPUS, 'policies'))
  .filter((f) => f.endsWith('.html'))
  .sort()
  .map((f) => {
    const [, id, domain] = /^(\d+)_(.+)\.html$/.exec(f) ?? [];
    return { name: f, split: split[id] ?? 'unknown', input: { title: '', headings: [], text: htmlToText(readFileSync(join(CORPUS, 'policies', f), 'utf8')), url: `https://${domain}/` } };
  });

// Negatives
const negatives = gatherNegatives(ROOT);
const verdicts = new Map([...positives, ...negatives].map((item) => [item, judgePolicyPage(item.input)]));
const judge = (item) => verdicts.get(item);

function report(label, pos, neg) {
  const tp = pos.filter((p) => judge(p).isPolicy);
  const fn = pos.filter((p) => !judge(p).isPolicy);
  const fp = neg.filter((n) => judge(n).isPolicy);
  const precision = tp.length / (tp.length + fp.length || 1);
  const recall = tp.length / (pos.length || 1);
  console.log(`${label.padEnd(24)} positives ${String(pos.length).padStart(3)}  negatives ${String(neg.length).padStart(3)}  precision ${precision.toFixed(3)}  recall ${recall.toFixed(3)}`);
  for (const p of fn) console.log(`  missed policy: ${p.name} (score ${judge(p).score}; ${judge(p).reasons.at(-1)})`);
  return { precision, recall };
}

console.log('Policy-page detection (src/policy/policy-page.ts)');
const classes = [...new Set(negatives.map((n) => n.kind))];
console.log(`negatives: ${negatives.length}, read from this machine at run time (never committed); per class, judged a policy:`);
for (const kind of classes) {
  const items = negatives.filter((n) => n.kind === kind);
  const fp = items.filter((n) => judge(n).isPolicy);
  const licences = new Map();
  for (const n of items) {
    const l = n.licence.replace(/\s*\([^()]*\)$/, '');
    licences.set(l, (licences.get(l) ?? 0) + 1);
  }
  const top = [...licences].sort((a, b) => b[1] - a[1]);
  const maxScore = Math.max(...items.map((n) => judge(n).score));
  console.log(`  ${kind.padEnd(24)} ${String(items.length).padStart(3)} pages, ${fp.length} judged policy (highest score ${maxScore.toFixed(3)}); licences: ${top.slice(0, 8).map(([l, c]) => `${l} ${c}`).join(', ')}${top.length > 8 ? `, +${top.length - 8} more` : ''}`);
  for (const n of fp) console.log(`    false policy: ${n.name} [${n.licence}] (score ${judge(n).score}; ${judge(n).reasons.join('; ')})`);
}
if (process.argv.includes('--list')) for (const n of negatives) console.log(`  ${n.kind} | ${n.name} | ${n.licence} | score ${judge(n).score}`);
report('train policies', positives.filter((p) => p.split === 'train'), negatives);
const dev = report('dev policies', positives.filter((p) => p.split === 'dev'), negatives);
report('all 95 policies', positives, negatives);
const scores = (items) => items.map((i) => judge(i).score).sort((a, b) => a - b);
console.log(`margin: lowest policy score ${scores(positives)[0]}, highest non-policy score ${scores(negatives).at(-1)} (threshold 0.6)`);
console.log(`target: precision >= 0.95 and recall >= 0.95 (dev: ${dev.precision >= 0.95 && dev.recall >= 0.95 ? 'met' : 'NOT met'})`);
