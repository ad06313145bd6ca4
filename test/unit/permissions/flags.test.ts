import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BUNDLE_WINDOW_MS,
  evaluatePermissionFlags,
  ON_LOAD_MS,
  PERMISSION_FLAG_CATALOGUE,
  PERMISSION_FLAG_IDS,
  type PermissionFlagId,
  type PermissionFlagInput,
  type PermissionRequestFacts,
} from '../../../src/permissions/flags.ts';

const T0 = Date.UTC(2026, 0, 10, 12);

/** A well-behaved request: after a click, well after load, first-party, first time. */
function req(over: Partial<PermissionRequestFacts> = {}): PermissionRequestFacts {
  return {
    permission: 'geolocation',
    probe: false,
    gesture: true,
    sinceNavigation: 30_000,
    thirdParty: false,
    frameOrigin: 'https://maps.example',
    stateBefore: 'prompt',
    outcome: 'pending',
    time: T0,
    ...over,
  };
}

function ids(over: Partial<PermissionFlagInput> = {}): PermissionFlagId[] {
  return evaluatePermissionFlags({ request: req(), earlier: [], siteKind: 'maps-travel', expected: false, ...over }).map((f) => f.id);
}

describe('a well-behaved request', () => {
  it('gets no flag', () => {
    expect(ids()).toEqual([]);
  });
});

describe('P1 asked on page load', () => {
  it('flags a request without a gesture within the on-load window, and says when', () => {
    const [flag] = evaluatePermissionFlags({ request: req({ gesture: false, sinceNavigation: 1_200 }), earlier: [], siteKind: 'maps-travel', expected: false });
    expect(flag?.id).toBe('P1');
    expect(flag?.severity).toBe('medium');
    expect(flag?.explanation).toBe('The site asked for your location 1.2 s after the page opened, before you clicked or typed anything.');
    expect(flag?.legal).toContain('Chrome quiet-permission heuristics');
  });

  it.each([
    ['with a gesture', { gesture: true, sinceNavigation: 1_000 }],
    ['at the threshold', { gesture: false, sinceNavigation: ON_LOAD_MS }],
    ['when already granted (no prompt shown)', { gesture: false, sinceNavigation: 1_000, stateBefore: 'granted' as const }],
  ])('does not flag a request %s', (_case, over) => {
    expect(ids({ request: req(over) })).not.toContain('P1');
  });

  it('flags just under the threshold', () => {
    expect(ids({ request: req({ gesture: false, sinceNavigation: ON_LOAD_MS - 1 }) })).toEqual(['P1']);
  });
});

describe('P2 asked by a third-party frame', () => {
  it('flags a third-party frame and names its origin', () => {
    const flags = evaluatePermissionFlags({ request: req({ thirdParty: true, frameOrigin: 'https://ads.tracker.example' }), earlier: [], siteKind: 'maps-travel', expected: false });
    expect(flags.map((f) => f.id)).toEqual(['P2']);
    expect(flags[0]?.explanation).toContain('https://ads.tracker.example');
  });

  it('also when the permission was already granted to the page (delegated access)', () => {
    expect(ids({ request: req({ thirdParty: true, stateBefore: 'granted' }) })).toEqual(['P2']);
  });

  it('does not flag a first-party frame', () => {
    expect(ids({ request: req({ thirdParty: false }) })).toEqual([]);
  });
});

describe('P3 asked again after a refusal', () => {
  it.each(['denied', 'dismissed'] as const)('flags a re-ask after an earlier request ended %s', (outcome) => {
    const earlier = [req({ time: T0 - 60_000, outcome })];
    const flags = evaluatePermissionFlags({ request: req(), earlier, siteKind: 'maps-travel', expected: false });
    expect(flags.map((f) => f.id)).toEqual(['P3']);
    expect(flags[0]?.severity).toBe('high');
  });

  it("flags a request when the permission's state before it was denied", () => {
    expect(ids({ request: req({ stateBefore: 'denied' }) })).toEqual(['P3']);
  });

  it('does not flag after a grant, an error, or a refusal of another permission', () => {
    const earlier = [
      req({ time: T0 - 60_000, outcome: 'granted' }),
      req({ time: T0 - 50_000, outcome: 'error' }),
      req({ time: T0 - 40_000, permission: 'notifications', outcome: 'denied' }),
    ];
    expect(ids({ earlier })).not.toContain('P3');
  });

  it('ignores earlier probes and requests reported with a later time', () => {
    const earlier = [req({ time: T0 - 60_000, probe: true, outcome: 'denied' }), req({ time: T0 + 1, outcome: 'denied' })];
    expect(ids({ earlier })).toEqual([]);
  });
});

describe('P4 several permissions at once', () => {
  it('flags a second distinct permission within the window', () => {
    const earlier = [req({ permission: 'notifications', time: T0 - 3_000 })];
    const flags = evaluatePermissionFlags({ request: req(), earlier, siteKind: 'maps-travel', expected: false });
    expect(flags.map((f) => f.id)).toEqual(['P4']);
    expect(flags[0]?.explanation).toContain('2 different permissions within 10 seconds');
  });

  it('counts at the window edge but not beyond it', () => {
    expect(ids({ earlier: [req({ permission: 'notifications', time: T0 - BUNDLE_WINDOW_MS })] })).toEqual(['P4']);
    expect(ids({ earlier: [req({ permission: 'notifications', time: T0 - BUNDLE_WINDOW_MS - 1 })] })).toEqual([]);
  });

  it('does not flag the same permission twice, camera with microphone, or push with notifications', () => {
    expect(ids({ earlier: [req({ time: T0 - 1_000, outcome: 'granted' })] })).toEqual([]);
    expect(ids({ siteKind: 'video-call', request: req({ permission: 'microphone' }), earlier: [req({ permission: 'camera', time: T0 - 1 })] })).toEqual([]);
    expect(ids({ siteKind: 'news', request: req({ permission: 'push' }), earlier: [req({ permission: 'notifications', time: T0 - 1 })] })).toEqual([]);
  });

  it('does not count probes or permissions already granted (they show no prompt)', () => {
    const earlier = [req({ permission: 'notifications', time: T0 - 1_000, probe: true, outcome: 'answered' }), req({ permission: 'camera', time: T0 - 1_000, stateBefore: 'granted' })];
    expect(ids({ earlier })).toEqual([]);
    expect(ids({ request: req({ stateBefore: 'granted' }), earlier: [req({ permission: 'notifications', time: T0 - 1_000 })] })).toEqual([]);
  });
});

describe('P5 not plausibly needed by this kind of site', () => {
  it('flags camera on a news site, high because the camera is sensitive', () => {
    const flags = evaluatePermissionFlags({ request: req({ permission: 'camera' }), earlier: [], siteKind: 'news', expected: false });
    expect(flags.map((f) => [f.id, f.severity])).toEqual([['P5', 'high']]);
    expect(flags[0]?.explanation).toBe('This looks like a news site, and such sites work without your camera.');
    expect(flags[0]?.legal).toEqual(expect.arrayContaining(['GDPR art. 5(1)(c)', 'PIPL art. 6']));
  });

  it('is medium for a permission that is not sensitive', () => {
    const flags = evaluatePermissionFlags({ request: req({ permission: 'midi' }), earlier: [], siteKind: 'news', expected: false });
    expect(flags.map((f) => [f.id, f.severity])).toEqual([['P5', 'medium']]);
  });

  it('is suppressed when the person marked the permission expected on the site', () => {
    expect(ids({ request: req({ permission: 'camera' }), siteKind: 'news', expected: true })).toEqual([]);
  });

  it('does not flag needed or sometimes permissions, or an unrecognised site', () => {
    expect(ids({ siteKind: 'maps-travel' })).toEqual([]);
    expect(ids({ siteKind: 'shop' })).toEqual([]);
    expect(ids({ siteKind: 'other', request: req({ permission: 'camera' }) })).toEqual([]);
  });
});

describe('probes and combinations', () => {
  it('a permissions.query probe gets no flag, however it was made', () => {
    const probe = req({ probe: true, outcome: 'answered', gesture: false, sinceNavigation: 10, thirdParty: true, stateBefore: 'denied', permission: 'camera' });
    const earlier = [req({ permission: 'camera', time: T0 - 1_000, outcome: 'denied' }), req({ permission: 'notifications', time: T0 - 1_000 })];
    expect(ids({ request: probe, earlier, siteKind: 'news' })).toEqual([]);
  });

  it('one request can earn all five flags, in id order', () => {
    const request = req({ permission: 'camera', gesture: false, sinceNavigation: 500, thirdParty: true, frameOrigin: 'https://widget.example' });
    const earlier = [req({ permission: 'camera', time: T0 - 2_000, outcome: 'dismissed' }), req({ permission: 'geolocation', time: T0 - 1_000 })];
    expect(ids({ request, earlier, siteKind: 'news' })).toEqual(['P1', 'P2', 'P3', 'P4', 'P5']);
  });
});

describe('catalogue', () => {
  it('has every flag, and each instance carries its title and legal references', () => {
    expect(Object.keys(PERMISSION_FLAG_CATALOGUE)).toEqual([...PERMISSION_FLAG_IDS]);
    const [flag] = evaluatePermissionFlags({ request: req({ thirdParty: true }), earlier: [], siteKind: 'maps-travel', expected: false });
    expect(flag?.title).toBe(PERMISSION_FLAG_CATALOGUE.P2.title);
    expect(flag?.legal).toEqual(PERMISSION_FLAG_CATALOGUE.P2.legal);
  });

  it('docs/permission-needs.md lists each flag with the catalogue title, severity and legal references', () => {
    const doc = readFileSync(new URL('../../../docs/permission-needs.md', import.meta.url), 'utf8');
    const rows = doc
      .slice(doc.indexOf('\n## Flags\n'))
      .split('\n')
      .filter((line) => /^\| P\d /u.test(line))
      .map((line) => line.slice(1, -1).split('|').map((cell) => cell.trim()));
    expect(rows.map(([name, , severity, legal]) => [name, severity?.split(';')[0], legal?.split('; ')])).toEqual(
      PERMISSION_FLAG_IDS.map((id) => [`${id} ${PERMISSION_FLAG_CATALOGUE[id].title}`, PERMISSION_FLAG_CATALOGUE[id].severity, PERMISSION_FLAG_CATALOGUE[id].legal]),
    );
  });
});
