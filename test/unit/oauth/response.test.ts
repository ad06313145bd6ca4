/**
 * parseAuthorizationResponse: the provider's answer at the redirect URI, matched to a request by
 * redirect URI (origin and path) and state. A state mismatch is not an error: it is null (not a
 * response to this request; the background may hold another pending request it answers).
 */
import { describe, expect, it } from 'vitest';
import { parseAuthorizationRequest, parseAuthorizationResponse } from '../../../src/oauth/index.ts';

const REQUEST = { redirectUri: 'https://app.example.com/auth/callback', state: 'st4t3' };
const CB = 'https://app.example.com/auth/callback';

describe('granted', () => {
  it('code with the matching state', () => {
    expect(parseAuthorizationResponse(`${CB}?code=4%2F0AfJohXm&state=st4t3&scope=email`, REQUEST)).toEqual({ outcome: 'granted' });
  });

  it('access_token or id_token in the fragment (implicit flow)', () => {
    expect(parseAuthorizationResponse(`${CB}#access_token=ya29.a0&token_type=Bearer&expires_in=3599&state=st4t3`, REQUEST)).toEqual({ outcome: 'granted' });
    expect(parseAuthorizationResponse(`${CB}#id_token=eyJhbGciOi&state=st4t3`, REQUEST)).toEqual({ outcome: 'granted' });
  });

  it('tolerates a trailing-slash difference and keeps the redirect URI’s own query', () => {
    expect(parseAuthorizationResponse(`${CB}/?code=abc&state=st4t3`, REQUEST)).toEqual({ outcome: 'granted' });
    const request = { redirectUri: 'https://m.example.cn/index.php?c=wx&m=deal', state: '123' };
    expect(parseAuthorizationResponse('https://m.example.cn/index.php?c=wx&m=deal&code=CODE&state=123', request)).toEqual({ outcome: 'granted' });
  });

  it('without state in the request, the redirect URI alone ties the answer', () => {
    expect(parseAuthorizationResponse(`${CB}?code=abc`, { redirectUri: CB, state: null })).toEqual({ outcome: 'granted' });
  });

  it('without redirect URI in the request, a matching state ties the answer', () => {
    expect(parseAuthorizationResponse('https://other.example.com/gh?code=abc&state=st4t3', { redirectUri: null, state: 'st4t3' })).toEqual({ outcome: 'granted' });
  });
});

describe('denied and error', () => {
  it('error=access_denied (Google, Microsoft, GitHub)', () => {
    expect(parseAuthorizationResponse(`${CB}?error=access_denied&state=st4t3`, REQUEST)).toEqual({ outcome: 'denied', error: 'access_denied' });
    const github = `${CB}?error=access_denied&error_description=The+user+has+denied+your+application+access.&error_uri=https%3A%2F%2Fdocs.github.com&state=st4t3`;
    expect(parseAuthorizationResponse(github, REQUEST)?.outcome).toBe('denied');
  });

  it('Facebook’s error_reason=user_denied, even with another error code', () => {
    const url = `${CB}?error=permissions_error&error_code=200&error_description=Permissions+error&error_reason=user_denied&state=st4t3#_=_`;
    expect(parseAuthorizationResponse(url, REQUEST)).toEqual({ outcome: 'denied', error: 'permissions_error' });
  });

  it('any other error is an error', () => {
    expect(parseAuthorizationResponse(`${CB}?error=invalid_scope&error_description=bad&state=st4t3`, REQUEST)).toEqual({ outcome: 'error', error: 'invalid_scope' });
    expect(parseAuthorizationResponse(`${CB}#error=interaction_required&state=st4t3`, REQUEST)).toEqual({ outcome: 'error', error: 'interaction_required' });
  });

  it('caps the error code', () => {
    expect(parseAuthorizationResponse(`${CB}?error=${'x'.repeat(500)}&state=st4t3`, REQUEST)?.error).toHaveLength(100);
  });

  it('WeChat: state without code means the person refused', () => {
    const wechat = { redirectUri: 'https://passport.example.com/oauth/wechat', state: 'abc', provider: 'wechat' as const };
    expect(parseAuthorizationResponse('https://passport.example.com/oauth/wechat?state=abc', wechat)).toEqual({ outcome: 'denied' });
    expect(parseAuthorizationResponse('https://passport.example.com/oauth/wechat?state=abc', { ...wechat, provider: 'github' })).toBeNull();
  });
});

describe('not a response to the request → null', () => {
  it.each([
    ['state mismatch', `${CB}?code=abc&state=other`],
    ['state missing', `${CB}?code=abc`],
    ['state mismatch on an error', `${CB}?error=access_denied&state=other`],
    ['another path', 'https://app.example.com/auth/other?code=abc&state=st4t3'],
    ['another host', 'https://evil.example/auth/callback?code=abc&state=st4t3'],
    ['another scheme', 'http://app.example.com/auth/callback?code=abc&state=st4t3'],
    ['no answer in it', `${CB}?state=st4t3`],
    ['the bare redirect URI', CB],
    ['not a URL', 'callback?code=abc'],
  ])('%s', (_name, url) => {
    expect(parseAuthorizationResponse(url, REQUEST)).toBeNull();
  });

  it('a request with neither redirect URI nor state', () => {
    expect(parseAuthorizationResponse(`${CB}?code=abc`, { redirectUri: null, state: null })).toBeNull();
  });

  it('a redirect URI that is not a URL (Google’s postmessage)', () => {
    expect(parseAuthorizationResponse(`${CB}?code=abc&state=st4t3`, { redirectUri: 'postmessage', state: 'st4t3' })).toBeNull();
  });

  it('an authorization request that happens to carry the state', () => {
    const url = 'https://github.com/login/oauth/authorize?client_id=abc&code=x&state=st4t3';
    expect(parseAuthorizationResponse(url, { redirectUri: null, state: 'st4t3' })).toBeNull();
  });
});

describe('request → response round trip', () => {
  it('the parsed request is accepted as is', () => {
    const request = parseAuthorizationRequest(
      `https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx520c15f417810387&redirect_uri=${encodeURIComponent('https://m.example.cn/wx/cb')}&response_type=code&scope=snsapi_userinfo&state=r1#wechat_redirect`,
    );
    expect(request).not.toBeNull();
    if (!request) return;
    expect(parseAuthorizationResponse('https://m.example.cn/wx/cb?code=CODE&state=r1', request)).toEqual({ outcome: 'granted' });
    expect(parseAuthorizationResponse('https://m.example.cn/wx/cb?state=r1', request)).toEqual({ outcome: 'denied' });
    expect(parseAuthorizationResponse('https://m.example.cn/wx/cb?code=CODE&state=r2', request)).toBeNull();
  });
});
