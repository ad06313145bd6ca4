/**
 * Sign-in scope screens: OAuth 2.0 / OpenID Connect authorization requests of Google, Microsoft,
 * GitHub, Facebook, Apple and WeChat recognized from the URL, their scopes in plain language, and
 * the provider's answer at the redirect URI. See docs/oauth.md.
 */
export {
  MAX_PARAM_LENGTH,
  MAX_SCOPE_LENGTH,
  MAX_SCOPES,
  parseAuthorizationRequest,
  parseAuthorizationResponse,
  splitScopes,
} from './providers.ts';
export type { AuthorizationRequest, AuthorizationResponse } from './providers.ts';
export {
  catalogKey,
  describeScopes,
  isSensitive,
  MAX_SCOPE_LABEL,
  OAUTH_PROVIDERS,
  SCOPE_CATALOG,
  SENSITIVE_CATEGORIES,
} from './scopes.ts';
export type { OAuthProvider, ScopeCategory, ScopeEntry, ScopeInfo } from './scopes.ts';
