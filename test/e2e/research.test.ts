/**
 * Research mode end to end in Debian Chromium (playwright-core), on the built dist/chrome: the
 * participant loads the documented example study (docs/examples/study.json) in the dashboard,
 * reads its consent screen and agrees with the id the researcher gave them; the consent is in the
 * ledger (IndexedDB `studyConsents`) and in the JSON export; then they leave the study through the
 * confirmation dialog and the withdrawal is recorded.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/text.ts';
import { LEDGER_SCHEMA_VERSION } from '../../src/ledger/records.ts';
import { ROOT, browserOrSkip, waitFor } from './support/browsers.ts';
import { launchChromiumWithExtension, type ExtensionBrowser } from './support/chromium.ts';
import { readStoreInBrowser } from './support/ledger.ts';

const executablePath = browserOrSkip('chromium');
const STUDY_FILE = resolve(ROOT, 'docs/examples/study.json');
const study = JSON.parse(readFileSync(STUDY_FILE, 'utf8')) as { studyId: string; title: string; consent: { text: string; version: string } };

interface ConsentRow {
  studyId: string;
  participantId: string;
  action: string;
  consentVersion: string;
  consentTextHash: string;
  dataDeleted: boolean | null;
}

describe.skipIf(!executablePath)('Chromium: research mode (load a study, join, leave)', () => {
  let browser: ExtensionBrowser;
  let worker: Worker;
  let dashboard: Page;

  const consents = async (): Promise<ConsentRow[]> => (await worker.evaluate(readStoreInBrowser, 'studyConsents')) as ConsentRow[];

  beforeAll(async () => {
    browser = await launchChromiumWithExtension(executablePath as string, { viewport: { width: 1200, height: 900 } });
    worker = browser.worker;
    dashboard = await browser.context.newPage();
    await dashboard.goto(`chrome-extension://${browser.extensionId}/extension/ui/dashboard/index.html#ledger`);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the study\'s consent screen, and agreeing records the participant\'s consent in the ledger', async () => {
    await dashboard.locator('input[data-action="research-file"]').setInputFiles(STUDY_FILE);
    const screen = dashboard.locator('[data-research="consent-screen"]');
    await screen.waitFor();
    expect(await screen.getByRole('heading', { name: study.title }).count()).toBe(1);
    expect(await screen.locator('[data-research="consent-text"]').innerText()).toBe(study.consent.text);
    expect(await screen.locator('[data-research="kinds"] li').count()).toBe(4);
    expect(await consents()).toEqual([]); // loading is not consenting

    // An id of the wrong form is refused by the background; the right one joins.
    const id = dashboard.getByLabel('Your participant id (from the researcher)');
    await id.fill('someone');
    await dashboard.locator('button[data-action="research-agree"]').click();
    await dashboard.locator('.research-panel .status.error').waitFor();
    expect(await consents()).toEqual([]);
    await id.fill('P-017');
    await dashboard.locator('button[data-action="research-agree"]').click();

    const joined = await waitFor('the study consent in the ledger', async () => {
      const rows = await consents();
      return rows.length > 0 ? rows : undefined;
    });
    expect(joined).toEqual([
      expect.objectContaining({ studyId: study.studyId, participantId: 'P-017', action: 'joined', consentVersion: study.consent.version, consentTextHash: sha256Hex(study.consent.text), dataDeleted: null }),
    ]);
    expect(await dashboard.locator('[data-research="participant-id"]').innerText()).toBe('P-017');

    // The ledger export the dashboard downloads carries it as studyConsents.
    const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByRole('button', { name: 'Export as JSON' }).click()]);
    const exported = JSON.parse(readFileSync((await download.path()) as string, 'utf8')) as { schemaVersion: number; studyConsents: { action: string }[] };
    expect(exported.schemaVersion).toBe(LEDGER_SCHEMA_VERSION);
    expect(exported.studyConsents.map((c) => c.action)).toEqual(['joined']);
  });

  it('an export for the study: the study metadata in the file, study and participant on every event, the reminder reset', async () => {
    // The study export page reloads the panel with the study active.
    await dashboard.reload();
    const forStudy = dashboard.locator('input[name="export-for-study"]');
    await forStudy.waitFor();
    expect(await forStudy.isChecked()).toBe(true);
    await dashboard.locator('input[name="export-format"][value="json"]').check();
    await dashboard.locator('button[data-action="export-preview"]').click();
    const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.locator('button[data-action="export-write"]').click()]);
    const doc = JSON.parse(readFileSync((await download.path()) as string, 'utf8')) as { study: { studyId: string; participantId: string }; events: { detail: Record<string, unknown> }[] };
    expect(doc.study).toMatchObject({ studyId: study.studyId, participantId: 'P-017' });
    expect(doc.events.length).toBeGreaterThan(0);
    expect(doc.events.every((e) => e.detail.studyId === study.studyId && e.detail.participantId === 'P-017')).toBe(true);
    const state = await waitFor('the export recorded for the reminder', async () => {
      const rows = (await worker.evaluate(readStoreInBrowser, 'studies')) as { lastExportAt?: number | null }[];
      return rows.some((r) => typeof r.lastExportAt === 'number') ? rows : undefined;
    });
    expect(state.length).toBe(1);
  });

  it('leaving, after the confirmation dialog, records the withdrawal', async () => {
    await dashboard.locator('button[data-action="research-leave"]').click();
    const dialog = dashboard.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('will be deleted from this device');
    await dialog.locator('button[data-action="research-confirm-leave"]').click();

    const rows = await waitFor('the withdrawal in the ledger', async () => {
      const all = await consents();
      return all.length === 2 ? all : undefined;
    });
    expect(rows.find((r) => r.action === 'left')).toMatchObject({ studyId: study.studyId, participantId: 'P-017', dataDeleted: true });
    const studies = (await worker.evaluate(readStoreInBrowser, 'studies')) as { studyId: string; status: string }[];
    expect(studies).toEqual([expect.objectContaining({ studyId: study.studyId, status: 'left' })]);
    // The panel offers to load a study again.
    await dashboard.locator('input[data-action="research-file"]').waitFor();
  });
});
