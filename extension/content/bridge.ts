/** Isolated-world end of the bridge (see bridge-protocol.ts). */
import { HANDSHAKE, PROBE, READY, REOPEN, SIGNAL, parseBridgeSignal, type BridgeSignal } from './bridge-protocol.ts';

export interface Bridge {
  /** Asks the main world to look for consent APIs again (e.g. when a banner appears). */
  probe(): void;
  /** Asks the main world to open the consent platform's settings (for a withdrawal). */
  reopen(): void;
  readonly connected: boolean;
}

export function connectBridge(doc: Document, onSignal: (signal: BridgeSignal) => void): Bridge {
  let node: Element | null = null;
  const onHandshake = (event: Event): void => {
    const candidate = (event as MouseEvent).relatedTarget;
    if (node || !candidate || !(candidate instanceof Element) || candidate.isConnected) return;
    node = candidate;
    doc.removeEventListener(HANDSHAKE, onHandshake, true);
    node.addEventListener(SIGNAL, (e) => {
      const signal = parseBridgeSignal((e as CustomEvent<unknown>).detail);
      if (signal) onSignal(signal);
    });
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
