/**
 * describeScopes and the scope catalog: plain-language labels, categories, the sensitivity rule,
 * the providers' lookup leniencies, unknown scopes, and the representative table in docs/oauth.md
 * kept in step with the code.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  catalogKey,
  describeScopes,
  isSensitive,
  MAX_SCOPE_LABEL,
  OAUTH_PROVIDERS,
  SCOPE_CATALOG,
  type OAuthProvider,
  type ScopeInfo,
} from '../../../src/oauth/index.ts';

const one = (provider: OAuthProvider, scope: string): ScopeInfo => {
  const [info] = describeScopes(provider, [scope]);
  if (!info) throw new Error(`no description for ${scope}`);
  return info;
};

const CJK = /[\u4e00-\u9fff]/u;

describe('labels', () => {
  it('describes full Gmail access in plain language', () => {
    expect(one('google', 'https://mail.google.com/')).toEqual({
      scope: 'https://mail.google.com/',
      label: { en: 'Read, send and delete your Gmail', zh: '读取、发送和删除您的 Gmail 邮件' },
      category: 'mail',
      sensitive: true,
      write: true,
    });
  });

  it('keeps order, keeps the raw scope, and drops duplicates and empties', () => {
    const infos = describeScopes('github', ['repo', 'read:org', '', 'repo', 'user:email']);
    expect(infos.map((i) => [i.scope, i.category])).toEqual([
      ['repo', 'repositories'],
      ['read:org', 'organization'],
      ['user:email', 'email'],
    ]);
  });

  it('unknown scopes are `other`, not sensitive, with the raw scope in both labels', () => {
    expect(one('google', 'https://www.googleapis.com/auth/some.new.api')).toEqual({
      scope: 'https://www.googleapis.com/auth/some.new.api',
      label: {
        en: 'Unrecognized permission "https://www.googleapis.com/auth/some.new.api"',
        zh: '未识别的权限“https://www.googleapis.com/auth/some.new.api”',
      },
      category: 'other',
      sensitive: false,
      write: false,
    });
    const long = one('apple', 'x'.repeat(1000));
    expect(long.scope).toHaveLength(1000);
    expect(long.label.en).toHaveLength(MAX_SCOPE_LABEL + 'Unrecognized permission ""'.length);
  });

  it('does not find Object.prototype members in the catalog', () => {
    for (const scope of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(one('github', scope).category).toBe('other');
      expect(one('microsoft', scope).category).toBe('other');
    }
  });
});

describe('provider lookup rules', () => {
  it('Google: short names and full googleapis URLs are the same scope', () => {
    const [short, full] = describeScopes('google', ['drive.readonly', 'https://www.googleapis.com/auth/drive.readonly']);
    expect(short?.label).toEqual(full?.label);
    expect(full).toMatchObject({ category: 'files', sensitive: true, write: false });
    expect(one('google', 'https://www.googleapis.com/auth/userinfo.email').category).toBe('email');
    // The prefix alone is not a scope.
    expect(one('google', 'https://www.googleapis.com/auth/').category).toBe('other');
  });

  it('Google: scopes are case-sensitive', () => {
    expect(one('google', 'Drive').category).toBe('other');
  });

  it('Microsoft: case-insensitive, with or without a resource URI', () => {
    for (const scope of ['Mail.Read', 'mail.read', 'MAIL.READ', 'https://graph.microsoft.com/Mail.Read', 'https://outlook.office.com/Mail.Read']) {
      expect(one('microsoft', scope)).toMatchObject({ scope, category: 'mail', sensitive: true, write: false });
    }
    expect(one('microsoft', 'https://outlook.office.com/IMAP.AccessAsUser.All')).toMatchObject({ category: 'mail', write: true });
    expect(one('microsoft', 'https://graph.microsoft.com/.default').category).toBe('other');
    expect(one('microsoft', 'api://6731de76-14a6-49ae-97bc-6eba6914391e/access_as_user').category).toBe('other');
    expect(catalogKey('microsoft', 'https://evil.example/Mail.Read')).toBe('https://evil.example/mail.read');
  });

  it('Facebook: unlisted pages_* permissions fall back to Pages access', () => {
    expect(one('facebook', 'pages_manage_ads')).toMatchObject({ category: 'organization', write: true });
    expect(one('facebook', 'pages_read_something_new')).toMatchObject({ category: 'organization', write: false });
    expect(one('facebook', 'pages_read_something_new').label.en).toContain('pages_read_something_new');
  });

  it('scope names are not shared across providers', () => {
    expect(one('google', 'Mail.Read').category).toBe('other');
    expect(one('github', 'snsapi_userinfo').category).toBe('other');
  });
});

describe('sensitivity', () => {
  it.each([
    ['google', 'https://www.googleapis.com/auth/contacts.readonly', 'contacts'],
    ['google', 'https://www.googleapis.com/auth/gmail.send', 'mail'],
    ['google', 'https://www.googleapis.com/auth/drive.file', 'files'],
    ['google', 'https://www.googleapis.com/auth/calendar.events', 'calendar'],
    ['google', 'https://www.googleapis.com/auth/photoslibrary.readonly', 'photos'],
    ['microsoft', 'Contacts.Read', 'contacts'],
    ['microsoft', 'Mail.Send', 'mail'],
    ['microsoft', 'Files.Read.All', 'files'],
    ['microsoft', 'Calendars.ReadWrite', 'calendar'],
    ['microsoft', 'Directory.ReadWrite.All', 'admin'],
    ['github', 'repo', 'repositories'],
    ['github', 'delete_repo', 'repositories'],
    ['github', 'admin:org', 'admin'],
    ['facebook', 'user_friends', 'contacts'],
    ['facebook', 'user_location', 'location'],
    ['facebook', 'user_photos', 'photos'],
  ] as const)('%s %s is sensitive (%s)', (provider, scope, category) => {
    expect(one(provider, scope)).toMatchObject({ category, sensitive: true });
  });

  it.each([
    ['google', 'openid', 'identity'],
    ['google', 'email', 'email'],
    ['google', 'profile', 'profile'],
    ['microsoft', 'offline_access', 'offline-access'],
    ['microsoft', 'User.Read', 'profile'],
    ['github', 'read:org', 'organization'],
    ['github', 'read:packages', 'repositories'],
    ['github', 'user:email', 'email'],
    ['facebook', 'public_profile', 'profile'],
    ['apple', 'name', 'profile'],
    ['apple', 'email', 'email'],
    ['wechat', 'snsapi_login', 'profile'],
    ['wechat', 'snsapi_base', 'identity'],
    ['wechat', 'snsapi_userinfo', 'profile'],
  ] as const)('%s %s is not sensitive (%s)', (provider, scope, category) => {
    expect(one(provider, scope)).toMatchObject({ category, sensitive: false });
  });

  it('repositories are sensitive only with write access', () => {
    expect(isSensitive('repositories', true)).toBe(true);
    expect(isSensitive('repositories', false)).toBe(false);
    expect(isSensitive('payments', false)).toBe(true);
    expect(isSensitive('organization', true)).toBe(false);
  });
});

describe('catalog', () => {
  it('has entries for every provider', () => {
    expect(Object.keys(SCOPE_CATALOG).sort()).toEqual([...OAUTH_PROVIDERS].sort());
    for (const provider of OAUTH_PROVIDERS) expect(Object.keys(SCOPE_CATALOG[provider]).length).toBeGreaterThan(2);
  });

  it.each(OAUTH_PROVIDERS)('%s: every entry is reachable and labelled in both languages', (provider) => {
    for (const [key, [category, write, en, zh]] of Object.entries(SCOPE_CATALOG[provider])) {
      // The key is what lookup produces for it, so the entry can be found.
      expect(catalogKey(provider, key), `${provider} ${key}`).toBe(key);
      expect(en.trim(), `${provider} ${key}`).not.toBe('');
      expect(CJK.test(en), `${provider} ${key} en`).toBe(false);
      expect(CJK.test(zh), `${provider} ${key} zh`).toBe(true);
      expect(one(provider, key)).toEqual({ scope: key, label: { en, zh }, category, sensitive: isSensitive(category, write), write });
    }
  });
});

describe('docs/oauth.md scope table', () => {
  const doc = readFileSync(resolve(import.meta.dirname, '..', '..', '..', 'docs', 'oauth.md'), 'utf8');
  const table = doc.split('<!-- scope-table:start -->')[1]?.split('<!-- scope-table:end -->')[0] ?? '';
  const rows = table
    .split('\n')
    .filter((line) => line.startsWith('| ') && line.includes('`'))
    .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));

  it('has a table', () => {
    expect(rows.length).toBeGreaterThanOrEqual(20);
  });

  it('matches the catalog row by row', () => {
    for (const [provider, scope, category, access, sensitive, en, zh] of rows) {
      expect(OAUTH_PROVIDERS).toContain(provider);
      const info = one(provider as OAuthProvider, (scope ?? '').replaceAll('`', ''));
      expect({
        provider,
        scope,
        category: info.category,
        access: info.write ? 'write' : 'read',
        sensitive: info.sensitive ? 'yes' : 'no',
        en: info.label.en,
        zh: info.label.zh,
      }).toEqual({ provider, scope, category, access, sensitive, en, zh });
    }
  });
});
