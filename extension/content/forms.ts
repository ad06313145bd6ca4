/**
 * Data-collection forms (isolated world). Once the page has loaded and the browser is idle, the
 * forms that ask for personal data are reported (`form/seen`: purpose, and per field its category,
 * whether it is required and its label); when one is sent, which categories the person filled in
 * (`form/submitted`). Values are never read except to tell a field is empty, and never sent.
 *
 * Cost: one querySelectorAll on a page without fields; one capture-phase `submit` listener on the
 * document; a `click` listener only once a form built without <form> has been reported (it has
 * no submit event: its button's click stands for it). A form added later (single-page apps) is
 * described when it is sent.
 */
import { describeForm, findForms, type DetectedForm } from '../../src/forms/detect.ts';
import { categoriesGiven } from '../../src/forms/given.ts';
import { MAX_FORM_FIELDS, type ContentPayload, type ContentResponses, type ContentType } from '../../src/protocol/messages.ts';
import { newId as randomId } from './ids.ts';
import { afterLoadWhenIdle } from './policy-scan.ts';

type Post = <K extends ContentType>(type: K, payload: ContentPayload<K>) => Promise<ContentResponses[K]>;

const swallow = () => undefined;

export interface FormWatcher {
  /** Reports the forms now on the page (run once at load + idle). */
  scan(): void;
  stop(): void;
}

export function watchForms(doc: Document, post: Post, newId: () => string = randomId): FormWatcher {
  const ids = new WeakMap<Element, string>();
  /** Submit buttons of reported forms built without <form>, to their container. */
  const buttons = new WeakMap<Element, Element>();
  let clicks = false;
  let stopped = false;

  const report = (form: DetectedForm): string | null => {
    if (form.purpose === 'search' || !form.fields.some((f) => f.category !== 'other')) return null;
    const id = newId();
    ids.set(form.element, id);
    if (form.element.tagName !== 'FORM' && form.submit) {
      buttons.set(form.submit, form.element);
      if (!clicks) doc.addEventListener('click', onClick, true);
      clicks = true;
    }
    const fields = form.fields.slice(0, MAX_FORM_FIELDS).map(({ category, required, label }) => ({ category, required, label }));
    post('form/seen', { id, purpose: form.purpose, fields, time: Date.now() }).catch(swallow);
    return id;
  };

  const sent = (root: Element): void => {
    const id = ids.get(root) ?? report(describeForm(root));
    if (id === null) return;
    // Fields hidden by now (earlier steps of a multi-step form) are sent too: count them.
    const categories = categoriesGiven(describeForm(root, true)).slice(0, MAX_FORM_FIELDS);
    post('form/submitted', { formId: id, categories, time: Date.now() }).catch(swallow);
  };

  function onSubmit(event: Event): void {
    const target = event.target as Element | null;
    if (target?.tagName === 'FORM') sent(target);
  }

  function onClick(event: Event): void {
    const button = (event.target as Element | null)?.closest?.('button,[role=button],input');
    const root = button ? buttons.get(button) : undefined;
    if (root) sent(root);
  }

  doc.addEventListener('submit', onSubmit, true);
  const scan = () => {
    if (stopped) return;
    for (const form of findForms(doc)) if (!ids.has(form.element)) report(form);
  };
  const win = doc.defaultView;
  if (win) afterLoadWhenIdle(win, scan);
  return {
    scan,
    stop() {
      stopped = true;
      doc.removeEventListener('submit', onSubmit, true);
      doc.removeEventListener('click', onClick, true);
    },
  };
}
