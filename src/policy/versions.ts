/**
 * Policy versions: a policy's identity is the hash of its normalized text, so the same words give
 * the same version whatever the markup around them; a different hash is a new version. Between two
 * versions, a sentence-level diff (jsdiff's array diff over the sentences) shows what changed.
 */
import { diffArrays } from 'diff';
import { normalizeText, sha256Hex } from '../text.ts';

/** SHA-256 (hex) of the policy's text after Unicode NFKC and whitespace collapsing. */
export function policyHash(text: string): string {
  return sha256Hex(normalizeText(text));
}

export type DiffPart =
  | { op: 'added' | 'removed'; sentences: string[] }
  /** Unchanged sentences: only counted, with the first and last kept for context. */
  | { op: 'same'; count: number; first: string; last: string };

export interface SentenceDiff {
  added: number;
  removed: number;
  parts: DiffPart[];
}

/** Sentences compared after normalization, so a re-wrapped line is not a change. */
export function sentenceDiff(before: readonly string[], after: readonly string[]): SentenceDiff {
  const a = before.map(normalizeText);
  const b = after.map(normalizeText);
  const parts: DiffPart[] = [];
  let added = 0;
  let removed = 0;
  for (const change of diffArrays(a, b)) {
    if (change.added) {
      added += change.value.length;
      parts.push({ op: 'added', sentences: change.value });
    } else if (change.removed) {
      removed += change.value.length;
      parts.push({ op: 'removed', sentences: change.value });
    } else {
      parts.push({ op: 'same', count: change.value.length, first: change.value[0] ?? '', last: change.value.at(-1) ?? '' });
    }
  }
  return { added, removed, parts };
}
