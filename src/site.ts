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
