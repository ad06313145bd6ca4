#!/usr/bin/env node
/** `npm run schema`: writes docs/ledger.schema.json from src/ledger/json-schema.ts. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ledgerJsonSchema } from '../src/ledger/json-schema.ts';

const file = resolve(import.meta.dirname, '..', 'docs', 'ledger.schema.json');
writeFileSync(file, `${JSON.stringify(ledgerJsonSchema(), null, 2)}\n`);
console.log(`wrote ${file}`);
