#!/usr/bin/env node
// Installs the browsers the end-to-end suites drive: Debian's chromium and firefox-esr (apt-get).
// No browser is downloaded from anywhere else. Needs root (CI runs as root) or sudo.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const wanted = [
  { pkg: 'chromium', bin: '/usr/bin/chromium' },
  { pkg: 'firefox-esr', bin: '/usr/bin/firefox-esr' },
];
const missing = wanted.filter((w) => !existsSync(w.bin));
if (missing.length === 0) {
  console.log('browsers: chromium and firefox-esr are installed');
  process.exit(0);
}
if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) {
  console.error(`browsers: install ${missing.map((m) => m.pkg).join(' and ')} yourself, or set CHROMIUM_PATH / FIREFOX_PATH (this script knows apt-get only)`);
  process.exit(1);
}
const asRoot = process.getuid?.() === 0 ? [] : ['sudo'];
const run = (args) => {
  console.log(`browsers: ${[...asRoot, ...args].join(' ')}`);
  execFileSync(asRoot[0] ?? args[0], asRoot.length ? args : args.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
};
run(['apt-get', 'update']);
run(['apt-get', 'install', '-y', '--no-install-recommends', ...missing.map((m) => m.pkg)]);
const still = missing.filter((w) => !existsSync(w.bin));
if (still.length) {
  console.error(`browsers: ${still.map((m) => m.bin).join(', ')} still missing after apt-get`);
  process.exit(1);
}
console.log('browsers: installed');
