/** The on-device AI summary: shown only where the browser has a Summarizer, labelled as machine-written. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../../extension/platform/browser.ts', () => ({
  browser: { i18n: { getMessage: (key: string) => `[${key}]`, getUILanguage: () => 'en' } },
}));
const { AiSummary, summarizerApi } = await import('../../../extension/ui/components/ai-summary.tsx');

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});

async function mount(scope: object) {
  root = document.createElement('div');
  document.body.append(root);
  await act(async () => {
    render(<AiSummary text="We collect your email. We share it with advertisers." lang="en" scope={scope} />, root);
  });
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}

describe('AI summary (Chrome built-in Summarizer)', () => {
  it('is hidden where the browser has no Summarizer', async () => {
    expect(summarizerApi({})).toBeNull();
    await mount({});
    expect(root.innerHTML).toBe('');
  });

  it('is hidden where the Summarizer says it is unavailable', async () => {
    await mount({ Summarizer: { availability: async () => 'unavailable', create: vi.fn() } });
    expect(root.innerHTML).toBe('');
  });

  it('offers a labelled summary where available, and shows what the model wrote', async () => {
    const summarize = vi.fn(async (input: string) => `- summary of ${input.length} characters`);
    const create = vi.fn(async () => ({ summarize, inputQuota: 1000, measureInputUsage: async (s: string) => s.length }));
    await mount({ Summarizer: { availability: async () => 'available', create } });
    expect(root.querySelector('h3')?.textContent).toBe('[aiSummaryHeading]');
    expect(root.textContent).toContain('[aiSummaryLabel]');
    await act(async () => {
      (root.querySelector('button[data-action="ai-summary"]') as HTMLButtonElement).click();
    });
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ type: 'key-points', outputLanguage: 'en' }));
    expect(root.querySelector('[data-machine-written="true"]')?.textContent).toBe('- summary of 52 characters');
  });
});
