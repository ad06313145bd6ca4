/** Isolated-world end of the bridge (see bridge-protocol.ts). */
import {
  HANDSHAKE,
  PERMISSION,
  PROBE,
  READY,
  REOPEN,
  SIGNAL,
  parseBridgePermission,
  parseBridgeSignal,
  type BridgePermissionEvent,
  type BridgeSignal,
} from './bridge-protocol.ts';

export interface Bridge {
  /** Asks the main world to look for consent APIs again (e.g. when a banner appears). */
  probe(): void;
  /** Asks the main world to open the consent platform's settings (for a withdrawal). */
  reopen(): void;
  readonly connected: boolean;
}

/**
 * The handshake is taken only while the document has no element under its root: that is
 * document_start, when both ConsentLens scripts run and no page script can exist yet (a page script
 * needs a <script> element in the tree first). A page that dispatches a handshake later, or a frame
 * whose main-world script did not run, can never connect.
 */
function atDocumentStart(doc: Document): boolean {
  const root = doc.documentElement;
  return root === null || root.firstElementChild === null;
}

/** False in a frame sandboxed without allow-scripts (read from the embedding element, same origin). */
function scriptsAllowed(doc: Document): boolean {
  try {
    const frame = doc.defaultView?.frameElement;
    const sandbox = frame?.getAttribute('sandbox');
    return sandbox === null || sandbox === undefined || /(?:^|\s)allow-scripts(?:\s|$)/iu.test(sandbox);
  } catch {
    return false;
  }
}

export function connectBridge(doc: Document, onSignal: (signal: BridgeSignal) => void, onPermission?: (event: BridgePermissionEvent) => void): Bridge {
  let node: Element | null = null;
  /**
   * A frame's initial about:blank document (scripts run there through match_origin_as_fallback)
   * already has <html><head><body> when the browser runs our scripts, so the empty-tree test cannot
   * tell document_start apart. Both our scripts run there while the embedding page is still inside
   * the call that created the frame, so no page script can dispatch into it first; the main-world
   * script hands over at once. A sandboxed frame without allow-scripts gets no main-world script,
   * so there nothing is accepted.
   */
  const blank = doc.URL === 'about:blank';
  if (blank && !scriptsAllowed(doc)) return { probe() {}, reopen() {}, connected: false };
  const onHandshake = (event: Event): void => {
    const candidate = (event as MouseEvent).relatedTarget;
    if (node || !candidate || !(candidate instanceof Element) || candidate.isConnected || (!blank && !atDocumentStart(doc))) return;
    node = candidate;
    doc.removeEventListener(HANDSHAKE, onHandshake, true);
    node.addEventListener(SIGNAL, (e) => {
      const signal = parseBridgeSignal((e as CustomEvent<unknown>).detail);
      if (signal) onSignal(signal);
    });
    if (onPermission) {
      node.addEventListener(PERMISSION, (e) => {
        const message = parseBridgePermission((e as CustomEvent<unknown>).detail);
        if (message) onPermission(message);
      });
    }
  };
  doc.addEventListener(HANDSHAKE, onHandshake, true);
  // If the main-world script ran first, it is waiting for this.
  doc.dispatchEvent(new CustomEvent(READY));
  return {
    probe() {
      node?.dispatchEvent(new CustomEvent(PROBE));
    },
    reopen() {
      node?.dispatchEvent(new CustomEvent(REOPEN));
    },
    get connected() {
      return node !== null;
    },
  };
}
