/**
 * The bridge's permission messages: the strict parser (exact keys, types, ranges, size bound) and
 * the isolated-world reporter that turns them into permission/requested and permission/outcome.
 */
import { describe, expect, it } from 'vitest';
import { MAX_PERMISSION_MESSAGE, parseBridgePermission, parseBridgeSignal } from '../../../extension/content/bridge-protocol.ts';
import { createPermissionReporter, MAX_PER_KIND, MAX_PER_PAGE, type PermissionReporterDeps } from '../../../extension/content/permissions.ts';

const request = { k: 'request', seq: 1, api: 'geolocation.getCurrentPosition', permission: 'geolocation', probe: false, sinceNavigation: 12.5, gesture: true };
const outcome = { k: 'outcome', seq: 1, outcome: 'denied', error: 'PERMISSION_DENIED' };
const json = (value: unknown) => JSON.stringify(value);

describe('parseBridgePermission', () => {
  it('accepts a request and an outcome', () => {
    expect(parseBridgePermission(json(request))).toEqual(request);
    expect(parseBridgePermission(json(outcome))).toEqual(outcome);
    expect(parseBridgePermission(json({ k: 'outcome', seq: 7, outcome: 'answered', state: 'prompt' }))).toEqual({ k: 'outcome', seq: 7, outcome: 'answered', state: 'prompt' });
    expect(parseBridgePermission(json({ ...request, api: 'permissions.query', probe: true }))).toMatchObject({ probe: true });
    expect(parseBridgePermission(json({ k: 'before', permission: 'camera' }))).toEqual({ k: 'before', permission: 'camera' });
  });

  it('refuses a malformed "before"', () => {
    expect(parseBridgePermission(json({ k: 'before', permission: 'everything' }))).toBeNull();
    expect(parseBridgePermission(json({ k: 'before', permission: 'camera', seq: 1 }))).toBeNull();
    expect(parseBridgePermission(json({ k: 'before' }))).toBeNull();
  });

  it.each([
    ['not a string', request],
    ['not JSON', '{k:'],
    ['an array', json([request])],
    ['null', 'null'],
    ['an unknown kind', json({ ...request, k: 'signal' })],
    ['an extra key', json({ ...request, site: 'example.com' })],
    ['a missing key', json({ ...request, gesture: undefined })],
    ['an unknown API', json({ ...request, api: 'eval' })],
    ['an unknown permission', json({ ...request, permission: 'everything' })],
    ['a probe that is not permissions.query', json({ ...request, probe: true })],
    ['permissions.query that is not a probe', json({ ...request, api: 'permissions.query' })],
    ['a non-integer seq', json({ ...request, seq: 1.5 })],
    ['seq 0', json({ ...request, seq: 0 })],
    ['a huge seq', json({ ...request, seq: 1e12 })],
    ['a negative time', json({ ...request, sinceNavigation: -1 })],
    ['a string time', json({ ...request, sinceNavigation: '1' })],
    ['a string gesture', json({ ...request, gesture: 'true' })],
    ['an unknown outcome', json({ ...outcome, outcome: 'pending' })],
    ['an outcome with an extra key', json({ ...outcome, api: 'contacts.select' })],
    ['an error name with spaces', json({ ...outcome, error: 'Not allowed' })],
    ['a long error name', json({ ...outcome, error: 'E'.repeat(61) })],
    ['an unknown state', json({ ...outcome, state: 'maybe' })],
  ])('refuses %s', (_what, detail) => {
    expect(parseBridgePermission(detail)).toBeNull();
  });

  it('refuses anything over the size bound, even valid JSON', () => {
    const padded = json(request).replace('{', `{${' '.repeat(MAX_PERMISSION_MESSAGE)}`);
    expect(JSON.parse(padded)).toEqual(request);
    expect(parseBridgePermission(padded)).toBeNull();
  });

  it('keeps the two kinds apart: a permission message is no consent signal and the reverse', () => {
    expect(parseBridgeSignal(json(request))).toBeNull();
    expect(parseBridgePermission(json({ source: 'tcf', name: '__tcfapi', value: 'x' }))).toBeNull();
  });
});

function reporter(overrides: Partial<PermissionReporterDeps> = {}) {
  const posted: { type: string; payload: Record<string, unknown> }[] = [];
  let n = 0;
  let siteKindCalls = 0;
  const deps: PermissionReporterDeps = {
    post: async (type, payload) => {
      posted.push({ type, payload: payload as unknown as Record<string, unknown> });
      return { stored: true };
    },
    readState: async () => 'prompt',
    siteKind: () => {
      siteKindCalls++;
      return { kind: 'maps-travel', signals: ['a'.repeat(100), 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] };
    },
    softAskBefore: () => true,
    newId: () => `id-${String(++n).padStart(8, '0')}`,
    now: () => 1000,
    ...overrides,
  };
  return { on: createPermissionReporter(deps), posted, siteKindCalls: () => siteKindCalls };
}
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('createPermissionReporter', () => {
  it('posts the request with the state before, then its outcome with the state after', async () => {
    const states = ['prompt', 'granted'] as const;
    let i = 0;
    const r = reporter({ readState: async () => states[i++] ?? 'unknown' });
    r.on({ k: 'request', seq: 1, api: 'geolocation.getCurrentPosition', permission: 'geolocation', probe: false, sinceNavigation: 12.5, gesture: true });
    r.on({ k: 'outcome', seq: 1, outcome: 'granted' });
    await flush();
    expect(r.posted).toEqual([
      {
        type: 'permission/requested',
        payload: {
          id: 'id-00000001',
          api: 'geolocation.getCurrentPosition',
          permission: 'geolocation',
          probe: false,
          sinceNavigation: 12.5,
          gesture: true,
          softAskBefore: true,
          stateBefore: 'prompt',
          siteKind: 'maps-travel',
          siteKindSignals: ['a'.repeat(80), 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
          time: 1000,
        },
      },
      { type: 'permission/outcome', payload: { id: 'id-00000001', outcome: 'granted', stateAfter: 'granted', time: 1000 } },
    ]);
  });

  it('the state before is read at the "before" event, ahead of the browser\'s answer (not after the call)', async () => {
    // The browser denies at once (an automatic block): read after the call, the state is already "denied".
    let current: 'prompt' | 'denied' = 'prompt';
    const r = reporter({ readState: async () => current });
    r.on({ k: 'before', permission: 'geolocation' });
    current = 'denied';
    r.on({ k: 'request', seq: 1, api: 'geolocation.getCurrentPosition', permission: 'geolocation', probe: false, sinceNavigation: 5, gesture: false });
    await flush();
    expect(r.posted[0]?.payload.stateBefore).toBe('prompt');
    // Without a "before" (an older main-world script), it is read when the request arrives.
    r.on({ k: 'request', seq: 2, api: 'geolocation.getCurrentPosition', permission: 'geolocation', probe: false, sinceNavigation: 6, gesture: false });
    await flush();
    expect(r.posted.at(-1)?.payload.stateBefore).toBe('denied');
  });

  it('infers the site kind once, lazily; a failing inference is "other"', async () => {
    const r = reporter();
    expect(r.siteKindCalls()).toBe(0);
    for (let seq = 1; seq <= 3; seq++) r.on({ k: 'request', seq, api: 'permissions.query', permission: 'camera', probe: true, sinceNavigation: 1, gesture: false });
    expect(r.siteKindCalls()).toBe(1);
    const failing = reporter({
      siteKind: () => {
        throw new Error('no');
      },
    });
    failing.on({ k: 'request', seq: 1, api: 'permissions.query', permission: 'camera', probe: true, sinceNavigation: 1, gesture: false });
    await flush();
    expect(failing.posted[0]?.payload).toMatchObject({ siteKind: 'other', siteKindSignals: [] });
  });

  it("uses the probe's own state; ignores unknown, repeated and dropped outcomes", async () => {
    const r = reporter();
    r.on({ k: 'outcome', seq: 9, outcome: 'granted' });
    r.on({ k: 'request', seq: 1, api: 'permissions.query', permission: 'camera', probe: true, sinceNavigation: 1, gesture: false });
    r.on({ k: 'outcome', seq: 1, outcome: 'answered', state: 'denied' });
    r.on({ k: 'outcome', seq: 1, outcome: 'answered', state: 'granted' });
    r.on({ k: 'request', seq: 1, api: 'geolocation.getCurrentPosition', permission: 'geolocation', probe: false, sinceNavigation: 1, gesture: false });
    await flush();
    expect(r.posted.map((p) => [p.type, p.payload.id, p.payload.stateBefore ?? p.payload.stateAfter]).sort()).toEqual([
      ['permission/outcome', 'id-00000001', 'denied'],
      ['permission/requested', 'id-00000001', 'prompt'],
      ['permission/requested', 'id-00000002', 'prompt'],
    ]);
  });

  it('a state that cannot be read is "unknown"', async () => {
    const r = reporter({ readState: () => Promise.reject(new Error('no')) });
    r.on({ k: 'request', seq: 1, api: 'usb.requestDevice', permission: 'usb', probe: false, sinceNavigation: 1, gesture: true });
    await flush();
    expect(r.posted[0]?.payload.stateBefore).toBe('unknown');
  });

  it(`caps a page at ${MAX_PER_KIND} requests per API and permission and ${MAX_PER_PAGE} in all`, async () => {
    const r = reporter();
    let seq = 0;
    for (let i = 0; i < 100; i++) r.on({ k: 'request', seq: ++seq, api: 'permissions.query', permission: 'camera', probe: true, sinceNavigation: 1, gesture: false });
    await flush();
    expect(r.posted).toHaveLength(MAX_PER_KIND);
    const names = ['geolocation', 'notifications', 'push', 'camera', 'microphone', 'midi', 'storage-access', 'local-fonts', 'clipboard-read', 'other'] as const;
    for (const permission of names) for (let i = 0; i < 100; i++) r.on({ k: 'request', seq: ++seq, api: 'permissions.query', permission, probe: true, sinceNavigation: 1, gesture: false });
    await flush();
    expect(r.posted).toHaveLength(MAX_PER_PAGE);
  });
});
