/**
 * A linkedom cost that grows with the page, avoided without changing what any DOM call returns
 * (issue 12): querySelectorAll, querySelector, closest and matches compile their selector with
 * css-select on every call, and Readability asks each element it weighs for its `p`, `img`, …,
 * the quality rules each paragraph for its `a`: a selector compiled for every paragraph, several
 * times over. A selector that is only tag names, `*` and `[attribute]` presences, separated by
 * commas, is matched here without compiling, walking the same nodes in the same order as
 * linkedom (template contents skipped); any other selector goes to linkedom as before.
 *
 * (Making linkedom's per-node listener map lazy, by giving its Node class another parent class,
 * saved 120 MB on a 20,000-paragraph page but measured about 10 % slower on the whole pipeline,
 * so it is not done.)
 *
 * Installed once on linkedom's classes, found from a probe document; if linkedom's internals
 * are not as expected (a new version), nothing is installed and linkedomFastPathsInstalled()
 * says so (a test asserts it).
 */
import { DOMParser, NodeList } from 'linkedom';

interface LinkedNode {
  nodeType: number;
  localName: string;
  hasAttribute(name: string): boolean;
  parentElement: LinkedNode | null;
  [key: symbol]: LinkedNode;
}

/** A selector the fast path matches: tag names (lower case), any element, attribute presences. */
interface SimpleSelector {
  tags: ReadonlySet<string>;
  anyElement: boolean;
  attributes: readonly string[];
}

const ELEMENT_NODE = 1;
const SIMPLE_PART = /^(?:\*|[a-zA-Z][a-zA-Z0-9]*|\[[a-z][a-z0-9_-]*\])$/;
/** Selectors are the pipeline's own constants; a bound keeps a page-made one from growing the cache. */
const MAX_CACHED_SELECTORS = 500;
const simpleSelectors = new Map<string, SimpleSelector | null>();

/** The selector as tags, `*` and attribute presences, or null when it is anything more. */
function simpleSelector(selectors: string): SimpleSelector | null {
  const cached = simpleSelectors.get(selectors);
  if (cached !== undefined) return cached;
  const parts = selectors.split(',').map((part) => part.trim());
  let parsed: SimpleSelector | null = null;
  if (parts.every((part) => SIMPLE_PART.test(part))) {
    parsed = {
      tags: new Set(parts.filter((part) => /^[a-zA-Z]/.test(part)).map((tag) => tag.toLowerCase())),
      anyElement: parts.includes('*'),
      attributes: parts.filter((part) => part.startsWith('[')).map((part) => part.slice(1, -1)),
    };
  }
  if (simpleSelectors.size < MAX_CACHED_SELECTORS) simpleSelectors.set(selectors, parsed);
  return parsed;
}

/** css-select's test in an HTML document: names compared lower-cased, attributes by presence. */
function matchesSimple(element: LinkedNode, selector: SimpleSelector): boolean {
  if (selector.anyElement) return true;
  const name = element.localName;
  if (selector.tags.has(name) || selector.tags.has(name.toLowerCase())) return true;
  for (const attribute of selector.attributes) if (element.hasAttribute(attribute)) return true;
  return false;
}

let installed = false;

/** Whether the fast paths are in place (false if linkedom's internals changed). */
export function linkedomFastPathsInstalled(): boolean {
  return installed;
}

/** Installs both fast paths on linkedom's classes; once, whatever the number of calls. */
export function installLinkedomFastPaths(): void {
  if (installed) return;
  const probe = new DOMParser().parseFromString('<!doctype html><html><body><p>x</p></body></html>', 'text/html');
  const element = probe.querySelector('p') as unknown as LinkedNode | null;
  if (!element) return;
  const next = symbolNamed(element, 'next');
  const end = symbolNamed(element, 'end');
  const parentNodePrototype = owner(element, 'querySelectorAll');
  const elementPrototype = owner(element, 'closest');
  if (!next || !end || !parentNodePrototype || !elementPrototype || !owner(probe, 'querySelectorAll')) return;
  installSelectorFastPath(parentNodePrototype, elementPrototype, next, end);
  installed = true;
}

function symbolNamed(node: object, description: string): symbol | undefined {
  return Object.getOwnPropertySymbols(node).find((symbol) => symbol.description === description);
}

/** The prototype on node's chain that defines `member` itself. */
function owner(node: object, member: string): Record<string, unknown> | null {
  for (let proto = Object.getPrototypeOf(node); proto; proto = Object.getPrototypeOf(proto)) {
    if (Object.prototype.hasOwnProperty.call(proto, member)) return proto as Record<string, unknown>;
  }
  return null;
}

type SelectorMethod = (this: LinkedNode, selectors: string) => unknown;

function installSelectorFastPath(parentNode: Record<string, unknown>, element: Record<string, unknown>, NEXT: symbol, END: symbol): void {
  const querySelectorAll = parentNode.querySelectorAll as SelectorMethod;
  const querySelector = parentNode.querySelector as SelectorMethod;
  const closest = element.closest as SelectorMethod;
  const matches = element.matches as SelectorMethod;
  // linkedom's own walk: from the node's next to its end, over a template's content. `this` may
  // be the plain object Document's methods pass, holding only the two links.
  const firstMatch = (from: LinkedNode, selector: SimpleSelector, all: LinkedNode[] | null): LinkedNode | null => {
    let node = from[NEXT]!;
    const last = from[END]!;
    while (node !== last) {
      if (node.nodeType === ELEMENT_NODE && matchesSimple(node, selector)) {
        if (!all) return node;
        all.push(node);
      }
      node = (node.nodeType === ELEMENT_NODE && node.localName === 'template' ? node[END] : node[NEXT])!;
    }
    return null;
  };
  parentNode.querySelectorAll = function (this: LinkedNode, selectors: string) {
    const selector = simpleSelector(String(selectors));
    if (!selector) return querySelectorAll.call(this, selectors);
    const found = new NodeList() as unknown as LinkedNode[];
    firstMatch(this, selector, found);
    return found;
  };
  parentNode.querySelector = function (this: LinkedNode, selectors: string) {
    const selector = simpleSelector(String(selectors));
    return selector ? firstMatch(this, selector, null) : querySelector.call(this, selectors);
  };
  element.closest = function (this: LinkedNode, selectors: string) {
    const selector = simpleSelector(String(selectors));
    if (!selector) return closest.call(this, selectors);
    let candidate: LinkedNode | null = this;
    while (candidate && !matchesSimple(candidate, selector)) candidate = candidate.parentElement;
    return candidate;
  };
  element.matches = function (this: LinkedNode, selectors: string) {
    const selector = simpleSelector(String(selectors));
    return selector ? matchesSimple(this, selector) : matches.call(this, selectors);
  };
}
