/**
 * Main-world permission hooks (imported by main-world.iife.ts; every frame, document_start, before
 * any page script). Each entry point that can ask the person for a powerful feature is replaced,
 * once, on its prototype (or constructor, for static methods) by a wrapper that calls the captured
 * original with the same `this` and the same arguments and reports over the bridge:
 *   - a request, right after the original returned without throwing: API, permission, whether it is
 *     a permissions.query probe, performance.now() and navigator.userActivation.isActive (both read
 *     just before the call, which may consume the activation);
 *   - its outcome, when the API answers the page.
 * Nothing runs until a page calls one of these methods: no polling, no observers, no allocation.
 *
 * Invisible to the page:
 *   - the wrapper has the original's `name` and `length`, no `prototype`, is not a constructor, and
 *     is installed with the original property's attributes;
 *   - Function.prototype.toString is patched once so that a wrapper prints its original's source
 *     ("function x() { [native code] }") and the patched toString prints the native one's;
 *   - results: a promise-returning API gives the page a native promise that settles with the very
 *     value or rejection reason of the original one (see `observe` for why not the original object);
 *     geolocation passes our callbacks to the original and calls the page's with the same argument;
 *   - exceptions: the original's own, rethrown; never a check of ours before the call;
 *   - stacks: our frames are removed from errors created while a wrapper was on the stack (V8's
 *     own `stack` accessor), and page callbacks are called from a microtask through a bound
 *     function, so a page's `new Error().stack` in its callback names no extension URL;
 *   - every built-in used after document_start (Reflect.apply, defineProperty, WeakMap, Promise,
 *     getters of navigator.userActivation, DOMException#name, ...) is captured here first, and
 *     nothing we call looks anything up on objects a page can patch, so patching built-ins later
 *     neither sees our calls nor changes what we report.
 *
 * Outcome mapping (what the API told the page):
 *   geolocation.getCurrentPosition / watchPosition: success callback -> granted; error code 1
 *     (PERMISSION_DENIED) -> denied; 2 / 3 -> error (POSITION_UNAVAILABLE / TIMEOUT). watchPosition is
 *     recorded once per call, with its first answer.
 *   Notification.requestPermission, IdleDetector.requestPermission: "granted" -> granted, "denied" ->
 *     denied, "default" -> dismissed (the promise is watched; a legacy callback is left alone and
 *     receives the same value).
 *   permissions.query: a probe, outcome "answered", with the PermissionStatus's state.
 *   mediaDevices.getUserMedia: one request per permission asked: video -> camera, audio ->
 *     microphone (both -> two requests with the same outcome); neither readable -> "other".
 *   Device choosers (bluetooth/usb/serial/hid): resolved -> granted; NotFoundError (chooser cancelled)
 *     -> dismissed; hid resolving with no device (its way of saying cancelled) -> dismissed.
 *   Every promise API: resolved -> granted; NotAllowedError / SecurityError -> denied; any other
 *     rejection -> error (with the error's name).
 */
import { PERMISSION_NAMES, type PermissionApi, type PermissionName, type PermissionOutcome, type PermissionStateValue } from '../../src/permissions/model.ts';

/** Sends one JSON message over the bridge (the PERMISSION event). */
export type Emit = (json: string) => void;

type Fn = (this: unknown, ...args: unknown[]) => unknown;
interface Settled {
  outcome: PermissionOutcome;
  state?: PermissionStateValue;
  error?: string;
}
type OnValue = (value: unknown) => Settled;
type OnError = (name: string) => PermissionOutcome;

type Win = typeof globalThis & Record<string, unknown>;

/** Installs the hooks in this realm. Call once, at document_start. */
export function installPermissionHooks(win: Win, emit: Emit): void {
  // ---- Built-ins, captured before any page script can replace them.
  const { apply, defineProperty, getOwnPropertyDescriptor: ownDesc, getPrototypeOf } = Reflect;
  const hasOwn = Object.hasOwn;
  const create = Object.create;
  const isArray = Array.isArray;
  const FunctionProto = Function.prototype;
  const nativeToString = FunctionProto.toString;
  const bind = FunctionProto.bind;
  const NativePromise = Promise;
  const then = NativePromise.prototype.then;
  const originals = new WeakMap<object, Fn>();
  const mapGet = WeakMap.prototype.get;
  const mapSet = WeakMap.prototype.set;
  const stringify = JSON.stringify;
  const indexOf = String.prototype.indexOf;
  const slice = String.prototype.slice;
  const charCodeAt = String.prototype.charCodeAt;
  const round = Math.round;
  const microtask = win.queueMicrotask;
  const nav = win.navigator;
  const perf = win.performance;
  const ERROR_PROTOS: [object, string][] = [
    [TypeError.prototype, 'TypeError'],
    [RangeError.prototype, 'RangeError'],
    [SyntaxError.prototype, 'SyntaxError'],
    [ReferenceError.prototype, 'ReferenceError'],
  ];

  const proto = (name: string): object | null => {
    const ctor = win[name];
    return typeof ctor === 'function' ? ((ctor as { prototype?: object }).prototype ?? null) : null;
  };
  const getterOf = (holder: object | null, key: string): Fn | null => {
    const desc = holder ? ownDesc(holder, key) : undefined;
    return desc && typeof desc.get === 'function' ? (desc.get as Fn) : null;
  };
  const read = (getter: Fn | null, target: unknown): unknown => {
    if (!getter) return undefined;
    try {
      return apply(getter, target, []);
    } catch {
      return undefined;
    }
  };
  const perfNow = (proto('Performance') as { now?: Fn } | null)?.now ?? null;
  const userActivationGet = getterOf(proto('Navigator'), 'userActivation');
  const isActiveGet = getterOf(proto('UserActivation'), 'isActive');
  const domNameGet = getterOf(proto('DOMException'), 'name');
  const geoCodeGet = getterOf(proto('GeolocationPositionError'), 'code');
  const stateGet = getterOf(proto('PermissionStatus'), 'state');
  /** permissions.query names we know, as a prototype-less lookup table. */
  const KNOWN: Record<string, PermissionName> = create(null);
  for (let i = 0; i < PERMISSION_NAMES.length; i++) {
    const name = PERMISSION_NAMES[i] as PermissionName;
    if (name !== 'other') KNOWN[name] = name;
  }

  /** A descriptor without a prototype: defining it looks nothing up on Object.prototype. */
  const valueOnly = (value: unknown): PropertyDescriptor => {
    const desc = create(null) as PropertyDescriptor;
    desc.value = value;
    return desc;
  };
  /** Appends to one of our arrays without [[Set]] (a page may put setters on Array.prototype indexes). */
  const append = <T>(list: T[], value: T): void => {
    const desc = valueOnly(value);
    desc.writable = true;
    desc.enumerable = true;
    desc.configurable = true;
    defineProperty(list, list.length, desc);
  };

  // ---- Our own frames, to take out of stacks. Found on the first error that passes through a
  // wrapper, not at install: formatting a stack costs ~2 ms per frame at document_start (V8 has to
  // build the script's source positions), and most pages never call these APIs. A page that sets
  // Error.prepareStackTrace first sees raw call sites, ours included, whatever we do here.
  let ownOrigin: string | null | undefined;
  const NativeError = Error;
  const origin = (): string | null => {
    if (ownOrigin !== undefined) return ownOrigin;
    ownOrigin = null;
    // Only built-ins captured at install: by now the page may have replaced String.prototype methods.
    const stack: unknown = new NativeError().stack;
    if (typeof stack !== 'string') return ownOrigin;
    const marker = '-extension://';
    const at = apply(indexOf, stack, [marker]) as number;
    if (at < 0) return ownOrigin;
    let start = at;
    for (let c = apply(charCodeAt, stack, [start - 1]) as number; start > 0 && c >= 97 && c <= 122; c = apply(charCodeAt, stack, [start - 1]) as number) start--;
    const end = apply(indexOf, stack, ['/', at + marker.length]) as number;
    ownOrigin = end < 0 ? null : (apply(slice, stack, [start, end + 1]) as string);
    return ownOrigin;
  };

  function withoutOwnFrames(stack: string, own: string): string {
    let out = '';
    let first = true;
    let start = 0;
    while (start <= stack.length) {
      let end = apply(indexOf, stack, ['\n', start]) as number;
      if (end < 0) end = stack.length;
      const line = apply(slice, stack, [start, end]) as string;
      if (first || (apply(indexOf, line, [own]) as number) < 0) {
        out = first ? line : out + '\n' + line;
        first = false;
      }
      start = end + 1;
    }
    return out;
  }

  /** Removes our frames from an error's stack (V8 keeps it in an own accessor or data property). */
  function scrub(error: unknown): unknown {
    if ((typeof error !== 'object' && typeof error !== 'function') || error === null) return error;
    const own = origin();
    if (own === null) return error;
    try {
      const desc = ownDesc(error, 'stack');
      if (!desc) return error;
      const get = hasOwn(desc, 'get') ? desc.get : undefined;
      const set = hasOwn(desc, 'set') ? desc.set : undefined;
      const value: unknown = get ? apply(get, error, []) : hasOwn(desc, 'value') ? desc.value : undefined;
      if (typeof value !== 'string' || (apply(indexOf, value, [own]) as number) < 0) return error;
      const clean = withoutOwnFrames(value, own);
      if (set) apply(set, error, [clean]);
      else if (!get && desc.writable) defineProperty(error, 'stack', valueOnly(clean));
    } catch {
      // leave it as it is
    }
    return error;
  }

  // ---- Reporting.
  let seq = 0;
  const send = (json: string): void => {
    try {
      emit(json);
    } catch {
      // never let reporting disturb the page's call
    }
  };
  const now = (): number => {
    const value = perfNow ? read(perfNow, perf) : 0;
    return typeof value === 'number' && value >= 0 && value < 8.64e10 ? round(value * 10) / 10 : 0;
  };
  const gesture = (): boolean => read(isActiveGet, read(userActivationGet, nav)) === true;
  /** Just before a call: lets the isolated side read the state as it was before the browser answers. */
  function before(permission: PermissionName): void {
    send('{"k":"before","permission":' + stringify(permission) + '}');
  }
  function request(api: PermissionApi, permission: PermissionName, since: number, active: boolean): number {
    seq += 1;
    send(
      '{"k":"request","seq":' + seq + ',"api":' + stringify(api) + ',"permission":' + stringify(permission) + ',"probe":' + (api === 'permissions.query') +
        ',"sinceNavigation":' + since + ',"gesture":' + active + '}',
    );
    return seq;
  }
  /** An error name we pass on: letters and underscores only (else "Error"). */
  function cleanName(name: unknown): string {
    if (typeof name !== 'string' || name.length === 0 || name.length > 60) return 'Error';
    for (let i = 0; i < name.length; i++) {
      const c = apply(charCodeAt, name, [i]) as number;
      if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95)) return 'Error';
    }
    return name;
  }
  function outcome(id: number, settled: Settled): void {
    // Own keys only: a missing key must not be looked up on Object.prototype.
    const error = hasOwn(settled, 'error') ? settled.error : undefined;
    const state = hasOwn(settled, 'state') ? settled.state : undefined;
    send(
      '{"k":"outcome","seq":' + id + ',"outcome":' + stringify(settled.outcome) + (error !== undefined ? ',"error":' + stringify(cleanName(error)) : '') +
        (state !== undefined ? ',"state":' + stringify(state) : '') + '}',
    );
  }
  function errorName(error: unknown): string {
    const dom = read(domNameGet, error);
    if (typeof dom === 'string') return dom;
    if ((typeof error === 'object' || typeof error === 'function') && error !== null) {
      try {
        const p = getPrototypeOf(error);
        for (let i = 0; i < ERROR_PROTOS.length; i++) {
          const entry = ERROR_PROTOS[i] as [object, string];
          if (p === entry[0]) return entry[1];
        }
      } catch {
        // a proxy
      }
    }
    return 'Error';
  }
  /** A page object's own data property, without running any getter or looking at its prototype. */
  function dataOf(target: unknown, key: string): unknown {
    if ((typeof target !== 'object' && typeof target !== 'function') || target === null) return undefined;
    try {
      const desc = ownDesc(target, key);
      return desc && hasOwn(desc, 'value') ? desc.value : undefined;
    } catch {
      return undefined;
    }
  }

  // ---- Installing.
  /** Replaces holder[key] by the wrapper `make` builds, keeping the property's attributes. */
  function install(holder: object | null, key: string, make: (original: Fn) => Fn): void {
    if (!holder) return;
    const desc = ownDesc(holder, key);
    if (!desc || typeof desc.value !== 'function' || !desc.configurable) return;
    const original = desc.value as Fn;
    const wrapper = make(original);
    defineProperty(wrapper, 'length', { value: original.length });
    defineProperty(wrapper, 'name', { value: original.name });
    apply(mapSet, originals, [wrapper, original]);
    defineProperty(holder, key, { value: wrapper, writable: desc.writable, enumerable: desc.enumerable, configurable: true });
  }
  /** A method-shaped function (no prototype, not a constructor) called `key`. */
  const method = (key: string, body: (self: unknown, args: unknown[]) => unknown): Fn =>
    ({
      [key](this: unknown, ...args: unknown[]): unknown {
        return body(this, args);
      },
    })[key] as Fn;

  /**
   * The page gets a native promise that settles exactly as the original does (same value, same
   * reason, one microtask later). Not the original object: watching it would mark it handled, and a
   * page's unhandled rejection (an `unhandledrejection` event, the console's "Uncaught (in promise)")
   * would silently disappear. This one is the page's to handle or not, like the original.
   */
  function observe(result: unknown, ids: number[], onValue: OnValue, onError: OnError): unknown {
    let resolve!: (value: unknown) => void;
    let reject!: (reason: unknown) => void;
    const mirror = new NativePromise<unknown>((ok, fail) => {
      resolve = ok;
      reject = fail;
    });
    const report = (settled: Settled): void => {
      for (let i = 0; i < ids.length; i++) outcome(ids[i] as number, settled);
    };
    try {
      apply(then, result, [
        (value: unknown) => {
          try {
            report(onValue(value));
          } catch {
            // nothing to report
          }
          resolve(value);
        },
        (reason: unknown) => {
          scrub(reason);
          try {
            const name = errorName(reason);
            report({ outcome: onError(name), error: name });
          } catch {
            // nothing to report
          }
          reject(reason);
        },
      ]);
    } catch {
      return result; // not a promise: nothing to watch
    }
    return mirror;
  }

  function promiseHook(holder: object | null, key: string, api: PermissionApi, permissionsOf: (args: unknown[]) => PermissionName[], onValue: OnValue, onError: OnError): void {
    install(holder, key, (original) =>
      method(key, (self, args) => {
        const since = now();
        const active = gesture();
        const permissions = permissionsOf(args);
        for (let i = 0; i < permissions.length; i++) before(permissions[i] as PermissionName);
        let result: unknown;
        try {
          result = apply(original, self, args);
        } catch (error) {
          throw scrub(error);
        }
        const ids: number[] = [];
        for (let i = 0; i < permissions.length; i++) append(ids, request(api, permissions[i] as PermissionName, since, active));
        return observe(result, ids, onValue, onError);
      }),
    );
  }

  const granted: OnValue = () => ({ outcome: 'granted' });
  const answer: OnValue = (value) => ({ outcome: value === 'granted' ? 'granted' : value === 'denied' ? 'denied' : value === 'default' ? 'dismissed' : 'error' });
  const devices: OnValue = (value) => ({ outcome: isArray(value) && value.length === 0 ? 'dismissed' : 'granted' });
  const probe: OnValue = (value) => {
    const state = read(stateGet, value);
    return { outcome: 'answered', ...(state === 'granted' || state === 'denied' || state === 'prompt' ? { state } : {}) };
  };
  const refused: OnError = (name) => (name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'error');
  const chooser: OnError = (name) => (name === 'NotFoundError' ? 'dismissed' : refused(name));
  const only =
    (permission: PermissionName) =>
    (): PermissionName[] => [permission];

  // Geolocation: callbacks, not promises.
  const geoError = (code: unknown): string => (code === 1 ? 'PERMISSION_DENIED' : code === 2 ? 'POSITION_UNAVAILABLE' : code === 3 ? 'TIMEOUT' : 'Error');
  /** Calls a page callback from a microtask through a bound function: no frame of ours on its stack. */
  const later = (callback: unknown, arg: unknown): void => {
    apply(microtask, win, [apply(bind, callback, [undefined, arg])]);
  };
  const geoProto = proto('Geolocation');
  for (const key of ['getCurrentPosition', 'watchPosition'] as const) {
    const api: PermissionApi = key === 'getCurrentPosition' ? 'geolocation.getCurrentPosition' : 'geolocation.watchPosition';
    install(geoProto, key, (original) =>
      method(key, (self, args) => {
        const success = args[0];
        const failure = args[1];
        // Anything the original would refuse goes to it untouched, to fail exactly as it does.
        if (typeof success !== 'function' || (failure !== undefined && failure !== null && typeof failure !== 'function')) {
          try {
            return apply(original, self, args);
          } catch (error) {
            throw scrub(error);
          }
        }
        const since = now();
        const active = gesture();
        let id = 0;
        let answered = false;
        const settle = (settled: Settled): void => {
          if (answered || id === 0) return;
          answered = true;
          outcome(id, settled);
        };
        const onSuccess = (position: unknown): void => {
          settle({ outcome: 'granted' });
          later(success, position);
        };
        const onFailure = (error: unknown): void => {
          const code = read(geoCodeGet, error);
          settle({ outcome: code === 1 ? 'denied' : 'error', error: geoError(code) });
          if (typeof failure === 'function') later(failure, error);
        };
        // Own elements only (a page may put setters on Array.prototype indexes).
        const callArgs = args.length >= 2 ? args : [onSuccess, onFailure];
        callArgs[0] = onSuccess;
        callArgs[1] = onFailure;
        before('geolocation');
        let result: unknown;
        try {
          result = apply(original, self, callArgs);
        } catch (error) {
          throw scrub(error);
        }
        id = request(api, 'geolocation', since, active);
        return result;
      }),
    );
  }

  promiseHook(win.Notification as object | null, 'requestPermission', 'Notification.requestPermission', only('notifications'), answer, refused);
  promiseHook(proto('PushManager'), 'subscribe', 'PushManager.subscribe', only('push'), granted, refused);
  const media = proto('MediaDevices');
  promiseHook(
    media,
    'getUserMedia',
    'mediaDevices.getUserMedia',
    (args) => {
      const video = !!dataOf(args[0], 'video');
      const audio = !!dataOf(args[0], 'audio');
      return video && audio ? ['camera', 'microphone'] : video ? ['camera'] : audio ? ['microphone'] : ['other'];
    },
    granted,
    refused,
  );
  promiseHook(media, 'getDisplayMedia', 'mediaDevices.getDisplayMedia', only('display-capture'), granted, refused);
  promiseHook(
    proto('Permissions'),
    'query',
    'permissions.query',
    (args) => {
      const name = dataOf(args[0], 'name');
      return [(typeof name === 'string' ? KNOWN[name] : undefined) ?? 'other'];
    },
    probe,
    refused,
  );
  const clipboard = proto('Clipboard');
  promiseHook(clipboard, 'read', 'clipboard.read', only('clipboard-read'), granted, refused);
  promiseHook(clipboard, 'readText', 'clipboard.readText', only('clipboard-read'), granted, refused);
  promiseHook(proto('Bluetooth'), 'requestDevice', 'bluetooth.requestDevice', only('bluetooth'), granted, chooser);
  promiseHook(proto('USB'), 'requestDevice', 'usb.requestDevice', only('usb'), granted, chooser);
  promiseHook(proto('Serial'), 'requestPort', 'serial.requestPort', only('serial'), granted, chooser);
  promiseHook(proto('HID'), 'requestDevice', 'hid.requestDevice', only('hid'), devices, chooser);
  promiseHook(proto('Navigator'), 'requestMIDIAccess', 'navigator.requestMIDIAccess', only('midi'), granted, refused);
  promiseHook(win.IdleDetector as object | null, 'requestPermission', 'IdleDetector.requestPermission', only('idle-detection'), answer, refused);
  promiseHook(proto('Document'), 'requestStorageAccess', 'document.requestStorageAccess', only('storage-access'), granted, refused);
  // Operations of the global object are own properties of window (WebIDL [Global]).
  const global = (key: string): object | null => (hasOwn(win, key) ? win : proto('Window'));
  promiseHook(global('getScreenDetails'), 'getScreenDetails', 'window.getScreenDetails', only('window-management'), granted, refused);
  promiseHook(global('queryLocalFonts'), 'queryLocalFonts', 'window.queryLocalFonts', only('local-fonts'), granted, refused);
  promiseHook(proto('WakeLock'), 'request', 'wakeLock.request', only('screen-wake-lock'), granted, refused);
  promiseHook(proto('ContactsManager'), 'select', 'contacts.select', only('contacts'), granted, refused);

  // ---- toString: a wrapper prints its original's source; the patched toString prints its own.
  // Every frame of the page has its own hooks (all_frames, match_origin_as_fallback: also a
  // same-origin about:blank frame, hooked before its creator gets it back), and a page can read one
  // realm's wrappers with another realm's toString. Every wrapper (this toString included) is made
  // by `method`, so they all share one source text. A function with that text that is not ours is
  // another realm's wrapper: that realm's toString (ours too, found on the function's own
  // Function.prototype) knows its original. It is not a proxy (a proxy prints "[native code]"), so
  // reading its prototype runs no page code.
  const toStringDesc = ownDesc(FunctionProto, 'toString');
  if (toStringDesc && typeof toStringDesc.value === 'function' && toStringDesc.configurable) {
    let wrapperSource = '';
    const otherRealms = (self: Fn): Fn | null => {
      const home = getPrototypeOf(self) as object | null;
      if (home === null || home === FunctionProto) return null;
      const other = dataOf(home, 'toString');
      return typeof other === 'function' && other !== toString && apply(nativeToString, other, []) === wrapperSource ? (other as Fn) : null;
    };
    const toString = method('toString', (self) => {
      const original = (typeof self === 'function' ? apply(mapGet, originals, [self]) : undefined) as Fn | undefined;
      try {
        if (original) return apply(nativeToString, original, []);
        const text = apply(nativeToString, self, []) as string;
        if (text !== wrapperSource) return text;
        const other = otherRealms(self as Fn);
        return other ? apply(other, self, []) : text;
      } catch (error) {
        throw scrub(error);
      }
    });
    wrapperSource = apply(nativeToString, toString, []) as string;
    defineProperty(toString, 'length', { value: nativeToString.length });
    defineProperty(toString, 'name', { value: nativeToString.name });
    apply(mapSet, originals, [toString, nativeToString]);
    defineProperty(FunctionProto, 'toString', { value: toString, writable: toStringDesc.writable, enumerable: toStringDesc.enumerable, configurable: true });
  }
}
