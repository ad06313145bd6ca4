import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decisionRecordFrom, promptRecordFrom, RecordError } from '../../../src/ledger/records.ts';

const payload = {
  id: 'prompt-000001',
  kind: 'cookie-banner' as const,
  detector: 'generic',
  language: 'en',
  text: '  We use   cookies. ',
  actions: [{ label: ' Reject  all ', role: 'reject-all' as const }],
  facts: { toggles: [], blocksPage: false, policyLink: true },
  time: 1_700_000_000_000,
};

describe('promptRecordFrom', () => {
  it('takes the site and URL from the browser, never from the page', () => {
    const record = promptRecordFrom(payload, {
      tabUrl: 'https://news.example.co.uk/story?id=9',
      frameUrl: 'https://cmp.vendor.example/frame.html?session=secret#x',
      frameId: 7,
    });
    expect(record.site).toBe('example.co.uk');
    expect(record.url).toBe('https://cmp.vendor.example/frame.html');
    expect(record.frame).toBe('sub');
  });

  it('normalises the text and hashes exactly what it stores (SHA-256)', () => {
    const record = promptRecordFrom(payload, { tabUrl: 'https://a.example/', frameUrl: 'https://a.example/', frameId: 0 });
    expect(record.text).toBe('We use cookies.');
    expect(record.textHash).toBe(createHash('sha256').update('We use cookies.').digest('hex'));
    expect(record.actions).toEqual([{ label: 'Reject all', role: 'reject-all' }]);
    expect(record.frame).toBe('top');
  });

  it('refuses prompts from pages that are not web sites', () => {
    expect(() => promptRecordFrom(payload, { tabUrl: 'about:blank', frameUrl: 'about:blank', frameId: 0 })).toThrow(RecordError);
  });
});

describe('decisionRecordFrom', () => {
  it('marks the decision as the person\'s own', () => {
    const d = decisionRecordFrom(
      { id: 'decision-01', promptId: 'prompt-000001', kind: 'reject-all', role: 'reject-all', label: 'Reject all', time: 5 },
      { tabUrl: 'https://www.example.org/', frameUrl: 'https://www.example.org/', frameId: 0 },
    );
    expect(d).toMatchObject({ site: 'example.org', indicatedBy: 'user', kind: 'reject-all', role: 'reject-all' });
  });
});
