/**
 * An extra, abstractive summary written by the browser's own on-device model (Chrome's built-in
 * Summarizer API), offered only where the browser has it: feature-detected, hidden elsewhere. It is
 * labelled as machine-written and shown below the evidence-backed facts, never instead of them.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n.ts';

type Availability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

interface SummarizerInstance {
  summarize(input: string, options?: { context?: string }): Promise<string>;
  measureInputUsage?: (input: string) => Promise<number>;
  inputQuota?: number;
  destroy?: () => void;
}

export interface SummarizerApi {
  availability(options?: object): Promise<Availability>;
  create(options?: object): Promise<SummarizerInstance>;
}

/** The browser's Summarizer, if it has one (Chrome 138+ with the on-device model). */
export function summarizerApi(scope: object = globalThis): SummarizerApi | null {
  const api = (scope as { Summarizer?: SummarizerApi }).Summarizer;
  return api && typeof api.availability === 'function' && typeof api.create === 'function' ? api : null;
}

const OPTIONS = { type: 'key-points', format: 'plain-text', length: 'medium', sharedContext: 'A website privacy policy, summarized for the person who is asked to accept it.' };

/** Cut the text until the model accepts it (its input quota), keeping the beginning. */
async function fitToQuota(summarizer: SummarizerInstance, text: string): Promise<string> {
  let input = text.slice(0, 40_000);
  if (!summarizer.measureInputUsage || !summarizer.inputQuota) return input.slice(0, 12_000);
  while (input.length > 500 && (await summarizer.measureInputUsage(input)) > summarizer.inputQuota) input = input.slice(0, Math.floor(input.length * 0.7));
  return input;
}

export function AiSummary({ text, lang, scope = globalThis }: { text: string; lang: string; scope?: object }) {
  const api = summarizerApi(scope);
  const [availability, setAvailability] = useState<Availability | null>(null);
  const [state, setState] = useState<{ status: 'idle' | 'working' | 'done' | 'error'; summary?: string; message?: string }>({ status: 'idle' });

  useEffect(() => {
    if (!api) return;
    api
      .availability({ ...OPTIONS, expectedInputLanguages: [lang] })
      .then(setAvailability)
      .catch(() => setAvailability('unavailable'));
  }, [api, lang]);

  if (!api || availability === null || availability === 'unavailable') return null;

  const run = async () => {
    setState({ status: 'working' });
    try {
      const summarizer = await api.create({ ...OPTIONS, expectedInputLanguages: [lang], outputLanguage: lang === 'zh' ? 'zh' : 'en' });
      const summary = await summarizer.summarize(await fitToQuota(summarizer, text));
      summarizer.destroy?.();
      setState({ status: 'done', summary });
    } catch (error) {
      setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <section class="ai-summary" aria-labelledby="ai-summary-heading">
      <h3 id="ai-summary-heading">{t('aiSummaryHeading')}</h3>
      <p class="muted">{t('aiSummaryLabel')}</p>
      {state.status === 'done' ? (
        <p class="ai-text" data-machine-written="true">{state.summary}</p>
      ) : (
        <button type="button" data-action="ai-summary" disabled={state.status === 'working'} onClick={() => void run()}>
          {availability === 'available' ? t('aiSummaryRun') : t('aiSummaryDownload')}
        </button>
      )}
      {state.status === 'error' ? <p class="status error" role="alert">{t('errorPrefix', state.message ?? '')}</p> : null}
    </section>
  );
}
