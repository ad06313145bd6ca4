/**
 * Builds the extension for one browser: `vite build --mode chrome` -> dist/chrome,
 * `vite build --mode firefox` -> dist/firefox. manifest.json is the shared base; the
 * per-browser differences live in `manifestFor` below and nowhere else.
 */
import { build, defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import baseManifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };

export type Target = 'chrome' | 'firefox';

/** Gecko id; stable so that Firefox keeps the same profile data across updates. */
export const GECKO_ID = 'consent-lens@consentlens.org';

export function manifestFor(target: Target): ManifestV3Export {
  const { background, ...rest } = baseManifest;
  const common = { ...rest, version: pkg.version };
  if (target === 'chrome') {
    // The service worker has no DOM: policies are read in an offscreen document (DOM_PARSER).
    return { ...common, background, permissions: [...common.permissions, 'offscreen'], minimum_chrome_version: '120' } as ManifestV3Export;
  }
  return {
    ...common,
    // Firefox MV3 runs the background as an event page (scripts), not a service worker.
    background: { scripts: [background.service_worker], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: '140.0',
        // ConsentLens collects nothing: every record stays on the device.
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    },
  } as unknown as ManifestV3Export;
}

/**
 * Scripts loaded on demand (scripting.executeScript) into a frame only when it needs them, so
 * they cost nothing on every other page: autoconsent where a consent prompt was found, the form
 * reader where the page has form fields. Each is built as one plain IIFE file - not as a manifest
 * content script, and not through crxjs's `?script` import, which would list it in
 * web_accessible_resources.
 */
export const ON_DEMAND_SCRIPTS = [
  { entry: 'extension/content/autoconsent-engine.ts', file: 'extension/content/autoconsent.js', name: 'consentLensAutoconsent' },
  { entry: 'extension/content/forms-engine.ts', file: 'extension/content/forms.js', name: 'consentLensForms' },
] as const;

function onDemandScripts(): Plugin {
  return {
    name: 'consent-lens:on-demand-scripts',
    apply: 'build',
    async generateBundle() {
      for (const script of ON_DEMAND_SCRIPTS) {
        const result = await build({
          configFile: false,
          logLevel: 'warn',
          define: { 'process.env.NODE_ENV': '"production"' },
          build: {
            write: false,
            minify: true,
            target: 'es2022',
            lib: { entry: script.entry, formats: ['iife'], name: script.name, fileName: () => script.file },
          },
        });
        const outputs = Array.isArray(result) ? result : [result];
        const chunk = outputs
          .flatMap((o) => ('output' in o ? o.output : []))
          .find((o) => o.type === 'chunk' && o.isEntry);
        if (!chunk || chunk.type !== 'chunk') throw new Error(`${script.file}: no entry chunk`);
        this.emitFile({ type: 'asset', fileName: script.file, source: chunk.code });
      }
    },
  };
}

export default defineConfig(({ mode }) => {
  if (mode !== 'chrome' && mode !== 'firefox') {
    throw new Error(`vite: build with --mode chrome or --mode firefox (got "${mode}")`);
  }
  const target: Target = mode;
  return {
    publicDir: 'extension/public',
    plugins: [preact(), crx({ manifest: manifestFor(target), browser: target }), onDemandScripts()],
    build: {
      outDir: `dist/${target}`,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      // Pages the manifest does not name: Chrome's offscreen policy reader (Firefox reads policies
      // in its background page and needs no such page), and the installed-extensions audit page
      // (both browsers; opened from the dashboard).
      rollupOptions: {
        input: {
          ...(target === 'chrome' ? { offscreen: 'extension/offscreen/index.html' } : {}),
          extensions: 'extension/ui/extensions/index.html',
          onboarding: 'extension/ui/onboarding/index.html',
        },
      },
    },
  };
});
