/** Every UI string key: the keys of the English catalogue (a type only; nothing is bundled). */
import type en from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;
