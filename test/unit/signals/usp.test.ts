import { GppModel } from '@iabgpp/cmpapi';
import { describe, expect, it } from 'vitest';
import { decodeUspString } from '../../../src/signals/index.ts';

describe('decodeUspString', () => {
  it.each([
    ['1YNN', true, false, false],
    ['1NYN', false, true, false],
    ['1YYY', true, true, true],
    ['1---', null, null, null],
    ['1Y-N', true, null, false],
  ])('decodes %s', (s, noticeGiven, optedOutOfSale, lspaCovered) => {
    expect(decodeUspString(s)).toEqual({ kind: 'usp', version: 1, noticeGiven, optedOutOfSale, lspaCovered });
  });

  it('decodes what @iabgpp/cmpapi encodes as a uspv1 section', () => {
    const model = new GppModel();
    model.setFieldValue('uspv1', 'Notice', 'Y');
    model.setFieldValue('uspv1', 'OptOutSale', 'Y');
    model.setFieldValue('uspv1', 'LspaCovered', '-');
    const s = model.encodeSection('uspv1');
    expect(s).toBe('1YY-');
    expect(decodeUspString(s)).toEqual({ kind: 'usp', version: 1, noticeGiven: true, optedOutOfSale: true, lspaCovered: null });
  });

  it.each([
    ['1YN', 'a US Privacy string has exactly 4 characters, got 3'],
    ['1YNNN', 'a US Privacy string has exactly 4 characters, got 5'],
    ['YNN1', 'the first character must be the version digit, got "Y"'],
    ['1yNN', 'character 2 (notice) must be Y, N or -, got "y"'],
    ['1YXN', 'character 3 (opt-out-of-sale) must be Y, N or -, got "X"'],
    ['1YN?', 'character 4 (LSPA-covered) must be Y, N or -, got "?"'],
    ['2YNN', 'unsupported US Privacy string version 2 (only version 1 is defined)'],
    ['', 'empty string'],
  ])('rejects %j: %s', (s, reason) => {
    expect(decodeUspString(s)).toEqual({ kind: 'invalid', format: 'usp', reason });
  });
});
