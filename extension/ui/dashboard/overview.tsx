/**
 * The dashboard's overview: totals and four charts drawn from the background's aggregates
 * (`dashboard/overview`: per-site summaries and decision index keys, never the rows). Each chart is
 * an SVG with a text equivalent (a caption and a table for screen readers), numbers written next
 * to every bar, and patterns as well as colours, so colour is never the only signal.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Overview as OverviewData } from '../../../src/ledger/site-stats.ts';
import { onBackgroundEvent, request } from '../../platform/messaging.ts';
import { formatNumber, t, uiLanguage } from '../i18n.ts';

const percent = (n: number, of: number): string => new Intl.NumberFormat(uiLanguage(), { style: 'percent', maximumFractionDigits: 0 }).format(of ? n / of : 0);

export function OverviewView({ onOpenSite }: { onOpenSite: (site: string) => void }) {
  const [data, setData] = useState<OverviewData | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const load = () =>
      request('dashboard/overview', {})
        .then((o) => {
          setData(o);
          setError(null);
        })
        .catch((e: Error) => setError(e.message));
    void load();
    return onBackgroundEvent('ledger/changed', () => void load());
  }, []);

  if (error) return <p class="status error" role="alert">{t('errorPrefix', error)}</p>;
  if (!data) return <p class="muted" aria-busy="true">{t('loading')}</p>;
  if (data.sites === 0) return <p class="empty">{t('overviewEmpty')}</p>;
  return (
    <div class="overview" data-view="overview">
      <ul class="totals" aria-label={t('overviewTotals')}>
        <Total label={t('overviewSites')} value={data.sites} />
        <Total label={t('overviewPrompts')} value={data.prompts} />
        <Total label={t('overviewDecisions')} value={data.decisions} />
        <Total label={t('overviewFlags')} value={data.flags} />
        <Total label={t('overviewPermissions')} value={data.permissions} />
      </ul>
      <div class="charts">
        <DecisionsOverTime data={data} />
        <Share data={data} />
        <Bars
          id="most-flagged"
          title={t('chartMostFlagged')}
          empty={t('chartMostFlaggedNone')}
          rows={data.mostFlagged.map((s) => ({ label: s.site, value: s.flags, note: s.highFlags ? t('chartHighFlags', formatNumber(s.highFlags)) : '', onClick: () => onOpenSite(s.site) }))}
        />
        <Bars
          id="permissions-by-type"
          title={t('chartPermissions')}
          empty={t('chartPermissionsNone')}
          rows={data.permissionsByName.map((p) => ({ label: p.permission, value: p.count, note: '' }))}
        />
      </div>
    </div>
  );
}

function Total({ label, value }: { label: string; value: number }) {
  return (
    <li class="total">
      <span class="value">{formatNumber(value)}</span>
      <span class="label">{label}</span>
    </li>
  );
}

/** Decisions per day, stacked: given (solid), refused (striped), other (dotted). */
function DecisionsOverTime({ data }: { data: OverviewData }) {
  const days = data.perDay;
  const max = Math.max(1, ...days.map((d) => d.given + d.refused + d.other));
  const W = 600;
  const H = 160;
  const bw = W / days.length;
  const y = (n: number) => (n / max) * (H - 20);
  const date = new Intl.DateTimeFormat(uiLanguage(), { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const total = days.reduce((n, d) => n + d.given + d.refused + d.other, 0);
  return (
    <figure class="chart" aria-labelledby="chart-days-title">
      <figcaption id="chart-days-title">
        <h3>{t('chartDecisionsOverTime')}</h3>
        <span class="muted">{t('chartDecisionsOverTimeNote', formatNumber(total))}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H + 18}`} role="img" aria-labelledby="chart-days-title" class="days">
        <defs>
          <pattern id="stripes" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" class="fill-refused" />
            <line x1="0" y1="0" x2="0" y2="6" class="stripe" />
          </pattern>
          <pattern id="dots" width="6" height="6" patternUnits="userSpaceOnUse">
            <rect width="6" height="6" class="fill-other" />
            <circle cx="3" cy="3" r="1.2" class="dot" />
          </pattern>
        </defs>
        <line x1="0" y1={H} x2={W} y2={H} class="axis" />
        {days.map((d, i) => {
          const x = i * bw + 1;
          const g = y(d.given);
          const r = y(d.refused);
          const o = y(d.other);
          return (
            <g key={d.day}>
              <title>{`${date.format(Date.parse(d.day))}: ${t('legendGiven')} ${d.given}, ${t('legendRefused')} ${d.refused}, ${t('legendOther')} ${d.other}`}</title>
              <rect x={x} width={bw - 2} y={H - g} height={g} class="fill-given" />
              <rect x={x} width={bw - 2} y={H - g - r} height={r} fill="url(#stripes)" />
              <rect x={x} width={bw - 2} y={H - g - r - o} height={o} fill="url(#dots)" />
            </g>
          );
        })}
        <text x="0" y={H + 14} class="tick">{date.format(Date.parse(days[0]?.day ?? ''))}</text>
        <text x={W} y={H + 14} class="tick" text-anchor="end">{date.format(Date.parse(days[days.length - 1]?.day ?? ''))}</text>
      </svg>
      <ul class="legend">
        <li><span class="swatch fill-given" aria-hidden="true" /> {t('legendGiven')}</li>
        <li><span class="swatch swatch-refused" aria-hidden="true" /> {t('legendRefused')}</li>
        <li><span class="swatch swatch-other" aria-hidden="true" /> {t('legendOther')}</li>
      </ul>
      <table class="visually-hidden">
        <caption>{t('chartDecisionsOverTime')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('chartDay')}</th>
            <th scope="col">{t('legendGiven')}</th>
            <th scope="col">{t('legendRefused')}</th>
            <th scope="col">{t('legendOther')}</th>
          </tr>
        </thead>
        <tbody>
          {days
            .filter((d) => d.given + d.refused + d.other > 0)
            .map((d) => (
              <tr key={d.day}>
                <th scope="row">{date.format(Date.parse(d.day))}</th>
                <td>{d.given}</td>
                <td>{d.refused}</td>
                <td>{d.other}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Given vs refused vs withdrawn, as one bar with the shares written on it. */
function Share({ data }: { data: OverviewData }) {
  const all = data.given + data.refused + data.withdrawn;
  const parts = [
    { key: 'given', label: t('legendGiven'), n: data.given },
    { key: 'refused', label: t('legendRefused'), n: data.refused },
    { key: 'withdrawn', label: t('legendWithdrawn'), n: data.withdrawn },
  ];
  return (
    <figure class="chart" aria-labelledby="chart-share-title">
      <figcaption id="chart-share-title">
        <h3>{t('chartShare')}</h3>
      </figcaption>
      {all === 0 ? (
        <p class="muted">{t('chartShareNone')}</p>
      ) : (
        <>
          <div class="share" role="img" aria-label={parts.map((p) => `${p.label} ${percent(p.n, all)}`).join(', ')}>
            {parts
              .filter((p) => p.n > 0)
              .map((p) => (
                <span key={p.key} class={`share-part share-${p.key}`} style={{ flexGrow: p.n }}>
                  {percent(p.n, all)}
                </span>
              ))}
          </div>
          <ul class="legend">
            {parts.map((p) => (
              <li key={p.key}>
                <span class={`swatch swatch-${p.key}`} aria-hidden="true" /> {p.label}: {formatNumber(p.n)} ({percent(p.n, all)})
              </li>
            ))}
          </ul>
        </>
      )}
    </figure>
  );
}

interface BarRow {
  label: string;
  value: number;
  note: string;
  onClick?: () => void;
}

function Bars({ id, title, empty, rows }: { id: string; title: string; empty: string; rows: BarRow[] }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <figure class="chart" aria-labelledby={`${id}-title`} data-chart={id}>
      <figcaption id={`${id}-title`}>
        <h3>{title}</h3>
      </figcaption>
      {rows.length === 0 ? (
        <p class="muted">{empty}</p>
      ) : (
        <ol class="bars">
          {rows.map((r) => (
            <li key={r.label}>
              {r.onClick ? (
                <button type="button" class="link bar-label" onClick={r.onClick}>
                  {r.label}
                </button>
              ) : (
                <span class="bar-label">{r.label}</span>
              )}
              <span class="bar" aria-hidden="true">
                <span style={{ width: `${(r.value / max) * 100}%` }} />
              </span>
              <span class="bar-value">
                {formatNumber(r.value)}
                {r.note ? <span class="muted"> · {r.note}</span> : null}
              </span>
            </li>
          ))}
        </ol>
      )}
    </figure>
  );
}
