/**
 * The proof that both DOM engines satisfy the pipeline's DOM (dom.ts): these assignments
 * typecheck only if linkedom's documents and jsdom's (the browser's DOM types) have every member
 * the pipeline uses, with compatible types. Nothing here runs.
 */
import type { JSDOM } from 'jsdom';
import type { DOMParser as LinkedomParser } from 'linkedom';
import type * as Pipeline from './dom.js';

declare const linkedomParser: LinkedomParser;
/** What `new DOMParser().parseFromString(html, 'text/html')` of linkedom returns. */
type LinkedomDocument = ReturnType<typeof linkedomParser.parseFromString<'text/html'>>;
/** What `new JSDOM(html).window.document` returns. */
type JsdomDocument = JSDOM['window']['document'];

/** `T`, when it satisfies the pipeline's Document; a type error names the member it lacks. */
type SatisfiesPipelineDom<T extends Pipeline.Document> = T;

export type LinkedomSatisfiesPipelineDom = SatisfiesPipelineDom<LinkedomDocument>;
export type JsdomSatisfiesPipelineDom = SatisfiesPipelineDom<JsdomDocument>;
