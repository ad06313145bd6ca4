/**
 * What the stores receive: the built manifests say what they must (and nothing more), and two
 * builds of one commit pack into byte-identical zips.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, builtExtension } from './support/browsers.ts';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const manifest = (target: 'chrome' | 'firefox') => JSON.parse(readFileSync(join(builtExtension(target), 'manifest.json'), 'utf8'));

describe('built manifests', () => {
  it.each(['chrome', 'firefox'] as const)('%s: version from package.json, minimum permissions, nothing web-accessible', (target) => {
    const m = manifest(target);
    expect(m.manifest_version).toBe(3);
    expect(m.version).toBe(pkg.version);
    // Chrome reads policies in an offscreen document (its service worker has no DOM); Firefox in its
    // background page. docs/permissions.md has a row for each.
    expect([...m.permissions].sort()).toEqual(target === 'chrome' ? ['activeTab', 'offscreen', 'scripting', 'unlimitedStorage'] : ['activeTab', 'scripting', 'unlimitedStorage']);
    // The same hosts the content scripts run on; Chrome needs them for scripting.executeScript.
    expect(m.host_permissions).toEqual(['http://*/*', 'https://*/*']);
    // Asked for only on the extensions-audit page, when the person wants the audit.
    expect(m.optional_permissions ?? []).toEqual(['management']);
    expect(m.web_accessible_resources ?? []).toEqual([]);
    expect(m.content_security_policy.extension_pages).toBe("script-src 'self'; object-src 'self'");
    // The isolated content script, and the main-world reader of consent APIs; both before page scripts.
    expect(m.content_scripts).toEqual([
      expect.objectContaining({ matches: ['http://*/*', 'https://*/*'], run_at: 'document_start', js: ['extension/content/main.iife.js'] }),
      expect.objectContaining({ matches: ['http://*/*', 'https://*/*'], run_at: 'document_start', world: 'MAIN', js: ['extension/content/main-world.iife.js'] }),
    ]);
    expect(m.content_scripts[0].world).toBeUndefined();
    expect(m.default_locale).toBe('en');
  });

  it('chrome: a service worker', () => {
    expect(manifest('chrome').background).toEqual({ service_worker: 'service-worker-loader.js', type: 'module' });
  });

  it('firefox: background scripts, gecko id, Firefox 140+, no data collection', () => {
    const m = manifest('firefox');
    expect(m.background.scripts).toEqual(['service-worker-loader.js']);
    expect(m.background.service_worker).toBeUndefined();
    expect(m.browser_specific_settings.gecko).toEqual({
      id: 'consent-lens@consentlens.org',
      strict_min_version: '140.0',
      data_collection_permissions: { required: ['none'] },
    });
  });
});

describe('content-script budget (they run on every page)', () => {
  // Budgets with headroom over today's sizes; a jump means something heavy leaked in (e.g. the
  // public suffix list, a decoder): move it to the background instead of raising the budget.
  // Raised twice, each for something that has to look at the page itself:
  //   48 000 -> 56 000 (0.2.0): policy-link discovery in five languages (reading and judging a
  //     policy page happen in the background);
  //   56 000 -> 68 000 and main world 4 000 -> 12 000: permission hooks in every frame and their
  //     reporter with the site-kind guess (run only when a page calls a powerful API). The form
  //     reader is not here: it is injected only into frames that have form fields.
  it.each([
    ['extension/content/main.iife.js', 68_000],
    ['extension/content/main-world.iife.js', 12_000],
  ])('%s stays under %i bytes', (file, budget) => {
    expect(statSync(join(builtExtension('chrome'), file)).size).toBeLessThan(budget);
  });
});

describe('autoconsent is loaded on demand', () => {
  it('ships as its own file, not a content script and not web-accessible', () => {
    const m = manifest('chrome');
    expect(statSync(join(builtExtension('chrome'), 'extension/content/autoconsent.js')).size).toBeGreaterThan(10_000);
    expect(JSON.stringify(m.content_scripts)).not.toContain('autoconsent');
    // The form reader likewise: injected only into frames whose page has form fields.
    expect(statSync(join(builtExtension('chrome'), 'extension/content/forms.js')).size).toBeGreaterThan(5_000);
    expect(JSON.stringify(m.content_scripts)).not.toContain('forms');
    expect(m.web_accessible_resources ?? []).toEqual([]);
  });
});

describe('npm run zip', () => {
  const hashes = () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'zip.mjs')], { cwd: ROOT, stdio: 'pipe' });
    return ['chrome', 'firefox'].map((target) =>
      createHash('sha256')
        .update(readFileSync(join(ROOT, 'artifacts', `consent-lens-${pkg.version}-${target}.zip`)))
        .digest('hex'),
    );
  };

  it('gives byte-identical zips for two builds of the same commit', () => {
    const first = hashes();
    // Build as a person would: vitest sets NODE_ENV=test, which would make Vite build in test mode.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_ENV' && !key.startsWith('VITEST')));
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe', env });
    expect(hashes()).toEqual(first);
  });
});
