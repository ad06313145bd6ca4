/**
 * `consent-lens export <subcommand>`: work with a ledger export (the dashboard's JSON download).
 *   validate <file>          check it the way an import will; errors with line numbers
 *   stats <file> [--json]    per-site counts: prompts, decisions by kind, flags, requests, forms, sign-ins
 * Reading and validation are src/ledger/import.ts (parseLedgerExport).
 */
import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DECISION_KINDS, type DecisionKind } from '../src/model.ts';
import { decodeLedgerFile, DEFAULT_MAX_IMPORT_BYTES, parseLedgerExport, type ImportError } from '../src/ledger/import.ts';
import type { LedgerExport } from '../src/protocol/messages.ts';
import { convert, merge } from './export-convert.ts';
import type { Io } from './main.ts';

type Handler = (args: string[], io: Io) => Promise<number>;

/**
 * The `export` subcommands. `merge` and `convert` (built on the ledger event stream) are to be
 * added here, next to these two, with their lines in HELP (cli/main.ts) and docs/cli.md.
 */
export const EXPORT_SUBCOMMANDS: Record<string, Handler> = {
  validate,
  stats,
  convert: (args, io) => convert(args, io),
  merge: (args, io) => merge(args, io),
};

const USAGE = 'consent-lens export validate|stats|convert|merge ... (see consent-lens --help)';

export async function exportCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined) return usage(io, `export needs a subcommand: ${USAGE}`);
  const handler = Object.hasOwn(EXPORT_SUBCOMMANDS, sub) ? EXPORT_SUBCOMMANDS[sub] : undefined;
  if (!handler) return usage(io, `unknown export subcommand "${sub}" (known: ${Object.keys(EXPORT_SUBCOMMANDS).join(', ')})`);
  return handler(rest, io);
}

function usage(io: Io, reason: string): number {
  io.stderr(`consent-lens: ${reason}\nRun "consent-lens --help" for usage.\n`);
  return 2;
}

/** Reads and validates the file; on failure prints the errors (file:line: path: message) and returns null. */
export async function load(file: string, io: Io): Promise<{ doc: LedgerExport; warnings: string[] } | null> {
  let text: string;
  try {
    const info = await stat(file);
    if (info.isFile() && info.size > DEFAULT_MAX_IMPORT_BYTES) {
      io.stderr(`consent-lens: ${file}: the file is ${(info.size / 1024 / 1024).toFixed(1)} MB, larger than the ${DEFAULT_MAX_IMPORT_BYTES / 1024 / 1024} MB limit for a ledger export; not read\n`);
      return null;
    }
    const decoded = decodeLedgerFile(await readFile(file));
    if (!decoded.ok) {
      io.stderr(formatErrors(file, decoded.errors));
      return null;
    }
    text = decoded.text;
  } catch (error) {
    io.stderr(`consent-lens: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return null;
  }
  const result = parseLedgerExport(text);
  if (!result.ok) {
    io.stderr(formatErrors(file, result.errors));
    return null;
  }
  return { doc: result.doc, warnings: result.warnings };
}

/** `file:line: path: message`, one per line (as compilers print them, so editors can jump to the line). */
export function formatErrors(file: string, errors: ImportError[]): string {
  const lines = errors.map((e) => `${file}${e.line === null ? '' : `:${e.line}`}: ${e.path ? `${e.path}: ` : ''}${e.message}`);
  const count = errors.filter((e) => !e.message.startsWith('... and ')).length;
  return `${lines.join('\n')}\ninvalid: ${file} is not a valid ConsentLens ledger export (${count === errors.length ? count : `more than ${count}`} error${count === 1 ? '' : 's'})\n`;
}

function fileArg(name: string, positionals: string[], io: Io): string | null {
  if (positionals.length !== 1) {
    usage(io, `export ${name} takes exactly one file: consent-lens export ${name} <file>${name === 'stats' ? ' [--json]' : ''}`);
    return null;
  }
  return positionals[0] as string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

async function validate(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  if (values.help) {
    io.stdout(`Usage: ${USAGE}\n`);
    return 0;
  }
  const file = fileArg('validate', positionals, io);
  if (file === null) return 2;
  const loaded = await load(file, io);
  if (!loaded) return 1;
  const { doc, warnings } = loaded;
  io.stdout(
    `valid: ${plural(doc.prompts.length, 'prompt')}, ${plural(doc.decisions.length, 'decision')}, ${plural(doc.policies.length, 'policy version')}, ` +
      `${plural(doc.permissions.length, 'permission request')}, ${plural(doc.forms.length, 'form')}, ${plural(doc.signIns.length, 'sign-in')} ` +
      `(exported ${doc.exportedAt} by ConsentLens ${doc.generator.version})\n`,
  );
  for (const w of warnings) io.stdout(`warning: ${w}\n`);
  return 0;
}

export interface SiteStats {
  site: string;
  prompts: number;
  decisions: Partial<Record<DecisionKind, number>>;
  decisionsTotal: number;
  /** Prompt flags (F…) and permission flags (P…), by id. */
  flags: Record<string, number>;
  permissions: number;
  forms: number;
  signIns: number;
}

export interface ExportStats {
  sites: SiteStats[];
  totals: Omit<SiteStats, 'site'> & { sites: number; policies: number };
}

/** Per-site counts, sites in alphabetical order; totals over the whole export. */
export function exportStats(doc: LedgerExport): ExportStats {
  const bySite = new Map<string, SiteStats>();
  const of = (site: string): SiteStats => {
    let s = bySite.get(site);
    if (!s) {
      s = { site, prompts: 0, decisions: {}, decisionsTotal: 0, flags: {}, permissions: 0, forms: 0, signIns: 0 };
      bySite.set(site, s);
    }
    return s;
  };
  const addFlag = (s: SiteStats, id: string) => (s.flags[id] = (s.flags[id] ?? 0) + 1);
  for (const p of doc.prompts) {
    const s = of(p.site);
    s.prompts++;
    for (const f of p.flags) addFlag(s, f.id);
  }
  for (const d of doc.decisions) {
    const s = of(d.site);
    s.decisions[d.kind] = (s.decisions[d.kind] ?? 0) + 1;
    s.decisionsTotal++;
  }
  for (const r of doc.permissions) {
    const s = of(r.site);
    s.permissions++;
    for (const f of r.flags) addFlag(s, f.id);
  }
  for (const f of doc.forms) of(f.site).forms++;
  for (const i of doc.signIns) of(i.site).signIns++;
  const sites = [...bySite.values()].sort((a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : 0));
  const totals: ExportStats['totals'] = { sites: sites.length, prompts: 0, decisions: {}, decisionsTotal: 0, flags: {}, permissions: 0, forms: 0, signIns: 0, policies: doc.policies.length };
  for (const s of sites) {
    totals.prompts += s.prompts;
    totals.decisionsTotal += s.decisionsTotal;
    totals.permissions += s.permissions;
    totals.forms += s.forms;
    totals.signIns += s.signIns;
    for (const [k, n] of Object.entries(s.decisions)) totals.decisions[k as DecisionKind] = (totals.decisions[k as DecisionKind] ?? 0) + n;
    for (const [k, n] of Object.entries(s.flags)) totals.flags[k] = (totals.flags[k] ?? 0) + n;
  }
  return { sites, totals };
}

const flagOrder = (a: string, b: string) => a.charCodeAt(0) - b.charCodeAt(0) || Number(a.slice(1)) - Number(b.slice(1));
const flagText = (flags: Record<string, number>) =>
  Object.keys(flags)
    .sort(flagOrder)
    .map((id) => `${id}:${flags[id]}`)
    .join(' ') || '-';

/**
 * A plain-text table: one row per site, then TOTAL. Decision columns are the kinds that occur in
 * the export, in DECISION_KINDS order; numbers are right-aligned, a blank count is 0.
 */
export function statsTable(stats: ExportStats): string {
  const kinds = DECISION_KINDS.filter((k) => (stats.totals.decisions[k] ?? 0) > 0);
  const header = ['site', 'prompts', 'decisions', ...kinds, 'flags', 'permissions', 'forms', 'sign-ins'];
  const row = (site: string, s: Omit<SiteStats, 'site'>) => [
    site,
    String(s.prompts),
    String(s.decisionsTotal),
    ...kinds.map((k) => String(s.decisions[k] ?? 0)),
    flagText(s.flags),
    String(s.permissions),
    String(s.forms),
    String(s.signIns),
  ];
  const rows = stats.sites.map((s) => row(s.site, s));
  const total = row('TOTAL', stats.totals);
  const all = [header, ...rows, total];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] as string).length)));
  const leftAligned = new Set([0, header.indexOf('flags')]);
  const fmt = (r: string[]) =>
    r
      .map((cell, c) => (leftAligned.has(c) ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return `${[fmt(header), rule, ...rows.map(fmt), rule, fmt(total)].join('\n')}\n${plural(stats.totals.sites, 'site')}, ${plural(stats.totals.policies, 'policy version')}\n`;
}

async function stats(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.stdout(`Usage: ${USAGE}\n`);
    return 0;
  }
  const file = fileArg('stats', positionals, io);
  if (file === null) return 2;
  const loaded = await load(file, io);
  if (!loaded) return 1;
  for (const w of loaded.warnings) io.stderr(`consent-lens: warning: ${w}\n`);
  const result = exportStats(loaded.doc);
  io.stdout(values.json ? `${JSON.stringify(result, null, 2)}\n` : statsTable(result));
  return 0;
}
