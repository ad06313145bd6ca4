/**
 * Reads the consent cookies of known consent platforms (and the IAB TCF cookie) from the page's
 * document.cookie. Only the names in CONSENT_COOKIE_NAMES are ever read; values are size-capped and
 * sent to the background, which decodes them (src/consent/snapshot.ts).
 */
import { CONSENT_COOKIE_NAMES } from '../../src/consent/cmp-cookies.ts';

const MAX_VALUE = 16_384;

export interface ConsentCookie {
  source: 'tcf' | 'cmp-cookie';
  name: string;
  value: string;
}

export function readConsentCookies(doc: Document): ConsentCookie[] {
  let jar: string;
  try {
    jar = doc.cookie;
  } catch {
    return []; // sandboxed documents throw on cookie access
  }
  const out: ConsentCookie[] = [];
  for (const pair of jar.split(/;\s*/u)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq);
    if (!CONSENT_COOKIE_NAMES.includes(name)) continue;
    out.push({ source: name === 'euconsent-v2' ? 'tcf' : 'cmp-cookie', name, value: pair.slice(eq + 1, eq + 1 + MAX_VALUE) });
  }
  return out;
}
