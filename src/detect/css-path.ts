/**
 * A CSS selector that points at an element in its document (for flag evidence: "which banner"):
 * the nearest ancestor with an id, then tag names with :nth-of-type. Capped; never throws.
 */
const MAX_SELECTOR = 300;

const escapeId = (id: string) => id.replace(/[^\w-]/gu, (c) => `\\${c}`);

export function cssPath(el: Element): string {
  const parts: string[] = [];
  for (let node: Element | null = el; node && node.tagName !== 'HTML'; node = node.parentElement) {
    if (node.id && /^[A-Za-z][\w-]*$/u.test(node.id)) {
      parts.unshift(`#${escapeId(node.id)}`);
      break;
    }
    const tag = node.tagName.toLowerCase();
    const parent: Element | null = node.parentElement;
    const same = parent ? Array.from(parent.children).filter((c) => c.tagName === node?.tagName) : [];
    parts.unshift(same.length > 1 ? `${tag}:nth-of-type(${same.indexOf(node) + 1})` : tag);
  }
  const path = parts.join(' > ');
  return path.length > MAX_SELECTOR ? path.slice(path.length - MAX_SELECTOR) : path;
}
