/**
 * Dashboard: restore the ledger from a backup (a file made with "Export as JSON"). The background
 * checks the whole file and writes it in one transaction (extension/background/restore.ts): all
 * of it, or nothing. "Replace everything" asks for confirmation first.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { decodeLedgerFile } from '../../../src/ledger/file-encoding.ts';
import { MAX_RESTORE_CHARS, type UiResponses } from '../../../src/protocol/messages.ts';
import { request } from '../../platform/messaging.ts';
import type { MessageKey } from '../message-keys.ts';
import { formatList, formatNumber, plural, t } from '../i18n.ts';

type Mode = 'merge' | 'replace';
type Outcome = { kind: 'busy' } | { kind: 'message'; text: string; error: boolean } | { kind: 'result'; result: UiResponses['ledger/restore'] };

/** Errors shown; the rest are counted. */
const SHOWN_ERRORS = 10;

export function ImportPanel() {
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<Mode>('merge');
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (confirming) dialog.current?.showModal();
    else dialog.current?.close();
  }, [confirming]);

  function start(event: Event) {
    event.preventDefault();
    if (!file) {
      setOutcome({ kind: 'message', text: t('importNoFile'), error: true });
      return;
    }
    if (mode === 'replace') setConfirming(true);
    else void restore(file, 'merge');
  }

  async function restore(chosen: File, how: Mode) {
    // Refused before reading: File.size is bytes, never fewer than the characters it holds.
    if (chosen.size > MAX_RESTORE_CHARS) {
      setOutcome({ kind: 'message', text: t('importTooLarge', [chosen.name, formatNumber(MAX_RESTORE_CHARS / 1024 / 1024)]), error: true });
      return;
    }
    setOutcome({ kind: 'busy' });
    try {
      // Not File.text(): that would turn a file in another encoding into U+FFFD characters silently.
      const decoded = decodeLedgerFile(new Uint8Array(await chosen.arrayBuffer()));
      if (!decoded.ok) {
        setOutcome({ kind: 'result', result: { ok: false, errors: decoded.errors } });
        return;
      }
      const result = await request('ledger/restore', { text: decoded.text, mode: how });
      setOutcome({ kind: 'result', result });
    } catch (error) {
      setOutcome({ kind: 'message', text: t('importError', error instanceof Error ? error.message : String(error)), error: true });
    }
  }

  function confirmReplace() {
    setConfirming(false);
    if (file) void restore(file, 'replace');
  }

  const busy = outcome?.kind === 'busy';
  return (
    <section class="import-panel" aria-labelledby="import-heading">
      <h2 id="import-heading">{t('importHeading')}</h2>
      <p class="muted">{t('importIntro')}</p>
      <form onSubmit={start}>
        <p>
          <label>
            {t('importFile')}{' '}
            <input
              type="file"
              accept=".json,application/json"
              data-action="import-file"
              disabled={busy}
              onChange={(e) => {
                setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null);
                setOutcome(null);
              }}
            />
          </label>
        </p>
        <fieldset disabled={busy}>
          <legend>{t('importModeLegend')}</legend>
          <label>
            <input type="radio" name="import-mode" value="merge" checked={mode === 'merge'} onChange={() => setMode('merge')} /> {t('importModeMerge')}
          </label>
          <br />
          <label>
            <input type="radio" name="import-mode" value="replace" checked={mode === 'replace'} onChange={() => setMode('replace')} /> {t('importModeReplace')}
          </label>
        </fieldset>
        <p>
          <button type="submit" class={mode === 'replace' ? 'danger' : 'primary'} data-action="import-restore" disabled={busy}>
            {t('importRestore')}
          </button>
        </p>
      </form>

      <div class="import-outcome" role="status" aria-live="polite">
        {outcome ? <OutcomeView outcome={outcome} /> : null}
      </div>

      <dialog ref={dialog} aria-labelledby="import-confirm-text" onClose={() => setConfirming(false)}>
        <p id="import-confirm-text">{t('importConfirmReplace')}</p>
        <div class="buttons">
          <button type="button" onClick={() => setConfirming(false)}>
            {t('cancel')}
          </button>
          <button type="button" class="danger" data-action="confirm-replace" onClick={confirmReplace}>
            {t('importConfirm')}
          </button>
        </div>
      </dialog>
    </section>
  );
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  if (outcome.kind === 'busy') return <p>{t('importReading')}</p>;
  if (outcome.kind === 'message') return <p class={outcome.error ? 'status error' : 'status'}>{outcome.text}</p>;
  const { result } = outcome;
  if (!result.ok) {
    const shown = result.errors.slice(0, SHOWN_ERRORS);
    return (
      <div class="import-errors">
        <p class="status error">{t('importFailed')}</p>
        <ul>
          {shown.map((e, i) => (
            <li key={i}>{errorLine(e)}</li>
          ))}
        </ul>
        {result.errors.length > shown.length ? <p>{t('importMoreErrors', formatNumber(result.errors.length - shown.length))}</p> : null}
      </div>
    );
  }
  const n = (table: string, one: MessageKey, other: MessageKey) => plural(result.added[table] ?? 0, one, other);
  return (
    <div class="import-result">
      <p class="status">{t(
          'importDone',
          formatList([
            n('prompts', 'countPromptsOne', 'countPromptsOther'),
            n('decisions', 'countDecisionsOne', 'countDecisionsOther'),
            n('permissions', 'countPermissionRequestsOne', 'countPermissionRequestsOther'),
            n('forms', 'countFormsOne', 'countFormsOther'),
            n('signIns', 'countSignInsOne', 'countSignInsOther'),
          ]),
        )}</p>
      {result.warnings.length > 0 ? (
        <>
          <p>{t('importWarnings')}</p>
          <ul>
            {result.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** "line 12: decisions[3].kind: must be one of ..." (the line and path only when known). */
function errorLine(e: { path: string; line: number | null; message: string }): string {
  return [e.line !== null ? t('importLine', formatNumber(e.line)) : null, e.path || null, e.message].filter((part) => part !== null).join(': ');
}
