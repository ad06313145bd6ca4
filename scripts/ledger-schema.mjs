#!/usr/bin/env node
/**
 * `npm run schema`: writes docs/ledger.schema.json (the export document, src/ledger/json-schema.ts)
 * and docs/ledger-records.schema.json (the records view, src/ledger/records-json-schema.ts).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ledgerJsonSchema } from '../src/ledger/json-schema.ts';
import { recordsJsonSchema } from '../src/ledger/records-json-schema.ts';

for (const [name, schema] of [
  ['ledger.schema.json', ledgerJsonSchema()],
  ['ledger-records.schema.json', recordsJsonSchema()],
]) {
  const file = resolve(import.meta.dirname, '..', 'docs', name);
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${file}`);
}
