/** Bundles a page script (TypeScript, npm imports) into one browser file for the test server. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build } from 'vite';

export async function bundlePageScript(entry: string): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'consent-lens-page-'));
  const fileName = `${basename(entry).replace(/\.ts$/u, '')}.js`;
  await build({
    configFile: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir,
      emptyOutDir: false,
      minify: false,
      lib: { entry, formats: ['iife'], name: 'PageScript', fileName: () => fileName },
    },
  });
  return join(outDir, fileName);
}
