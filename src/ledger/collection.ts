/**
 * Ledger records of data collection outside consent prompts: forms a page shows and what the
 * person gave through them, and sign-in scope screens (OAuth / OpenID Connect) with their grants.
 */
import type { FieldCategory, FormPurpose } from '../forms/model.ts';
import { SENSITIVE_FIELD_CATEGORIES } from '../forms/model.ts';
import type { ContentPayload } from '../protocol/messages.ts';
import { siteOf } from '../site.ts';
import { originOf, stripUrl } from '../url.ts';
import { RecordError, type SenderFacts } from './records.ts';
import type { AuthorizationRequest, OAuthProvider, ScopeInfo } from '../oauth/index.ts';
import { describeScopes } from '../oauth/index.ts';
import { formFieldFlags, type FormFlag } from '../forms/detect.ts';

export interface FormRecord {
  id: string;
  site: string;
  url: string;
  frameOrigin: string;
  thirdParty: boolean;
  purpose: FormPurpose;
  fields: { category: FieldCategory; required: boolean; label: string; sensitive: boolean }[];
  /** Required fields the form's purpose does not need. */
  flags: FormFlag[];
  time: number;
  /** Each submission: when, and which categories the person filled in (never the values). */
  submissions: { time: number; categories: FieldCategory[] }[];
}

export const MAX_SUBMISSIONS = 20;

export function formRecordFrom(payload: ContentPayload<'form/seen'>, sender: SenderFacts): FormRecord {
  const site = siteOf(sender.tabUrl);
  const url = stripUrl(sender.tabUrl);
  const frameOrigin = originOf(sender.frameUrl);
  if (!site || !url || !frameOrigin) throw new RecordError('form on a page that is not a web site');
  const fields = payload.fields.map((f) => ({ ...f, sensitive: SENSITIVE_FIELD_CATEGORIES.has(f.category) }));
  return {
    id: payload.id,
    site,
    url,
    frameOrigin,
    thirdParty: siteOf(sender.frameUrl) !== site,
    purpose: payload.purpose,
    fields,
    flags: formFieldFlags(payload.purpose, fields),
    time: payload.time,
    submissions: [],
  };
}

export interface SignInRecord {
  id: string;
  /** The site asking for access: the redirect URI's site (else the provider's). */
  site: string;
  provider: OAuthProvider;
  clientId: string;
  redirectUri: string | null;
  state: string | null;
  scopes: ScopeInfo[];
  /** Scopes that reach into mail, contacts, files, calendar, photos, location or admin rights. */
  sensitive: string[];
  time: number;
  outcome: 'pending' | 'granted' | 'denied' | 'error';
  outcomeTime: number | null;
}

export function signInRecordFrom(request: AuthorizationRequest, id: string, time: number): SignInRecord {
  const scopes = describeScopes(request.provider, request.scopes);
  return {
    id,
    site: (request.redirectUri ? siteOf(request.redirectUri) : null) ?? request.provider,
    provider: request.provider,
    clientId: request.clientId.slice(0, 200),
    redirectUri: request.redirectUri ? (stripUrl(request.redirectUri) ?? null) : null,
    state: request.state ? request.state.slice(0, 200) : null,
    scopes,
    sensitive: scopes.filter((s) => s.sensitive).map((s) => s.scope),
    time,
    outcome: 'pending',
    outcomeTime: null,
  };
}
