/**
 * What runs in a rendered page's own main world, over the DevTools protocol rather than
 * Playwright's page.evaluate / page.content(), which put Playwright's helper and injected
 * scripts (13 KB and 345 KB) into every document first: the scripts themselves, and the
 * document serialised by Chromium.
 */
import type { CDPSession } from 'playwright-core';

/**
 * Runs `work(argument)` in the page's main world over the DevTools protocol and returns what it
 * resolves to. page.evaluate would first put Playwright's own 13 KB helper script into every
 * document; nothing here needs its handles or serialisation.
 */
export async function runInPage<A, R>(devtools: CDPSession, work: (argument: A) => R | Promise<R>, argument: A): Promise<R> {
  const { result, exceptionDetails } = await devtools.send('Runtime.evaluate', {
    expression: `(${work.toString()})(${JSON.stringify(argument)})`,
    awaitPromise: true,
    returnByValue: true,
  });
  if (exceptionDetails) throw new Error(`the page's script failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value as R;
}

/**
 * The document as HTML, serialised by Chromium itself (DOM.getOuterHTML of the document: its
 * doctype and root element as page.content() gives them, and a comment beside them if any): the
 * page's scripts cannot change how it is done. page.content() would first compile Playwright's 345 KB injected
 * script into the page, about a tenth of a small page's whole render.
 */
export async function serialiseDocument(devtools: CDPSession): Promise<string> {
  const { root } = await devtools.send('DOM.getDocument', { depth: 0 });
  const { outerHTML } = await devtools.send('DOM.getOuterHTML', { nodeId: root.nodeId });
  return outerHTML;
}

/** Runs in the page: pauses its CSS animations and Web Animations that repeat forever. */
export function pauseEndlessAnimationsInPage(): void {
  for (const animation of document.getAnimations()) {
    if (animation.effect?.getTiming().iterations === Infinity) animation.pause();
  }
}

/** Runs in the page: a few screens down (lazy loaders fire on scroll), then back to the top. */
export async function scrollThroughPage({ screens, pauseMs }: { screens: number; pauseMs: number }): Promise<void> {
  for (let screen = 0; screen < screens; screen++) {
    window.scrollBy(0, window.innerHeight);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  window.scrollTo(0, 0);
}
