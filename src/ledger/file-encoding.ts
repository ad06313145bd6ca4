/**
 * The encoding check of a ledger backup file, apart from src/ledger/import.ts so that the
 * dashboard's restore panel can use it without bundling the record schemas (the background checks
 * the text with parseLedgerExport).
 */

/** Same shape as import.ts's ImportError. */
export interface FileEncodingError {
  path: '';
  line: number;
  message: string;
}

/**
 * A backup file's bytes to text. Exports are UTF-8; a file that is not (re-saved as UTF-16 or in a
 * legacy 8-bit encoding by an editor) is refused with where the first bad byte is, instead of
 * being decoded with U+FFFD in place of its characters (what File.text() does) and restored that
 * way. A UTF-8 byte order mark is kept for parseLedgerExport, which ignores it with a warning.
 */
export function decodeLedgerFile(bytes: Uint8Array): { ok: true; text: string } | { ok: false; errors: FileEncodingError[] } {
  const [b0, b1] = [bytes[0], bytes[1]];
  // With a byte order mark, or without one: "{" (or white space) and a zero byte, in either order.
  const jsonStart = (b: number | undefined) => b === 0x7b || b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff) || (jsonStart(b0) && b1 === 0) || (b0 === 0 && jsonStart(b1))) {
    return { ok: false, errors: [{ path: '', line: 1, message: 'the file is UTF-16 text; a ledger export is UTF-8: save it as UTF-8 and try again' }] };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const offset = bad?.offset ?? 0;
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    const message = bad?.truncated
      ? `the file is not valid UTF-8: it ends in the middle of a character on line ${line} (truncated?)`
      : `the file is not valid UTF-8 (byte 0x${(bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0')} at offset ${offset}, line ${line}); nothing was restored`;
    return { ok: false, errors: [{ path: '', line, message }] };
  }
}

/** Where the first malformed UTF-8 sequence starts (WHATWG / RFC 3629 rules), or null. */
function firstInvalidUtf8(b: Uint8Array): { offset: number; truncated: boolean } | null {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (n === 0) return { offset: i, truncated: false };
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    for (let j = 1; j <= n; j++) {
      if (i + j >= b.length) return { offset: i, truncated: true };
      const d = b[i + j] as number;
      if (d < (j === 1 ? lo : 0x80) || d > (j === 1 ? hi : 0xbf)) return { offset: i, truncated: false };
    }
    i += n + 1;
  }
  return null;
}
