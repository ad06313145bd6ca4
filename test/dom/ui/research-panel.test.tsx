/** The dashboard's research panel: the consent screen (plain text, plain words), joining, "Not now", errors, leaving, the reminder banner. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResearchState } from '../../../src/protocol/messages.ts';
import { consentTextHash, parseStudyFile, type StudyFile } from '../../../src/research/study.ts';

vi.mock('../../../extension/platform/browser.ts', () => ({
  browser: {
    i18n: {
      getMessage: (key: string, subs?: string | string[]) => (subs === undefined ? `[${key}]` : `[${key}:${([] as string[]).concat(subs).join('|')}]`),
      getUILanguage: () => 'en',
    },
  },
}));
let state: ResearchState = { state: 'none' };
const request = vi.fn(async (type: string, _payload: unknown): Promise<unknown> => {
  switch (type) {
    case 'research/get':
      return state;
    case 'research/join':
      return { participantId: 'P-017' };
    case 'research/discard':
      return { discarded: true };
    case 'research/leave':
      return { dataDeleted: true, deleted: {} };
    case 'research/load':
      return { ok: false, errors: [{ path: 'include.kinds[1]', message: 'must be one of prompt-shown, decision' }] };
    default:
      throw new Error(`unexpected request ${type}`);
  }
});
vi.mock('../../../extension/platform/messaging.ts', () => ({ request, onBackgroundEvent: () => () => undefined }));
const { ResearchPanel, ResearchReminder } = await import('../../../extension/ui/components/research-panel.tsx');

const parsed = parseStudyFile(readFileSync(resolve(import.meta.dirname, '../../../docs/examples/study.json'), 'utf8'));
if (!parsed.ok) throw new Error('the example study does not parse');
const HOSTILE = '<img src=x onerror="globalThis.pwned=1"> <b>I agree</b>\nSecond line.';
const study: StudyFile = { ...parsed.study, consent: { ...parsed.study.consent, text: HOSTILE } };
const hash = consentTextHash(study);
const JOINED = Date.parse('2026-11-10T09:00:00Z');

let root: HTMLElement;

async function mount(node: preact.ComponentChild) {
  await act(async () => {
    render(node, root);
  });
  await settle();
}
const settle = async (rounds = 5) => {
  for (let i = 0; i < rounds; i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
  }
};
async function click(el: Element | null) {
  if (!el) throw new Error('nothing to click');
  await act(async () => {
    (el as HTMLElement).click();
  });
  await settle();
}
const calls = (type: string) => request.mock.calls.filter(([t]) => t === type).map(([, p]) => p);

beforeEach(() => {
  request.mockClear();
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('ResearchPanel: the consent screen of a pending study', () => {
  beforeEach(async () => {
    state = { state: 'pending', study, consentTextHash: hash };
    await mount(<ResearchPanel />);
  });

  it('shows the consent text as plain text, never as HTML', () => {
    const text = root.querySelector('[data-research="consent-text"]') as HTMLElement;
    expect(text.textContent).toBe(HOSTILE);
    expect(text.querySelector('img, b')).toBeNull();
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });

  it('says who, what (each kind in plain words), how it is pseudonymised and what leaving does', () => {
    expect(root.querySelector('h3')?.textContent).toBe(study.title);
    expect(root.querySelector('[data-research="researcher"]')?.textContent).toContain(study.researcher.contact);
    expect([...root.querySelectorAll('[data-research="kinds"] li')].map((li) => li.textContent)).toEqual([
      '[researchKindPromptShown]',
      '[researchKindDecision]',
      '[researchKindConsentSignal]',
      '[researchKindPermissionRequest]',
    ]);
    expect(root.textContent).toContain('[researchSitesHashStudy]');
    expect(root.textContent).toContain('[researchDropUrls]');
    expect(root.querySelector('[data-research="on-leave"]')?.textContent).toBe('[researchOnLeaveDelete]');
  });

  it('"I agree" sends the typed id and the hash of the text shown; the id field is labelled', async () => {
    const input = root.querySelector('#research-participant-id') as HTMLInputElement;
    expect(root.querySelector('label[for="research-participant-id"]')).not.toBeNull();
    await act(async () => {
      input.value = 'P-017';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      (root.querySelector('form') as HTMLFormElement).requestSubmit();
    });
    await settle();
    expect(calls('research/join')).toEqual([{ studyId: study.studyId, consentTextHash: hash, enteredId: 'P-017' }]);
    expect(root.querySelector('[role="status"]')?.textContent).toBe(`[researchJoined:${study.title}|P-017]`);
  });

  it('"Not now" discards the pending study and records nothing', async () => {
    await click(root.querySelector('button[data-action="research-not-now"]'));
    expect(calls('research/discard')).toEqual([{ studyId: study.studyId }]);
    expect(calls('research/join')).toEqual([]);
  });
});

describe('ResearchPanel: loading a study file', () => {
  it('lists the file\'s errors with their paths', async () => {
    state = { state: 'none' };
    await mount(<ResearchPanel />);
    const input = root.querySelector('input[data-action="research-file"]') as HTMLInputElement;
    const file = new File(['{"format":"consent-lens-study"}'], 'study.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    await act(async () => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle(10);
    expect(calls('research/load')).toEqual([{ text: '{"format":"consent-lens-study"}' }]);
    expect(root.querySelector('[data-research="errors"]')?.textContent).toBe('include.kinds[1]: must be one of prompt-shown, decision');
  });
});

describe('ResearchPanel and ResearchReminder while taking part', () => {
  const active = (reminderDue: boolean): ResearchState => ({
    state: 'active',
    study,
    consentTextHash: hash,
    participation: { participantId: 'P-017', joinedAt: JOINED, leftAt: null, lastExportAt: null },
    nextReminderAt: JOINED + 14 * 86_400_000,
    reminderDue,
  });

  it('shows the participant id and leaves only after the confirmation dialog', async () => {
    state = active(false);
    await mount(<ResearchPanel />);
    expect(root.querySelector('[data-research="participant-id"]')?.textContent).toBe('P-017');
    const dialog = root.querySelector('dialog') as HTMLDialogElement;
    expect(dialog.getAttribute('aria-labelledby')).toBe('research-leave-text');
    expect(dialog.open).toBe(false);
    await click(root.querySelector('button[data-action="research-leave"]'));
    expect(dialog.open).toBe(true);
    expect(calls('research/leave')).toEqual([]);
    await click(dialog.querySelector('button[data-action="research-confirm-leave"]'));
    expect(calls('research/leave')).toEqual([{ studyId: study.studyId, confirm: true }]);
  });

  it('the reminder banner appears only when the export is due', async () => {
    state = active(false);
    await mount(<ResearchReminder />);
    expect(root.querySelector('[data-research="reminder"]')).toBeNull();
    render(null, root);
    state = active(true);
    await mount(<ResearchReminder />);
    expect(root.querySelector('[data-research="reminder"]')?.getAttribute('role')).toBe('alert');
    expect(root.textContent).toBe(`[researchReminderDue:${study.title}]`);
  });
});
