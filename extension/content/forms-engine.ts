/**
 * The form reader, injected on demand (scripting.executeScript) into a frame whose page has form
 * fields: reports the data-collection forms it finds and, on submit, which kinds of data the
 * person gave - never the values. Built by the vite plugin in vite.config.ts as
 * extension/content/forms.js. Runs once per frame, however often it is injected.
 */
import { createContentChannel } from '../platform/messaging.ts';
import { watchForms } from './forms.ts';

const flag = Symbol.for('consent-lens.forms');
const scope = globalThis as { [flag]?: true };
if (!scope[flag]) {
  scope[flag] = true;
  watchForms(document, createContentChannel().post);
}
