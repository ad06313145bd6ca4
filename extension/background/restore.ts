/**
 * Restoring a ledger export (the dashboard's JSON backup) into the database.
 *
 * 1. The text is checked and parsed first (size, JSON, format, schema version, every record:
 *    src/ledger/import.ts). On any error nothing is opened for writing.
 * 2. Then ONE read-write Dexie transaction over the tables the backup fills. Any throw inside it
 *    (a constraint, a quota error, a bug) aborts the transaction: the ledger is left as it was.
 *
 * Modes:
 * - `replace`: the record tables (prompts, decisions, permissions, forms, signIns, and since v5
 *   studyConsents) are emptied, then
 *   the backup's records are written.
 * - `merge`: a record is added only when its id is not in the ledger yet; an existing row is never
 *   overwritten (even if the backup's copy differs, e.g. a form with more submissions).
 *
 * What is not restored:
 * - Policy versions. A backup carries only their summaries (no text, no analysis), which is not a
 *   policy version record: they are skipped (a warning says how many) and the policies table is
 *   not touched in either mode, so the policy texts this browser holds survive a replace. Decisions
 *   keep their `policyVersion` reference (id, hash, url, firstSeen), which is self-contained.
 * - A sign-in's OAuth `state` (never exported: it is the site's anti-forgery token): restored
 *   sign-ins have `state: null`.
 * - Settings, policy links, the extensions audit and the research studies table (the study files
 *   and the participation state) are not part of a backup and are left alone; a backup's study
 *   consent records are restored like the other records.
 */
import type { DecisionRecord, PromptRecord } from '../../src/model.ts';
import type { FormRecord, SignInRecord } from '../../src/ledger/collection.ts';
import type { PermissionRequestRecord } from '../../src/permissions/records.ts';
import type { StudyConsentRecord } from '../../src/ledger/study-consent.ts';
import { parseLedgerExport } from '../../src/ledger/import.ts';
import { MAX_RESTORE_CHARS, type UiResponses } from '../../src/protocol/messages.ts';
import type { LedgerDb } from './db.ts';

export type RestoreMode = 'merge' | 'replace';
export type RestoreResult = UiResponses['ledger/restore'];

/** The tables a restore writes, in the order they are written. */
export const RESTORED_TABLES = ['prompts', 'decisions', 'permissions', 'forms', 'signIns', 'studyConsents'] as const;
export type RestoredTable = (typeof RESTORED_TABLES)[number];

export async function restoreLedger(db: LedgerDb, text: string, mode: RestoreMode, options: { maxChars?: number } = {}): Promise<RestoreResult> {
  const maxChars = options.maxChars ?? MAX_RESTORE_CHARS;
  if (text.length > maxChars) {
    return {
      ok: false,
      errors: [{ path: '', line: null, message: `the file is larger than the limit for a restore (${maxChars.toLocaleString('en')} characters); nothing was restored` }],
    };
  }
  const parsed = parseLedgerExport(text);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const { doc } = parsed;
  const warnings = [...parsed.warnings];
  if (doc.policies.length > 0) {
    warnings.push(`${doc.policies.length} policy version(s) not restored: a backup holds only their summaries, not their text (decisions keep their policy references)`);
  }

  const records: { [K in RestoredTable]: { id: string }[] } = {
    prompts: doc.prompts satisfies PromptRecord[],
    decisions: doc.decisions satisfies DecisionRecord[],
    permissions: doc.permissions satisfies PermissionRequestRecord[],
    forms: doc.forms satisfies FormRecord[],
    signIns: doc.signIns.map((s): SignInRecord => ({ ...s, state: null })),
    studyConsents: (doc.studyConsents ?? []) satisfies StudyConsentRecord[],
  };

  try {
    const added = await db.transaction('rw', [db.prompts, db.decisions, db.permissions, db.forms, db.signIns, db.studyConsents], async () => {
      const counts: Record<string, number> = {};
      for (const name of RESTORED_TABLES) {
        const table = db.table<{ id: string }, string>(name);
        let rows = records[name];
        if (mode === 'replace') {
          await table.clear();
        } else if (rows.length > 0) {
          const existing = await table.bulkGet(rows.map((r) => r.id));
          rows = rows.filter((_, i) => existing[i] === undefined);
        }
        if (rows.length > 0) await table.bulkAdd(rows);
        counts[name] = rows.length;
      }
      return counts;
    });
    return { ok: true, added, warnings };
  } catch (error) {
    // Dexie aborted the transaction: nothing of it was written.
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ok: false, errors: [{ path: '', line: null, message: `the ledger could not be written (${reason.slice(0, 300)}); nothing was restored` }] };
  }
}
