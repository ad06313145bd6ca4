import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { MAX_ACTIONS, MAX_PROMPT_TEXT } from '../../../src/model.ts';
import { contentSchemas, isContentType, isUiType, uiSchemas } from '../../../src/protocol/messages.ts';

const prompt = {
  id: 'a1b2c3d4-0000-4000-8000-000000000000',
  kind: 'cookie-banner',
  detector: 'generic',
  language: 'en',
  text: 'We use cookies.',
  actions: [{ label: 'Reject all', role: 'reject-all' }],
  facts: { toggles: [], blocksPage: false, policyLink: true },
  time: 1_700_000_000_000,
};

describe('content -> background schemas', () => {
  it('accepts a well-formed prompt', () => {
    expect(v.safeParse(contentSchemas['prompt/seen'], prompt).success).toBe(true);
  });

  it.each([
    ['an unknown field', { ...prompt, site: 'victim.example' }],
    ['an oversized text', { ...prompt, text: 'x'.repeat(MAX_PROMPT_TEXT + 1) }],
    ['too many actions', { ...prompt, actions: Array.from({ length: MAX_ACTIONS + 1 }, () => prompt.actions[0]) }],
    ['an unknown role', { ...prompt, actions: [{ label: 'x', role: 'sell-my-soul' }] }],
    ['an id with markup', { ...prompt, id: '<img src=x onerror=alert(1)>' }],
    ['a negative time', { ...prompt, time: -1 }],
    ['an empty text', { ...prompt, text: '' }],
    ['a bogus language', { ...prompt, language: 'english!' }],
  ])('rejects %s', (_name, payload) => {
    expect(v.safeParse(contentSchemas['prompt/seen'], payload).success).toBe(false);
  });
});

describe('decisions from content scripts', () => {
  const decision = (kind: string) => ({ id: 'decision-0001', promptId: 'prompt-0001', kind, role: 'reject-all', label: 'Reject', time: 1 });
  it.each(['accept-all', 'reject-all', 'custom', 'implied', 'dismissed'])('accepts %s', (kind) => {
    expect(v.safeParse(contentSchemas['decision/made'], decision(kind)).success).toBe(true);
  });
  it.each(['withdrawn', 'opened-settings', 'by-extension'])('refuses %s: only the background sets it', (kind) => {
    expect(v.safeParse(contentSchemas['decision/made'], decision(kind)).success).toBe(false);
  });
});

describe('ui -> background schemas', () => {
  it('delete-all needs an explicit confirmation', () => {
    expect(v.safeParse(uiSchemas['ledger/delete-all'], {}).success).toBe(false);
    expect(v.safeParse(uiSchemas['ledger/delete-all'], { confirm: true }).success).toBe(true);
  });

  it('fills list defaults and bounds the page size', () => {
    expect(v.parse(uiSchemas['ledger/list'], {})).toEqual({ offset: 0, limit: 100 });
    expect(v.safeParse(uiSchemas['ledger/list'], { limit: 10_000 }).success).toBe(false);
  });
});

describe('type guards', () => {
  it('knows which direction a type belongs to, and nothing inherited', () => {
    expect(isContentType('prompt/seen')).toBe(true);
    expect(isUiType('prompt/seen')).toBe(false);
    expect(isUiType('ledger/export')).toBe(true);
    expect(isUiType('toString')).toBe(false);
    expect(isContentType('__proto__')).toBe(false);
  });
});
