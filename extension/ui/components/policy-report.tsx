/**
 * What ConsentLens read in a site's privacy policy: the change alert with its sentence diff, the
 * key facts (each opens the sentence it came from), reading time and grade, the practice
 * breakdown, the completeness checklist, and, where the browser has one, an on-device AI summary
 * labelled as such. Every claim shown here points at the policy's own words.
 */
import { useState } from 'preact/hooks';
import { webUrl } from '../../../src/url.ts';
import type { Evidence } from '../../../src/policy/document.ts';
import type { PolicyVersionRecord } from '../../../src/policy/record.ts';
import type { PolicySiteView } from '../../../src/protocol/messages.ts';
import { formatDateTime, formatDuration, formatNumber, formatPercent, plural, t } from '../i18n.ts';
import { AiSummary } from './ai-summary.tsx';

type Version = PolicyVersionRecord;

/** The sentence with one sentence of context either side, the cited one marked. */
export function EvidenceQuote({ version, evidence }: { version: Version; evidence: Evidence }) {
  // Evidence from a heading (a date line) is not a sentence: quote it without context.
  const index = version.sentences.findIndex(([s]) => s === evidence.start);
  const span = (i: number) => {
    const s = version.sentences[i];
    return s ? version.text.slice(s[0], s[1]) : '';
  };
  const before = index > 0 ? span(index - 1) : '';
  const after = index >= 0 ? span(index + 1) : '';
  return (
    <blockquote class="evidence" lang={version.lang} cite={version.url}>
      {before ? <span class="context">{before} </span> : null}
      <mark>{version.text.slice(evidence.start, evidence.end)}</mark>
      {after ? <span class="context"> {after}</span> : null}
    </blockquote>
  );
}

function KeyFacts({ version }: { version: Version }) {
  const [open, setOpen] = useState<string | null>(null);
  const facts = version.analysis.keyFacts;
  // A flag about something the policy never says has no sentence to quote: listed first, as text.
  const missing = version.analysis.redFlags.filter((f) => f.evidence.length === 0 && f.id === 'no-deletion-right');
  if (facts.length === 0 && missing.length === 0) return <p class="muted">{t('policyNoKeyFacts')}</p>;
  return (
    <ul class="key-facts">
      {missing.map((flag) => (
        <li key={flag.id} class="key-fact" data-tone="bad" data-fact={`flag:${flag.id}`}>
          <span class="fact-toggle">
            <span class="tone" aria-hidden="true" />
            <span>{t('policyNoDeletionRight')}</span>
          </span>
        </li>
      ))}
      {facts.map((fact) => (
        <li key={fact.id} class="key-fact" data-tone={fact.tone} data-fact={fact.id}>
          <button type="button" class="fact-toggle" aria-expanded={open === fact.id} onClick={() => setOpen(open === fact.id ? null : fact.id)}>
            <span class="tone" aria-hidden="true" />
            <span lang={version.lang === 'zh' ? 'zh-Hans' : 'en'}>{fact.text}</span>
          </button>
          {open === fact.id ? <EvidenceQuote version={version} evidence={fact.evidence} /> : null}
        </li>
      ))}
    </ul>
  );
}

function Reading({ version }: { version: Version }) {
  const r = version.analysis.readability;
  const grade =
    r.fleschReadingEase !== null
      ? t('policyFlesch', [formatNumber(Math.round(r.fleschReadingEase)), formatNumber(Math.round((r.fleschKincaidGrade ?? 0) * 10) / 10)])
      : r.chineseGrade !== null
        ? t('policyChineseGrade', [formatNumber(Math.round(r.chineseGrade * 10) / 10), r.chineseMeasure ?? ''])
        : '';
  return (
    <p class="reading">
      {t('policyReadingTime', [formatDuration(Math.max(1, Math.round(r.readingMinutes)), 'minute'), formatNumber(r.words), formatNumber(r.wpm)])}{' '}
      <span class="muted">({r.wpmSource})</span>
      {grade ? <span class="grade"> · {grade}</span> : null}
    </p>
  );
}

function Breakdown({ version }: { version: Version }) {
  const rows = version.analysis.breakdown.filter((b) => b.passages > 0).sort((a, b) => b.passages - a.passages);
  return (
    <details class="breakdown">
      <summary>{t('policyBreakdown')}</summary>
      <ul>
        {rows.map((b) => (
          <li key={b.category} data-category={b.category}>
            <span class="label">{b.category}</span>
            <span class="bar" style={{ width: `${Math.max(2, Math.round(b.share * 100))}%` }} aria-hidden="true" />
            <span class="muted">{plural(b.passages, 'policyPassagesOne', 'policyPassages')}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

function Checklist({ version }: { version: Version }) {
  const { items, score } = version.analysis.checklist;
  const present = items.filter((i) => i.id <= 20 && i.present).length;
  const [open, setOpen] = useState<number | null>(null);
  return (
    <details class="checklist">
      <summary>{t('policyChecklist', [formatNumber(present), formatPercent(score)])}</summary>
      <ol>
        {items.map((item) => (
          <li key={item.id} data-item={item.id} data-present={String(item.present)}>
            <span class="mark" aria-label={item.present ? t('present') : t('absent')}>{item.present ? '✓' : '✗'}</span>{' '}
            {item.evidence.length > 0 ? (
              <button type="button" class="link" aria-expanded={open === item.id} onClick={() => setOpen(open === item.id ? null : item.id)}>
                {item.title}
              </button>
            ) : (
              <span>{item.title}</span>
            )}
            <span class="muted legal"> {item.legal}</span>
            {open === item.id && item.evidence[0] ? <EvidenceQuote version={version} evidence={item.evidence[0]} /> : null}
          </li>
        ))}
      </ol>
    </details>
  );
}

function ChangeAlert({ view, onAck }: { view: PolicySiteView; onAck: () => void }) {
  const diff = view.diff;
  const previous = view.versions[1];
  if (!view.changed || !diff || !previous) return null;
  return (
    <div class="policy-changed" role="alert">
      <strong>{t('policyChanged', formatDateTime(previous.lastSeen))}</strong>
      <p>{t('policyDiffCounts', [plural(diff.added, 'policyAddedOne', 'policyAddedOther'), plural(diff.removed, 'policyRemovedOne', 'policyRemovedOther')])}</p>
      <ol class="diff">
        {diff.parts.map((part, i) =>
          part.op === 'same' ? (
            <li key={i} class="same muted">{plural(part.count, 'policyUnchangedOne', 'policyUnchanged')}</li>
          ) : (
            part.sentences.map((s, j) => (
              <li key={`${i}-${j}`} class={part.op}>
                {part.op === 'added' ? <ins>{s}</ins> : <del>{s}</del>}
              </li>
            ))
          ),
        )}
      </ol>
      <button type="button" onClick={onAck}>{t('policyChangeSeen')}</button>
    </div>
  );
}

export interface PolicyReportProps {
  view: PolicySiteView;
  onFetch: () => void;
  onAck: (id: string) => void;
  busy: boolean;
}

export function PolicyReport({ view, onFetch, onAck, busy }: PolicyReportProps) {
  const version = view.latest;
  const link = view.links.find((l) => l.kind === 'privacy');
  if (!version) {
    return (
      <section class="policy" aria-labelledby="policy-heading">
        <h2 id="policy-heading">{t('policyHeading')}</h2>
        <p class="muted">{t('policyNoneYet')}</p>
        {link ? (
          <p>
            <button type="button" class="primary" data-action="fetch-policy" disabled={busy} onClick={onFetch}>
              {t('policyFetch')}
            </button>{' '}
            <span class="muted">{t('policyFetchFrom', link.url)}</span>
          </p>
        ) : null}
      </section>
    );
  }
  return (
    <section class="policy" aria-labelledby="policy-heading" data-version={version.id}>
      <h2 id="policy-heading">{t('policyHeading')}</h2>
      <p class="muted policy-source">
        {webUrl(version.url) ? (
          <a href={version.url} target="_blank" rel="noreferrer">
            {version.title || version.url}
          </a>
        ) : (
          <span>{version.title || version.url}</span>
        )}{' '}
        · {t(version.source === 'fetched' ? 'policyFetchedOn' : 'policyReadOn', formatDateTime(version.firstSeen))}
        {view.versions.length > 1 ? ` · ${t('policyVersions', formatNumber(view.versions.length))}` : ''}
      </p>
      <ChangeAlert view={view} onAck={() => onAck(version.id)} />
      {version.analysis.truncated ? (
        <p class="policy-truncated" role="note">
          {t('policyTruncated', [formatNumber(version.analysis.truncated.analysedChars), formatNumber(version.analysis.truncated.totalChars)])}
        </p>
      ) : null}
      <KeyFacts version={version} />
      <Reading version={version} />
      <Breakdown version={version} />
      <Checklist version={version} />
      <AiSummary text={version.text} lang={version.lang} />
      {link ? (
        <p>
          <button type="button" data-action="fetch-policy" disabled={busy} onClick={onFetch}>{t('policyFetchAgain')}</button>
        </p>
      ) : null}
    </section>
  );
}
