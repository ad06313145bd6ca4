/**
 * Dashboard: research mode (docs/research.md, "Research mode"). The participant loads the study
 * file a researcher gave them, reads the study's consent screen (who, why, what is collected, how
 * it is pseudonymised, what leaving does, and the consent text itself, always as plain text), and
 * agrees or not. While they take part it shows the study, their participant id and the next export
 * reminder, and lets them leave (behind a confirmation dialog). `ResearchReminder` is the banner
 * the dashboard shows when an export is due. Everything stays in the browser: the background keeps
 * the study (`research/*` messages); exports are made and sent by the participant.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { EventKind } from '../../../src/ledger/events.ts';
import type { ResearchState } from '../../../src/protocol/messages.ts';
import { MAX_STUDY_FILE_CHARS, type StudyFile, type StudyFileError } from '../../../src/research/study.ts';
import { onBackgroundEvent, request } from '../../platform/messaging.ts';
import { formatDateTime, formatNumber, t } from '../i18n.ts';
import type { MessageKey } from '../message-keys.ts';

/** What each event kind collects, in plain words (the consent screen's "what is collected"). */
const KIND_WORDS: Record<EventKind, MessageKey> = {
  'prompt-shown': 'researchKindPromptShown',
  decision: 'researchKindDecision',
  'consent-signal': 'researchKindConsentSignal',
  'permission-request': 'researchKindPermissionRequest',
  'data-given': 'researchKindDataGiven',
  'sign-in': 'researchKindSignIn',
  'policy-version': 'researchKindPolicyVersion',
};

/** The dashboard's research state, reloaded whenever the ledger changes. */
function useResearchState(): [ResearchState | null, () => void, string | null] {
  const [state, setState] = useState<ResearchState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    request('research/get', {}).then(
      (s) => {
        setState(s);
        setError(null);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);
  useEffect(() => {
    reload();
    return onBackgroundEvent('ledger/changed', reload);
  }, [reload]);
  return [state, reload, error];
}

/** The banner at the top of the dashboard when the study's export reminder is due. */
export function ResearchReminder() {
  const [state] = useResearchState();
  if (state?.state !== 'active' || !state.reminderDue) return null;
  return (
    <p class="research-reminder" role="alert" data-research="reminder">
      {t('researchReminderDue', state.study.title)}
    </p>
  );
}

export function ResearchPanel() {
  const [state, reload, loadError] = useResearchState();
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [errors, setErrors] = useState<StudyFileError[]>([]);

  const fail = (error: unknown) => setStatus({ text: t('errorPrefix', error instanceof Error ? error.message : String(error)), error: true });

  async function loadFile(file: File | undefined) {
    setErrors([]);
    setStatus(null);
    if (!file) return;
    if (file.size > MAX_STUDY_FILE_CHARS * 4) {
      setStatus({ text: t('researchTooLarge', file.name), error: true });
      return;
    }
    try {
      const result = await request('research/load', { text: await file.text() });
      if (!result.ok) {
        setErrors(result.errors);
        setStatus({ text: t('researchInvalid', file.name), error: true });
      }
      reload();
    } catch (error) {
      fail(error);
    }
  }

  return (
    <section class="research-panel" aria-labelledby="research-heading">
      <h2 id="research-heading">{t('researchHeading')}</h2>
      {loadError ? <p class="status error">{t('errorPrefix', loadError)}</p> : null}
      {state === null ? null : state.state === 'active' ? (
        <ActiveStudy state={state} onChange={reload} onStatus={setStatus} onError={fail} />
      ) : (
        <>
          <p class="muted">{t('researchIntro')}</p>
          <p>
            <label>
              {t('researchFile')}{' '}
              <input type="file" accept=".json,application/json" data-action="research-file" onChange={(e) => {
                  const input = e.currentTarget;
                  void loadFile(input.files?.[0]).finally(() => (input.value = '')); // the same file can be chosen again
                }}
              />
            </label>
          </p>
          {errors.length > 0 ? (
            <ul class="research-errors" data-research="errors">
              {errors.map((e, i) => (
                <li key={i}>{e.path ? `${e.path}: ${e.message}` : e.message}</li>
              ))}
            </ul>
          ) : null}
          {state.state === 'pending' ? (
            <ConsentScreen study={state.study} consentTextHash={state.consentTextHash} onChange={reload} onStatus={setStatus} onError={fail} />
          ) : null}
        </>
      )}
      <p class={`status${status?.error ? ' error' : ''}`} role="status" aria-live="polite">
        {status?.text ?? ''}
      </p>
    </section>
  );
}

interface Callbacks {
  onChange: () => void;
  onStatus: (status: { text: string; error: boolean } | null) => void;
  onError: (error: unknown) => void;
}

function pseudonymizationWords(study: StudyFile): string[] {
  const p = study.pseudonymization;
  const words = [t(p.sites === 'etld1' ? 'researchSitesDomains' : p.salt === 'per-study' ? 'researchSitesHashStudy' : 'researchSitesHashExport')];
  words.push(t(p.keepUrls ? 'researchKeepUrls' : 'researchDropUrls'));
  words.push(t(p.keepText ? 'researchKeepText' : 'researchDropText'));
  return words;
}

function ConsentScreen({ study, consentTextHash, onChange, onStatus, onError }: { study: StudyFile; consentTextHash: string } & Callbacks) {
  const [entered, setEntered] = useState('');
  const [busy, setBusy] = useState(false);
  const scheme = study.participantId;
  const asksId = scheme.scheme !== 'random';

  async function agree(event: Event) {
    event.preventDefault();
    setBusy(true);
    try {
      const { participantId } = await request('research/join', { studyId: study.studyId, consentTextHash, ...(asksId ? { enteredId: entered } : {}) });
      onStatus({ text: t('researchJoined', [study.title, participantId]), error: false });
      onChange();
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  }

  async function notNow() {
    try {
      await request('research/discard', { studyId: study.studyId });
      onStatus({ text: t('researchDeclined'), error: false });
      onChange();
    } catch (error) {
      onError(error);
    }
  }

  return (
    <form class="consent-screen" aria-labelledby="consent-screen-title" data-research="consent-screen" onSubmit={(e) => void agree(e)}>
      <h3 id="consent-screen-title">{study.title}</h3>
      <dl>
        <dt>{t('researchResearcher')}</dt>
        <dd data-research="researcher">
          {study.researcher.name}, {study.researcher.institution} ({study.researcher.contact})
        </dd>
        <dt>{t('researchPurpose')}</dt>
        <dd>{study.purpose}</dd>
        <dt>{t('researchCollected')}</dt>
        <dd>
          <ul data-research="kinds">
            {study.include.kinds.map((kind) => (
              <li key={kind}>{t(KIND_WORDS[kind])}</li>
            ))}
          </ul>
          <p class="muted">{t('researchLocalOnly', formatNumber(study.exportReminderDays))}</p>
        </dd>
        <dt>{t('researchPseudonymization')}</dt>
        <dd>
          <ul>
            {pseudonymizationWords(study).map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </dd>
        <dt>{t('researchOnLeave')}</dt>
        <dd data-research="on-leave">{t(study.onLeave === 'delete-study-data' ? 'researchOnLeaveDelete' : 'researchOnLeaveKeep')}</dd>
        {study.startDate || study.endDate ? (
          <>
            <dt>{t('researchDates')}</dt>
            <dd>{t('researchDatesValue', [study.startDate ?? '…', study.endDate ?? '…'])}</dd>
          </>
        ) : null}
      </dl>
      <h4 id="consent-text-heading">{t('researchConsentText', study.consent.version)}</h4>
      {/* Plain text in a text node: the study file's words are never parsed as HTML. */}
      <div class="consent-text" role="document" aria-labelledby="consent-text-heading" tabIndex={0} data-research="consent-text">
        {study.consent.text}
      </div>
      {asksId ? (
        <p>
          <label for="research-participant-id">{t('researchEnterId')}</label>{' '}
          <input
            id="research-participant-id"
            type="text"
            required
            maxLength={64}
            autoComplete="off"
            spellcheck={false}
            aria-describedby={scheme.hint ? 'research-participant-hint' : undefined}
            value={entered}
            onInput={(e) => setEntered(e.currentTarget.value)}
          />
          {scheme.hint ? (
            <span id="research-participant-hint" class="muted">
              {' '}
              {scheme.hint}
            </span>
          ) : null}
        </p>
      ) : null}
      <div class="buttons">
        <button type="submit" class="primary" data-action="research-agree" disabled={busy}>
          {t('researchAgree')}
        </button>
        <button type="button" data-action="research-not-now" disabled={busy} onClick={() => void notNow()}>
          {t('researchNotNow')}
        </button>
      </div>
    </form>
  );
}

function ActiveStudy({ state, onChange, onStatus, onError }: { state: Extract<ResearchState, { state: 'active' }> } & Callbacks) {
  const { study, participation, nextReminderAt } = state;
  const [confirming, setConfirming] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (confirming) dialog.current?.showModal();
    else dialog.current?.close();
  }, [confirming]);

  async function leave() {
    setConfirming(false);
    try {
      const result = await request('research/leave', { studyId: study.studyId, confirm: true });
      onStatus({ text: t(result.dataDeleted ? 'researchLeftDeleted' : 'researchLeftKept', study.title), error: false });
      onChange();
    } catch (error) {
      onError(error);
    }
  }

  return (
    <div class="research-status" data-research="status">
      <p>{t('researchTakingPart', study.title)}</p>
      <dl>
        <dt>{t('researchParticipantId')}</dt>
        <dd>
          <code data-research="participant-id">{participation.participantId}</code>
        </dd>
        <dt>{t('researchJoinedAt')}</dt>
        <dd>{formatDateTime(participation.joinedAt)}</dd>
        <dt>{t('researchLastExport')}</dt>
        <dd>{participation.lastExportAt === null ? t('researchNever') : formatDateTime(participation.lastExportAt)}</dd>
        <dt>{t('researchNextReminder')}</dt>
        <dd data-research="next-reminder">{nextReminderAt === null ? t('researchNoMoreReminders') : formatDateTime(nextReminderAt)}</dd>
      </dl>
      <button type="button" class="danger" data-action="research-leave" onClick={() => setConfirming(true)}>
        {t('researchLeave')}
      </button>
      <dialog ref={dialog} aria-labelledby="research-leave-text" onClose={() => setConfirming(false)}>
        <p id="research-leave-text">{t(study.onLeave === 'delete-study-data' ? 'researchConfirmLeaveDelete' : 'researchConfirmLeaveKeep', study.title)}</p>
        <div class="buttons">
          <button type="button" onClick={() => setConfirming(false)}>
            {t('cancel')}
          </button>
          <button type="button" class="danger" data-action="research-confirm-leave" onClick={() => void leave()}>
            {t('researchLeaveConfirm')}
          </button>
        </div>
      </dialog>
    </div>
  );
}
