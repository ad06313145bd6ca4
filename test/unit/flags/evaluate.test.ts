import { describe, expect, it } from 'vitest';
import type { ConsentSnapshot } from '../../../src/flags/consent-state.ts';
import { evaluateFlags, REPROMPT_WINDOW_MS, type FlagInput } from '../../../src/flags/evaluate.ts';
import type { FlagId, OfferedAction, Prominence } from '../../../src/model.ts';
import { FLAG_IDS } from '../../../src/model.ts';

const T0 = Date.UTC(2026, 0, 10, 12);
const button = (area = 4000, contrast = 7): Prominence => ({ area, contrast, isLink: false, fontWeight: 600 });
const link = (area = 900, contrast = 4.6): Prominence => ({ area, contrast, isLink: true, fontWeight: 400 });

const accept: OfferedAction = { label: 'Accept all', role: 'accept-all', prominence: button() };
const reject: OfferedAction = { label: 'Reject all', role: 'reject-all', prominence: button() };
const settings: OfferedAction = { label: 'Manage preferences', role: 'settings', prominence: button(3000) };

const snapshot = (over: Partial<ConsentSnapshot> = {}): ConsentSnapshot => ({
  source: 'tcf',
  time: T0,
  purposeConsents: [],
  purposeLegitimateInterests: [],
  specialFeatureOptins: [],
  vendorConsents: 0,
  grantedCategories: [],
  ...over,
});

/** An honest first layer: accept and reject as equal buttons, settings, purposes named, policy linked. */
function honest(over: Partial<FlagInput> = {}): FlagInput {
  return {
    kind: 'cookie-banner',
    text: 'We and our 12 partners use cookies for analytics and personalised advertising. You can accept, reject or choose per purpose.',
    actions: [accept, reject, settings],
    facts: { toggles: [], blocksPage: false, policyLink: true },
    laterLayers: [{ actions: [{ label: 'Save', role: 'save-choices' }], toggles: [{ label: 'Analytics', checked: false, essential: false }, { label: 'Necessary', checked: true, essential: true }] }],
    usesTcf: true,
    decision: { kind: 'reject-all', time: T0 + 5000 },
    signalsBefore: [snapshot({ eventStatus: 'cmpuishown', time: T0 + 100 })],
    signalsAfter: [snapshot({ eventStatus: 'useractioncomplete', time: T0 + 5100, purposeLegitimateInterests: [2, 7] })],
    reopenControlAfterChoice: true,
    previousRefusal: null,
    shownAt: T0,
    ...over,
  };
}

const ids = (input: FlagInput): FlagId[] => evaluateFlags(input).map((f) => f.id);

describe('an honest prompt', () => {
  it('raises no flag', () => {
    expect(evaluateFlags(honest())).toEqual([]);
  });
});

/** For each flag: an input that fires it (and what the evidence must show) and a near miss that must not. */
const CASES: Record<FlagId, { fires: FlagInput; evidence: Record<string, unknown>; doesNot: FlagInput }> = {
  F1: {
    fires: honest({ actions: [accept, settings] }),
    evidence: { text: 'Accept all' },
    doesNot: honest({ actions: [accept, { label: 'Continue without accepting', role: 'reject-all' }, settings] }),
  },
  F2: {
    fires: honest({ actions: [accept, settings], laterLayers: [{ actions: [{ label: 'Reject all', role: 'reject-all' }], toggles: [] }] }),
    evidence: { values: { clicksToAccept: 1, clicksToRefuse: 2 } },
    doesNot: honest({ actions: [accept, { label: 'Only necessary', role: 'necessary-only' }] , laterLayers: [] , facts: { toggles: [{ label: 'Ads', checked: false, essential: false }], blocksPage: false, policyLink: true } }),
  },
  F3: {
    fires: honest({ laterLayers: [{ actions: [{ label: 'Save', role: 'save-choices' }], toggles: [{ label: 'Advertising', checked: true, essential: false }] }] }),
    evidence: { text: 'Advertising' },
    doesNot: honest({ laterLayers: [{ actions: [{ label: 'Save', role: 'save-choices' }], toggles: [{ label: 'Strictly necessary', checked: true, essential: true }] }] }),
  },
  F4: {
    fires: honest({ text: 'We use cookies for analytics. By continuing to browse this site you accept our use of cookies.' }),
    evidence: { text: 'By continuing to browse this site you accept our use of cookies.' },
    doesNot: honest({ text: 'We use cookies for analytics. If you reject, we will not set them.' }),
  },
  F5: {
    fires: honest({ signalsBefore: [snapshot({ eventStatus: 'tcloaded', time: T0 + 50, purposeConsents: [1, 3, 4], vendorConsents: 12, raw: 'CQabc' })] }),
    evidence: { text: 'CQabc', values: { purposeConsents: [1, 3, 4], vendorConsents: 12 } },
    doesNot: honest({ signalsBefore: [snapshot({ eventStatus: 'useractioncomplete', time: T0 + 6000, purposeConsents: [1, 3] })], decision: { kind: 'accept-all', time: T0 + 5000 } }),
  },
  F6: {
    fires: honest({ signalsAfter: [snapshot({ eventStatus: 'useractioncomplete', time: T0 + 5100, purposeConsents: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], vendorConsents: 300 })] }),
    evidence: { values: { decision: 'reject-all', vendorConsents: 300 } },
    doesNot: honest({
      decision: { kind: 'accept-all', time: T0 + 5000 },
      signalsAfter: [snapshot({ eventStatus: 'useractioncomplete', time: T0 + 5100, purposeConsents: [1, 2, 3], vendorConsents: 300 })],
    }),
  },
  F7: {
    fires: honest({ actions: [accept, { label: 'Reject all', role: 'reject-all', prominence: link() }, settings] }),
    evidence: { values: { refuseIsLink: true } },
    doesNot: honest({ actions: [accept, { label: 'Reject all', role: 'reject-all', prominence: button(3500, 6) }, settings] }),
  },
  F8: {
    fires: honest({ actions: [accept, { label: 'Subscribe', role: 'pay' }], facts: { toggles: [], blocksPage: true, policyLink: true } }),
    evidence: { values: { payOrAccept: true } },
    doesNot: honest({ facts: { toggles: [], blocksPage: true, policyLink: true } }),
  },
  F9: {
    fires: honest({ actions: [accept, reject], laterLayers: [] }),
    evidence: { values: { offered: ['accept-all', 'reject-all'] } },
    doesNot: honest({ actions: [accept, reject], laterLayers: [], facts: { toggles: [{ label: 'Analytics', checked: false, essential: false }], blocksPage: false, policyLink: true } }),
  },
  F10: {
    fires: honest({ signalsAfter: [snapshot({ time: T0 + 5100, purposeLegitimateInterests: [2, 3, 4, 7] })] }),
    evidence: { values: { purposes: [3, 4] } },
    doesNot: honest({ signalsAfter: [snapshot({ time: T0 + 5100, purposeLegitimateInterests: [2, 7, 8, 9, 10] })] }),
  },
  F11: {
    fires: honest({ text: 'We use cookies. You can accept or reject them.', facts: { toggles: [], blocksPage: false, policyLink: false } }),
    evidence: { values: { missing: ['purposes', 'policy link', 'vendor count'] } },
    doesNot: honest({ usesTcf: false, text: 'We use cookies for audience measurement. You can accept or reject them.' }),
  },
  F12: {
    fires: honest({ reopenControlAfterChoice: false }),
    evidence: { values: { decision: 'reject-all' } },
    doesNot: honest({ reopenControlAfterChoice: null }),
  },
  F14: {
    fires: honest({ previousRefusal: { time: T0 - 2 * 3_600_000 } }),
    evidence: { values: { hoursSinceRefusal: 2 } },
    doesNot: honest({ previousRefusal: { time: T0 - REPROMPT_WINDOW_MS - 1 } }),
  },
};

describe.each(FLAG_IDS.map((id) => [id, CASES[id]] as const))('%s', (id, c) => {
  it('fires, with its evidence, severity and legal references', () => {
    const found = evaluateFlags(c.fires).find((f) => f.id === id);
    expect(found).toBeDefined();
    expect(found).toMatchObject({ evidence: c.evidence });
    expect(found?.legal.length).toBeGreaterThan(0);
    expect(['high', 'medium', 'low']).toContain(found?.severity);
  });

  it('does not fire on the near miss', () => {
    expect(ids(c.doesNot)).not.toContain(id);
  });
});

describe('implied consent wording in every lexicon language', () => {
  it.each([
    'By using this site you agree to our use of cookies.',
    'En poursuivant votre navigation, vous acceptez les cookies.',
    'Durch die weitere Nutzung der Seite stimmen Sie der Verwendung von Cookies zu.',
    'Si continúa navegando, consideramos que acepta su uso.',
    'Proseguendo la navigazione acconsenti all’uso dei cookie.',
    'Door verder te gaan ga je akkoord met cookies.',
    'Ao continuar a navegar, concorda com a utilização de cookies.',
    'Kontynuując przeglądanie strony, zgadzasz się na użycie plików cookie.',
    '继续浏览本网站即表示您同意我们使用Cookie。',
  ])('%s', (text) => {
    expect(ids(honest({ text: `${text} Analytics and advertising.` }))).toContain('F4');
  });
});

describe('no way to refuse at all', () => {
  it('is F1, not also F2', () => {
    const found = ids(honest({ actions: [accept], laterLayers: [] }));
    expect(found).toContain('F1');
    expect(found).not.toContain('F2');
  });
});

describe('an acknowledge-only notice', () => {
  it('is implied consent (F4) and offers no refusal (no F1: there is no accept either)', () => {
    const found = ids(honest({ actions: [{ label: 'OK', role: 'acknowledge' }], text: 'This site uses cookies for analytics.' }));
    expect(found).toContain('F4');
    expect(found).not.toContain('F1');
  });
});
