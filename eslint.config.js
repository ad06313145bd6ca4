// Lint rules that keep the architecture honest (see docs/architecture.md):
//  - src/ is the pure core: no webextension-polyfill, no dexie, no browser/chrome/window/document globals;
//  - webextension-polyfill is imported only by extension/platform/browser.ts.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const POLYFILL_ONLY_IN_PLATFORM = {
  name: 'webextension-polyfill',
  message: 'Import `browser` from extension/platform/browser.ts (the one place that imports the polyfill).',
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'artifacts/', 'test-artifacts/', 'demo-output/', 'scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [POLYFILL_ONLY_IN_PLATFORM] }],
    },
  },
  {
    files: ['src/**/*.ts', 'cli/**/*.ts'],
    languageOptions: { globals: { ...globals.es2024 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'webextension-polyfill', message: 'src/ is the pure core: no browser APIs.' },
            { name: 'dexie', message: 'src/ is the pure core: storage lives in extension/background.' },
          ],
          patterns: [{ group: ['**/extension/**'], message: 'src/ must not depend on the extension shell.' }],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['chrome', 'browser', 'window', 'document', 'navigator', 'location', 'indexedDB', 'localStorage', 'sessionStorage', 'self', 'globalThis', 'fetch', 'XMLHttpRequest', 'MutationObserver'].map(
          (name) => ({ name, message: 'src/ is the pure core: take what you need as an argument.' }),
        ),
      ],
    },
  },
  {
    files: ['extension/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // Page text (banner text, site names) is rendered; raw HTML never is.
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never render raw HTML: page text is hostile.' },
        { selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]", message: 'Never assign HTML: page text is hostile.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Never insert HTML: page text is hostile.' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'chrome', message: 'Use `browser` from extension/platform/browser.ts.' },
        { name: 'browser', message: 'Import `browser` from extension/platform/browser.ts.' },
      ],
    },
  },
  {
    files: ['extension/platform/browser.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['test/**/*.{ts,tsx,mjs,js}', 'scripts/**/*.mjs', 'bin/**/*.mjs', '*.config.{ts,js}', 'vite.config.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { 'no-restricted-imports': 'off' },
  },
);
