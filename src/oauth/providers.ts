/**
 * Recognizes OAuth 2.0 / OpenID Connect authorization requests of the common sign-in providers from
 * a URL, and the provider's answer arriving at the client's redirect URI. Pure: strings in, plain
 * data out; nothing throws. See docs/oauth.md for the endpoints and the limits.
 */
import { capText } from '../text.ts';
import type { OAuthProvider } from './scopes.ts';

export interface AuthorizationRequest {
  provider: OAuthProvider;
  /** `client_id` (WeChat: `appid`; Facebook also accepts `app_id`). */
  clientId: string;
  /** Split on spaces, `+` and commas, in order, without duplicates. */
  scopes: string[];
  redirectUri: string | null;
  responseType: string | null;
  state: string | null;
  /** The provider endpoint that carried the parameters: origin and path only, no query or fragment. */
  url: string;
}

export interface AuthorizationResponse {
  outcome: 'granted' | 'denied' | 'error';
  /** The provider's `error` code, when it sent one. */
  error?: string;
}

/** Bounds on what a URL can make us hold (query strings are page-controlled). */
export const MAX_SCOPES = 100;
export const MAX_SCOPE_LENGTH = 300;
export const MAX_PARAM_LENGTH = 2048;
/** Sign-in pages that wrap the authorization request in a `continue` / `next` / `return_to` URL are unwrapped this deep. */
const MAX_NESTING = 3;

type Endpoint = (url: URL) => boolean;

const GOOGLE_HOSTS = new Set(['accounts.google.com']);
const MICROSOFT_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.microsoft.com',
  'login.windows.net',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
]);
const LIVE_HOSTS = new Set(['login.live.com']);
const GITHUB_HOSTS = new Set(['github.com']);
const FACEBOOK_HOSTS = new Set(['www.facebook.com', 'facebook.com', 'm.facebook.com', 'web.facebook.com']);
const APPLE_HOSTS = new Set(['appleid.apple.com']);
const WECHAT_HOSTS = new Set(['open.weixin.qq.com']);

/** The authorization endpoints proper, by provider. */
const ENDPOINTS: Record<OAuthProvider, Endpoint> = {
  google: (u) =>
    GOOGLE_HOSTS.has(u.hostname) &&
    (/^\/o\/oauth2(?:\/v2)?\/auth(?:\/oauthchooseaccount)?\/?$/u.test(u.pathname) || /^\/signin\/oauth(?:\/|$)/u.test(u.pathname)),
  microsoft: (u) =>
    (MICROSOFT_HOSTS.has(u.hostname) && /^\/[^/]+\/oauth2\/(?:v2\.0\/)?authorize\/?$/u.test(u.pathname)) ||
    (LIVE_HOSTS.has(u.hostname) && /^\/oauth20_authorize\.srf$/iu.test(u.pathname)),
  github: (u) => GITHUB_HOSTS.has(u.hostname) && /^\/login\/oauth\/authorize\/?$/u.test(u.pathname),
  facebook: (u) => FACEBOOK_HOSTS.has(u.hostname) && /^(?:\/v\d+(?:\.\d+)?)?\/dialog\/oauth\/?$/u.test(u.pathname),
  apple: (u) => APPLE_HOSTS.has(u.hostname) && /^\/auth(?:\/oauth2\/v2)?\/authorize\/?$/u.test(u.pathname),
  wechat: (u) => WECHAT_HOSTS.has(u.hostname) && /^\/connect\/(?:qrconnect|oauth2\/authorize)\/?$/u.test(u.pathname),
};

const PROVIDER_ORDER: readonly OAuthProvider[] = ['google', 'microsoft', 'github', 'facebook', 'apple', 'wechat'];

/**
 * Sign-in pages in front of the endpoint (shown when the person is not signed in yet) carry the
 * authorization request as a URL parameter: Google `continue`, GitHub `return_to` (often a bare
 * path), Facebook `next`. Returns the wrapped URLs to try, resolved against the page.
 */
function wrappedUrls(u: URL): string[] {
  const keys = GOOGLE_HOSTS.has(u.hostname)
    ? ['continue']
    : GITHUB_HOSTS.has(u.hostname)
      ? ['return_to']
      : FACEBOOK_HOSTS.has(u.hostname)
        ? ['next']
        : [];
  const out: string[] = [];
  for (const key of keys) {
    const value = u.searchParams.get(key);
    if (!value || value.length > MAX_PARAM_LENGTH * 4) continue;
    try {
      const inner = new URL(value, u.origin);
      // Only a URL on the same provider's hosts: a wrapper cannot vouch for another site.
      if (inner.hostname === u.hostname || (FACEBOOK_HOSTS.has(u.hostname) && FACEBOOK_HOSTS.has(inner.hostname))) out.push(inner.href);
    } catch {
      // not a URL
    }
  }
  return out;
}

function param(u: URL, ...names: string[]): string | null {
  for (const name of names) {
    const value = u.searchParams.get(name);
    if (value !== null && value !== '') return capText(value, MAX_PARAM_LENGTH);
  }
  return null;
}

/** Splits a scope parameter on spaces, `+` and commas; drops empties and duplicates; caps count and length. */
export function splitScopes(raw: string | null): string[] {
  if (!raw) return [];
  const out: string[] = [];
  for (const part of raw.split(/[\s+,]+/u)) {
    if (part === '' || out.includes(part)) continue;
    out.push(capText(part, MAX_SCOPE_LENGTH));
    if (out.length >= MAX_SCOPES) break;
  }
  return out;
}

/**
 * Google's sign-in pages (`/v3/signin/identifier`, `/ServiceLogin`, ...) sometimes repeat the OAuth
 * parameters themselves; they are OAuth only when marked as the OAuth login service (`service=lso`)
 * or OAuth version (`o2v`).
 */
function isGoogleOAuthSignIn(u: URL): boolean {
  return GOOGLE_HOSTS.has(u.hostname) && (u.searchParams.get('service') === 'lso' || u.searchParams.has('o2v'));
}

function direct(u: URL): AuthorizationRequest | null {
  let provider = PROVIDER_ORDER.find((p) => ENDPOINTS[p](u));
  if (!provider && isGoogleOAuthSignIn(u)) provider = 'google';
  if (!provider) return null;
  const clientId = provider === 'wechat' ? param(u, 'appid') : provider === 'facebook' ? param(u, 'client_id', 'app_id') : param(u, 'client_id');
  if (!clientId) return null;
  return {
    provider,
    clientId,
    scopes: splitScopes(param(u, 'scope')),
    redirectUri: param(u, 'redirect_uri'),
    responseType: param(u, 'response_type'),
    state: param(u, 'state'),
    url: `${u.origin}${u.pathname}`,
  };
}

function parseAt(url: string, depth: number): AuthorizationRequest | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  const here = direct(u);
  // A wrapped request is better when this page has no scopes (Google's consent page keeps them in an opaque blob).
  if (depth < MAX_NESTING && (!here || here.scopes.length === 0)) {
    for (const inner of wrappedUrls(u)) {
      const nested = parseAt(inner, depth + 1);
      if (nested && (!here || (nested.provider === here.provider && nested.scopes.length > 0))) return nested;
    }
  }
  return here;
}

/**
 * The authorization request in `url`, or null unless `url` is an authorization endpoint (or a
 * sign-in page wrapping one) of a known provider and carries a client id.
 */
export function parseAuthorizationRequest(url: string): AuthorizationRequest | null {
  return parseAt(url, 0);
}

/** `error` values that mean the person said no (rather than that something failed). */
const DENIAL_ERRORS = new Set(['access_denied', 'user_denied', 'user_cancelled_authorize', 'consent_denied']);

const MAX_ERROR = 100;

/** Path without a trailing slash (the root path stays `/`). */
function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

function sameEndpoint(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.host === b.host && trimSlash(a.pathname) === trimSlash(b.pathname);
}

/** Query parameters, with fragment parameters (implicit flow, `response_mode=fragment`) added on top. */
function responseParams(u: URL): URLSearchParams {
  const params = new URLSearchParams(u.search);
  const fragment = u.hash.slice(1);
  if (fragment.includes('=')) {
    for (const [key, value] of new URLSearchParams(fragment)) if (!params.has(key)) params.set(key, value);
  }
  return params;
}

/**
 * The provider's answer to `request`, as seen in a navigation to `url`: `granted` when it carries a
 * `code`, `access_token` or `id_token`; `denied` for `error=access_denied` (and the providers'
 * other "user said no" codes); `error` for any other `error`. Null when `url` is not a response to
 * `request`: another address than the redirect URI, a `state` that is missing or different, or no
 * answer in it. With no redirect URI in the request, a matching non-empty `state` is required.
 *
 * Pass the whole `AuthorizationRequest`: for WeChat, which redirects with only `state` when the
 * person refuses, a matching `state` with no `code` counts as `denied`.
 */
export function parseAuthorizationResponse(
  url: string,
  request: { redirectUri: string | null; state: string | null; provider?: OAuthProvider },
): AuthorizationResponse | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (request.redirectUri !== null) {
    let redirect: URL;
    try {
      redirect = new URL(request.redirectUri);
    } catch {
      return null; // e.g. Google's `postmessage`: no navigation to observe
    }
    if (!sameEndpoint(u, redirect)) return null;
  } else if (!request.state) {
    return null; // nothing to tie the navigation to the request
  }
  if (parseAuthorizationRequest(url)) return null;

  const params = responseParams(u);
  const state = params.get('state');
  if (request.state !== null && state !== request.state) return null;

  const error = params.get('error');
  if (error) {
    const reason = params.get('error_reason');
    const denied = DENIAL_ERRORS.has(error) || reason === 'user_denied';
    return { outcome: denied ? 'denied' : 'error', error: capText(error, MAX_ERROR) };
  }
  if (params.get('code') || params.get('access_token') || params.get('id_token')) return { outcome: 'granted' };
  if (request.provider === 'wechat' && request.state !== null) return { outcome: 'denied' };
  return null;
}
