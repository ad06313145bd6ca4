import { getDomain, getHostname } from 'tldts';

/**
 * The "site" a record belongs to: the registrable domain (eTLD+1, Public Suffix List via tldts),
 * or the bare host for IP addresses, localhost and other hosts without a public suffix.
 * Returns null for URLs that are not http(s).
 */
export function siteOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const domain = getDomain(parsed.href, { allowPrivateDomains: true });
  if (domain) return domain;
  return getHostname(parsed.href) || null;
}

/** The URL without query string and fragment: enough to say where, without the tracking ids. */
export function stripUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return null;
  }
}

/**
 * scheme://host of a URL. Not `URL.origin`: for chrome-extension: and moz-extension: URLs that is
 * "null" outside the browser (they are not "special" schemes in the URL standard).
 */
export function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
  } catch {
    return null;
  }
}
