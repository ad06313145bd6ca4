/** URL helpers with no dependencies: safe to import from content scripts (no public suffix list). */

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
