/**
 * The DOM the extraction pipeline runs on: what its stages use of a node, an element and a
 * document, and nothing more. linkedom (the default) and jsdom (`--dom jsdom`, the reference)
 * both satisfy it, which `dom-engines.ts` makes the type checker prove; a stage that reaches for
 * a member not listed here (one linkedom may lack, as it lacked tables' `rows`) is a type error
 * instead of a page that fails on one engine.
 *
 * Files of the pipeline import these under the DOM's own names
 * (`import type { Document, Element, Node } from './dom.js'`), so their code reads as DOM code
 * while it is typed by this interface and not by the browser's full one.
 */

/** A list of nodes as the pipeline reads it: indexed, counted and iterated. */
export interface NodeList<T> extends Iterable<T> {
  readonly length: number;
  item(index: number): T | null;
  readonly [index: number]: T;
}

export interface Node {
  readonly nodeType: number;
  readonly nodeName: string;
  nodeValue: string | null;
  textContent: string | null;
  readonly parentNode: Node | null;
  readonly parentElement: Element | null;
  readonly childNodes: NodeList<ChildNode>;
  readonly firstChild: ChildNode | null;
  readonly lastChild: ChildNode | null;
  readonly previousSibling: ChildNode | null;
  readonly nextSibling: ChildNode | null;
  readonly ownerDocument: Document | null;
  readonly isConnected: boolean;
  insertBefore(node: Node, child: Node | null): Node;
  cloneNode(deep?: boolean): Node;
  contains(other: Node | null): boolean;
  normalize(): void;
}

/** A node that has a parent's list to leave (elements, text, comments). */
export interface ChildNode extends Node {
  remove(): void;
  replaceWith(...nodes: (Node | string)[]): void;
  before(...nodes: (Node | string)[]): void;
  after(...nodes: (Node | string)[]): void;
}

export interface ParentNode extends Node {
  readonly children: NodeList<Element>;
  readonly firstElementChild: Element | null;
  querySelector(selectors: string): Element | null;
  querySelectorAll(selectors: string): NodeList<Element>;
  append(...nodes: (Node | string)[]): void;
}

/** The class names of an element. */
export interface DOMTokenList extends Iterable<string> {
  readonly length: number;
  contains(token: string): boolean;
  add(...tokens: string[]): void;
  remove(...tokens: string[]): void;
}

/** A text node: the pipeline reads its textContent and moves it like any child. */
export type Text = ChildNode;

/** Walks the nodes below a root in document order (the pipeline asks for text nodes: whatToShow 4). */
export interface TreeWalker {
  nextNode(): Node | null;
}

export interface Attr {
  readonly name: string;
  readonly value: string;
}

export interface Element extends ChildNode, ParentNode {
  readonly tagName: string;
  readonly localName: string;
  readonly namespaceURI: string | null;
  id: string;
  className: string;
  innerHTML: string;
  readonly outerHTML: string;
  readonly attributes: NodeList<Attr>;
  readonly classList: DOMTokenList;
  readonly ownerDocument: Document;
  readonly previousElementSibling: Element | null;
  readonly nextElementSibling: Element | null;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  hasAttribute(name: string): boolean;
  closest(selectors: string): Element | null;
  getElementsByTagName(name: string): NodeList<Element>;
}

export interface Document extends ParentNode {
  readonly documentElement: Element;
  readonly body: Element | null;
  /** The page's base URL (parse.ts sets it, from the page URL and any <base href>). */
  readonly baseURI: string;
  createElement(tagName: string, options?: { is?: string }): Element;
  createTreeWalker(root: Node, whatToShow?: number): TreeWalker;
  getElementsByTagName(name: string): NodeList<Element>;
}
