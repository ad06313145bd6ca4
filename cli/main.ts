/**
 * `consent-lens`: the command-line face of the pure core (src/). Every command reads local files
 * or its arguments only and writes to stdout (JSON, except the text tables of `export validate`/`stats`) or to the file named with -o. Exit codes: 0 success, 1 a file could not be
 * read or parsed, or a signal string could not be decoded, 2 a usage error.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { classifyLine, policyReport, readPolicyFile, truncationNotice } from './policy.ts';
import { scanHtml } from './scan.ts';
import { exportCommand } from './export.ts';
import { decodeForCli, GPP_SECTION_LIST, gppSectionName, SIGNAL_COMMANDS, type SignalCommand } from './signals.ts';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Standard input, for commands that read lines (classify). */
  stdin?: NodeJS.ReadableStream;
}

export const HELP = `consent-lens - ConsentLens on the command line (everything stays local)

Usage:
  consent-lens scan <page.html> [--url URL]   detect consent prompts in a saved page; prints JSON
  consent-lens tcf <tc-string>                decode an IAB TCF consent string (v2 "C...", v1.1 "B...")
  consent-lens gpp <gpp-string>               decode an IAB GPP string ("DBABM~C...")
  consent-lens gpp --section <name|id> <s>    decode one GPP section string without a header
  consent-lens usp <us-privacy-string>        decode a US Privacy (CCPA) string ("1YNN")
  consent-lens policy <file.html|file.txt>    read a privacy policy: key facts with the sentences they
                                              come from, red flags, checklist, reading time, grade
  consent-lens classify                       JSON lines {"id","text"} on stdin -> {"id","categories"}
                                              (OPP-115 practice categories) on stdout
  consent-lens export validate <file>         check a ledger export (dashboard download); errors with line numbers
  consent-lens export stats <file> [--json]   per-site counts: prompts, decisions by kind, flags, requests, forms, sign-ins
  consent-lens export convert <file> --to jsonl|csv|csv-sites|json|records|kantara|dpv [-o out]
                 [--sites etld1|hash] [--salt S] [--keep-urls] [--keep-text] [--pseudonym P]
                                              the export as events (JSONL, CSV, JSON-LD), Kantara
                                              receipts per decision, or DPV / ISO 27560 records
  consent-lens export merge <files...> -o out.jsonl
                                              several exports (JSON or JSONL) into one JSONL,
                                              de-duplicated by event id
  consent-lens --help                         this help
  consent-lens --version                      the version

Options for scan:
  --url URL   the address the page was saved from (sets the site and resolves relative links)

tcf, gpp and usp print the decoded signal as JSON. A string that does not decode prints
{"kind": "invalid", "format": ..., "reason": ...} on stdout, the reason on stderr, and exits 1.

Exit codes: 0 success, 1 unreadable input or undecodable signal, 2 usage error.
Documentation: docs/cli.md
`;

class UsageError extends Error {}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined) {
      io.stderr(HELP);
      return 2;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      io.stdout(HELP);
      return 0;
    }
    if (command === '--version' || command === '-v') {
      io.stdout(`${await version()}\n`);
      return 0;
    }
    if (command === 'scan') return await scan(rest, io);
    if (command === 'policy') return await policy(rest, io);
    if (command === 'classify') return await classify(rest, io);
    if (command === 'export') return await exportCommand(rest, io); // validate, stats (cli/export.ts); merge/convert go there too
    if ((SIGNAL_COMMANDS as readonly string[]).includes(command)) return signal(command as SignalCommand, rest, io);
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr(`consent-lens: ${(error as Error).message}\nRun "consent-lens --help" for usage.\n`);
      return 2;
    }
    io.stderr(`consent-lens: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

async function scan(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { url: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('scan takes exactly one file: consent-lens scan <page.html> [--url URL]');
  const file = positionals[0] as string;
  if (values.url !== undefined && !/^https?:\/\//iu.test(values.url)) throw new UsageError(`--url must be an http(s) address, got "${values.url}"`);
  let html: string;
  try {
    html = await readFile(file, 'utf8');
  } catch (error) {
    io.stderr(`consent-lens: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return 1;
  }
  const result = await scanHtml(html, values.url ?? null);
  io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}

async function policy(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('policy takes exactly one file: consent-lens policy <file.html|file.txt>');
  const file = positionals[0] as string;
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    io.stderr(`consent-lens: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return 1;
  }
  const read = await readPolicyFile(file, content);
  if (read.document.sentences.length === 0) {
    io.stderr(`consent-lens: ${file} has no readable text\n`);
    return 1;
  }
  const notice = truncationNotice(file, read.analysis);
  if (notice) io.stderr(`${notice}\n`);
  io.stdout(`${JSON.stringify(policyReport(file, read), null, 2)}\n`);
  return 0;
}

/** Classifies every line; a bad line is reported (on stdout, in order, and on stderr) and the rest go on. */
async function classify(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError('classify reads JSON lines on standard input and takes no arguments');
  if (!io.stdin) throw new UsageError('classify needs standard input');
  let bad = 0;
  let n = 0;
  for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
    n++;
    if (!line.trim()) continue;
    const { out, ok } = classifyLine(line, n);
    io.stdout(`${out}\n`);
    if (!ok) {
      bad++;
      io.stderr(`consent-lens: line ${n}: ${(JSON.parse(out) as { error: string }).error}\n`);
    }
  }
  return bad > 0 ? 1 : 0;
}

function signal(command: SignalCommand, args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    options: { help: { type: 'boolean', short: 'h' }, ...(command === 'gpp' ? { section: { type: 'string' as const } } : {}) },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const usage = command === 'gpp' ? 'consent-lens gpp [--section <name|id>] <string>' : `consent-lens ${command} <string>`;
  if (positionals.length !== 1) throw new UsageError(`${command} takes exactly one string: ${usage}`);
  const sectionArg = 'section' in values ? (values.section as string | undefined) : undefined;
  let section: string | undefined;
  if (sectionArg !== undefined) {
    section = gppSectionName(sectionArg) ?? undefined;
    if (section === undefined) throw new UsageError(`--section must be one of ${GPP_SECTION_LIST}; got "${sectionArg}"`);
  }
  const out = decodeForCli(command, positionals[0] as string, section);
  io.stdout(out.stdout);
  if (out.stderr) io.stderr(out.stderr);
  return out.code;
}

async function version(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function isParseArgsError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && String((error as { code: unknown }).code).startsWith('ERR_PARSE_ARGS');
}
