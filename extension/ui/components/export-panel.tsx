/**
 * The dashboard's export panel (issue #6): a format, filters (dates, sites, event kinds),
 * pseudonymisation (sites as domains or salted hashes, page addresses and texts dropped unless
 * kept), a preview (counts per kind and per site, the first rows as they will be written) and then
 * the file. The options mirror `consent-lens export convert`. The JSON ledger backup is the exact
 * export (no filter, no pseudonymisation).
 *
 * Streamed: the preview and the file each read the ledger page by page over the export port
 * (extension/platform/export-port.ts, src/export/stream.ts); the file's text goes into Blobs of
 * CHUNKS_PER_YIELD chunks as it is written, so the page holds a page of rows and a batch of text,
 * not the ledger. A progress bar counts the rows read against the counts asked first; Cancel stops
 * it; a lost connection (the service worker stopped) is reported with a button to try again.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ExportFilter } from '../../../src/export/filter.ts';
import { addToPreview, emptyPreview, type ExportPreview } from '../../../src/export/pseudonymize.ts';
import { EXPORT_FORMATS, ExportCancelled, streamChunks, streamEvents, type ExportFormat, type ExportJob } from '../../../src/export/stream.ts';
import { EVENT_KINDS, type EventKind } from '../../../src/ledger/events.ts';
import { siteOf } from '../../../src/site.ts';
import { connectLedgerReader, ExportPortClosed } from '../../platform/export-port.ts';
import { request } from '../../platform/messaging.ts';
import type { ResearchState } from '../../../src/protocol/messages.ts';
import { studyExportOptions, studyMetadata } from '../../../src/research/study.ts';
import { formatNumber, t } from '../i18n.ts';
import type { MessageKey } from '../message-keys.ts';

export { EXPORT_FORMATS, type ExportFormat };

const FORMAT_LABEL: Record<ExportFormat, MessageKey> = {
  ledger: 'exportFormatLedger',
  jsonl: 'exportFormatJsonl',
  csv: 'exportFormatCsv',
  'csv-sites': 'exportFormatCsvSites',
  json: 'exportFormatJsonld',
  kantara: 'exportFormatKantara',
  dpv: 'exportFormatDpv',
};

const FILE_TYPE: Record<ExportFormat, { ext: string; mime: string }> = {
  ledger: { ext: 'json', mime: 'application/json' },
  jsonl: { ext: 'jsonl', mime: 'application/x-ndjson' },
  csv: { ext: 'csv', mime: 'text/csv;charset=utf-8' },
  'csv-sites': { ext: 'csv', mime: 'text/csv;charset=utf-8' },
  json: { ext: 'jsonld', mime: 'application/ld+json' },
  kantara: { ext: 'jsonl', mime: 'application/x-ndjson' },
  dpv: { ext: 'jsonld', mime: 'application/ld+json' },
};

const KIND_LABEL: Record<EventKind, MessageKey> = {
  'prompt-shown': 'exportKindPromptShown',
  decision: 'exportKindDecision',
  'consent-signal': 'exportKindConsentSignal',
  'permission-request': 'exportKindPermissionRequest',
  'data-given': 'exportKindDataGiven',
  'sign-in': 'exportKindSignIn',
  'policy-version': 'exportKindPolicyVersion',
};

/** How many chunks are written between two yields to the event loop (and progress updates). */
export const CHUNKS_PER_YIELD = 200;
const PREVIEW_ROWS = 5;

/** `consent-lens-<format>-YYYY-MM-DD.<ext>` */
export function exportFileName(format: ExportFormat, date: Date): string {
  return `consent-lens-${format}-${date.toISOString().slice(0, 10)}.${FILE_TYPE[format].ext}`;
}

/** "example.com, https://www.shop.example/x" → ["example.com", "shop.example"]; unparseable entries in `bad`. */
export function parseSites(text: string): { sites: string[]; bad: string[] } {
  const sites = new Set<string>();
  const bad: string[] = [];
  for (const raw of text.split(/[,\s]+/u)) {
    const entry = raw.trim();
    if (!entry) continue;
    const site = siteOf(/^[a-z][a-z0-9+.-]*:\/\//iu.test(entry) ? entry : `https://${entry}`);
    if (site) sites.add(site);
    else bad.push(entry);
  }
  return { sites: [...sites], bad };
}

/** A date input's value (YYYY-MM-DD, local) as epoch ms: the start of that day, or (end) its last ms. */
function dayBound(value: string, end: boolean): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(value);
  if (!match) return undefined;
  const start = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
  return end ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1).getTime() - 1 : start;
}

function newSalt(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The next task, without setTimeout's clamp (nested timeouts wait at least 4 ms, which over the
 * hundreds of yields of a large export adds seconds of idling).
 */
const nextMacrotask = (): Promise<void> =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

interface Options {
  format: ExportFormat;
  from: string;
  to: string;
  sitesText: string;
  kinds: EventKind[];
  sitesAs: 'etld1' | 'hash';
  saltMode: 'export' | 'study';
  studySalt: string;
  keepUrls: boolean;
  keepText: boolean;
}

/** A preview: the job it was built for (salt and pseudonym included) and what it showed. */
interface Plan {
  job: ExportJob;
  preview: ExportPreview;
}

/** A failed or cancelled run, and what "try again" repeats. */
type Failure = { text: string; retry: 'preview' | 'write' | null };

/**
 * Writes the chunks into Blob parts: every CHUNKS_PER_YIELD chunks become one Blob (so the text is
 * not kept as strings), then the event loop gets a turn.
 */
export async function blobOf(chunks: AsyncIterable<string>, mime: string): Promise<Blob> {
  const parts: Blob[] = [];
  let batch: string[] = [];
  for await (const chunk of chunks) {
    batch.push(chunk);
    if (batch.length >= CHUNKS_PER_YIELD) {
      parts.push(new Blob([batch.join('')]));
      batch = [];
      await nextMacrotask();
    }
  }
  if (batch.length) parts.push(new Blob([batch.join('')]));
  return new Blob(parts, { type: mime });
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportPanel() {
  const [o, setO] = useState<Options>({
    format: 'csv',
    from: '',
    to: '',
    sitesText: '',
    kinds: [...EVENT_KINDS],
    sitesAs: 'etld1',
    saltMode: 'export',
    studySalt: '',
    keepUrls: false,
    keepText: false,
  });
  const [exportSalt, setExportSalt] = useState(newSalt);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [retry, setRetry] = useState<Failure['retry']>(null);
  /** Research mode: the active study, and whether this export is for it (its filters, pseudonymization and metadata). */
  const [study, setStudy] = useState<Extract<ResearchState, { state: 'active' }> | null>(null);
  const [forStudy, setForStudy] = useState(true);
  useEffect(() => {
    request('research/get', {})
      .then((r) => setStudy(r.state === 'active' ? r : null))
      .catch(() => setStudy(null));
  }, []);
  const studyJob = study && forStudy ? studyExportOptions(study.study, study.participation, exportSalt) : null;

  const backup = o.format === 'ledger';
  const { sites, bad } = parseSites(o.sitesText);
  const salt = o.saltMode === 'study' ? o.studySalt.trim() : exportSalt;
  const problem: string | null = backup
    ? null
    : bad.length
      ? t('exportBadSites', bad.join(', '))
      : o.kinds.length === 0
        ? t('exportNoKinds')
        : o.sitesAs === 'hash' && o.saltMode === 'study' && !salt
          ? t('exportNeedSalt')
          : null;

  const change = (patch: Partial<Options>) => {
    setO((prev) => ({ ...prev, ...patch }));
    setPlan(null);
    setProgress(null);
    setStatus(null);
    setRetry(null);
  };

  const filter = (): ExportFilter => ({
    from: dayBound(o.from, false),
    to: dayBound(o.to, true),
    sites: sites.length ? sites : undefined,
    kinds: o.kinds.length === EVENT_KINDS.length ? undefined : o.kinds,
  });

  const running = useRef<{ abort: () => void } | null>(null);

  const fail = (error: unknown, retry: Failure['retry']) => {
    const failure: Failure =
      error instanceof ExportCancelled
        ? { text: t('exportCancelled'), retry: null }
        : error instanceof ExportPortClosed
          ? { text: t('exportDisconnected'), retry }
          : { text: t('exportFailed', error instanceof Error ? error.message : String(error)), retry };
    setStatus({ text: failure.text, error: failure.retry !== null || !(error instanceof ExportCancelled) });
    setRetry(failure.retry);
  };

  /** Runs one streamed pass over a new port; Cancel aborts it and closes the port. */
  async function run<T>(pass: (reader: ReturnType<typeof connectLedgerReader>, options: { signal: { aborted: boolean }; onProgress: (done: number, total: number) => void; onPlan: (p: { exportedAt: string }) => void }) => Promise<T>, onPlan: (p: { exportedAt: string }) => void = () => undefined): Promise<T> {
    const reader = connectLedgerReader();
    const signal = { aborted: false };
    running.current = {
      abort() {
        signal.aborted = true;
        reader.close();
      },
    };
    setBusy(true);
    setRetry(null);
    setStatus(null);
    setProgress({ done: 0, total: 0 });
    try {
      return await pass(reader, { signal, onProgress: (done, total) => setProgress({ done, total }), onPlan });
    } catch (error) {
      throw signal.aborted ? new ExportCancelled('export cancelled') : error;
    } finally {
      running.current = null;
      reader.close();
      setBusy(false);
    }
  }

  async function preview() {
    if (problem) return;
    const job: ExportJob =
      study && studyJob
        ? { format: o.format, filter: studyJob.filter, pseudonymize: studyJob.pseudonymize, piiPrincipalId: study.participation.participantId, study: studyMetadata(study.study, study.participation) }
        : {
            format: o.format,
            filter: filter(),
            pseudonymize: { sites: o.sitesAs, salt, keepUrls: o.keepUrls, keepText: o.keepText },
            piiPrincipalId: crypto.randomUUID(),
          };
    try {
      const shown = await run(async (reader, options) => {
        const p = emptyPreview();
        for await (const e of streamEvents(reader, job, options)) addToPreview(p, e, PREVIEW_ROWS);
        return p;
      });
      setPlan({ job, preview: shown });
    } catch (error) {
      fail(error, 'preview');
    }
  }

  async function write() {
    if (!plan) return;
    let exportedAt = new Date().toISOString();
    try {
      const blob = await run(
        (reader, options) => blobOf(streamChunks(reader, plan.job, options), FILE_TYPE[plan.job.format].mime),
        (p) => (exportedAt = p.exportedAt),
      );
      const name = exportFileName(plan.job.format, new Date(exportedAt));
      download(blob, name);
      setStatus({ text: t('exportDone', [formatNumber(plan.preview.total), name]), error: false });
      // A study export resets the study's export reminder.
      if (plan.job.study) await request('research/exported', { studyId: plan.job.study.studyId }).catch(() => undefined);
      // The next file gets a new salt (unless the study gives one): exports then do not link.
      setExportSalt(newSalt());
      setPlan(null);
    } catch (error) {
      fail(error, 'write');
    }
  }

  // Built once per preview: the progress bar's updates re-render the panel, not the preview's tables.
  const previewView = useMemo(() => plan && <PreviewView preview={plan.preview} />, [plan]);

  const toggleKind = (kind: EventKind, on: boolean) => change({ kinds: EVENT_KINDS.filter((k) => (k === kind ? on : o.kinds.includes(k))) });

  return (
    <section class="export-panel" aria-labelledby="export-heading">
      <h2 id="export-heading">{t('exportHeading')}</h2>
      <fieldset>
        <legend>{t('exportFormatLegend')}</legend>
        {EXPORT_FORMATS.map((format) => (
          <label key={format}>
            <input type="radio" name="export-format" value={format} checked={o.format === format} onChange={() => change({ format })} />{' '}
            {t(FORMAT_LABEL[format])}
          </label>
        ))}
      </fieldset>
      {backup && <p class="muted">{t('exportBackupExact')}</p>}
      {study ? (
        <label class="switch study-export">
          <input type="checkbox" name="export-for-study" checked={forStudy} onChange={(e) => { setForStudy(e.currentTarget.checked); change({}); }} />
          {t('exportForStudy', study.study.title)}
        </label>
      ) : null}
      <fieldset disabled={backup || studyJob !== null}>
        <legend>{t('exportFiltersLegend')}</legend>
        <label>
          {t('exportFrom')} <input type="date" name="export-from" value={o.from} onInput={(e) => change({ from: e.currentTarget.value })} />
        </label>{' '}
        <label>
          {t('exportTo')} <input type="date" name="export-to" value={o.to} onInput={(e) => change({ to: e.currentTarget.value })} />
        </label>
        <label>
          {t('exportSites')} <input type="text" name="export-sites" value={o.sitesText} placeholder={t('exportSitesExample')} onInput={(e) => change({ sitesText: e.currentTarget.value })} />
        </label>
        <fieldset>
          <legend>{t('exportKindsLegend')}</legend>
          {EVENT_KINDS.map((kind) => (
            <label key={kind}>
              <input type="checkbox" name="export-kind" value={kind} checked={o.kinds.includes(kind)} onChange={(e) => toggleKind(kind, e.currentTarget.checked)} /> {t(KIND_LABEL[kind])}
            </label>
          ))}
        </fieldset>
      </fieldset>
      <fieldset disabled={backup || studyJob !== null}>
        <legend>{t('exportPrivacyLegend')}</legend>
        <label>
          <input type="radio" name="export-sites-as" value="etld1" checked={o.sitesAs === 'etld1'} onChange={() => change({ sitesAs: 'etld1' })} /> {t('exportSitesAsDomain')}
        </label>
        <label>
          <input type="radio" name="export-sites-as" value="hash" checked={o.sitesAs === 'hash'} onChange={() => change({ sitesAs: 'hash' })} /> {t('exportSitesHashed')}
        </label>
        <fieldset disabled={backup || o.sitesAs !== 'hash'}>
          <legend>{t('exportSaltLegend')}</legend>
          <label>
            <input type="radio" name="export-salt" value="export" checked={o.saltMode === 'export'} onChange={() => change({ saltMode: 'export' })} /> {t('exportSaltNew')}
          </label>
          <label>
            <input type="radio" name="export-salt" value="study" checked={o.saltMode === 'study'} onChange={() => change({ saltMode: 'study' })} /> {t('exportSaltStudy')}
          </label>
          <label>
            {t('exportStudySaltLabel')}{' '}
            <input type="text" name="export-study-salt" value={o.studySalt} disabled={o.saltMode !== 'study'} autoComplete="off" spellcheck={false} onInput={(e) => change({ studySalt: e.currentTarget.value })} />
          </label>
        </fieldset>
        <label>
          <input type="checkbox" name="export-keep-urls" checked={o.keepUrls} onChange={(e) => change({ keepUrls: e.currentTarget.checked })} /> {t('exportKeepUrls')}
        </label>
        <label>
          <input type="checkbox" name="export-keep-text" checked={o.keepText} onChange={(e) => change({ keepText: e.currentTarget.checked })} /> {t('exportKeepText')}
        </label>
      </fieldset>
      <div class="buttons">
        <button type="button" data-action="export-preview" disabled={busy || problem !== null} onClick={() => void preview()}>
          {t('exportPreview')}
        </button>{' '}
        <button type="button" class="primary" data-action="export-write" disabled={busy || plan === null} onClick={() => void write()}>
          {t('exportDo')}
        </button>{' '}
        {busy && (
          <button type="button" data-action="export-cancel" onClick={() => running.current?.abort()}>
            {t('exportCancel')}
          </button>
        )}
        {!busy && retry && (
          <button type="button" data-action="export-retry" onClick={() => void (retry === 'write' ? write() : preview())}>
            {t('exportRetry')}
          </button>
        )}
      </div>
      {problem && <p class="error" role="alert">{problem}</p>}
      {!plan && !problem && !progress && <p class="muted">{t('exportPreviewFirst')}</p>}
      {previewView}
      {progress && (
        <p class="export-progress">
          <progress aria-label={t('exportProgress')} aria-valuetext={t('exportProgressRows', [formatNumber(progress.done), formatNumber(progress.total)])} value={progress.done} max={Math.max(progress.total, 1)} />{' '}
          <span aria-hidden="true">{t('exportProgressRows', [formatNumber(progress.done), formatNumber(progress.total)])}</span>
        </p>
      )}
      {status && (
        <p class={`status${status.error ? ' error' : ''}`} role="status" aria-live="polite">
          {status.text}
        </p>
      )}
    </section>
  );
}

function PreviewView({ preview }: { preview: ExportPreview }) {
  return (
    <div class="export-preview" data-export-preview>
      <p data-export-total>{t('exportPreviewTotal', formatNumber(preview.total))}</p>
      <table data-export-by-kind>
        <caption>{t('exportPreviewByKind')}</caption>
        <tbody>
          {EVENT_KINDS.filter((k) => preview.byKind[k]).map((kind) => (
            <tr key={kind} data-kind={kind}>
              <th scope="row">{t(KIND_LABEL[kind])}</th>
              <td>{formatNumber(preview.byKind[kind] ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table data-export-by-site>
        <caption>{t('exportPreviewBySite')}</caption>
        <tbody>
          {Object.entries(preview.bySite).map(([site, n]) => (
            <tr key={site} data-site={site}>
              <th scope="row">{site}</th>
              <td>{formatNumber(n)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table data-export-rows>
        <caption>{t('exportPreviewRows')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('exportColTime')}</th>
            <th scope="col">{t('exportColKind')}</th>
            <th scope="col">{t('exportColSite')}</th>
            <th scope="col">{t('exportColStatus')}</th>
            <th scope="col">{t('exportColDetail')}</th>
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((e) => (
            <tr key={e.eventId}>
              <td>{e.eventTime}</td>
              <td>{e.kind}</td>
              <td>{e.site}</td>
              <td>{e.dpvStatus ?? ''}</td>
              <td>
                <code>{JSON.stringify(e.detail)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
