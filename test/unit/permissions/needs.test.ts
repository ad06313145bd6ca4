import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PERMISSION_NAMES, SITE_KINDS } from '../../../src/permissions/model.ts';
import { NEEDS, needOf, type NeedLevel } from '../../../src/permissions/needs.ts';

const DOC = readFileSync(new URL('../../../docs/permission-needs.md', import.meta.url), 'utf8');

/** The rows of the first Markdown table after `## <heading>`, as trimmed cells (header and rule dropped). */
function tableAfter(heading: string): string[][] {
  const start = DOC.indexOf(`\n## ${heading}\n`);
  expect(start, `section "${heading}"`).toBeGreaterThanOrEqual(0);
  const lines = DOC.slice(start).split('\n').slice(2);
  const first = lines.findIndex((line) => line.startsWith('|'));
  const table: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    table.push(line.slice(1, -1).split('|').map((cell) => cell.trim()));
  }
  return table.slice(2);
}

const SYMBOL: Record<string, NeedLevel> = { N: 'needed', S: 'sometimes', '–': 'not-needed' };

describe('docs/permission-needs.md matches the NEEDS table', () => {
  it('the matrix lists every site kind × permission with the level needOf gives', () => {
    const header = DOC.slice(DOC.indexOf('\n## The table\n')).split('\n').find((line) => line.startsWith('| Site kind'));
    expect(header?.slice(1, -1).split('|').map((c) => c.trim()).slice(1)).toEqual([...PERMISSION_NAMES]);
    const documented = tableAfter('The table').map(([kind, ...cells]) => [kind, cells.map((c) => SYMBOL[c] ?? `unknown symbol ${c}`)]);
    const coded = SITE_KINDS.map((kind) => [kind, PERMISSION_NAMES.map((permission) => needOf(kind, permission).level)]);
    expect(documented).toEqual(coded);
  });

  it('the "Why" table lists exactly the needed and sometimes entries, with their reasons', () => {
    const documented = tableAfter('Why');
    const coded = Object.entries(NEEDS).flatMap(([kind, entries]) =>
      PERMISSION_NAMES.flatMap((permission) => {
        const entry = entries[permission as keyof typeof entries];
        return entry ? [[kind, permission, entry[0], entry[1]]] : [];
      }),
    );
    expect(documented).toEqual(coded);
  });
});

describe('needOf', () => {
  it.each([
    ['maps-travel', 'geolocation', 'needed'],
    ['ride-hailing', 'geolocation', 'needed'],
    ['video-call', 'camera', 'needed'],
    ['video-call', 'microphone', 'needed'],
    ['video-call', 'display-capture', 'needed'],
    ['video-call', 'notifications', 'needed'],
    ['news', 'notifications', 'sometimes'],
    ['news', 'camera', 'not-needed'],
    ['news', 'microphone', 'not-needed'],
    ['news', 'geolocation', 'not-needed'],
    ['video-streaming', 'geolocation', 'not-needed'],
    ['shop', 'geolocation', 'sometimes'],
    ['shop', 'contacts', 'not-needed'],
    ['bank-finance', 'camera', 'sometimes'],
    ['game', 'clipboard-read', 'not-needed'],
  ] as const)('%s × %s is %s', (kind, permission, level) => {
    const need = needOf(kind, permission);
    expect(need.level).toBe(level);
    expect(need.why.length).toBeGreaterThan(10);
  });

  it('a not-needed entry explains itself with the kind and the permission', () => {
    expect(needOf('news', 'camera').why).toBe('The basic service of a news site works without camera.');
    expect(needOf('bank-finance', 'usb').why).toBe('The basic service of a banking or finance site works without usb.');
  });

  it('never judges an unrecognised site or an unnamed feature', () => {
    for (const permission of PERMISSION_NAMES) expect(needOf('other', permission).level).toBe('sometimes');
    for (const kind of SITE_KINDS) expect(needOf(kind, 'other').level).toBe('sometimes');
  });

  it('every site kind but other has an entry, and push has the level of notifications', () => {
    expect(Object.keys(NEEDS).sort()).toEqual(SITE_KINDS.filter((k) => k !== 'other').sort());
    const rank: Record<NeedLevel, number> = { needed: 0, sometimes: 1, 'not-needed': 2 };
    for (const kind of SITE_KINDS) expect(rank[needOf(kind, 'push').level], kind).toBe(rank[needOf(kind, 'notifications').level]);
  });
});
