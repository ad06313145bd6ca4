/** Small pieces both the popup and the dashboard show: a prompt's offered actions and decisions. */
import type { ActionRole, DecisionRecord, OfferedAction, PromptKind } from '../../../src/model.ts';
import { formatDateTime, t } from '../i18n.ts';
import type { MessageKey } from '../message-keys.ts';

export const roleName = (role: ActionRole): string => t(`role_${role.replaceAll('-', '_')}` as MessageKey);
export const kindName = (kind: PromptKind): string => t(`kind_${kind.replaceAll('-', '_')}` as MessageKey);

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
        <span key={d.id} class="decision" data-role={d.role}>
          {roleName(d.role)}
          <span class="muted">
            {d.label.toLowerCase() === roleName(d.role).toLowerCase() ? '' : ` — “${d.label}”`}, {formatDateTime(d.time)}
          </span>
          {d.indicatedBy === 'extension' ? <span class="muted"> ({t('byExtension')})</span> : null}
        </span>
      ))}
    </span>
  );
}

export function excerpt(text: string, max = 180): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
