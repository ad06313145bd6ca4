// Type of @duckduckgo/autoconsent's compact rules JSON (257 KB). tsconfig maps the module here so
// TypeScript does not infer a type from the whole file (that took ~20 s); Vite bundles the real JSON.
import type { IndexedCMPRuleset } from '@duckduckgo/autoconsent';

declare const rules: IndexedCMPRuleset;
export default rules;
