import { defineConfig } from 'vitest/config';

// Three projects: unit (Node, pure core and the Dexie layer on fake-indexeddb), dom (detectors on
// saved HTML under happy-dom), e2e (the built extension in real Chromium and Firefox).
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
    ],
  },
});
