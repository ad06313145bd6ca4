/**
 * A populated ledger for the e2e suite and the benchmarks: `events` ledger events spread over 40
 * sites and the last 30 days (prompts with their flags, decisions of every kind, permission
 * requests), built with the same record functions the background uses, then written into the
 * extension's own IndexedDB from its service worker (raw writes; the site summaries are rebuilt by
 * the extension on first use).
 */
import type { Worker } from 'playwright-core';
import type { PromptRecord } from '../../../src/model.ts';
import { decisionRecordFrom, promptRecordFrom } from '../../../src/ledger/records.ts';
import { permissionRecordFrom } from '../../../src/permissions/records.ts';
import type { PermissionName } from '../../../src/permissions/model.ts';

type ReportedKind = Parameters<typeof decisionRecordFrom>[0]['kind'];

const SITES = 40;
/** The eighth kind is a withdrawal: the background records it as an accept-all turned `withdrawn`. */
const KINDS: ReportedKind[] = ['accept-all', 'reject-all', 'reject-all', 'necessary-only', 'custom', 'dismissed', 'accept-all', 'accept-all'];
const PERMISSIONS: PermissionName[] = ['geolocation', 'notifications', 'camera', 'microphone', 'clipboard-read'];

export interface SeedRows {
  prompts: PromptRecord[];
  decisions: ReturnType<typeof decisionRecordFrom>[];
  permissions: ReturnType<typeof permissionRecordFrom>[];
}

/** About `events` events: each prompt gives a prompt-shown and a decision event; every fifth step adds a permission request. */
export function seedRows(events: number, now = Date.now()): SeedRows {
  const rows: SeedRows = { prompts: [], decisions: [], permissions: [] };
  const span = 30 * 86_400_000;
  let count = 0;
  for (let i = 0; count < events; i++) {
    const site = `news-${String(i % SITES).padStart(2, '0')}.example`;
    const sender = { tabUrl: `https://www.${site}/story/${i}`, frameUrl: `https://www.${site}/story/${i}`, frameId: 0 };
    const time = now - span + Math.floor(((i * 7919) % 1000) / 1000 * span);
    const id = `seed-prompt-${String(i).padStart(7, '0')}`;
    const prompt = promptRecordFrom(
      {
        id,
        kind: i % 9 === 0 ? 'cookie-wall' : 'cookie-banner',
        detector: 'generic',
        cmp: i % 3 === 0 ? 'OneTrust' : null,
        language: 'en',
        text: `We and our ${10 + (i % 50)} partners use cookies to personalise ads and measure audiences on ${site}. Accept all Reject all`,
        actions: i % 4 === 0 ? [{ label: 'Accept all', role: 'accept-all' }] : [{ label: 'Accept all', role: 'accept-all' }, { label: 'Reject all', role: 'reject-all' }],
        facts: { toggles: i % 5 === 0 ? [{ label: 'Marketing', checked: true, essential: false }] : [], blocksPage: i % 9 === 0, policyLink: i % 6 !== 0 },
        time,
      },
      sender,
    );
    if (i % 4 === 0) prompt.flags = [{ id: 'F1', severity: 'high', evidence: { values: { offered: ['accept-all'] } }, legal: ['GDPR Art. 7(3)'] }];
    else if (i % 5 === 0) prompt.flags = [{ id: 'F3', severity: 'medium', evidence: { values: { preTicked: ['Marketing'] } }, legal: ['CJEU C-673/17 Planet49'] }];
    rows.prompts.push(prompt);
    count += 1;
    if (count >= events) break;
    const k = (i * 3 + Math.floor(i / SITES)) % KINDS.length;
    const kind = KINDS[k] as ReportedKind;
    const role = kind === 'accept-all' ? 'accept-all' : kind === 'custom' ? 'save-choices' : kind === 'dismissed' ? null : 'reject-all';
    const decision = decisionRecordFrom(
        { id: `seed-decision-${String(i).padStart(7, '0')}`, promptId: id, kind, role, label: role ? 'Button' : '', ...(kind === 'custom' ? { choices: [{ label: 'Marketing', on: i % 2 === 0 }] } : {}), time: time + 4_000 },
        sender,
    );
    if (k === KINDS.length - 1) decision.kind = 'withdrawn';
    rows.decisions.push(decision);
    count += 1;
    if (i % 5 === 0 && count < events) {
      const permission = PERMISSIONS[(i / 5) % PERMISSIONS.length] as PermissionName;
      const request = permissionRecordFrom(
        {
          id: `seed-permission-${String(i).padStart(7, '0')}`,
          api: permission === 'geolocation' ? 'geolocation.getCurrentPosition' : permission === 'notifications' ? 'Notification.requestPermission' : permission === 'clipboard-read' ? 'clipboard.readText' : 'mediaDevices.getUserMedia',
          permission,
          probe: false,
          sinceNavigation: 300 + (i % 4000),
          gesture: i % 2 === 0,
          softAskBefore: false,
          stateBefore: 'prompt',
          siteKind: 'news',
          siteKindSignals: ['schema.org NewsArticle'],
          time: time + 9_000,
        },
        sender,
      );
      request.outcome = i % 3 === 0 ? 'granted' : 'denied';
      request.stateAfter = request.outcome;
      request.flags = i % 2 === 0 ? [] : [{ id: 'P1', severity: 'medium', title: 'Asked on page load', explanation: 'The page asked as it loaded.', legal: ['GDPR Art. 25'] }];
      rows.permissions.push(request);
      count += 1;
    }
  }
  return rows;
}

/**
 * Writes the rows into the extension's IndexedDB from its service worker, 2,000 per transaction.
 * Waits first until the extension has created its database (a raw open before that would create an
 * empty one at version 1).
 */
export async function seedLedger(worker: Worker, rows: SeedRows): Promise<void> {
  for (let i = 0; ; i++) {
    const ready = await worker.evaluate(async () => (await indexedDB.databases()).some((d) => d.name === 'consent-lens' && (d.version ?? 0) > 1));
    if (ready) break;
    if (i > 100) throw new Error('the extension did not create its database');
    await new Promise((ok) => setTimeout(ok, 100));
  }
  for (const [store, list] of Object.entries(rows) as [string, unknown[]][]) {
    for (let i = 0; i < list.length; i += 2000) {
      await worker.evaluate(
        async ({ store, chunk }) => {
          const db = await new Promise<IDBDatabase>((ok, fail) => {
            const open = indexedDB.open('consent-lens');
            open.onsuccess = () => ok(open.result);
            open.onerror = () => fail(open.error);
          });
          await new Promise<void>((ok, fail) => {
            const tx = db.transaction([store, 'settings'], 'readwrite');
            for (const row of chunk) tx.objectStore(store).put(row);
            // The site summaries are rebuilt on the dashboard's next look.
            tx.objectStore('settings').delete('siteStatsBuilt');
            tx.oncomplete = () => ok();
            tx.onerror = () => fail(tx.error);
          });
          db.close();
        },
        { store, chunk: list.slice(i, i + 2000) },
      );
    }
  }
}
