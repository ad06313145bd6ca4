/**
 * Decodes IAB Global Privacy Platform strings ("DBABM~CP...~1YNN") with @iabgpp/cmpapi's offline
 * decoder (`GppModel`, the same classes its CMP API uses; no CMP, page or network is needed) into
 * plain JSON-safe data. Never throws.
 *
 * Importing @iabgpp/cmpapi touches no DOM globals: its CmpApi class reads `window.__gpp` only when
 * constructed, and this module never constructs it.
 */
import {
  BooleanEncoder,
  DecodingError,
  FibonacciIntegerEncoder,
  FibonacciIntegerRangeEncoder,
  FixedIntegerEncoder,
  FixedIntegerRangeEncoder,
  GppModel,
  HeaderV1,
  InvalidFieldError,
  Sections,
} from '@iabgpp/cmpapi';
import { BudgetExceededError, chargeRange, withBudget, wrapDecoder } from './budget.ts';
import { checkInput, describeError, invalid, type SignalError } from './types.ts';
import { decodeUspString } from './usp.ts';

/** A decoded field value: numbers, strings, booleans, ISO dates, lists and records of them. */
export type GppValue = string | number | boolean | null | GppValue[] | { [key: string]: GppValue };

/** One section's fields, named as @iabgpp/cmpapi names them (e.g. "SaleOptOut", "VendorConsents"). */
export type GppSection = Record<string, GppValue>;

export interface GppDecoded {
  kind: 'gpp';
  version: number; // GPP header version (1)
  sectionIds: number[]; // as listed in the header, in order
  /** Decoded sections keyed by API prefix: "tcfeuv2", "tcfcav1", "uspv1", "usnat", "usca", ... */
  sections: Record<string, GppSection>;
  /** Ids in the header that @iabgpp/cmpapi has no decoder for; their section strings are not decoded. */
  unsupportedSectionIds: number[];
}

/** The decoded fields of one section on its own (the string a CMP returns from `__gpp('getSection')`-style storage). */
export interface GppSectionDecoded {
  kind: 'gpp-section';
  sectionId: number;
  section: string; // prefix, e.g. "usnat"
  fields: GppSection;
}

/** Fields that @iabgpp/cmpapi tracks but leaves out of `toObj()`: whether an optional segment was present. */
const HIDDEN_FIELDS = ['GpcSegmentIncluded', 'SensitiveDataConsentSegmentIncluded'];
const SECTION_CHARS = /^[A-Za-z0-9_.-]+$/u;
const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const MAX_DEPTH = 8;

const NAME_BY_ID: ReadonlyMap<number, string> = Sections.SECTION_ID_NAME_MAP;
const ID_BY_NAME: ReadonlyMap<string, number> = new Map([...NAME_BY_ID].map(([id, name]) => [name, id]));

/** Section prefixes this build can decode, by id. */
export const GPP_SECTIONS: ReadonlyArray<{ id: number; prefix: string }> = [...NAME_BY_ID].map(([id, prefix]) => ({ id, prefix }));

export function decodeGppString(s: string): GppDecoded | SignalError {
  try {
    const input = checkInput('gpp', s);
    if (typeof input !== 'string') return input;
    if (!input.startsWith('D')) return invalid('gpp', 'not a GPP string: it must start with the header section ("D...")');
    const parts = input.split('~');
    for (const [i, part] of parts.entries()) {
      const what = i === 0 ? 'the header' : `section ${i}`;
      if (part === '') return invalid('gpp', `${what} is empty`);
      if (!SECTION_CHARS.test(part)) return invalid('gpp', `${what} contains characters outside base64url`);
    }
    return withBudget(() => {
      const header = new HeaderV1(parts[0] as string);
      const version = Number(header.getFieldValue('Version'));
      if (version !== 1) return invalid('gpp', `unsupported GPP header version ${version}`);
      const sectionIds = (header.getFieldValue('SectionIds') as unknown[]).map(Number);
      const present = parts.length - 1;
      if (sectionIds.length !== present) {
        const listed = sectionIds.length > 12 ? `${sectionIds.slice(0, 12).join(',')},...` : sectionIds.join(',');
        return invalid('gpp', `the header lists ${sectionIds.length} section(s) [${listed}] but the string has ${present}`);
      }
      const model = new GppModel(input);
      const sections: Record<string, GppSection> = {};
      const unsupportedSectionIds: number[] = [];
      for (const [i, id] of sectionIds.entries()) {
        const name = NAME_BY_ID.get(id);
        if (name === undefined) unsupportedSectionIds.push(id);
        else {
          const problem = segmentProblem(name, parts[i + 1] as string);
          if (problem) return invalid('gpp', `section ${i + 1} (${name}): ${problem}`);
          sections[name] = sectionFields(model, name);
        }
      }
      return { kind: 'gpp', version, sectionIds, sections, unsupportedSectionIds } satisfies GppDecoded;
    });
  } catch (error) {
    return invalid('gpp', reasonFor(error));
  }
}

/**
 * Decodes one section string without a GPP header, e.g. `decodeGppSection('usnat', 'BVVVkkkkkpFY.YA')`.
 * `section` is the prefix ("usnat") or the numeric section id (7).
 */
export function decodeGppSection(section: string | number, s: string): GppSectionDecoded | SignalError {
  try {
    const name = typeof section === 'number' ? NAME_BY_ID.get(section) : ID_BY_NAME.has(section) ? section : undefined;
    if (name === undefined) return invalid('gpp', `unknown GPP section ${JSON.stringify(section)}`);
    const input = checkInput('gpp', s);
    if (typeof input !== 'string') return input;
    if (!SECTION_CHARS.test(input)) return invalid('gpp', 'the section contains characters outside base64url');
    const problem = segmentProblem(name, input);
    if (problem) return invalid('gpp', `${name}: ${problem}`);
    return withBudget(() => {
      const model = new GppModel();
      model.decodeSection(name, input);
      return { kind: 'gpp-section', sectionId: ID_BY_NAME.get(name) as number, section: name, fields: sectionFields(model, name) } satisfies GppSectionDecoded;
    });
  } catch (error) {
    return invalid('gpp', reasonFor(error));
  }
}

/**
 * The two TCF sections (tcfeuv2, tcfcav1) pick each "."-separated segment's decoder by its first
 * character, and @iabgpp/cmpapi fills any segment that is absent with defaults: a section string
 * without a core segment "decodes" to version 2, created and last updated *now*, nothing consented.
 * That is not what the string says, so such a section is invalid: the core segment (segment type 0,
 * first character A-H) must come first and appear once, and no segment type may repeat.
 */
const SEGMENT_TYPE_SECTIONS = new Set(['tcfeuv2', 'tcfcav1']);
function segmentProblem(name: string, section: string): string | null {
  if (!SEGMENT_TYPE_SECTIONS.has(name)) return null;
  const types = section.split('.').map((segment) => (segment === '' ? -1 : BASE64URL_ALPHABET.indexOf(segment.charAt(0)) >> 3));
  if (types[0] !== 0) return 'the first segment must be the core segment (a TC string core, "A".."H")';
  for (const [i, type] of types.entries()) {
    if (type < 0) return `segment ${i + 1} is empty`;
    if (types.indexOf(type) !== i) return `segment ${i + 1} repeats segment type ${type}`;
  }
  return null;
}

function sectionFields(model: GppModel, name: string): GppSection {
  const raw: unknown = model.getSection(name); // decodes the section (lazily decoded until now)
  if (raw === null || typeof raw !== 'object') throw new DecodingError(`section ${name} could not be decoded`);
  const fields: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  if (name === 'uspv1') {
    // The library copies the four characters without checking them ("1YXN" decodes); apply the US Privacy rules.
    const usp = decodeUspString(`${String(fields.Version)}${String(fields.Notice)}${String(fields.OptOutSale)}${String(fields.LspaCovered)}`);
    if (usp.kind === 'invalid') throw new DecodingError(`uspv1 section: ${usp.reason}`);
  }
  for (const field of HIDDEN_FIELDS) {
    try {
      fields[field] = model.getFieldValue(name, field);
    } catch (error) {
      if (!(error instanceof InvalidFieldError)) throw error;
    }
  }
  return toJson(fields, 0) as GppSection;
}

/** Converts library values (Dates, RangeEntry objects, arrays) into JSON-safe data. */
function toJson(value: unknown, depth: number): GppValue {
  if (depth > MAX_DEPTH) throw new DecodingError('section value nested too deeply');
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return null;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new DecodingError('invalid date in section');
    return value.toISOString();
  }
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return Array.from(value as ArrayLike<unknown>, (v) => toJson(v, depth + 1));
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toJson(v, depth + 1)]));
  if (value instanceof Set) return [...value].map((v) => toJson(v, depth + 1));
  const out: { [key: string]: GppValue } = {};
  for (const [k, v] of Object.entries(value)) out[k] = toJson(v, depth + 1);
  return out;
}

function reasonFor(error: unknown): string {
  if (error instanceof BudgetExceededError) return `refusing to decode: ${error.message}`;
  return describeError(error);
}

// --- range-expansion guards (see budget.ts) ----------------------------------------------------

/** Mirrors FixedIntegerRangeEncoder.decode (16-bit ids), charging each range. */
function countFixedRange(bitString: string): void {
  if (!/^[0-1]*$/u.test(bitString) || bitString.length < 12) return; // the decoder rejects it before expanding
  const count = FixedIntegerEncoder.decode(bitString.substring(0, 12));
  let index = 12;
  for (let i = 0; i < count; i++) {
    const group = BooleanEncoder.decode(bitString.substring(index, index + 1));
    index++;
    const start = FixedIntegerEncoder.decode(bitString.substring(index, index + 16));
    index += 16;
    if (group) {
      const end = FixedIntegerEncoder.decode(bitString.substring(index, index + 16));
      index += 16;
      chargeRange(start, end);
    } else {
      chargeRange(start, start);
    }
  }
}

/** Mirrors FibonacciIntegerRangeEncoder.decode (offset-coded Fibonacci integers), charging each range. */
function countFibonacciRange(bitString: string): void {
  if (!/^[0-1]*$/u.test(bitString) || bitString.length < 12) return;
  const count = FixedIntegerEncoder.decode(bitString.substring(0, 12));
  let offset = 0;
  let index = 12;
  for (let i = 0; i < count; i++) {
    const group = BooleanEncoder.decode(bitString.substring(index, index + 1));
    index++;
    let end = bitString.indexOf('11', index);
    const start = FibonacciIntegerEncoder.decode(bitString.substring(index, end + 2)) + offset;
    offset = start;
    index = end + 2;
    if (group) {
      end = bitString.indexOf('11', index);
      const last = FibonacciIntegerEncoder.decode(bitString.substring(index, end + 2)) + offset;
      offset = last;
      index = end + 2;
      chargeRange(start, last);
    } else {
      chargeRange(start, start);
    }
  }
}

wrapDecoder(FixedIntegerRangeEncoder, 'decode', countFixedRange);
wrapDecoder(FibonacciIntegerRangeEncoder, 'decode', countFibonacciRange);
