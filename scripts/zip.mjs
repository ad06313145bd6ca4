#!/usr/bin/env node
// Packs dist/chrome and dist/firefox into store-ready zips in artifacts/:
//   consent-lens-<version>-chrome.zip, consent-lens-<version>-firefox.zip
// Reproducible: entries sorted, every entry with the same timestamp (the commit's time, or
// SOURCE_DATE_EPOCH, or 1980-01-01) and mode 0644, so two builds of one commit are byte-identical.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function fixedTime() {
  if (process.env.SOURCE_DATE_EPOCH) return new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000);
  try {
    const seconds = execFileSync('git', ['log', '-1', '--format=%ct'], { cwd: root, encoding: 'utf8' }).trim();
    if (seconds) return new Date(Number(seconds) * 1000);
  } catch {
    // not a git checkout: fall through
  }
  return new Date(Date.UTC(1980, 0, 1, 12));
}

function filesUnder(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

async function zipTarget(target, mtime) {
  const dir = join(root, 'dist', target);
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`dist/${target} is missing: run npm run build`);
  const zip = new yazl.ZipFile();
  const names = filesUnder(dir)
    .map((file) => relative(dir, file).split(sep).join('/'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    zip.addBuffer(readFileSync(join(dir, name)), name, { mtime, mode: 0o100644, compress: true });
  }
  zip.end();
  const out = join(root, 'artifacts', `consent-lens-${version}-${target}.zip`);
  await new Promise((resolve, reject) => {
    zip.outputStream.pipe(createWriteStream(out)).on('close', resolve).on('error', reject);
  });
  return { out, entries: names.length };
}

mkdirSync(join(root, 'artifacts'), { recursive: true });
const mtime = fixedTime();
for (const target of ['chrome', 'firefox']) {
  const { out, entries } = await zipTarget(target, mtime);
  console.log(`${relative(root, out)}: ${entries} files`);
}
