import { defineConfig } from 'vitest/config';

// Four projects: unit (Node, pure core and the Dexie layer on fake-indexeddb), dom (detectors on
// saved HTML under happy-dom), e2e (the built extension in real Chromium and Firefox), hostile
// (attacks on all of them: test/hostile).
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'], environment: 'node' },
      },
      {
        extends: true,
        test: { name: 'dom', include: ['test/dom/**/*.test.{ts,tsx}'], environment: 'happy-dom' },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // A real browser per file; retries would hide flakiness we want to see.
          retry: 0,
        },
      },
      {
        extends: true,
        test: {
          // `npm run test:hostile`: the extension attacked as a hostile page, a corrupt file or a dying
          // worker would (issue #8). Node by default; a file may ask for happy-dom or launch a browser.
          name: 'hostile',
          include: ['test/hostile/**/*.test.{ts,tsx}'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          retry: 0,
        },
      },
    ],
  },
});
