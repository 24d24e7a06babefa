/**
 * Readability's conditional cleaning (`_cleanConditionally`, run over the tables, lists and
 * divs of the chosen content) weighs each such element by the text of every text-ish element
 * inside it (`_getTextDensity`), and reads each one's whole text again for every ancestor it
 * weighs: on nested structure that costs depth² × text (100 tables nested around a 0.2 MB
 * story took 23 s of CPU, most of it in this one function).
 *
 * Checking an element changes nothing; only removing one changes any text. So while one
 * cleaning pass runs, the length of each element's text is measured once and kept until the
 * pass removes an element, which costs depth × text. Only lengths are kept (a number per
 * element), so memory stays that of plain Readability. The densities, and so the output, are
 * Readability's own.
 */
import type { Readability } from '@mozilla/readability';

/** The methods of Readability 0.6 this replaces or calls; none is public API. */
interface CleaningInternals {
  _getInnerText(element: Element, normalizeSpaces?: boolean): string;
  _getAllNodesWithTag(element: Element, tagNames: string[]): ArrayLike<Element>;
  _getTextDensity(element: Element, tags: string[]): number;
  _cleanConditionally(element: Element, tag: string): void;
  _removeNodes(nodes: ArrayLike<Element>, filter?: (this: unknown, node: Element, index: number, nodes: ArrayLike<Element>) => boolean): void;
}

/** Makes `reader`'s conditional cleaning measure each element's text once per pass; returns `reader`. */
export function withTextLengthsKept<T>(reader: Readability<T>): Readability<T> {
  const internals = reader as unknown as CleaningInternals;
  const required = ['_getInnerText', '_getAllNodesWithTag', '_getTextDensity', '_cleanConditionally', '_removeNodes'] as const;
  // Another Readability than the one this was written for: left as it is.
  if (required.some((name) => typeof internals[name] !== 'function')) return reader;
  const cleanConditionally = internals._cleanConditionally;
  const removeNodes = internals._removeNodes;
  /** Text lengths measured in the current cleaning pass since its last removal; null outside a pass. */
  let lengths: Map<Element, number> | null = null;

  const textLength = (element: Element): number => {
    let length = lengths?.get(element);
    if (length === undefined) {
      length = internals._getInnerText(element, true).length;
      lengths?.set(element, length);
    }
    return length;
  };

  // Readability's _getTextDensity, with the lengths kept.
  internals._getTextDensity = function (element, tags) {
    const total = textLength(element);
    if (total === 0) return 0;
    let inside = 0;
    const nodes = internals._getAllNodesWithTag(element, tags);
    for (let index = 0; index < nodes.length; index++) inside += textLength(nodes[index]!);
    return inside / total;
  };
  internals._cleanConditionally = function (element, tag) {
    lengths = new Map();
    try {
      cleanConditionally.call(this, element, tag);
    } finally {
      lengths = null;
    }
  };
  internals._removeNodes = function (nodes, filter) {
    if (lengths === null || filter === undefined) return removeNodes.call(this, nodes, filter);
    return removeNodes.call(this, nodes, function (this: unknown, node, index, all) {
      const remove = filter.call(this, node, index, all);
      // The node is removed next: every text around it changes.
      if (remove) lengths?.clear();
      return remove;
    });
  };
  return reader;
}
