/** Small pieces both the popup and the dashboard show: a prompt's offered actions and decisions. */
import type { ActionRole, ConsentSnapshotRecord, DecisionKind, DecisionRecord, FlagRecord, OfferedAction, PromptKind } from '../../../src/model.ts';
import { formatDateTime, plural, t } from '../i18n.ts';
import type { MessageKey } from '../message-keys.ts';

export const roleName = (role: ActionRole): string => t(`role_${role.replaceAll('-', '_')}` as MessageKey);
export const kindName = (kind: PromptKind): string => t(`kind_${kind.replaceAll('-', '_')}` as MessageKey);
export const decisionName = (kind: DecisionKind): string => t(`decision_${kind.replaceAll('-', '_')}` as MessageKey);

export function OfferedActions({ actions }: { actions: OfferedAction[] }) {
  return (
    <ul class="chips" aria-label={t('offered')}>
      {actions.map((a, i) => (
        <li key={i} class="chip" data-role={a.role} title={roleName(a.role)}>
          {a.label}
        </li>
      ))}
    </ul>
  );
}

export function Decisions({ decisions }: { decisions: DecisionRecord[] }) {
  if (decisions.length === 0) return <span class="muted">{t('noChoiceYet')}</span>;
  return (
    <span>
      {decisions.map((d) => (
        <span key={d.id} class="decision" data-role={d.kind}>
          {decisionName(d.kind)}
          <span class="muted">
            {!d.label || [decisionName(d.kind), d.role ? roleName(d.role) : ''].some((n) => n.toLowerCase() === d.label.toLowerCase())
              ? ''
              : ` — “${d.label}”`}
            , {formatDateTime(d.time)}
          </span>
          {d.choices?.length ? (
            <span class="muted">
              {' '}
              ({d.choices.map((c) => `${c.label}: ${c.on ? t('choiceOn') : t('choiceOff')}`).join('; ')})
            </span>
          ) : null}
          {d.indicatedBy === 'extension' ? <span class="muted"> ({t('byExtension')})</span> : null}
          {d.autoconsent ? (
            <span class="muted">
              {' '}
              · {d.autoconsent.cmp} ·{' '}
              {d.autoconsent.selfTest === null ? t('selfTestPending') : d.autoconsent.selfTest ? t('selfTestPassed') : t('selfTestFailed')}
            </span>
          ) : null}
        </span>
      ))}
    </span>
  );
}

export function excerpt(text: string, max = 180): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;

/** The traffic light: red when any high-severity flag, amber for others, green for none. */
export function trafficLight(flags: FlagRecord[]): 'red' | 'amber' | 'green' {
  if (flags.some((f) => f.severity === 'high')) return 'red';
  return flags.length ? 'amber' : 'green';
}

function evidenceText(flag: FlagRecord): string {
  const parts: string[] = [];
  if (flag.evidence.text) parts.push(`“${flag.evidence.text}”`);
  for (const [key, value] of Object.entries(flag.evidence.values ?? {})) {
    parts.push(`${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`);
  }
  return parts.join(' · ');
}

/** Each flag in plain language, with its evidence and legal references; colour is never the only signal. */
export function FlagList({ flags }: { flags: FlagRecord[] }) {
  if (flags.length === 0) {
    return (
      <p class="flags-none" data-light="green">
        <span aria-hidden="true">●</span> {t('noFlags')}
      </p>
    );
  }
  const sorted = [...flags].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return (
    <ul class="flags" aria-label={t('flagsHeading')}>
      {sorted.map((f) => (
        <li key={f.id} class="flag" data-flag={f.id} data-severity={f.severity}>
          <strong>
            <span class="severity">{t(`severity_${f.severity}` as MessageKey)}</span> {t(`flag_${f.id}_title` as MessageKey)}
          </strong>
          <span class="flag-text">{t(`flag_${f.id}_text` as MessageKey)}</span>
          {evidenceText(f) ? (
            <span class="evidence">
              {t('evidence')}: {evidenceText(f)}
            </span>
          ) : null}
          <span class="legal">{f.legal.join('; ')}</span>
        </li>
      ))}
    </ul>
  );
}

/** What the site stored after the person's choice (the newest snapshot), in words. */
export function StoredConsent({ signals, after }: { signals: ConsentSnapshotRecord[]; after: number | null }) {
  const latest = [...signals].filter((s) => after === null || s.time >= after).sort((a, b) => b.time - a.time)[0];
  if (!latest) return <span class="muted">{t('storedNothingSeen')}</span>;
  const granted = [
    ...latest.purposeConsents.map((p) => t('tcfPurpose', String(p))),
    ...latest.grantedCategories,
    ...(latest.vendorConsents ? [plural(latest.vendorConsents, 'vendorCountOne', 'vendorCount')] : []),
  ];
  return (
    <span class="stored" data-source={latest.source}>
      {granted.length ? t('storedGranted', granted.join(', ')) : t('storedNothingGranted')}
      <span class="muted"> ({t(`source_${latest.source.replaceAll('-', '_')}` as MessageKey)})</span>
    </span>
  );
}

/** One line per prompt in the dashboard: each flag's title, worst first (the popup has the details). */
export function FlagSummary({ flags }: { flags: FlagRecord[] }) {
  if (flags.length === 0) return null;
  const sorted = [...flags].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return (
    <ul class="flag-summary" aria-label={t('flagsHeading')}>
      {sorted.map((f) => (
        <li key={f.id} data-flag={f.id} data-severity={f.severity}>
          <span class="severity">{t(`severity_${f.severity}` as MessageKey)}</span> {t(`flag_${f.id}_title` as MessageKey)}
        </li>
      ))}
    </ul>
  );
}
