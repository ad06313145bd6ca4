/**
 * The consent cookies of common consent platforms, and what each says was granted. Only these
 * cookie names are ever read by the content script (never any other cookie).
 */
export interface CookieReading {
  platform: string;
  grantedCategories: string[]; // non-essential categories the cookie says are allowed
}

type Parser = (value: string) => CookieReading | null;

const safeDecode = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

const jsonObject = (value: string): Record<string, unknown> | null => {
  try {
    const parsed: unknown = JSON.parse(safeDecode(value));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/** OneTrust group ids: C0001 is strictly necessary; the others need consent. */
const ONETRUST_GROUPS: Record<string, string> = { C0002: 'performance', C0003: 'functional', C0004: 'targeting', C0005: 'social-media' };

export const CMP_COOKIE_PARSERS: Record<string, Parser> = {
  // OneTrust: "...&groups=C0001:1,C0002:0,C0003:1,C0004:0&..."
  OptanonConsent: (value) => {
    const groups = /(?:^|&)groups=([^&]*)/u.exec(safeDecode(value))?.[1];
    if (groups === undefined) return null;
    const granted = groups
      .split(',')
      .map((g) => g.split(':'))
      .filter(([id, on]) => on === '1' && id !== 'C0001')
      .map(([id]) => ONETRUST_GROUPS[id as string] ?? (id as string));
    return { platform: 'OneTrust', grantedCategories: granted };
  },
  // Cookiebot: "{stamp:'..',necessary:true,preferences:false,statistics:true,marketing:false,...}"
  CookieConsent: (value) => {
    const text = safeDecode(value);
    if (!/necessary\s*:/u.test(text)) return null;
    const granted = ['preferences', 'statistics', 'marketing'].filter((c) => new RegExp(`${c}\\s*:\\s*true`, 'u').test(text));
    return { platform: 'Cookiebot', grantedCategories: granted };
  },
  // vanilla-cookieconsent v3: {"categories":["necessary","analytics"],...}
  cc_cookie: (value) => {
    const parsed = jsonObject(value);
    if (!parsed || !Array.isArray(parsed.categories)) return null;
    const granted = parsed.categories.filter((c): c is string => typeof c === 'string' && c !== 'necessary');
    return { platform: 'CookieConsent (orestbida)', grantedCategories: granted };
  },
  // Klaro: {"<service>": true|false, ...}
  klaro: (value) => {
    const parsed = jsonObject(value);
    if (!parsed) return null;
    const granted = Object.entries(parsed)
      .filter(([, on]) => on === true)
      .map(([name]) => name);
    return { platform: 'Klaro', grantedCategories: granted };
  },
  // Osano cookieconsent: allow | deny | dismiss
  cookieconsent_status: (value) => {
    const v = safeDecode(value).trim();
    if (!['allow', 'deny', 'dismiss'].includes(v)) return null;
    return { platform: 'Osano Cookie Consent', grantedCategories: v === 'allow' ? ['all'] : [] };
  },
  // tarteaucitron: "!gtag=true!youtube=false"
  tarteaucitron: (value) => {
    const pairs = safeDecode(value).split('!').filter(Boolean).map((p) => p.split('='));
    if (pairs.length === 0) return null;
    const granted = pairs.filter(([, on]) => on === 'true').map(([name]) => name as string);
    return { platform: 'tarteaucitron', grantedCategories: granted };
  },
};

/** Cookie names the content script reads: the platforms above plus the IAB TCF cookie. */
export const CONSENT_COOKIE_NAMES: readonly string[] = [...Object.keys(CMP_COOKIE_PARSERS), 'euconsent-v2'];

export function readCmpCookie(name: string, value: string): CookieReading | null {
  const parser = Object.hasOwn(CMP_COOKIE_PARSERS, name) ? CMP_COOKIE_PARSERS[name] : undefined;
  return parser ? parser(value) : null;
}
