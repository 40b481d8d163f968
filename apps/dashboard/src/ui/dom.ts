/** Options for {@link el}. Text is always set with textContent, never parsed as HTML. */
export interface ElOptions {
  class?: string;
  text?: string;
  attrs?: Record<string, string>;
}

/**
 * Creates an element. Every string goes in through `textContent` or `setAttribute`, so names from
 * the results file (learners, problems, error messages) can never become markup.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElOptions = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.class) node.className = options.class;
  if (options.text !== undefined) node.textContent = options.text;
  if (options.attrs) for (const [k, v] of Object.entries(options.attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

/** Removes every child of a node. */
export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}
