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

/**
 * The URL when it is a web address (http or https), else null: what the UI may put in a link's
 * `href`. Records can come from an imported file, and a `javascript:` or `data:` address there
 * must never become a link (the pages' CSP would block it too: this is the first line).
 */
export function webUrl(url: string): string | null {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
