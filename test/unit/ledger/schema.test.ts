/**
 * The export's three descriptions agree: the TypeScript types (src/protocol/messages.ts and the
 * record types), the valibot schema imports are validated with (src/ledger/import.ts), and the
 * published JSON Schema (docs/ledger.schema.json).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { LedgerExportSchema } from '../../../src/ledger/import.ts';
import { ledgerJsonSchema } from '../../../src/ledger/json-schema.ts';
import type { LedgerExport } from '../../../src/protocol/messages.ts';

// Checked by `tsc` (npm test runs it): the schema's output type and LedgerExport are assignable
// both ways, so a field added, removed or retyped on one side only fails the build.
type Validated = v.InferOutput<typeof LedgerExportSchema>;
export const typesToSchema = (doc: LedgerExport): Validated => doc;
export const schemaToTypes = (doc: Validated): LedgerExport => doc;

describe('ledger export JSON Schema', () => {
  it('docs/ledger.schema.json is what `npm run schema` generates (regenerate it after a change)', () => {
    const committed = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../docs/ledger.schema.json'), 'utf8'));
    expect(committed).toEqual(ledgerJsonSchema());
  });

  it('lists every array of the export as required, with records that allow no unknown fields', () => {
    const schema = ledgerJsonSchema() as { required: string[]; properties: Record<string, { items?: { additionalProperties?: boolean; required?: string[] } }> };
    expect(schema.required.sort()).toEqual(['decisions', 'exportedAt', 'format', 'forms', 'generator', 'permissions', 'policies', 'prompts', 'schemaVersion', 'signIns']);
    for (const table of ['prompts', 'decisions', 'policies', 'permissions', 'forms', 'signIns']) {
      expect(schema.properties[table]?.items?.additionalProperties).toBe(false);
      expect(schema.properties[table]?.items?.required).toContain('id');
    }
  });
});
