import { describe, expect, it } from 'vitest';
import {
  compareRecords,
  diffPermissions,
  hostScope,
  increases,
  mergeSnapshot,
  riskOf,
  RISK_WEIGHTS,
  type ExtensionInfo,
  type ExtensionRecord,
} from '../../../src/extensions/audit.ts';

function info(partial: Partial<ExtensionInfo> & Pick<ExtensionInfo, 'permissions' | 'hostPermissions'>): ExtensionInfo {
  return { id: 'abcdefghijklmnopabcdefghijklmnop', name: 'Test', version: '1.0', enabled: true, installType: 'normal', type: 'extension', ...partial };
}

const reasonsOf = (i: ExtensionInfo) => riskOf(i).reasons.map((r) => [r.id, r.permission, r.weight]);

describe('riskOf: Chrome permission warnings as a score', () => {
  it('uBlock Origin (MV2 manifest): all websites and privacy; tabs/webNavigation are hidden by "all websites", as in Chrome', () => {
    const ubo = info({
      name: 'uBlock Origin',
      permissions: ['contextMenus', 'privacy', 'storage', 'tabs', 'unlimitedStorage', 'webNavigation', 'webRequest', 'webRequestBlocking'],
      hostPermissions: ['<all_urls>'],
    });
    const risk = riskOf(ubo);
    expect(reasonsOf(ubo)).toEqual([
      ['allHosts', '<all_urls>', 60],
      ['privacy', 'privacy', 30],
    ]);
    expect(risk.reasons[0]?.warning).toBe('Read and change all your data on all websites');
    expect(risk).toMatchObject({ score: 90, level: 'high' });
  });

  it('uBlock Origin Lite (declarativeNetRequest, no hosts): one medium warning, low risk', () => {
    const lite = info({ permissions: ['activeTab', 'declarativeNetRequest', 'scripting', 'storage'], hostPermissions: [] });
    expect(riskOf(lite)).toEqual({
      score: 15,
      level: 'low',
      reasons: [{ id: 'blockContent', permission: 'declarativeNetRequest', warning: 'Block content on any page', weight: 15 }],
    });
  });

  it('a password manager: all sites (http and https patterns count once) plus reading the clipboard', () => {
    const pm = info({
      permissions: ['tabs', 'contextMenus', 'storage', 'unlimitedStorage', 'clipboardRead', 'clipboardWrite', 'idle', 'alarms', 'scripting', 'webRequest', 'webNavigation'],
      hostPermissions: ['https://*/*', 'http://*/*'],
    });
    expect(reasonsOf(pm)).toEqual([
      ['allHosts', 'https://*/*, http://*/*', 60],
      ['clipboardRead', 'clipboardRead', 30],
      ['clipboardWrite', 'clipboardWrite', 5],
    ]);
    expect(riskOf(pm)).toMatchObject({ score: 95, level: 'high' });
  });

  it('permissions without a warning score 0', () => {
    expect(riskOf(info({ permissions: ['storage', 'alarms', 'activeTab', 'scripting', 'cookies', 'webRequest', 'contextMenus'], hostPermissions: [] }))).toEqual({
      score: 0,
      level: 'low',
      reasons: [],
    });
  });

  it('tabs alone is "Read your browsing history": medium risk', () => {
    const tabs = info({ permissions: ['tabs'], hostPermissions: [] });
    expect(riskOf(tabs)).toMatchObject({ score: RISK_WEIGHTS.high, level: 'medium', reasons: [{ id: 'historyRead', warning: 'Read your browsing history' }] });
  });

  it('one warning per text: tabs, webNavigation and declarativeNetRequestFeedback share "Read your browsing history"', () => {
    const r = riskOf(info({ permissions: ['tabs', 'webNavigation', 'declarativeNetRequestFeedback'], hostPermissions: [] }));
    expect(r.reasons).toHaveLength(1);
    expect(r.reasons[0]).toMatchObject({ id: 'historyRead', permission: 'tabs, webNavigation, declarativeNetRequestFeedback', weight: 30 });
  });

  it('history hides the read-only history warning; sessions makes it "on all your signed-in devices"', () => {
    expect(reasonsOf(info({ permissions: ['history', 'tabs'], hostPermissions: [] }))).toEqual([['historyReadWrite', 'history', 30]]);
    expect(reasonsOf(info({ permissions: ['history', 'sessions', 'tabs'], hostPermissions: [] }))).toEqual([['historySynced', 'history, sessions', 30]]);
    const synced = riskOf(info({ permissions: ['sessions', 'tabs'], hostPermissions: [] }));
    expect(synced.reasons).toEqual([
      { id: 'historySyncedRead', permission: 'tabs, sessions', warning: 'Read your browsing history on all your signed-in devices', weight: 30 },
    ]);
    expect(riskOf(info({ permissions: ['sessions'], hostPermissions: [] })).reasons).toEqual([]);
  });

  it('debugger is critical twice (debugger backend + all websites): capped at 100', () => {
    const r = riskOf(info({ permissions: ['debugger'], hostPermissions: [] }));
    expect(r.reasons.map((x) => x.id)).toEqual(['debugger', 'allHosts']);
    expect(r).toMatchObject({ score: 100, level: 'high' });
  });

  it('pageCapture, proxy, tabCapture and <all_urls> are the same "all websites" warning, counted once', () => {
    const r = riskOf(info({ permissions: ['pageCapture', 'proxy'], hostPermissions: ['<all_urls>', '*://*/*'] }));
    expect(r.reasons).toEqual([{ id: 'allHosts', permission: 'pageCapture, proxy, <all_urls>, *://*/*', warning: 'Read and change all your data on all websites', weight: 60 }]);
    expect(r.score).toBe(60);
  });

  it('specific hosts: named like Chrome, weight grows with the number of sites', () => {
    const one = riskOf(info({ permissions: ['storage'], hostPermissions: ['https://github.com/*'] }));
    expect(one).toMatchObject({ score: 15, level: 'low', reasons: [{ id: 'someHosts', warning: 'Read and change your data on github.com', hosts: ['github.com'], weight: 15 }] });

    const two = riskOf(info({ permissions: [], hostPermissions: ['https://github.com/*', 'https://*.githubusercontent.com/*', 'http://github.com/*'] }));
    expect(two.reasons).toEqual([
      {
        id: 'someHosts',
        permission: 'https://github.com/*, https://*.githubusercontent.com/*, http://github.com/*',
        warning: 'Read and change your data on github.com and all githubusercontent.com sites',
        weight: 20,
        hosts: ['github.com', '*.githubusercontent.com'],
      },
    ]);

    const three = riskOf(info({ permissions: [], hostPermissions: ['https://a.example/*', 'https://b.example/*', 'https://c.example/*'] }));
    expect(three.reasons[0]).toMatchObject({ warning: 'Read and change your data on a.example, b.example, and c.example', weight: 25 });

    const many = riskOf(info({ permissions: [], hostPermissions: Array.from({ length: 12 }, (_, i) => `https://shop${i}.example/*`) }));
    expect(many).toMatchObject({ score: 40, level: 'medium', reasons: [{ warning: 'Read and change your data on a number of websites', hosts: [], weight: 40 }] });
  });

  it('"all websites" hides the specific-host warning', () => {
    expect(reasonsOf(info({ permissions: [], hostPermissions: ['https://github.com/*', '<all_urls>'] }))).toEqual([['allHosts', '<all_urls>', 60]]);
  });

  it('host patterns: what counts as every website, what is one site, what is no site', () => {
    expect(hostScope('<all_urls>')).toEqual({ all: true });
    expect(hostScope('*://*/*')).toEqual({ all: true });
    expect(hostScope('https://*/')).toEqual({ all: true });
    expect(hostScope('wss://*/*')).toEqual({ all: true });
    expect(hostScope('*://*.com/*')).toEqual({ all: true });
    expect(hostScope('https://*.example.com/*')).toEqual({ all: false, host: '*.example.com' });
    expect(hostScope('http://localhost:8080/*')).toEqual({ all: false, host: 'localhost' });
    expect(hostScope('HTTPS://Example.COM/path')).toEqual({ all: false, host: 'example.com' });
    expect(hostScope('file:///*')).toBeNull();
    expect(hostScope('chrome://favicon/*')).toBeNull();
    expect(hostScope('not a pattern')).toBeNull();
  });

  it('install type: developer mode and sideloading add a reason', () => {
    expect(reasonsOf(info({ installType: 'development', permissions: ['notifications'], hostPermissions: [] }))).toEqual([
      ['installDevelopment', 'development', 10],
      ['notifications', 'notifications', 5],
    ]);
    const sideloaded = riskOf(info({ installType: 'sideload', permissions: ['management', 'nativeMessaging'], hostPermissions: [] }));
    expect(sideloaded.reasons.map((r) => [r.id, r.weight])).toEqual([
      ['management', 30],
      ['nativeMessaging', 30],
      ['installSideload', 15],
    ]);
    expect(sideloaded).toMatchObject({ score: 75, level: 'high' });
    expect(riskOf(info({ installType: 'admin', permissions: [], hostPermissions: [] })).reasons).toEqual([]);
  });

  it('the rest of the table', () => {
    const r = riskOf(
      info({
        permissions: ['topSites', 'contentSettings', 'desktopCapture', 'geolocation', 'identity.email', 'bookmarks', 'downloads', 'favicon', 'tabGroups', 'ttsEngine', 'system.storage', 'accessibilityFeatures.read', 'accessibilityFeatures.modify'],
        hostPermissions: [],
      }),
    );
    expect(Object.fromEntries(r.reasons.map((x) => [x.permission, x.weight]))).toEqual({
      topSites: 15,
      contentSettings: 30,
      desktopCapture: 30,
      geolocation: 30,
      'identity.email': 15,
      bookmarks: 15,
      downloads: 15,
      favicon: 10,
      tabGroups: 5,
      ttsEngine: 15,
      'system.storage': 5,
      'accessibilityFeatures.read': 5,
      'accessibilityFeatures.modify': 15,
    });
    expect(r.score).toBe(100);
  });
});

describe('diffPermissions', () => {
  it('compares API and host permissions together', () => {
    expect(
      diffPermissions(
        { permissions: ['storage', 'downloads'], hostPermissions: ['https://a.example/*'] },
        { permissions: ['storage', 'tabs'], hostPermissions: ['https://a.example/*', '<all_urls>'] },
      ),
    ).toEqual({ added: ['tabs', '<all_urls>'], removed: ['downloads'] });
    expect(diffPermissions({ permissions: ['a'], hostPermissions: [] }, { permissions: ['a'], hostPermissions: [] })).toEqual({ added: [], removed: [] });
  });
});

describe('mergeSnapshot: history across updates', () => {
  const v12 = info({ id: 'coupon', name: 'Coupons', version: '1.2', permissions: ['storage'], hostPermissions: ['https://shop.example/*'] });
  const v13 = { ...v12, version: '1.3', permissions: ['storage', 'tabs'], hostPermissions: ['https://shop.example/*', '<all_urls>'] };
  const v14 = { ...v13, version: '1.4', permissions: ['storage', 'tabs', 'cookies'], hostPermissions: ['<all_urls>'] };

  it('a first sighting has no history', () => {
    const first = mergeSnapshot(undefined, v12, 1000);
    expect(first).toMatchObject({ id: 'coupon', version: '1.2', firstSeen: 1000, lastSeen: 1000, history: [], risk: { score: 15, level: 'low' } });
    expect(first.removedAt).toBeUndefined();
  });

  it('the same permissions again only move lastSeen', () => {
    const first = mergeSnapshot(undefined, v12, 1000);
    const again = mergeSnapshot(first, { ...v12, permissions: ['storage'] }, 2000);
    expect(again).toMatchObject({ firstSeen: 1000, lastSeen: 2000, history: [] });
  });

  it('each update that changes permissions is a history entry (additions and removals)', () => {
    const a = mergeSnapshot(undefined, v12, 1000);
    const b = mergeSnapshot(a, v13, 2000);
    const c = mergeSnapshot(b, v14, 3000);
    expect(c.history).toEqual([
      { time: 2000, fromVersion: '1.2', toVersion: '1.3', added: ['tabs', '<all_urls>'], removed: [] },
      { time: 3000, fromVersion: '1.3', toVersion: '1.4', added: ['cookies'], removed: ['https://shop.example/*'] },
    ]);
    expect(c).toMatchObject({ version: '1.4', firstSeen: 1000, lastSeen: 3000, risk: { score: 60, level: 'high' } });
    expect(increases(c).map((h) => h.toVersion)).toEqual(['1.4', '1.3']);
    // a removal only is recorded too, but is not an increase
    const d = mergeSnapshot(c, { ...v14, version: '1.5', permissions: ['storage', 'tabs'] }, 4000);
    expect(d.history.at(-1)).toEqual({ time: 4000, fromVersion: '1.4', toVersion: '1.5', added: [], removed: ['cookies'] });
    expect(increases(d)).toHaveLength(2);
  });

  it('a returning extension loses removedAt; history is capped', () => {
    let r: ExtensionRecord = { ...mergeSnapshot(undefined, v12, 1), removedAt: 5 };
    r = mergeSnapshot(r, v12, 6);
    expect('removedAt' in r).toBe(false);
    for (let i = 0; i < 120; i++) r = mergeSnapshot(r, { ...v12, version: String(i), permissions: i % 2 ? ['storage'] : ['storage', 'tabs'] }, 10 + i);
    expect(r.history).toHaveLength(100);
    expect(r.history.at(-1)?.toVersion).toBe('119');
  });

  it('sorts installed before removed, then by score', () => {
    const low = mergeSnapshot(undefined, { ...v12, id: 'low', name: 'B' }, 1);
    const high = mergeSnapshot(undefined, { ...v14, id: 'high', name: 'A' }, 1);
    const gone = { ...mergeSnapshot(undefined, { ...v14, id: 'gone', name: 'C' }, 1), removedAt: 2 };
    expect([gone, low, high].sort(compareRecords).map((r) => r.id)).toEqual(['high', 'low', 'gone']);
  });
});
