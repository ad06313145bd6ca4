/**
 * parseAuthorizationRequest on authorization URLs written after each provider's documented
 * examples (client ids, hosts and paths as the providers use them; values made up).
 */
import { describe, expect, it } from 'vitest';
import { MAX_SCOPE_LENGTH, MAX_SCOPES, parseAuthorizationRequest, splitScopes } from '../../../src/oauth/index.ts';

const GOOGLE_CLIENT = '1234567890-abc123def456ghi789.apps.googleusercontent.com';
const enc = encodeURIComponent;

describe('Google', () => {
  it('reads the v2 endpoint with space-separated short and full-URL scopes', () => {
    const url =
      `https://accounts.google.com/o/oauth2/v2/auth?client_id=${GOOGLE_CLIENT}` +
      `&redirect_uri=${enc('https://app.example.com/auth/google/callback')}&response_type=code` +
      `&scope=${enc('openid email profile https://www.googleapis.com/auth/gmail.readonly')}` +
      '&access_type=offline&state=xyzABC123&prompt=consent&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256';
    expect(parseAuthorizationRequest(url)).toEqual({
      provider: 'google',
      clientId: GOOGLE_CLIENT,
      scopes: ['openid', 'email', 'profile', 'https://www.googleapis.com/auth/gmail.readonly'],
      redirectUri: 'https://app.example.com/auth/google/callback',
      responseType: 'code',
      state: 'xyzABC123',
      url: 'https://accounts.google.com/o/oauth2/v2/auth',
    });
  });

  it('reads the legacy endpoint with `+`-separated scopes', () => {
    const url =
      `https://accounts.google.com/o/oauth2/auth?response_type=token&client_id=${GOOGLE_CLIENT}` +
      '&redirect_uri=https://app.example.com/cb&scope=email+https://www.googleapis.com/auth/drive.file+https://www.googleapis.com/auth/calendar.readonly';
    const request = parseAuthorizationRequest(url);
    expect(request?.scopes).toEqual(['email', 'https://www.googleapis.com/auth/drive.file', 'https://www.googleapis.com/auth/calendar.readonly']);
    expect(request?.responseType).toBe('token');
    expect(request?.state).toBeNull();
    expect(request?.url).toBe('https://accounts.google.com/o/oauth2/auth');
  });

  it('reads the account chooser, which repeats the request', () => {
    const url =
      `https://accounts.google.com/o/oauth2/v2/auth/oauthchooseaccount?client_id=${GOOGLE_CLIENT}` +
      `&redirect_uri=${enc('https://app.example.com/cb')}&response_type=code&scope=${enc('openid https://www.googleapis.com/auth/contacts.readonly')}` +
      '&state=s1&service=lso&o2v=2&flowName=GeneralOAuthFlow';
    const request = parseAuthorizationRequest(url);
    expect(request?.provider).toBe('google');
    expect(request?.scopes).toEqual(['openid', 'https://www.googleapis.com/auth/contacts.readonly']);
    expect(request?.url).toBe('https://accounts.google.com/o/oauth2/v2/auth/oauthchooseaccount');
  });

  it('reads the consent page, whose scopes are in an opaque blob, as a request without scopes', () => {
    const url = `https://accounts.google.com/signin/oauth/consent?authuser=0&part=AJi8hAOq3xZ&as=S-123456%3A1700000000&client_id=${GOOGLE_CLIENT}&rapt=AEjHL4M`;
    expect(parseAuthorizationRequest(url)).toEqual({
      provider: 'google',
      clientId: GOOGLE_CLIENT,
      scopes: [],
      redirectUri: null,
      responseType: null,
      state: null,
      url: 'https://accounts.google.com/signin/oauth/consent',
    });
  });

  it('reads the sign-in page of the OAuth flow (service=lso) that repeats the parameters', () => {
    const url =
      `https://accounts.google.com/v3/signin/identifier?opparams=%253F&dsh=S-1&client_id=${GOOGLE_CLIENT}&o2v=2` +
      `&redirect_uri=${enc('https://app.example.com/cb')}&response_type=code&scope=${enc('openid https://mail.google.com/')}` +
      '&service=lso&flowName=GeneralOAuthFlow&continue=https%3A%2F%2Faccounts.google.com%2Fsignin%2Foauth%2Flegacy%2Fconsent%3Fpart%3Dx';
    const request = parseAuthorizationRequest(url);
    expect(request?.scopes).toEqual(['openid', 'https://mail.google.com/']);
    expect(request?.url).toBe('https://accounts.google.com/v3/signin/identifier');
  });

  it('unwraps a request nested in `continue` of a sign-in page', () => {
    const inner = `https://accounts.google.com/o/oauth2/auth?client_id=${GOOGLE_CLIENT}&scope=${enc('profile https://www.googleapis.com/auth/drive')}&redirect_uri=${enc('https://app.example.com/cb')}&state=n1&response_type=code`;
    const url = `https://accounts.google.com/ServiceLogin?passive=1209600&continue=${enc(inner)}&followup=${enc(inner)}`;
    const request = parseAuthorizationRequest(url);
    expect(request?.scopes).toEqual(['profile', 'https://www.googleapis.com/auth/drive']);
    expect(request?.state).toBe('n1');
    expect(request?.url).toBe('https://accounts.google.com/o/oauth2/auth');
  });

  it('prefers the nested request when the page itself carries no scopes', () => {
    const inner = `https://accounts.google.com/o/oauth2/v2/auth?client_id=${GOOGLE_CLIENT}&scope=email&redirect_uri=${enc('https://app.example.com/cb')}`;
    const url = `https://accounts.google.com/signin/oauth/id?authuser=0&client_id=${GOOGLE_CLIENT}&continue=${enc(inner)}`;
    expect(parseAuthorizationRequest(url)?.scopes).toEqual(['email']);
  });

  it('ignores Google product sign-in and a `continue` to another host', () => {
    expect(parseAuthorizationRequest('https://accounts.google.com/ServiceLogin?service=mail&continue=https://mail.google.com/mail/')).toBeNull();
    const elsewhere = `https://evil.example/o/oauth2/v2/auth?client_id=${GOOGLE_CLIENT}&scope=email`;
    expect(parseAuthorizationRequest(`https://accounts.google.com/ServiceLogin?continue=${enc(elsewhere)}`)).toBeNull();
  });

  it('does not unwrap another provider’s request: the wrapper cannot vouch for it', () => {
    const github = 'https://github.com/login/oauth/authorize?client_id=Iv1.8a61f9b3a7aba766&scope=repo';
    expect(parseAuthorizationRequest(`https://accounts.google.com/ServiceLogin?continue=${enc(github)}`)).toBeNull();
  });
});

describe('Microsoft', () => {
  it('reads the v2.0 endpoint of any tenant, with resource-URI scopes', () => {
    const url =
      'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=6731de76-14a6-49ae-97bc-6eba6914391e&response_type=code' +
      `&redirect_uri=${enc('http://localhost/myapp/')}&response_mode=query` +
      `&scope=${enc('offline_access User.Read Mail.ReadWrite https://graph.microsoft.com/Calendars.Read')}&state=12345`;
    const request = parseAuthorizationRequest(url);
    expect(request).toMatchObject({
      provider: 'microsoft',
      clientId: '6731de76-14a6-49ae-97bc-6eba6914391e',
      scopes: ['offline_access', 'User.Read', 'Mail.ReadWrite', 'https://graph.microsoft.com/Calendars.Read'],
      redirectUri: 'http://localhost/myapp/',
      state: '12345',
      url: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    });
    const tenant = url.replace('/common/', '/72f988bf-86f1-41af-91ab-2d7cd011db47/');
    expect(parseAuthorizationRequest(tenant)?.url).toBe('https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/authorize');
  });

  it('reads the v1 endpoint, which names a resource instead of scopes', () => {
    const url = `https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/authorize?client_id=abc&response_type=code&redirect_uri=${enc('https://app.example.com/ms')}&resource=${enc('https://graph.microsoft.com')}&state=v1`;
    expect(parseAuthorizationRequest(url)).toMatchObject({ provider: 'microsoft', clientId: 'abc', scopes: [], state: 'v1' });
  });

  it('reads the Microsoft account (login.live.com) endpoint', () => {
    const url = `https://login.live.com/oauth20_authorize.srf?client_id=000000004C12AE6F&scope=${enc('wl.signin wl.basic onedrive.readwrite')}&response_type=code&redirect_uri=${enc('https://app.example.com/live')}`;
    expect(parseAuthorizationRequest(url)).toMatchObject({
      provider: 'microsoft',
      scopes: ['wl.signin', 'wl.basic', 'onedrive.readwrite'],
      url: 'https://login.live.com/oauth20_authorize.srf',
    });
  });

  it('ignores the token and logout endpoints', () => {
    expect(parseAuthorizationRequest('https://login.microsoftonline.com/common/oauth2/v2.0/token?client_id=abc&scope=User.Read')).toBeNull();
    expect(parseAuthorizationRequest('https://login.microsoftonline.com/common/oauth2/v2.0/logout?client_id=abc')).toBeNull();
  });
});

describe('GitHub', () => {
  const CLIENT = 'Iv1.8a61f9b3a7aba766';
  it('reads comma-separated scopes', () => {
    const url = `https://github.com/login/oauth/authorize?client_id=${CLIENT}&redirect_uri=${enc('https://app.example.com/github/callback')}&scope=repo%2Cread%3Aorg%2Cuser%3Aemail&state=abc123&allow_signup=true`;
    expect(parseAuthorizationRequest(url)).toEqual({
      provider: 'github',
      clientId: CLIENT,
      scopes: ['repo', 'read:org', 'user:email'],
      redirectUri: 'https://app.example.com/github/callback',
      responseType: null,
      state: 'abc123',
      url: 'https://github.com/login/oauth/authorize',
    });
  });

  it('reads space-separated scopes, and no scope at all (public data only)', () => {
    expect(parseAuthorizationRequest(`https://github.com/login/oauth/authorize?client_id=${CLIENT}&scope=repo%20user`)?.scopes).toEqual(['repo', 'user']);
    expect(parseAuthorizationRequest(`https://github.com/login/oauth/authorize?client_id=${CLIENT}`)?.scopes).toEqual([]);
  });

  it('unwraps the sign-in page, whose return_to is a bare path', () => {
    const inner = `/login/oauth/authorize?client_id=${CLIENT}&redirect_uri=${enc('https://app.example.com/github/callback')}&scope=repo&state=abc123`;
    const request = parseAuthorizationRequest(`https://github.com/login?client_id=${CLIENT}&return_to=${enc(inner)}`);
    expect(request).toMatchObject({ provider: 'github', clientId: CLIENT, scopes: ['repo'], state: 'abc123' });
  });

  it('does not follow return_to off github.com', () => {
    const inner = `https://evil.example/login/oauth/authorize?client_id=${CLIENT}&scope=repo`;
    expect(parseAuthorizationRequest(`https://github.com/login?return_to=${enc(inner)}`)).toBeNull();
  });
});

describe('Facebook', () => {
  const APP = '1234567890123456';
  it('reads the versioned dialog with comma-separated scopes', () => {
    const url = `https://www.facebook.com/v19.0/dialog/oauth?client_id=${APP}&redirect_uri=${enc('https://app.example.com/fb/callback')}&state=st4t3&scope=email%2Cpublic_profile%2Cuser_friends&response_type=code`;
    expect(parseAuthorizationRequest(url)).toEqual({
      provider: 'facebook',
      clientId: APP,
      scopes: ['email', 'public_profile', 'user_friends'],
      redirectUri: 'https://app.example.com/fb/callback',
      responseType: 'code',
      state: 'st4t3',
      url: 'https://www.facebook.com/v19.0/dialog/oauth',
    });
  });

  it('reads the unversioned dialog on m.facebook.com with app_id', () => {
    const url = `https://m.facebook.com/dialog/oauth?app_id=${APP}&redirect_uri=${enc('https://app.example.com/fb')}&scope=email,user_photos`;
    expect(parseAuthorizationRequest(url)).toMatchObject({ provider: 'facebook', clientId: APP, scopes: ['email', 'user_photos'], url: 'https://m.facebook.com/dialog/oauth' });
  });

  it('unwraps login.php?next=', () => {
    const inner = `https://www.facebook.com/v19.0/dialog/oauth?client_id=${APP}&redirect_uri=${enc('https://app.example.com/fb')}&scope=${enc('email,user_photos')}&state=st4t3&response_type=code`;
    const url = `https://www.facebook.com/login.php?skip_api_login=1&api_key=${APP}&kid_directed_site=0&app_id=${APP}&signed_next=1&next=${enc(inner)}&display=page&locale=en_US`;
    expect(parseAuthorizationRequest(url)).toMatchObject({ provider: 'facebook', scopes: ['email', 'user_photos'], state: 'st4t3' });
  });

  it('ignores look-alike hosts', () => {
    expect(parseAuthorizationRequest(`https://www.facebook.com.evil.example/v19.0/dialog/oauth?client_id=${APP}`)).toBeNull();
    expect(parseAuthorizationRequest(`https://notfacebook.com/dialog/oauth?client_id=${APP}`)).toBeNull();
  });
});

describe('Apple', () => {
  it('reads Sign in with Apple (form_post)', () => {
    const url = `https://appleid.apple.com/auth/authorize?client_id=com.example.web&redirect_uri=${enc('https://app.example.com/apple/callback')}&response_type=${enc('code id_token')}&scope=${enc('name email')}&response_mode=form_post&state=s1&nonce=n1`;
    expect(parseAuthorizationRequest(url)).toEqual({
      provider: 'apple',
      clientId: 'com.example.web',
      scopes: ['name', 'email'],
      redirectUri: 'https://app.example.com/apple/callback',
      responseType: 'code id_token',
      state: 's1',
      url: 'https://appleid.apple.com/auth/authorize',
    });
  });
});

describe('WeChat', () => {
  it('reads the website QR-code login (appid, #wechat_redirect)', () => {
    const url = `https://open.weixin.qq.com/connect/qrconnect?appid=wxbdc5610cc59c1631&redirect_uri=${enc('https://passport.example.com/oauth/wechat')}&response_type=code&scope=snsapi_login&state=3d6be0a4035d839573b04816624a415e#wechat_redirect`;
    expect(parseAuthorizationRequest(url)).toEqual({
      provider: 'wechat',
      clientId: 'wxbdc5610cc59c1631',
      scopes: ['snsapi_login'],
      redirectUri: 'https://passport.example.com/oauth/wechat',
      responseType: 'code',
      state: '3d6be0a4035d839573b04816624a415e',
      url: 'https://open.weixin.qq.com/connect/qrconnect',
    });
  });

  it('reads the in-WeChat page authorization with comma-separated scopes', () => {
    const url = `https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx520c15f417810387&redirect_uri=${enc('https://m.example.cn/index.php?c=wx&m=deal')}&response_type=code&scope=snsapi_base,snsapi_userinfo&state=123#wechat_redirect`;
    const request = parseAuthorizationRequest(url);
    expect(request?.scopes).toEqual(['snsapi_base', 'snsapi_userinfo']);
    expect(request?.redirectUri).toBe('https://m.example.cn/index.php?c=wx&m=deal');
  });

  it('needs appid: client_id is not WeChat’s parameter', () => {
    expect(parseAuthorizationRequest('https://open.weixin.qq.com/connect/qrconnect?client_id=wx1&scope=snsapi_login')).toBeNull();
  });
});

describe('not an authorization request', () => {
  it.each([
    ['another host with client_id', 'https://auth.example.com/oauth2/authorize?client_id=abc&scope=openid&redirect_uri=https://app.example.com/cb'],
    ['a provider path on another host', `https://evil.example/o/oauth2/v2/auth?client_id=${GOOGLE_CLIENT}&scope=email`],
    ['a known endpoint without client_id', 'https://github.com/login/oauth/authorize?scope=repo'],
    ['a known endpoint with an empty client_id', 'https://appleid.apple.com/auth/authorize?client_id=&scope=email'],
    ['another page of the provider', 'https://github.com/settings/applications?client_id=abc'],
    ['a non-http scheme', `ftp://accounts.google.com/o/oauth2/v2/auth?client_id=${GOOGLE_CLIENT}`],
    ['not a URL', 'accounts.google.com/o/oauth2/v2/auth?client_id=x'],
  ])('%s → null', (_name, url) => {
    expect(parseAuthorizationRequest(url)).toBeNull();
  });

  it('stops unwrapping after a few levels', () => {
    let url = `https://accounts.google.com/o/oauth2/auth?client_id=${GOOGLE_CLIENT}&scope=email`;
    for (let i = 0; i < 3; i += 1) url = `https://accounts.google.com/ServiceLogin?continue=${enc(url)}`;
    expect(parseAuthorizationRequest(url)?.scopes).toEqual(['email']);
    url = `https://accounts.google.com/ServiceLogin?continue=${enc(url)}`;
    expect(parseAuthorizationRequest(url)).toBeNull();
  });
});

describe('splitScopes', () => {
  it('splits on spaces, + and commas, drops empties and duplicates', () => {
    expect(splitScopes(' repo,,user  repo+gist\tread:org ')).toEqual(['repo', 'user', 'gist', 'read:org']);
    expect(splitScopes(null)).toEqual([]);
    expect(splitScopes('')).toEqual([]);
  });

  it('caps the number and length of scopes', () => {
    const many = Array.from({ length: MAX_SCOPES * 3 }, (_, i) => `s${i}`).join(' ');
    expect(splitScopes(many)).toHaveLength(MAX_SCOPES);
    expect(splitScopes('x'.repeat(MAX_SCOPE_LENGTH * 2))[0]).toHaveLength(MAX_SCOPE_LENGTH);
  });
});
