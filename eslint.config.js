// Lint rules that keep the architecture honest (see docs/architecture.md):
//  - src/ is the pure core: no webextension-polyfill, no dexie, no browser/chrome/window/document globals;
//  - webextension-polyfill is imported only by extension/platform/browser.ts;
//  - no raw HTML in extension/, and no hard-coded words in the UI's JSX (they go in _locales).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const POLYFILL_ONLY_IN_PLATFORM = {
  name: 'webextension-polyfill',
  message: 'Import `browser` from extension/platform/browser.ts (the one place that imports the polyfill).',
};

// Page text (banner text, site names) is rendered; raw HTML never is.
const NO_RAW_HTML = [
  { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never render raw HTML: page text is hostile.' },
  { selector: 'AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]', message: 'Never assign HTML: page text is hostile.' },
  { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Never insert HTML: page text is hostile.' },
];

// Words the person reads come from extension/public/_locales through t() / plural() (extension/ui/i18n.ts).
// Caught: text with a letter between JSX tags; a string or template with a letter as a JSX child
// ({'…'}, {a ? '…' : b}, {`…${x}`}) or as a user-facing attribute (title, alt, placeholder, label,
// aria-label …); a string or template with a letter assigned to document.title. Punctuation and
// separators (' · ', ': ', '—') and values from data ({site}, {flag.title}) pass.
const LETTER = '/\\p{L}/u';
const SHOWN = `:matches(JSXElement, JSXFragment, JSXAttribute[name.name=/^(title|alt|placeholder|label|aria-label|aria-description|aria-placeholder|aria-roledescription|aria-valuetext)$/])`;
const HARD_CODED = 'Hard-coded words in the UI: put them in extension/public/_locales/*/messages.json and use t() (extension/ui/i18n.ts).';
const NO_HARD_CODED_TEXT = [
  `JSXText[value=${LETTER}]`,
  `JSXAttribute[name.name=/^(title|alt|placeholder|label|aria-label|aria-description|aria-placeholder|aria-roledescription|aria-valuetext)$/] > Literal[value=${LETTER}]`,
  `${SHOWN} > JSXExpressionContainer > Literal[value=${LETTER}]`,
  `${SHOWN} > JSXExpressionContainer > :matches(ConditionalExpression, LogicalExpression) > Literal[value=${LETTER}]`,
  `${SHOWN} > JSXExpressionContainer > TemplateLiteral > TemplateElement[value.raw=${LETTER}]`,
  `${SHOWN} > JSXExpressionContainer > :matches(ConditionalExpression, LogicalExpression) > TemplateLiteral > TemplateElement[value.raw=${LETTER}]`,
  `AssignmentExpression[left.property.name='title'] > Literal[value=${LETTER}]`,
  `AssignmentExpression[left.property.name='title'] > TemplateLiteral > TemplateElement[value.raw=${LETTER}]`,
].map((selector) => ({ selector, message: HARD_CODED }));


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
      'no-restricted-syntax': ['error', ...NO_RAW_HTML],
      'no-restricted-globals': [
        'error',
        { name: 'chrome', message: 'Use `browser` from extension/platform/browser.ts.' },
        { name: 'browser', message: 'Import `browser` from extension/platform/browser.ts.' },
      ],
    },
  },
  {
    files: ['extension/ui/**/*.tsx'],
    rules: { 'no-restricted-syntax': ['error', ...NO_RAW_HTML, ...NO_HARD_CODED_TEXT] },
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
