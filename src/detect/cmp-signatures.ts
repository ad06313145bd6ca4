/**
 * Known consent platforms recognised by the markup they render. A banner inside (or being) one of
 * these elements is attributed to that platform; the popup shows its name.
 */
export const CMP_SIGNATURES: readonly { name: string; selector: string }[] = [
  { name: 'OneTrust', selector: '#onetrust-banner-sdk, #onetrust-consent-sdk' },
  { name: 'Cookiebot', selector: '#CybotCookiebotDialog' },
  { name: 'Didomi', selector: '#didomi-host, #didomi-popup' },
  { name: 'Quantcast Choice', selector: '#qc-cmp2-container, .qc-cmp2-container' },
  { name: 'Usercentrics', selector: '#usercentrics-root, #usercentrics-cmp-ui' },
  { name: 'Sourcepoint', selector: '[id^="sp_message_container"]' },
  { name: 'TrustArc', selector: '#truste-consent-track, #truste-consent-content' },
  { name: 'Osano', selector: '.osano-cm-window, .osano-cm-dialog' },
  { name: 'Osano Cookie Consent', selector: '.cc-window.cc-banner, .cc-window.cc-floating' },
  { name: 'CookieConsent (orestbida)', selector: '#cc-main, #cc--main' },
  { name: 'Klaro', selector: '.klaro, #klaro' },
  { name: 'tarteaucitron', selector: '#tarteaucitronRoot' },
  { name: 'Complianz', selector: '#cmplz-cookiebanner-container, .cmplz-cookiebanner' },
  { name: 'CookieYes', selector: '.cky-consent-container, #cookie-law-info-bar' },
  { name: 'Iubenda', selector: '#iubenda-cs-banner' },
  { name: 'Termly', selector: '#termly-code-snippet-support' },
  { name: 'Borlabs Cookie', selector: '#BorlabsCookieBox' },
  { name: 'Axeptio', selector: '#axeptio_overlay' },
  { name: 'Sirdata', selector: '#sd-cmp' },
  { name: 'consentmanager', selector: '#cmpbox, #cmpwrapper' },
];

/** The platform whose markup holds (or is) `el`, or null for a site-made banner. */
export function cmpOf(el: Element): string | null {
  for (const { name, selector } of CMP_SIGNATURES) {
    try {
      if (el.closest(selector) || el.querySelector(selector)) return name;
    } catch {
      // a selector the DOM cannot parse: skip it
    }
  }
  return null;
}
