// Checks ConsentLens's signal decoders (src/signals) against the decode assertions in the IAB's own
// Java test suites (IABTechLab/iabgpp-java, InteractiveAdvertisingBureau/iabtcf-java), as extracted
// into ../shared/corpus/iab-vectors/vectors_extracted_java.jsonl (evaluation-only data: read at run
// time, never copied into this repository; when it is absent the script says so and exits 0).
//
// Every input string goes through our decode path (decodeTcString, decodeGppString,
// decodeGppSection, decodeUspString); each Java getter is mapped to a field of our decoded result.
// Assertions whose expected value is not a literal ({raw: ...}) are skipped, as are getters with no
// counterpart in our output (listed by name).
//
// Run: npm run eval:iab   (node --import tsx scripts/eval-iab.mjs [--verbose])
// Exit: 0 all mapped assertions pass; 1 a mapped assertion failed, or an expected failure (KNOWN
// below) started passing and the list needs updating.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeGppSection, decodeGppString, decodeTcString, decodeUspString } from '../src/signals/index.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = resolve(ROOT, '..', 'shared', 'corpus', 'iab-vectors', 'vectors_extracted_java.jsonl');
const VERBOSE = process.argv.includes('--verbose');

if (!existsSync(CORPUS)) {
  console.log(`eval:iab: test vectors not found at ${CORPUS}; nothing to check (they are not part of this repository).`);
  process.exit(0);
}

const UNMAPPED = Symbol('unmapped');
const range = (a, b) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

/**
 * Corpus errata: assertions whose `expected` the extractor recorded as a literal although the Java
 * test compares against a computed value. Checked against the value the Java source computes.
 */
const ERRATA = {
  'TCStringV1Test.java#testRangeEncodingDefaultFalse#getVendorConsent': {
    expected: [...range(1, 25), 30],
    why: 'Java: matchInts(IntStream.concat(rangeClosed(1, 25), of(30))); extracted as []',
  },
  'TCStringV1Test.java#testRangeEncodingDefaultTrue#getVendorConsent': {
    expected: [...range(2, 24), 31, 32],
    why: 'Java: matchInts(IntStream.concat(rangeClosed(2, 24), rangeClosed(31, 32))); extracted as []',
  },
};

/**
 * Known, explained differences between our decoders and the Java reference implementations. They
 * are reported on every run and do not fail it; one that starts passing does (update this list).
 * Keys: "file#test#getter[#args]" or "file#test#*" for every assertion of that test.
 */
const KNOWN = {
  'TCStringV1Test.java#testAllowedPurposes#*':
    'the string ends before its vendor section; iabtcf-java decodes lazily and never reads it, @iabtechlabtcf/core (and so decodeTcString) rejects the truncated string',
  'TCStringV1Test.java#testRangeEncodingDefaultTrue#*':
    '@iabtechlabtcf/core does not decode TCF v1 vendor ranges with default consent 1 ("Unable to decode default consent=1"); decodeTcString returns invalid with that reason',
  'UsNatTest.java#testDecode1#getSensitiveDataProcessing':
    'the string declares usnat Version 1 but carries the 16-category v2 layout (72 bits); @iabgpp/cmpapi 3.2 cuts Version 1 lists to the v1 length (12), dropping categories 13-16, which iabgpp-java returns',
  'UsNatTest.java#testDecodeWithGpcSegmentExcluded#getSensitiveDataProcessing':
    'same as UsNatTest#testDecode1: Version 1 header with the v2 layout; @iabgpp/cmpapi drops categories 13-16',
  'GppModelTest.java#testDecode9#getFieldValue#UsNat.NAME, UsNatField.SENSITIVE_DATA_PROCESSING':
    'usnat section "BAAAAAAAAQRA" declares Version 1 but has the v2 layout (72 bits); @iabgpp/cmpapi drops category 16, which is set',
  'GppModelTest.java#testDecode9#getFieldValue#UsNat.NAME, UsNatField.KNOWN_CHILD_SENSITIVE_DATA_CONSENTS':
    'same string: @iabgpp/cmpapi cuts the list to the v1 length (2), dropping the third entry, which is set',
};

/**
 * usnat Version 1 strings: iabgpp-java pads SensitiveDataProcessing (12 -> 16) and
 * KnownChildSensitiveDataConsents (2 -> 3) to the v2 layout with 0 (= not applicable), at the
 * positions the spec added; @iabgpp/cmpapi returns the v1 lengths. Same information, different
 * shape: our value is padded the Java way before comparing, and such checks are counted as
 * "passed (v1 padding)". The padding positions follow the v2 layout (new categories appended).
 */
function padUsNatV1(field, value, fields) {
  if (fields.Version !== 1 || !Array.isArray(value)) return null;
  if (field === 'SensitiveDataProcessing' && value.length === 12) return [...value, 0, 0, 0, 0];
  if (field === 'KnownChildSensitiveDataConsents' && value.length === 2) return [...value, 0];
  return null;
}

// --- mapping Java getters to our decoded shapes -----------------------------------------------

const bools = (ids, length) => Array.from({ length }, (_, i) => ids.includes(i + 1));
const usp = (flag) => (flag === null ? '-' : flag ? 'Y' : 'N');

/** iabgpp-java TcfEuV2 field names -> our TcfV2Decoded (decodeTcString). */
const TCF_EU_FIELDS = {
  Version: (d) => d.version,
  Created: (d) => d.created,
  LastUpdated: (d) => d.lastUpdated,
  CmpId: (d) => d.cmpId,
  CmpVersion: (d) => d.cmpVersion,
  ConsentScreen: (d) => d.consentScreen,
  ConsentLanguage: (d) => d.consentLanguage,
  VendorListVersion: (d) => d.vendorListVersion,
  PolicyVersion: (d) => d.policyVersion,
  IsServiceSpecific: (d) => d.isServiceSpecific,
  UseNonStandardStacks: (d) => d.useNonStandardStacks,
  SpecialFeatureOptins: (d) => bools(d.specialFeatureOptins, 12),
  PurposeConsents: (d) => bools(d.purposeConsents, 24),
  PurposeLegitimateInterests: (d) => bools(d.purposeLegitimateInterests, 24),
  PurposeOneTreatment: (d) => d.purposeOneTreatment,
  PublisherCountryCode: (d) => d.publisherCountryCode,
  VendorConsents: (d) => d.vendorConsents,
  VendorLegitimateInterests: (d) => d.vendorLegitimateInterests,
  PublisherRestrictions: (d) => groupRestrictions(d.publisherRestrictions),
  PublisherConsents: (d) => bools(d.publisherConsents, 24),
  PublisherLegitimateInterests: (d) => bools(d.publisherLegitimateInterests, 24),
  NumCustomPurposes: (d) => d.numCustomPurposes,
  PublisherCustomConsents: (d) => bools(d.publisherCustomConsents, d.numCustomPurposes),
  PublisherCustomLegitimateInterests: (d) => bools(d.publisherCustomLegitimateInterests, d.numCustomPurposes),
  VendorsAllowed: (d) => d.vendorsAllowed ?? [],
  VendorsDisclosed: (d) => d.vendorsDisclosed ?? [],
  // PublisherPurposesSegmentType, VendorsAllowedSegmentType, VendorsDisclosedSegmentType and getId
  // are encoding constants of the GPP library's model, not signal content: unmapped here.
};

/** iabtcf-java TCString getters -> our TcfDecoded. */
const TCF_JAVA_GETTERS = {
  getVersion: (d) => d.version,
  getCreated: (d) => d.created,
  getLastUpdated: (d) => d.lastUpdated,
  getCmpId: (d) => d.cmpId,
  getCmpVersion: (d) => d.cmpVersion,
  getConsentScreen: (d) => d.consentScreen,
  getConsentLanguage: (d) => d.consentLanguage,
  getVendorListVersion: (d) => d.vendorListVersion,
  getTcfPolicyVersion: (d) => d.policyVersion,
  getPublisherCC: (d) => d.publisherCountryCode,
  isServiceSpecific: (d) => d.isServiceSpecific,
  getPurposeOneTreatment: (d) => d.purposeOneTreatment,
  getUseNonStandardStacks: (d) => d.useNonStandardStacks,
  getSpecialFeatureOptIns: (d) => d.specialFeatureOptins,
  getPurposesConsent: (d) => d.purposeConsents,
  getPurposesLITransparency: (d) => d.purposeLegitimateInterests,
  getVendorConsent: (d) => d.vendorConsents,
  getVendorLegitimateInterest: (d) => d.vendorLegitimateInterests,
  getAllowedVendors: (d) => d.vendorsAllowed ?? [],
  getDisclosedVendors: (d) => d.vendorsDisclosed ?? [],
};

function groupRestrictions(list) {
  const groups = new Map();
  for (const { purposeId, vendorId, type } of list) {
    const key = `${purposeId}:${type}`;
    if (!groups.has(key)) groups.set(key, { key: purposeId, type, ids: [] });
    groups.get(key).ids.push(vendorId);
  }
  return [...groups.values()];
}

const fieldArg = (args) => (typeof args === 'string' ? JSON.parse(args) : null); // '"CmpId"' -> 'CmpId'
const getterField = (getter) => (getter.startsWith('get') ? getter.slice(3) : null);

function viaTcfEu(decoded, getter, args) {
  const field = getter === 'getFieldValue' ? fieldArg(args) : getterField(getter);
  const map = field && TCF_EU_FIELDS[field];
  return map ? map(decoded) : UNMAPPED;
}

function viaTcfJava(decoded, getter) {
  const map = TCF_JAVA_GETTERS[getter];
  return map ? map(decoded) : UNMAPPED;
}

/** A GPP section decoded on its own: Java getters are the library's field names with "get". */
function viaGppSection(decoded, getter, args) {
  if (getter === 'getId') return decoded.sectionId;
  const field = getter === 'getFieldValue' ? fieldArg(args) : getterField(getter);
  if (!field || !(field in decoded.fields)) return UNMAPPED;
  return { field, value: decoded.fields[field], fields: decoded.fields };
}

const pascal = (constant) => constant.toLowerCase().replace(/(^|_)([a-z])/gu, (_, __, c) => c.toUpperCase());

/** GppModel.getFieldValue(TcfEuV2.NAME, TcfEuV2Field.VENDOR_CONSENTS) -> sections.tcfeuv2.VendorConsents. */
function viaGppModel(decoded, getter, args) {
  if (getter !== 'getFieldValue' || typeof args !== 'string') return UNMAPPED;
  const m = /^(\w+)\.NAME,\s*\w+Field\.(\w+)$/u.exec(args);
  if (!m) return UNMAPPED;
  const fields = decoded.sections[m[1].toLowerCase()];
  const field = pascal(m[2]);
  if (!fields || !(field in fields)) return UNMAPPED;
  return { field, value: fields[field], fields };
}

const USP_FIELDS = { Version: (d) => d.version, Notice: (d) => usp(d.noticeGiven), OptOutSale: (d) => usp(d.optedOutOfSale), LspaCovered: (d) => usp(d.lspaCovered) };

function viaUsp(decoded, getter, args) {
  const field = getter === 'getFieldValue' ? fieldArg(args) : getterField(getter);
  const map = field && USP_FIELDS[field];
  return map ? map(decoded) : UNMAPPED;
}

/**
 * For each input type, the decode paths it goes through: [format label, decode(string), map].
 * Strings of a GPP section type are also decoded as a section; TcfEuV2 strings are TC strings too.
 */
function pathsFor(type, string) {
  switch (type) {
    case 'parse':
    case 'TCString.decode': {
      const label = string.startsWith('B') ? 'TCF v1.1 (iabtcf-java) via decodeTcString' : 'TCF v2 (iabtcf-java) via decodeTcString';
      return [[label, () => decodeTcString(string), viaTcfJava]];
    }
    case 'TcfEuV2':
      return [
        ['TCF v2 (iabgpp-java TcfEuV2) via decodeTcString', () => decodeTcString(string), viaTcfEu],
        ['GPP tcfeuv2 section via decodeGppSection', () => decodeGppSection('tcfeuv2', string), viaGppSection],
      ];
    case 'TcfCaV1':
      return [['GPP tcfcav1 (TCF Canada) via decodeGppSection', () => decodeGppSection('tcfcav1', string), viaGppSection]];
    case 'UspV1':
      return [
        ['USP v1 via decodeUspString', () => decodeUspString(string), viaUsp],
        ['GPP uspv1 section via decodeGppSection', () => decodeGppSection('uspv1', string), viaGppSection],
      ];
    case 'GppModel':
      return [['GPP string (header + sections) via decodeGppString', () => decodeGppString(string), viaGppModel]];
    default:
      if (/^Us[A-Z][a-z]+$/u.test(type)) {
        return [[`GPP US state/national sections via decodeGppSection`, () => decodeGppSection(type.toLowerCase(), string), viaGppSection, type.toLowerCase()]];
      }
      return [];
  }
}

// --- comparison ------------------------------------------------------------------------------

function equal(expected, actual) {
  if (expected && typeof expected === 'object' && !Array.isArray(expected) && 'instant' in expected) {
    return typeof actual === 'string' && Date.parse(actual) === Date.parse(expected.instant);
  }
  return JSON.stringify(expected) === JSON.stringify(actual);
}

const sortedSet = (xs) => [...new Set(xs)].sort((a, b) => a - b);
const show = (v) => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 160 ? `${s.slice(0, 157)}...` : s;
};

// --- run -------------------------------------------------------------------------------------

const stats = new Map(); // format -> counters
const failures = [];
const knownHits = [];
const stale = [];
const errataUsed = [];
const unknownTypes = new Set();

function bucket(format) {
  if (!stats.has(format)) {
    stats.set(format, { checked: 0, passed: 0, padded: 0, errata: 0, failed: 0, known: 0, raw: 0, unmapped: 0, unmappedGetters: new Set(), sections: new Set() });
  }
  return stats.get(format);
}

const rows = readFileSync(CORPUS, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line));
let assertionsTotal = 0;

for (const row of rows) {
  const file = row.file.split('/').at(-1);
  for (const a of row.assertions) {
    assertionsTotal += 1;
    const input = row.inputs[a.var];
    if (!input) continue;
    const paths = pathsFor(input.type, input.string);
    if (paths.length === 0) unknownTypes.add(input.type);
    for (const [format, decode, map, section] of paths) {
      const b = bucket(format);
      if (section) b.sections.add(section);
      const isRaw = a.expected && typeof a.expected === 'object' && !Array.isArray(a.expected) && 'raw' in a.expected;
      if (isRaw) {
        b.raw += 1;
        continue;
      }
      const id = `${file}#${row.test}#${a.getter}`;
      const where = `${file}:${a.line} ${row.test} ${a.getter}${a.args ? `(${a.args})` : ''}`;
      const knownWhy = KNOWN[id] ?? KNOWN[`${id}#${a.args}`] ?? KNOWN[`${file}#${row.test}#*`];
      const decoded = decode();
      let actual;
      let padded = false;
      if (decoded.kind === 'invalid') {
        actual = { invalid: decoded.reason };
      } else {
        const mapped = map(decoded, a.getter, a.args);
        if (mapped === UNMAPPED) {
          b.unmapped += 1;
          b.unmappedGetters.add(a.getter === 'getFieldValue' ? `getFieldValue(${a.args})` : a.getter);
          continue;
        }
        if (mapped && typeof mapped === 'object' && 'field' in mapped && 'fields' in mapped) {
          actual = mapped.value;
          const pad = padUsNatV1(mapped.field, mapped.value, mapped.fields);
          if (pad && !equal(a.expected, actual) && equal(a.expected, pad)) {
            actual = pad;
            padded = true;
          }
        } else {
          actual = mapped;
        }
      }
      b.checked += 1;
      let expected = 'expected_int_set' in a ? a.expected_int_set : a.expected;
      const erratum = ERRATA[id];
      if (erratum) {
        errataUsed.push(`${where}: corpus says ${show(expected)}; checked against ${show(erratum.expected)} (${erratum.why})`);
        expected = erratum.expected;
      }
      const ok = 'expected_int_set' in a ? Array.isArray(actual) && equal(sortedSet(expected), sortedSet(actual)) : equal(expected, actual);
      if (ok && knownWhy) {
        b.failed += 1;
        stale.push(`${format}: ${where} now passes but is listed in KNOWN ("${knownWhy}"); remove it from the list`);
      } else if (ok) {
        b.passed += 1;
        if (padded) b.padded += 1;
        if (erratum) b.errata += 1;
        if (VERBOSE) console.log(`  ok   ${format}: ${where}`);
      } else if (knownWhy) {
        b.known += 1;
        knownHits.push(`${format}: ${where}: expected ${show(expected)}, got ${show(actual)} -- ${knownWhy}`);
      } else {
        b.failed += 1;
        failures.push(`${format}: ${where}\n      input    ${show(input.string)}\n      expected ${show(expected)}\n      got      ${show(actual)}`);
      }
    }
  }
}

console.log(`IAB decode vectors: ${rows.length} test methods, ${assertionsTotal} assertions (${CORPUS})\n`);
const totals = { checked: 0, passed: 0, failed: 0, known: 0, unmapped: 0, raw: 0 };
for (const [format, b] of stats) {
  for (const k of Object.keys(totals)) totals[k] += b[k];
  const extras = [b.padded ? `${b.padded} after usnat v1 padding` : '', b.errata ? `${b.errata} against corrected corpus errata` : ''].filter(Boolean).join(', ');
  console.log(`${format}${b.sections.size ? ` [${[...b.sections].sort().join(' ')}]` : ''}`);
  console.log(`  checked ${b.checked}  passed ${b.passed}${extras ? ` (${extras})` : ''}  failed ${b.failed}  known differences ${b.known}  skipped: raw ${b.raw}, unmapped ${b.unmapped}`);
  if (b.unmappedGetters.size) console.log(`  unmapped getters: ${[...b.unmappedGetters].sort().join(', ')}`);
}
console.log(`\nTotal (an assertion decoded by two paths counts twice): checked ${totals.checked}, passed ${totals.passed}, failed ${totals.failed}, known differences ${totals.known}, skipped raw ${totals.raw}, skipped unmapped ${totals.unmapped}`);
if (unknownTypes.size) console.log(`Input types with no decode path: ${[...unknownTypes].join(', ')}`);
if (errataUsed.length) console.log(`\nCorpus errata corrected (${errataUsed.length}):\n  ${errataUsed.join('\n  ')}`);
if (knownHits.length) console.log(`\nKnown differences (${knownHits.length}, do not fail the run):\n  ${knownHits.join('\n  ')}`);
if (stale.length) console.log(`\nStale known differences (${stale.length}):\n  ${stale.join('\n  ')}`);
if (failures.length) console.log(`\nFAILURES (${failures.length}):\n  ${failures.join('\n  ')}`);
process.exit(failures.length || stale.length ? 1 : 0);
