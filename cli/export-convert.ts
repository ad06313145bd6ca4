/**
 * `consent-lens export convert` and `export merge`: ledger exports into the research formats of
 * src/export (built on the event stream of src/ledger/event-stream.ts), written chunk by chunk.
 *
 *   convert <file> --to jsonl|csv|csv-sites|json|records|kantara|dpv [-o out] [--sites etld1|hash]
 *           [--salt S] [--keep-urls] [--keep-text] [--pseudonym P]
 *   merge <files...> -o out.jsonl      several participants' exports (JSON or JSONL) into one JSONL,
 *                                      de-duplicated by event id, each event tagged with its source file
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { csv, csvSites, dpvRecords, jsonDocument, jsonl, kantaraReceipts } from '../src/export/formats.ts';
import { pseudonymizer, siteLabeler } from '../src/export/pseudonymize.ts';
import { eventsOf } from '../src/ledger/event-stream.ts';
import { EVENT_KINDS, type LedgerEvent } from '../src/ledger/events.ts';
import { load } from './export.ts';
import { recordsDocument, recordsOf } from '../src/ledger/record-view.ts';
import type { Io } from './main.ts';

export const FORMATS = ['jsonl', 'csv', 'csv-sites', 'json', 'records', 'kantara', 'dpv'] as const;
type Format = (typeof FORMATS)[number];

class ConvertUsage extends Error {}

/** Writes chunks to a file (streamed) or to stdout. */
async function write(chunks: Iterable<string>, out: string | undefined, io: Io): Promise<void> {
  if (!out) {
    for (const chunk of chunks) io.stdout(chunk);
    return;
  }
  const stream = createWriteStream(out);
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await new Promise<void>((ok) => stream.once('drain', () => ok()));
  }
  await new Promise<void>((ok, fail) => stream.end((error?: Error | null) => (error ? fail(error) : ok())));
}

function map<T, U>(items: Iterable<T>, fn: (item: T) => U): Iterable<U> {
  return {
    *[Symbol.iterator]() {
      for (const item of items) yield fn(item);
    },
  };
}

export async function convert(args: string[], io: Io): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: {
        to: { type: 'string' },
        output: { type: 'string', short: 'o' },
        sites: { type: 'string', default: 'etld1' },
        salt: { type: 'string' },
        'keep-urls': { type: 'boolean', default: false },
        'keep-text': { type: 'boolean', default: false },
        pseudonym: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1) throw new ConvertUsage('export convert takes exactly one file');
    const format = values.to as Format | undefined;
    if (!format || !(FORMATS as readonly string[]).includes(format)) throw new ConvertUsage(`--to must be one of ${FORMATS.join(', ')}`);
    if (values.sites !== 'etld1' && values.sites !== 'hash') throw new ConvertUsage('--sites must be etld1 or hash');
    let salt = values.salt;
    if (values.sites === 'hash' && salt === undefined) {
      // A salt per export unless the study gives one: hashes then do not link across exports.
      salt = randomBytes(16).toString('hex');
      io.stderr(`consent-lens: --sites hash without --salt: using a new salt for this export only (${salt})\n`);
    }
    const loaded = await load(positionals[0] as string, io);
    if (!loaded) return 1;
    const options = { sites: values.sites, salt, keepUrls: values['keep-urls'], keepText: values['keep-text'] } as const;
    const pseudonymize = pseudonymizer(options);
    const events = () => map(eventsOf(loaded.doc), pseudonymize);
    const piiPrincipalId = values.pseudonym ?? randomUUID();
    const chunks: Iterable<string> =
      format === 'jsonl'
        ? jsonl(events())
        : format === 'csv'
          ? csv(events())
          : format === 'csv-sites'
            ? csvSites(events())
            : format === 'json'
              ? jsonDocument(loaded.doc, events())
              : format === 'records'
                ? recordsDocument({ schemaVersion: loaded.doc.schemaVersion, exportedAt: loaded.doc.exportedAt }, recordsOf(events()))
              : format === 'kantara'
                ? kantaraReceipts(loaded.doc, { piiPrincipalId, siteLabel: siteLabeler(options), keepUrls: values['keep-urls'] })
                : dpvRecords(loaded.doc, { piiPrincipalId, transform: pseudonymize });
    await write(chunks, values.output, io);
    return 0;
  } catch (error) {
    if (error instanceof ConvertUsage || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`consent-lens: ${(error as Error).message}\nRun "consent-lens --help" for usage.\n`);
      return 2;
    }
    throw error;
  }
}

const KINDS = new Set<string>(EVENT_KINDS);

/** A JSONL line from `export convert --to jsonl` (or an earlier merge); null if it is not an event. */
function eventOfLine(line: string): LedgerEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  const e = value as Partial<LedgerEvent> | null;
  if (!e || typeof e !== 'object' || typeof e.eventId !== 'string' || typeof e.eventTime !== 'string' || typeof e.site !== 'string' || !KINDS.has(String(e.kind))) return null;
  if (!e.detail || typeof e.detail !== 'object') return null;
  return e as LedgerEvent;
}

export async function merge(args: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { output: { type: 'string', short: 'o' } }, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr(`consent-lens: ${(error as Error).message}\nRun "consent-lens --help" for usage.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.length < 1 || !values.output) {
    io.stderr('consent-lens: export merge <files...> -o out.jsonl\nRun "consent-lens --help" for usage.\n');
    return 2;
  }
  const seen = new Set<string>();
  let written = 0;
  let duplicates = 0;
  let bad = 0;
  const out = createWriteStream(values.output);
  const put = async (event: LedgerEvent, source: string) => {
    if (seen.has(event.eventId)) {
      duplicates++;
      return;
    }
    seen.add(event.eventId);
    const line = `${JSON.stringify({ ...event, detail: { ...event.detail, source: event.detail.source ?? source } })}\n`;
    if (!out.write(line)) await new Promise<void>((ok) => out.once('drain', () => ok()));
    written++;
  };
  for (const file of positionals) {
    const source = basename(file);
    if (/\.jsonl$/iu.test(file)) {
      let n = 0;
      try {
        for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
          n++;
          if (!line.trim()) continue;
          const event = eventOfLine(line);
          if (!event) {
            bad++;
            io.stderr(`consent-lens: ${file}:${n}: not a ConsentLens event; skipped\n`);
            continue;
          }
          await put(event, source);
        }
      } catch (error) {
        io.stderr(`consent-lens: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
        out.destroy();
        return 1;
      }
    } else {
      const loaded = await load(file, io);
      if (!loaded) {
        out.destroy();
        return 1;
      }
      for (const event of eventsOf(loaded.doc)) await put(event, source);
    }
  }
  await new Promise<void>((ok, fail) => out.end((error?: Error | null) => (error ? fail(error) : ok())));
  io.stderr(`merged ${positionals.length} files into ${values.output}: ${written} events, ${duplicates} duplicates dropped${bad ? `, ${bad} bad lines skipped` : ''}\n`);
  return bad > 0 ? 1 : 0;
}
