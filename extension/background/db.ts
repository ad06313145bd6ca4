/**
 * The ledger database. Only the background opens it for writing: it is the single writer.
 * Versions are append-only: never edit a released `version(n)`; add `version(n + 1)` with an
 * upgrade function, and a migration test from a populated fixture of the previous version
 * (test/unit/extension/background/migration.test.ts).
 */
import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import { decisionKindOf, type ActionRole, type DecisionRecord, type PromptRecord } from '../../src/model.ts';
import type { PolicyLinksRecord, PolicyVersionRecord } from '../../src/policy/record.ts';
import type { PermissionRequestRecord } from '../../src/permissions/records.ts';
import type { FormRecord, SignInRecord } from '../../src/ledger/collection.ts';
import type { SiteStats } from '../../src/ledger/site-stats.ts';
import type { StudyConsentRecord } from '../../src/ledger/study-consent.ts';
import type { StudyFile } from '../../src/research/study.ts';
import { isQuotaError } from './quota.ts';

export const DB_NAME = 'consent-lens';

export interface SettingRow {
  key: string;
  value: unknown;
}

/** A research study (research mode): loaded (pending), joined (active) or left. One row per study id. */
export interface StudyRow {
  studyId: string;
  status: 'pending' | 'active' | 'left';
  study: StudyFile;
  /** SHA-256 of the study's consent text (what the participant is shown and agrees to). */
  consentTextHash: string;
  loadedAt: number;
  participantId: string | null;
  joinedAt: number | null;
  leftAt: number | null;
  lastExportAt: number | null;
}

export class LedgerDb extends Dexie {
  prompts!: EntityTable<PromptRecord, 'id'>;
  decisions!: EntityTable<DecisionRecord, 'id'>;
  settings!: EntityTable<SettingRow, 'key'>;
  policies!: EntityTable<PolicyVersionRecord, 'id'>;
  policyLinks!: EntityTable<PolicyLinksRecord, 'site'>;
  permissions!: EntityTable<PermissionRequestRecord, 'id'>;
  forms!: EntityTable<FormRecord, 'id'>;
  signIns!: EntityTable<SignInRecord, 'id'>;
  siteStats!: EntityTable<SiteStats, 'site'>;
  studies!: EntityTable<StudyRow, 'studyId'>;
  studyConsents!: EntityTable<StudyConsentRecord, 'id'>;

  constructor(name: string = DB_NAME, options?: DexieOptions) {
    super(name, options);
    // v1 (0.1.0): prompts and decisions as first recorded.
    this.version(1).stores({
      prompts: 'id, site, time, [site+time]',
      decisions: 'id, promptId, site, time',
      settings: 'key',
    });
    // v2: prompts carry facts, layers, consent signals and validity flags; decisions a `kind`.
    this.version(2)
      .stores({
        prompts: 'id, site, time, [site+time]',
        decisions: 'id, promptId, site, time, kind',
        settings: 'key',
      })
      .upgrade(async (tx) => {
        await tx
          .table('prompts')
          .toCollection()
          .modify((p: Partial<PromptRecord>) => {
            p.facts ??= { toggles: [], blocksPage: false, policyLink: false };
            p.layers ??= [];
            p.signals ??= [];
            p.reopenControl ??= null;
            p.flags ??= [];
          });
        await tx
          .table('decisions')
          .toCollection()
          .modify((d: Partial<DecisionRecord> & { role: ActionRole }) => {
            // v1 logged every click, settings included; keep each row, say what it was.
            d.kind ??= decisionKindOf(d.role) ?? 'opened-settings';
          });
      });
    // v3: policy versions (text, analysis; one series per site and kind) and policy links per site. Existing rows are unchanged:
    // decisions recorded before v3 simply have no `policyVersion`.
    this.version(3).stores({
      prompts: 'id, site, time, [site+time]',
      decisions: 'id, promptId, site, time, kind',
      settings: 'key',
      policies: 'id, site, [site+kind+firstSeen]',
      policyLinks: 'site',
    });
    // v4: powerful permission requests, data-collection forms, sign-in (OAuth) scope screens, and
    // the installed-extensions audit. New tables only; no existing row changes.
    this.version(4).stores({
      prompts: 'id, site, time, [site+time]',
      decisions: 'id, promptId, site, time, kind',
      settings: 'key',
      policies: 'id, site, [site+kind+firstSeen]',
      policyLinks: 'site',
      permissions: 'id, site, time, [site+time]',
      forms: 'id, site, time',
      signIns: 'id, site, time',
      extensions: 'id',
    });
    // v5: research mode. The studies the person loaded or joined, and their study consents
    // (joined / left) as ledger records. New tables only; no existing row changes.
    this.version(5).stores({
      prompts: 'id, site, time, [site+time]',
      decisions: 'id, promptId, site, time, kind',
      settings: 'key',
      policies: 'id, site, [site+kind+firstSeen]',
      policyLinks: 'site',
      permissions: 'id, site, time, [site+time]',
      forms: 'id, site, time',
      signIns: 'id, site, time',
      extensions: 'id',
      studies: 'studyId, status',
      studyConsents: 'id, studyId, time',
    });
    // v6: per-site summaries for the dashboard (rebuilt from the rows, see site-stats.ts), and
    // decisions by [site+time] (the latest refusal before a prompt, read newest first). No existing
    // row changes.
    this.version(6).stores({
      prompts: 'id, site, time, [site+time]',
      decisions: 'id, promptId, site, time, kind, [site+time]',
      settings: 'key',
      policies: 'id, site, [site+kind+firstSeen]',
      policyLinks: 'site',
      permissions: 'id, site, time, [site+time]',
      forms: 'id, site, time',
      signIns: 'id, site, time',
      extensions: 'id',
      studies: 'studyId, status',
      studyConsents: 'id, studyId, time',
      siteStats: 'site, lastSeen, flags',
    });
  }
}

/** Room a write may need: about the largest prompt record with its flags. */
const CHECK_BYTES = 16 * 1024;

/**
 * Whether the ledger can still take a write: writes and deletes a CHECK_BYTES row in one
 * transaction (nothing stays), so "full" means fewer than that many bytes are left.
 */
export async function storageHasRoom(db: LedgerDb): Promise<boolean> {
  try {
    await db.transaction('rw', db.settings, async () => {
      await db.settings.put({ key: 'storageCheck', value: 'x'.repeat(CHECK_BYTES) });
      await db.settings.delete('storageCheck');
    });
    return true;
  } catch (error) {
    if (isQuotaError(error)) return false;
    throw error;
  }
}
