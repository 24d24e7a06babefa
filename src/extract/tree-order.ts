import type { Document, Element, Node } from './dom.js';
/**
 * Document order, from the tree itself: linkedom's compareDocumentPosition compares depths,
 * not positions, so the pipeline does not use it.
 */

/** Whether `node` comes before `other` in document order (an ancestor comes before what it contains). */
export function comesBefore(node: Node, other: Node): boolean {
  if (node === other) return false;
  const nodePath = pathFromRoot(node);
  const otherPath = pathFromRoot(other);
  if (nodePath[0] !== otherPath[0]) return false; // different trees: no order
  let depth = 0;
  while (depth < nodePath.length && depth < otherPath.length && nodePath[depth] === otherPath[depth]) depth++;
  if (depth === nodePath.length) return true; // node contains other
  if (depth === otherPath.length) return false; // other contains node
  // Siblings under the last shared ancestor: the one reached first walking forward is first.
  const target = otherPath[depth];
  for (let sibling = nodePath[depth]!.nextSibling; sibling; sibling = sibling.nextSibling) {
    if (sibling === target) return true;
  }
  return false;
}

function pathFromRoot(node: Node): Node[] {
  const path: Node[] = [];
  for (let current: Node | null = node; current; current = current.parentNode) path.push(current);
  return path.reverse();
}

/**
 * Visits every element below `root` in document order (pre-order), calling `leave` once its
 * subtree is done. Iterative, so a page nested thousands deep cannot overflow the stack, and
 * linear: the way to relate many elements to each other (which comes before which, which is
 * inside which) without comparing pairs.
 */
export function walkElements(
  root: Element | Document,
  visit: (element: Element) => void,
  leave: (element: Element) => void = () => {},
): void {
  let element = root.firstElementChild;
  while (element) {
    visit(element);
    const child = element.firstElementChild;
    if (child) {
      element = child;
      continue;
    }
    // Leave this element and each ancestor whose last child it closes, then go to the next sibling.
    let current: Element | null = element;
    element = null;
    while (current && current !== root) {
      leave(current);
      element = current.nextElementSibling;
      if (element) break;
      current = current.parentElement;
    }
  }
}
