import { describe, expect, it } from 'vitest';
import { policyHash, sentenceDiff } from '../../../src/policy/versions.ts';

describe('policy versions', () => {
  it('hashes the normalized text: the same words in other whitespace are the same version', () => {
    expect(policyHash('We  collect\nyour email.')).toBe(policyHash('We collect your email. '));
    expect(policyHash('We collect your email.')).not.toBe(policyHash('We collect your phone number.'));
    expect(policyHash('x')).toMatch(/^[0-9a-f]{64}$/u);
  });

  it('diffs at sentence level: added, removed, and unchanged runs counted', () => {
    const before = ['We collect your email.', 'We keep it for 2 years.', 'We never sell data.', 'Contact us.'];
    const after = ['We collect your email.', 'We keep it for 5 years.', 'We never sell data.', 'We share data with advertisers.', 'Contact us.'];
    const diff = sentenceDiff(before, after);
    expect(diff.added).toBe(2);
    expect(diff.removed).toBe(1);
    expect(diff.parts).toEqual([
      { op: 'same', count: 1, first: 'We collect your email.', last: 'We collect your email.' },
      { op: 'removed', sentences: ['We keep it for 2 years.'] },
      { op: 'added', sentences: ['We keep it for 5 years.'] },
      { op: 'same', count: 1, first: 'We never sell data.', last: 'We never sell data.' },
      { op: 'added', sentences: ['We share data with advertisers.'] },
      { op: 'same', count: 1, first: 'Contact us.', last: 'Contact us.' },
    ]);
  });

  it('does not count re-wrapped sentences as changes', () => {
    expect(sentenceDiff(['We  collect\nyour email.'], ['We collect your email.'])).toMatchObject({ added: 0, removed: 0 });
  });
});
