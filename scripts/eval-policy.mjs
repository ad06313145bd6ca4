#!/usr/bin/env node
// Accuracy and speed of the OPP-115 practice-category classifier (src/policy/categories.ts).
// Gold: `categories_majority` (labels given by >= 2 of 3 annotators) of the OPP-115 train + dev segments in
// ../shared (read at run time, never copied: the corpus is for measurement only, nothing from it ships).
// Segments whose gold set is empty (no category reached a majority) are KEPT with an empty gold set: any
// prediction on them counts as a false positive (the classifier never predicts nothing).
// Skips with a message (exit 0) when ../shared is absent. Exit 1 when a dev target is missed.
// Run: npm run eval:policy   [--errors "<category>"] [--n 8] [--split train|dev]
//   --errors prints some false positives / negatives of that category to the terminal (development aid).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OPP115_CATEGORIES, classifyPassage, scorePassage } from '../src/policy/categories.ts';

const TARGET_MICRO = 0.8;
const TARGET_MACRO = 0.7;

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = resolve(ROOT, '..', 'shared', 'corpus', 'opp115-devsplit');
const SEGMENTS = join(CORPUS, 'segments.jsonl');
if (!existsSync(SEGMENTS)) {
  console.log('eval:policy: skipped: ../shared/corpus/opp115-devsplit not found (the OPP-115 corpus is read from ../shared only)');
  process.exit(0);
}

const args = process.argv.slice(2);
const argValue = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const segments = readFileSync(SEGMENTS, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line));

// Classify everything once, timed (warm-up pass first so JIT compilation is not counted).
for (const s of segments.slice(0, 200)) classifyPassage(s.text);
const started = process.hrtime.bigint();
const predictions = segments.map((s) => classifyPassage(s.text));
const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
const totalWords = segments.reduce((n, s) => n + s.text.split(/\s+/).filter(Boolean).length, 0);

const pct = (x) => x.toFixed(3);
const f1 = (tp, fp, fn) => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));

function evaluate(split) {
  const rows = [];
  const counts = Object.fromEntries(OPP115_CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]));
  let emptyGold = 0;
  let n = 0;
  segments.forEach((s, i) => {
    if (s.split !== split) return;
    n++;
    const gold = new Set(s.categories_majority);
    if (gold.size === 0) emptyGold++;
    const predicted = new Set(predictions[i]);
    for (const c of OPP115_CATEGORIES) {
      const g = gold.has(c);
      const p = predicted.has(c);
      if (g && p) counts[c].tp++;
      else if (p) counts[c].fp++;
      else if (g) counts[c].fn++;
    }
  });
  let TP = 0;
  let FP = 0;
  let FN = 0;
  let macro = 0;
  for (const c of OPP115_CATEGORIES) {
    const { tp, fp, fn } = counts[c];
    TP += tp;
    FP += fp;
    FN += fn;
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f = f1(tp, fp, fn);
    macro += f;
    rows.push({ c, precision, recall, f, support: tp + fn });
  }
  macro /= OPP115_CATEGORIES.length;
  const micro = f1(TP, FP, FN);
  console.log(`\n${split}: ${n} segments (${emptyGold} with an empty gold set, kept: any prediction there is a false positive)`);
  console.log(`  ${'category'.padEnd(40)} precision  recall     F1  support`);
  for (const r of rows) {
    console.log(`  ${r.c.padEnd(40)} ${pct(r.precision).padStart(9)} ${pct(r.recall).padStart(7)} ${pct(r.f).padStart(6)} ${String(r.support).padStart(8)}`);
  }
  console.log(`  micro-F1 ${pct(micro)}  (precision ${pct(TP / (TP + FP || 1))}, recall ${pct(TP / (TP + FN || 1))})   macro-F1 ${pct(macro)}`);
  return { micro, macro };
}

console.log('OPP-115 practice categories (src/policy/categories.ts) vs categories_majority, segment level');
evaluate('train');
const dev = evaluate('dev');
console.log(
  `\ntiming: ${segments.length} segments (${totalWords} words) in ${elapsedMs.toFixed(1)} ms = ` +
    `${Math.round(segments.length / (elapsedMs / 1000))} segments/s, ${((elapsedMs * 10000) / totalWords).toFixed(2)} ms per 10k words`,
);

const errorsFor = argValue('--errors');
if (errorsFor) {
  if (!OPP115_CATEGORIES.includes(errorsFor)) {
    console.log(`--errors: unknown category "${errorsFor}"; one of: ${OPP115_CATEGORIES.join(' | ')}`);
  } else {
    const n = Number(argValue('--n') ?? 8);
    const split = argValue('--split') ?? 'train';
    const fps = [];
    const fns = [];
    segments.forEach((s, i) => {
      if (s.split !== split) return;
      const g = s.categories_majority.includes(errorsFor);
      const p = predictions[i].includes(errorsFor);
      if (p && !g) fps.push(s);
      if (g && !p) fns.push(s);
    });
    const show = (label, list) => {
      console.log(`\n${label} (${list.length}) - ${split}, first ${n}:`);
      for (const s of list.slice(0, n)) {
        const score = scorePassage(s.text);
        const top = Object.entries(score)
          .filter(([, v]) => v > 0)
          .map(([k, v]) => `${k.split(/[ /,]/)[0]}=${v.toFixed(2)}`)
          .join(' ');
        console.log(`- gold [${s.categories_majority.join('; ')}] predicted [${classifyPassage(s.text).join('; ')}] {${top}}`);
        console.log(`  ${s.text.slice(0, 500)}`);
      }
    };
    show(`false positives of ${errorsFor}`, fps);
    show(`false negatives of ${errorsFor}`, fns);
  }
}

const met = dev.micro >= TARGET_MICRO && dev.macro >= TARGET_MACRO;
console.log(`\ntargets (dev): micro-F1 >= ${TARGET_MICRO} and macro-F1 >= ${TARGET_MACRO}: ${met ? 'met' : 'NOT met'}`);
process.exit(met ? 0 : 1);
