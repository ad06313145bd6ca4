/**
 * Research mode in the background (docs/research.md, "Research mode"): the study the person loaded,
 * their joining and leaving, the export reminder. Everything is in the database (`studies`,
 * `studyConsents`); nothing is kept in worker variables.
 *
 * One study at a time: a study file is loaded as `pending`; accepting its consent screen makes it
 * `active` and records a `joined` StudyConsentRecord; leaving makes it `left` and records `left`.
 * Another file can be loaded only when no study is active.
 *
 * What leaving deletes when the study says `onLeave: "delete-study-data"` (`deleteStudyData`): the
 * records of the study's event kinds from the participation window (from the later of the study's
 * start and the moment of joining, to the earlier of its end and the moment of leaving):
 * - `prompt-shown`: prompts shown in the window, with the decisions given on them;
 * - `decision`: decisions given in the window;
 * - `consent-signal`: consent signals read in the window (removed from the prompts that stay);
 * - `permission-request`: permission requests made in the window;
 * - `data-given`: form submissions in the window; a form first seen in the window whose
 *   submissions are all removed is removed too;
 * - `sign-in`: sign-in screens opened in the window;
 * - `policy-version`: policy versions first seen in the window.
 * Nothing outside those kinds and that window is touched, nor settings, policy links or the
 * extensions audit. The study consent records (joined, left) are kept: they are the person's
 * evidence of what they agreed to and when they withdrew. All of it happens in one transaction
 * with the `left` record and the study's status change: all of it, or nothing.
 */
import { RecordError } from '../../src/ledger/records.ts';
import type { StudyConsentRecord } from '../../src/ledger/study-consent.ts';
import type { ResearchState, UiResponses } from '../../src/protocol/messages.ts';
import { consentTextHash, nextExportReminder, parseStudyFile, participantIdFor, studyCoverage, type StudyFile } from '../../src/research/study.ts';
import type { EventKind } from '../../src/ledger/events.ts';
import type { LedgerDb, StudyRow } from './db.ts';

export interface ResearchDeps {
  db: LedgerDb;
  now: () => number;
  newId: () => string;
}

/** The study that is active, else the pending one, else null. */
async function currentStudy(db: LedgerDb): Promise<StudyRow | null> {
  const rows = await db.studies.where('status').anyOf(['active', 'pending']).toArray();
  return rows.find((r) => r.status === 'active') ?? rows.find((r) => r.status === 'pending') ?? null;
}

export async function loadStudy(deps: ResearchDeps, text: string): Promise<UiResponses['research/load']> {
  const parsed = parseStudyFile(text);
  if (!parsed.ok) return parsed;
  const { db } = deps;
  const study = parsed.study;
  const hash = consentTextHash(study);
  return db.transaction('rw', db.studies, async () => {
    const active = await db.studies.where('status').equals('active').first();
    if (active) {
      return { ok: false as const, errors: [{ path: '', message: `you are taking part in the study "${active.study.title}"; leave it before loading another` }] };
    }
    await db.studies.where('status').equals('pending').delete();
    await db.studies.put({
      studyId: study.studyId,
      status: 'pending',
      study,
      consentTextHash: hash,
      loadedAt: deps.now(),
      participantId: null,
      joinedAt: null,
      leftAt: null,
      lastExportAt: null,
    });
    return { ok: true as const, study, consentTextHash: hash };
  });
}

export async function researchState(deps: ResearchDeps): Promise<ResearchState> {
  const row = await currentStudy(deps.db);
  if (!row) return { state: 'none' };
  if (row.status === 'pending' || row.participantId === null || row.joinedAt === null) {
    return { state: 'pending', study: row.study, consentTextHash: row.consentTextHash };
  }
  const participation = { participantId: row.participantId, joinedAt: row.joinedAt, leftAt: row.leftAt, lastExportAt: row.lastExportAt };
  const nextReminderAt = nextExportReminder(row.study, row.lastExportAt, row.joinedAt);
  return {
    state: 'active',
    study: row.study,
    consentTextHash: row.consentTextHash,
    participation,
    nextReminderAt,
    reminderDue: nextReminderAt !== null && deps.now() >= nextReminderAt,
  };
}

function consentRecord(deps: ResearchDeps, row: StudyRow, participantId: string, action: StudyConsentRecord['action'], time: number, dataDeleted: boolean | null): StudyConsentRecord {
  return {
    id: deps.newId(),
    studyId: row.studyId,
    participantId,
    action,
    consentVersion: row.study.consent.version,
    consentTextHash: row.consentTextHash,
    dataDeleted,
    time,
  };
}

export async function joinStudy(deps: ResearchDeps, payload: { studyId: string; consentTextHash: string; enteredId?: string | undefined }): Promise<{ participantId: string }> {
  const { db } = deps;
  return db.transaction('rw', db.studies, db.studyConsents, async () => {
    const row = await db.studies.get(payload.studyId);
    if (!row || row.status !== 'pending') throw new RecordError(`no study "${payload.studyId}" is waiting for consent`);
    if (row.consentTextHash !== payload.consentTextHash) throw new RecordError('the consent text changed since it was shown; read it again');
    const id = participantIdFor(row.study, payload.enteredId, deps.newId);
    if (!id.ok) throw new RecordError(id.message);
    const time = deps.now();
    await db.studyConsents.add(consentRecord(deps, row, id.participantId, 'joined', time, null));
    await db.studies.put({ ...row, status: 'active', participantId: id.participantId, joinedAt: time, leftAt: null, lastExportAt: null });
    return { participantId: id.participantId };
  });
}

export async function discardStudy(deps: ResearchDeps, studyId: string): Promise<{ discarded: boolean }> {
  const { db } = deps;
  return db.transaction('rw', db.studies, async () => {
    const row = await db.studies.get(studyId);
    if (!row || row.status !== 'pending') return { discarded: false };
    await db.studies.delete(studyId);
    return { discarded: true };
  });
}

/** The tables `deleteStudyData` may write, named for the transaction. */
const DATA_TABLES = ['prompts', 'decisions', 'permissions', 'forms', 'signIns', 'policies'] as const;

/**
 * Deletes what the study covers (see the file comment). Must run inside a transaction over
 * DATA_TABLES. Returns how many rows went (or changed, for consent signals and form submissions), per kind.
 */
async function deleteStudyData(db: LedgerDb, kinds: ReadonlySet<EventKind>, from: number, to: number): Promise<Record<string, number>> {
  const inWindow = (t: number) => t >= from && t <= to;
  const deleted: Record<string, number> = {};
  if (kinds.has('prompt-shown')) {
    const ids = (await db.prompts.where('time').between(from, to, true, true).primaryKeys()) as string[];
    deleted['decisionsOfPrompts'] = ids.length ? await db.decisions.where('promptId').anyOf(ids).delete() : 0;
    await db.prompts.bulkDelete(ids);
    deleted['prompt-shown'] = ids.length;
  }
  if (kinds.has('decision')) deleted['decision'] = await db.decisions.where('time').between(from, to, true, true).delete();
  if (kinds.has('consent-signal')) {
    let removed = 0;
    await db.prompts
      .filter((p) => (p.signals ?? []).some((s) => inWindow(s.time)))
      .modify((p) => {
        const kept = p.signals.filter((s) => !inWindow(s.time));
        removed += p.signals.length - kept.length;
        p.signals = kept;
      });
    deleted['consent-signal'] = removed;
  }
  if (kinds.has('permission-request')) deleted['permission-request'] = await db.permissions.where('time').between(from, to, true, true).delete();
  if (kinds.has('data-given')) {
    let removed = 0;
    const emptied: string[] = [];
    await db.forms
      .filter((f) => f.submissions.some((s) => inWindow(s.time)))
      .modify((f) => {
        const kept = f.submissions.filter((s) => !inWindow(s.time));
        removed += f.submissions.length - kept.length;
        f.submissions = kept;
        if (kept.length === 0 && inWindow(f.time)) emptied.push(f.id);
      });
    await db.forms.bulkDelete(emptied);
    deleted['data-given'] = removed;
  }
  if (kinds.has('sign-in')) deleted['sign-in'] = await db.signIns.where('time').between(from, to, true, true).delete();
  if (kinds.has('policy-version')) deleted['policy-version'] = await db.policies.filter((p) => inWindow(p.firstSeen)).delete();
  return deleted;
}

export async function leaveStudy(deps: ResearchDeps, studyId: string): Promise<UiResponses['research/leave']> {
  const { db } = deps;
  return db.transaction('rw', [db.studies, db.studyConsents, ...DATA_TABLES.map((name) => db.table(name))], async () => {
    const row = await db.studies.get(studyId);
    if (!row || row.status !== 'active' || row.participantId === null || row.joinedAt === null) throw new RecordError(`you are not taking part in a study "${studyId}"`);
    const time = deps.now();
    const dataDeleted = row.study.onLeave === 'delete-study-data';
    let deleted: Record<string, number> = {};
    if (dataDeleted) {
      const coverage = studyCoverage(row.study as StudyFile, { joinedAt: row.joinedAt, leftAt: time });
      deleted = await deleteStudyData(db, new Set(coverage.kinds), coverage.from, coverage.to);
    }
    await db.studyConsents.add(consentRecord(deps, row, row.participantId, 'left', time, dataDeleted));
    await db.studies.put({ ...row, status: 'left', leftAt: time });
    return { dataDeleted, deleted };
  });
}

export async function markExported(deps: ResearchDeps, studyId: string): Promise<{ lastExportAt: number }> {
  const { db } = deps;
  return db.transaction('rw', db.studies, async () => {
    const row = await db.studies.get(studyId);
    if (!row || row.status !== 'active') throw new RecordError(`you are not taking part in a study "${studyId}"`);
    const lastExportAt = deps.now();
    await db.studies.put({ ...row, lastExportAt });
    return { lastExportAt };
  });
}

/** All study consent records, oldest first (for the ledger export). */
export const allStudyConsents = (db: LedgerDb): Promise<StudyConsentRecord[]> => db.studyConsents.orderBy('time').toArray();
