/**
 * `consent-lens tcf|gpp|usp <string>`: decode a privacy signal string (src/signals) and print it.
 * Decoded: pretty JSON on stdout, exit 0. Not decodable: the `invalid` result as JSON on stdout,
 * one line with the reason on stderr, exit 1.
 */
import { decodeGppSection, decodeGppString, decodeTcString, decodeUspString, GPP_SECTIONS } from '../src/signals/index.ts';

export type SignalCommand = 'tcf' | 'gpp' | 'usp';

export const SIGNAL_COMMANDS: readonly SignalCommand[] = ['tcf', 'gpp', 'usp'];

const NAMES: Record<SignalCommand, string> = { tcf: 'TC string', gpp: 'GPP string', usp: 'US Privacy string' };

export interface SignalOutput {
  code: 0 | 1;
  stdout: string;
  stderr: string;
}

/**
 * Decodes `value` as `command` says; `section` (gpp only, a prefix such as "usnat") decodes a lone
 * section string instead of a full GPP string.
 */
export function decodeForCli(command: SignalCommand, value: string, section?: string): SignalOutput {
  const result =
    command === 'tcf'
      ? decodeTcString(value)
      : command === 'usp'
        ? decodeUspString(value)
        : section !== undefined
          ? decodeGppSection(section, value)
          : decodeGppString(value);
  const stdout = `${prettyJson(result)}\n`;
  if (result.kind !== 'invalid') return { code: 0, stdout, stderr: '' };
  const what = section !== undefined ? `GPP ${section} section` : NAMES[command];
  return { code: 1, stdout, stderr: `consent-lens: invalid ${what}: ${result.reason}\n` };
}

export const GPP_SECTION_LIST = GPP_SECTIONS.map((s) => `${s.prefix} (${s.id})`).join(', ');

/** The GPP section prefix for a `--section` value (prefix or numeric id), or null when there is none. */
export function gppSectionName(value: string): string | null {
  const found = GPP_SECTIONS.find((s) => s.prefix === value || String(s.id) === value);
  return found ? found.prefix : null;
}

/**
 * JSON with a 2-space indent, like JSON.stringify(value, null, 2), except that arrays holding only
 * numbers, strings, booleans or null stay on one line: a vendor list is one line, not 700.
 */
export function prettyJson(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => v === null || typeof v !== 'object')) return `[${value.map((v) => JSON.stringify(v) ?? 'null').join(', ')}]`;
    const inner = `${indent}  `;
    return `[\n${value.map((v) => `${inner}${prettyJson(v, inner)}`).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
