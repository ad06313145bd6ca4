// Non-policy pages for the policy-page eval, gathered at run time from what is installed on this
// machine (never copied into the project). Every item records where it came from and its licence:
// the package's licence from its package.json, Debian's /usr/share/doc/<pkg>/copyright, a Python
// dist-info's METADATA, or the nearest LICENSE/COPYING file. Sources that are absent are skipped.
//
// Classes (the kinds of page the issue names):
//   docs                     - README.md of npm packages (software documentation)
//   faq                      - FAQ documents (Debian /usr/share/doc, Perl, man pages, Python and Rust docs,
//                              FAQ sections of npm READMEs)
//   terms/licence-agreement  - licence texts (Debian common-licenses, distinct LICENSE files of npm and
//                              Python packages): the closest offline kind to terms of service / EULAs
//   news                     - NEWS / NEWS.Debian / release announcements in /usr/share/doc (news-like text)
//   release notes            - CHANGELOG.md of npm packages
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const MAX_CHARS = 40_000; // a long web page; NEWS files run to megabytes
const MIN_WORDS = 150;

// ---------- text conversion ----------
const decodeEntities = (s) =>
  s.replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, '&');
export const htmlToText = (html) =>
  decodeEntities(html.replace(/\|\|\|/g, ' ').replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<nav[\s\S]*?<\/nav>/gi, ' ').replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
export const markdownToText = (md) =>
  md.replace(/```[\s\S]*?```/g, ' ').replace(/`[^`]*`/g, ' ').replace(/!\[[^\]]*\]\([^)]*\)/g, ' ').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]+>/g, ' ').replace(/[#>*_|-]+/g, ' ').replace(/\s+/g, ' ').trim();
const rstToText = (rst) => markdownToText(rst.replace(/^\.\. .*$/gm, ' ').replace(/^[=\-~^"'`#*+]{3,}\s*$/gm, ' ').replace(/:\w+:`([^`]*)`/g, '$1'));
const podToText = (pod) =>
  pod.replace(/^=(?:head\d|item|over|back|pod|cut|begin|end|for|encoding)\b ?/gm, ' ').replace(/[A-Z]<<\s*(.*?)\s*>>|[A-Z]<([^<>]*)>/g, (_, a, b) => a ?? b).replace(/\s+/g, ' ').trim();
const roffToText = (roff) =>
  roff.replace(/^\.\\".*$/gm, ' ').replace(/^['.][A-Za-z]{1,3}\b ?/gm, ' ').replace(/\\f[BIRP0-9]|\\f\[[^\]]*\]|\\\(\w\w|\\\*\[[^\]]*\]|\\&|\\-/g, (m) => (m === '\\-' ? '-' : ' ')).replace(/\s+/g, ' ').trim();
const firstHeading = (md) => (/^#\s+(.+)$/m.exec(md)?.[1] ?? '').trim();
const htmlTitle = (html) => decodeEntities(/<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '').replace(/\s+/g, ' ').trim();

function readMaybeGz(path) {
  const buf = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
}

/** { title, text } of a document, by its format. */
function documentOf(path) {
  const raw = readMaybeGz(path);
  const name = basename(path).replace(/\.gz$/, '');
  if (/\.html?$/i.test(name)) return { title: htmlTitle(raw), text: htmlToText(raw) };
  if (/\.md$/i.test(name)) return { title: firstHeading(raw), text: markdownToText(raw) };
  if (/\.rst$/i.test(name)) return { title: '', text: rstToText(raw) };
  if (/\.(?:pod|pm)$/i.test(name)) return { title: '', text: podToText(raw) };
  if (/\.\d\w*$/.test(name)) return { title: '', text: roffToText(raw) };
  return { title: '', text: raw.replace(/\s+/g, ' ').trim() };
}

// ---------- licences ----------
const readText = (p) => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return null;
  }
};
export function guessLicence(text) {
  const t = text.slice(0, 4000);
  const found = [];
  if (/Apache License/i.test(t)) found.push('Apache-2.0');
  if (/GNU LESSER GENERAL PUBLIC|GNU Library General Public/i.test(t)) found.push('LGPL');
  else if (/GNU GENERAL PUBLIC LICENSE|GNU General Public License/.test(t)) found.push('GPL');
  if (/Permission is hereby granted, free of charge|\bMIT\b/.test(t)) found.push('MIT');
  if (/Redistribution and use in source and binary forms/i.test(t)) found.push('BSD');
  if (/Mozilla Public License/i.test(t)) found.push('MPL-2.0');
  if (/Permission to use, copy, modify, and(?:\/or)? distribute this software for any purpose/i.test(t)) found.push('ISC');
  if (/PYTHON SOFTWARE FOUNDATION LICENSE/i.test(t)) found.push('PSF-2.0');
  if (/Artistic License/i.test(t)) found.push('Artistic');
  return found.length ? found.join(' / ') : null;
}
const debCache = new Map();
/** The licence Debian records for a package (first `License:` field of its copyright file). */
export function debianLicence(pkg) {
  if (debCache.has(pkg)) return debCache.get(pkg);
  const text = readText(`/usr/share/doc/${pkg}/copyright`);
  const licence = text ? (/^Files:\s*\*\s*$[^]*?^License:\s*(\S.*)$/m.exec(text)?.[1]?.trim() ?? /^License:\s*(\S.*)$/m.exec(text)?.[1]?.trim() ?? guessLicence(text) ?? `see /usr/share/doc/${pkg}/copyright`) : null;
  const note = licence ? `${licence} (Debian package ${pkg})` : null;
  debCache.set(pkg, note);
  return note;
}
function dpkgOwner(path) {
  try {
    return execFileSync('dpkg', ['-S', path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split(':')[0].trim() || null;
  } catch {
    return null;
  }
}
/** Walks up from a file to the nearest statement of its licence. */
export function licenceOf(path) {
  const doc = /^\/usr\/share\/doc\/([^/]+)\//.exec(path);
  if (doc) return debianLicence(doc[1]) ?? 'unknown';
  const py = /^(.*\/(?:site|dist)-packages)\/([^/]+)\//.exec(path);
  if (py) {
    const norm = (s) => s.toLowerCase().replace(/[-_.]+/g, '_');
    const info = readdirSync(py[1]).find((n) => n.endsWith('.dist-info') && norm(n).startsWith(`${norm(py[2])}_`));
    const meta = info ? readText(join(py[1], info, 'METADATA')) : null;
    const licence = meta && (/^License-Expression:\s*(\S.*)$/m.exec(meta)?.[1] ?? /^Classifier: License :: (?:OSI Approved :: )?(.+)$/m.exec(meta)?.[1] ?? /^License:\s*(\S.*)$/m.exec(meta)?.[1]);
    if (licence) return `${licence.trim()} (Python ${info.replace(/\.dist-info$/, '')})`;
  }
  for (let dir = dirname(path), i = 0; dir !== dirname(dir) && i < 8; dir = dirname(dir), i++) {
    const pkg = readText(join(dir, 'package.json'));
    if (pkg) {
      try {
        const json = JSON.parse(pkg);
        if (typeof json.license === 'string') return `${json.license} (npm ${json.name})`;
      } catch {
        /* not JSON */
      }
    }
    let names;
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    const lic = names.find((n) => /^(?:LICEN[CS]E|COPYING|COPYRIGHT)(?:[-.].*)?$/i.test(n));
    if (lic) {
      const guess = guessLicence(readText(join(dir, lic)) ?? '');
      if (guess) return `${guess} (${join(dir, lic)})`;
    }
  }
  if (path.startsWith('/usr/')) {
    const owner = dpkgOwner(path);
    if (owner) return debianLicence(owner) ?? 'unknown';
  }
  return 'unknown';
}

// ---------- walking ----------
function* walk(dir, depth, skip = /^(?:\.|__pycache__$|tests?$|data$|node_modules$)/) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (depth > 0 && !skip.test(e.name)) yield* walk(p, depth - 1, skip);
    } else if (e.isFile()) yield p;
  }
}
function packageDirs(root) {
  const base = join(root, 'node_modules');
  if (!existsSync(base)) return [];
  const dirs = [];
  for (const name of readdirSync(base).sort()) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) for (const sub of readdirSync(join(base, name)).sort()) dirs.push(join(base, name, sub));
    else dirs.push(join(base, name));
  }
  return dirs;
}
const wordsOf = (text) => text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
const fingerprint = (text) => createHash('sha1').update(text.toLowerCase().replace(/[^a-z]+/g, ' ').slice(0, 3000)).digest('hex');
// Licence texts differ mostly in their copyright lines: one text per licence and length (one MIT text, not 70).
const licenceFingerprint = (text) => `${guessLicence(text) ?? fingerprint(text)} ${Math.round(wordsOf(text) / 40)}`;

/**
 * Every negative as { name, kind, licence, input: { title, headings, text, url } }.
 * `root` is the project root (for node_modules).
 */
export function gatherNegatives(root, limits = { docs: 150, 'release notes': 60, faq: 80, 'terms/licence-agreement': 80, news: 100 }) {
  const out = [];
  const seen = new Set();
  const count = (kind) => out.filter((n) => n.kind === kind).length;
  const add = (kind, name, licence, title, text, url = null) => {
    if (count(kind) >= (limits[kind] ?? Infinity)) return false;
    const capped = text.slice(0, MAX_CHARS);
    if (wordsOf(capped) < MIN_WORDS) return false;
    const fp = kind === 'terms/licence-agreement' ? licenceFingerprint(capped) : fingerprint(capped);
    if (seen.has(fp)) return false;
    seen.add(fp);
    out.push({ name, kind, licence, input: { title, headings: [], text: capped, url } });
    return true;
  };
  const addFile = (kind, path, name = path) => {
    try {
      const { title, text } = documentOf(path);
      return add(kind, name, licenceOf(path), title, text);
    } catch {
      return false;
    }
  };

  // Debian's licence texts first (they are the most varied), then the packages'
  const licenceDir = '/usr/share/common-licenses';
  if (existsSync(licenceDir)) {
    for (const name of readdirSync(licenceDir).sort()) {
      const path = join(licenceDir, name);
      if (statSync(path).isFile()) add('terms/licence-agreement', `common-licenses/${name}`, `${name} (licence text, verbatim copying permitted)`, name, readFileSync(path, 'utf8').replace(/\s+/g, ' '));
    }
  }
  // npm packages: README (docs), its FAQ section (faq), CHANGELOG (release notes), LICENSE (terms/licence-agreement)
  for (const dir of packageDirs(root)) {
    let pkg;
    try {
      pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    const licence = `${typeof pkg.license === 'string' && pkg.license ? pkg.license : 'see its package'} (npm ${pkg.name})`;
    const url = `https://www.npmjs.com/package/${pkg.name}`;
    const readme = readText(join(dir, 'README.md'));
    if (readme) {
      add('docs', `${pkg.name}/README.md`, licence, firstHeading(readme) || pkg.name, markdownToText(readme), url);
      const faq = /^(#{1,3})\s*(?:FAQs?|Frequently asked questions|Common questions|Questions(?: and answers)?|Q ?& ?A)\b.*$/im.exec(readme);
      if (faq) {
        const rest = readme.slice(faq.index + faq[0].length);
        const end = new RegExp(`^#{1,${faq[1].length}}\\s`, 'm').exec(rest);
        add('faq', `${pkg.name}/README.md#faq`, licence, 'FAQ', markdownToText(rest.slice(0, end ? end.index : undefined)), url);
      }
    }
    const changelog = readText(join(dir, 'CHANGELOG.md'));
    if (changelog) add('release notes', `${pkg.name}/CHANGELOG.md`, licence, firstHeading(changelog) || pkg.name, markdownToText(changelog), url);
    const lic = readdirSync(dir).find((n) => /^LICEN[CS]E(?:\.md|\.txt)?$/i.test(n));
    if (lic) add('terms/licence-agreement', `${pkg.name}/${lic}`, licence, '', readText(join(dir, lic)).replace(/\s+/g, ' ').trim());
  }

  // Debian: FAQs, NEWS
  const docDir = '/usr/share/doc';
  if (existsSync(docDir)) {
    for (const path of walk(docDir, 3)) {
      const name = basename(path);
      if (/faq/i.test(name) && /^(?:[^.]*|.*\.(?:txt|html?|md|gz))$/i.test(name)) addFile('faq', path);
    }
    for (const path of walk(docDir, 2)) {
      const name = basename(path);
      if (/^(?:NEWS(?:\.Debian)?(?:\.md|\.txt)?(?:\.gz)?|RELEASE[-_]?NOTES(?:\.txt)?(?:\.gz)?|v[\d.]+-ReleaseNotes(?:\.gz)?)$/i.test(name)) addFile('news', path);
    }
  }
  // Other FAQs on the machine: Perl, man pages, Rust and Python documentation
  const home = homedir();
  const faqRoots = [
    ['/usr/share/perl', 4],
    ['/usr/share/man/man7', 0],
    ...[join(home, '.rustup', 'toolchains')].filter(existsSync).flatMap((t) => readdirSync(t).map((tc) => [join(t, tc, 'share', 'doc'), 5])),
    ['/usr/lib/python3/dist-packages', 3],
    ...[join(home, '.pyenv', 'versions')].filter(existsSync).flatMap((v) => readdirSync(v).map((ver) => [join(v, ver, 'lib'), 4])),
    ['/usr/lib/google-cloud-sdk/platform/gsutil/third_party', 4],
  ];
  for (const [dir, depth] of faqRoots) {
    if (!existsSync(dir)) continue;
    for (const path of walk(dir, depth)) {
      const name = basename(path);
      if (/faq/i.test(name) && /\.(?:pod|md|rst|txt|html?|\d\w*\.gz)$|^FAQ$/i.test(name)) addFile('faq', path);
    }
  }
  // Python packages' licence files (more kinds of licence text)
  for (const [dir] of faqRoots.filter(([d]) => /python|pyenv/.test(d))) {
    if (!existsSync(dir)) continue;
    for (const path of walk(dir, 4, /^(?:\.|__pycache__$|tests?$)/)) {
      if (/\.dist-info\//.test(path) && /^(?:LICEN[CS]E|COPYING)(?:\.\w+)?$/i.test(basename(path))) {
        const text = readText(path);
        if (text) add('terms/licence-agreement', path, `${guessLicence(text) ?? 'licence text'} (Python ${/([^/]+)\.dist-info\//.exec(path)?.[1]})`, '', text.replace(/\s+/g, ' ').trim());
      }
    }
  }
  return out;
}
