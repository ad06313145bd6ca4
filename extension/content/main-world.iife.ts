/**
 * Main-world script (document_start, before page scripts, every frame).
 *
 * In every frame it hooks the powerful-feature APIs (permission-hooks.ts) and reports each request
 * over the private bridge (bridge-protocol.ts).
 *
 * In the top frame only, it also reads the consent signals that only page JavaScript can see - IAB
 * TCF (__tcfapi), GPP (__gpp), US Privacy (__uspapi) and Google Consent Mode (dataLayer) - and passes
 * them over the same bridge. It adds no globals; apart from the hooked methods (which behave as
 * before) it changes nothing on the page.
 */
import { HANDSHAKE, PERMISSION, PROBE, READY, REOPEN, SIGNAL, type BridgeSignal } from './bridge-protocol.ts';
import { installPermissionHooks } from './permission-hooks.ts';

(() => {
  // Captured before any page script runs: a page that later patches EventTarget.prototype,
  // Function.prototype.call, CustomEvent or Object.prototype must not be able to see (or grab) the
  // bridge element through our calls, nor change what we send.
  const dispatch = EventTarget.prototype.dispatchEvent;
  const listen = EventTarget.prototype.addEventListener;
  const SignalEvent = CustomEvent;
  const stringify = JSON.stringify;
  const keysOf = Object.keys;
  const create = Object.create;
  const doc = document;
  type Callback = (...args: never[]) => void;
  type Api = (command: string, ...args: unknown[]) => void;
  const win = window as unknown as { __tcfapi?: unknown; __gpp?: unknown; __uspapi?: unknown; dataLayer?: unknown };
  const api = (value: unknown): Api | null => (typeof value === 'function' ? (value as Api) : null);
  const node = doc.createElement('span');
  let handedOver = false;
  const handOver = (): void => {
    if (handedOver) return;
    handedOver = true;
    doc.removeEventListener(READY, handOver, true);
    doc.dispatchEvent(new MouseEvent(HANDSHAKE, { relatedTarget: node }));
  };
  doc.addEventListener(READY, handOver, true);
  handOver();

  /** dispatchEvent bound to the node now: no later lookup of `call` a page could intercept. */
  const dispatchOnNode = dispatch.bind(node) as (event: Event) => boolean;
  /** An event init without a prototype: the constructor reads `bubbles` etc. from it, not from Object.prototype. */
  const post = (type: string, json: string): void => {
    const init = create(null) as CustomEventInit<string>;
    init.detail = json;
    dispatchOnNode(new SignalEvent(type, init));
  };

  installPermissionHooks(window as unknown as Parameters<typeof installPermissionHooks>[0], (json) => post(PERMISSION, json));

  // Consent signals: the top frame only.
  if (window.top !== window) return;

  /**
   * JSON of a flat object of strings and numbers, as JSON.stringify writes it, without ever calling
   * a toJSON a page may have put on Object.prototype (stringify of a primitive looks nothing up).
   */
  const flatJson = (record: Record<string, string | number | undefined>): string => {
    const keys = keysOf(record);
    let out = '';
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const item = record[key];
      if (item === undefined) continue;
      out += (out === '' ? '' : ',') + stringify(key) + ':' + stringify(item);
    }
    return '{' + out + '}';
  };
  const send = (signal: BridgeSignal): void => {
    post(SIGNAL, flatJson(signal as unknown as Record<string, string | number | undefined>));
  };

  const hooked = new Set<string>();
  let lastConsentMode = '';

  function look(): void {
    for (const name of ['__tcfapi', '__gpp', '__uspapi'] as const) {
      if (!hooked.has(name) && api(win[name])) {
        hooked.add(name);
        send({ source: 'api', name, value: 'present' });
      }
    }
    const tcfapi = api(win.__tcfapi);
    if (tcfapi && !hooked.has('tcf')) {
      hooked.add('tcf');
      try {
        // ping: is the CMP's interface on screen right now? (its displayStatus)
        tcfapi('ping', 2, ((ping: { displayStatus?: unknown; cmpId?: unknown } | null) => {
          if (ping?.displayStatus === 'visible') send({ source: 'api', name: '__tcfapi', value: 'visible' });
        }) as Callback);
      } catch {
        // a stub that cannot ping yet
      }
      try {
        tcfapi('addEventListener', 2, ((data: { tcString?: unknown; eventStatus?: unknown; cmpId?: unknown } | null, success: boolean) => {
          if (!success || !data) return;
          if (data.eventStatus === 'cmpuishown') send({ source: 'api', name: '__tcfapi', value: 'visible' });
          if (typeof data.tcString !== 'string' || !data.tcString) return;
          const status = data.eventStatus;
          send({
            source: 'tcf',
            name: '__tcfapi',
            value: data.tcString,
            ...(status === 'tcloaded' || status === 'cmpuishown' || status === 'useractioncomplete' ? { eventStatus: status } : {}),
            ...(typeof data.cmpId === 'number' ? { cmpId: data.cmpId } : {}),
          });
        }) as Callback);
      } catch {
        // a broken CMP stub: nothing to read
      }
    }
    const gpp = api(win.__gpp);
    if (gpp && !hooked.has('gpp')) {
      hooked.add('gpp');
      try {
        gpp('addEventListener', ((event: { pingData?: { gppString?: unknown } } | null, success: boolean) => {
          const value = event?.pingData?.gppString;
          if (success && typeof value === 'string' && value) send({ source: 'gpp', name: '__gpp', value });
        }) as Callback);
      } catch {
        // ignore
      }
    }
    const usp = api(win.__uspapi);
    if (usp) {
      try {
        usp('getUSPData', 1, ((data: { uspString?: unknown } | null, success: boolean) => {
          if (success && typeof data?.uspString === 'string') send({ source: 'usp', name: '__uspapi', value: data.uspString });
        }) as Callback);
      } catch {
        // ignore
      }
    }
    const layer = win.dataLayer;
    if (Array.isArray(layer)) {
      const state: Record<string, string> = {};
      for (const entry of layer.slice(0, 500)) {
        const args = entry as ArrayLike<unknown> | null;
        if (!args || typeof args !== 'object' || args[0] !== 'consent') continue;
        const values = args[2];
        if (values && typeof values === 'object') {
          for (const [key, value] of Object.entries(values as Record<string, unknown>)) if (typeof value === 'string') state[key] = value;
        }
      }
      const json = flatJson(state);
      if (json !== '{}' && json !== lastConsentMode) {
        lastConsentMode = json;
        send({ source: 'consent-mode', name: 'dataLayer', value: json });
      }
    }
  }

  listen.call(node, PROBE, look);

  // The platforms' own "show the settings again" calls, tried in order until one exists.
  const reopeners: [string, string][] = [
    ['OneTrust', 'ToggleInfoDisplay'],
    ['Cookiebot', 'renew'],
    ['CookieConsent', 'showPreferences'],
    ['klaro', 'show'],
    ['UC_UI', 'showSecondLayer'],
    ['tarteaucitron.userInterface', 'openPanel'],
    ['Didomi.preferences', 'show'],
  ];
  listen.call(node, REOPEN, () => {
    for (const [path, method] of reopeners) {
      let target: unknown = win;
      for (const part of path.split('.')) target = target && typeof target === 'object' ? (target as Record<string, unknown>)[part] : undefined;
      const fn = target && typeof target === 'object' ? (target as Record<string, unknown>)[method] : undefined;
      if (typeof fn !== 'function') continue;
      try {
        (fn as () => void).call(target);
        return;
      } catch {
        // try the next one
      }
    }
  });
  // CMPs load after the page starts: look a few times, then only when asked.
  let tries = 0;
  const timer = setInterval(() => {
    look();
    if (++tries >= 20) clearInterval(timer);
  }, 500);
})();
