/**
 * What a person gave through a form: the categories of the fields they filled in. Values are read
 * only to tell whether a field is empty; they are never returned, kept or compared with anything.
 */
import type { DetectedForm } from './detect.ts';
import type { FieldCategory } from './model.ts';

function filled(el: Element, root: Element): boolean {
  const input = el as HTMLInputElement;
  const type = el.tagName === 'INPUT' ? (el.getAttribute('type') ?? '').toLowerCase() : '';
  if (type === 'checkbox') return input.checked;
  if (type === 'radio') {
    const name = el.getAttribute('name');
    if (!name) return input.checked;
    // One entry stands for its group: any checked button of the group counts.
    return Array.from(root.querySelectorAll('input[type=radio]')).some((r) => r.getAttribute('name') === name && (r as HTMLInputElement).checked);
  }
  if (type === 'file') return (input.files?.length ?? 0) > 0;
  return typeof input.value === 'string' && input.value.trim() !== '';
}

/** Categories (not 'other') with at least one filled-in field: checked, selected or non-empty. */
export function categoriesGiven(form: DetectedForm): FieldCategory[] {
  const given = new Set<FieldCategory>();
  for (const { element, category } of form.fields) {
    if (category !== 'other' && !given.has(category) && filled(element, form.element)) given.add(category);
  }
  return [...given];
}
