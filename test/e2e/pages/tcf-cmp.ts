/**
 * A small page CMP for the end-to-end tests, built on the IAB's own @iabtechlabtcf/cmpapi (the
 * __tcfapi the page exposes) and @iabtechlabtcf/core (real TC strings). Bundled for the browser by
 * test/e2e/tcf.test.ts. `?mode=` picks its behaviour:
 *   honest  - no TC string until the person answers; reject stores no consent.
 *   early   - stores consent for everything as soon as the banner shows (before any click).
 *   ignore  - stores consent for everything even when the person clicks "Reject all".
 */
import { CmpApi } from '@iabtechlabtcf/cmpapi';
import { GVL, TCModel, TCString } from '@iabtechlabtcf/core';
import { VENDOR_LIST } from '../../unit/signals/vendor-list.ts';

const CMP_ID = 10;
const mode = new URLSearchParams(location.search).get('mode') ?? 'honest';
const gvl = new GVL(VENDOR_LIST);
const cmp = new CmpApi(CMP_ID, 3, true);

function tcString(consentToEverything: boolean): string {
  const model = new TCModel(gvl);
  model.cmpId = CMP_ID;
  model.cmpVersion = 3;
  model.consentScreen = 1;
  model.isServiceSpecific = true;
  if (consentToEverything) {
    model.setAllPurposeConsents();
    model.setAllVendorConsents();
  }
  return TCString.encode(model);
}

function answer(consentToEverything: boolean): void {
  cmp.update(tcString(consentToEverything), false); // -> useractioncomplete
  document.getElementById('tcf-banner')?.remove();
}

// The banner is shown: tell listeners (cmpuishown). "early" already stores consent for everything.
cmp.update(mode === 'early' ? tcString(true) : '', true);

const banner = document.createElement('div');
banner.id = 'tcf-banner';
banner.setAttribute('role', 'region');
banner.setAttribute('aria-label', 'Privacy');
banner.innerHTML = `
  <p>We and our 3 partners store and access information on your device and use it for personalised
  advertising and audience measurement. <a href="/privacy">Privacy policy</a></p>
  <button type="button" id="tcf-accept">Accept all</button>
  <button type="button" id="tcf-reject">Reject all</button>`;
document.body.append(banner);
document.getElementById('tcf-accept')?.addEventListener('click', () => answer(true));
document.getElementById('tcf-reject')?.addEventListener('click', () => answer(mode === 'ignore'));
