/**
 * Rendering a page in headless Chromium: the page's scripts run there (inside Chromium's
 * sandbox, never in Node), and what comes back is the DOM they built, serialised as HTML, for
 * the same extraction as any page. One browser per run, started on the first page that needs
 * it; a fresh context per page.
 *
 *   const renderer = new Renderer({ executablePath, timeoutMs: 20_000 });
 *   const rendered = await renderer.render({ url, bytes, contentType, source });
 *   await renderer.close();
 *
 * The page's own document is not fetched again: the browser is handed the bytes the server
 * sent (so rendered.html derives from source.html); what the page then asks for (scripts, JSON,
 * stylesheets) is fetched by Chromium. Images are never asked for (Blink's images are off),
 * media, fonts and beacons are refused, and so is anything
 * not http(s), downloads, permissions, service workers, WebSockets, and any top-level
 * navigation away from the page's origin (file:///, another port, another site).
 *
 * A page gets `timeoutMs` in all: load, network quiet for NETWORK_QUIET_MS, a short scroll
 * (lazy content), serialisation. Animations that repeat forever are paused on the way (they
 * would repaint the page at every frame while it waits). A page whose scripts never let go (an endless loop) fails
 * alone with `render-timeout`; its context is closed and the browser goes on with the others.
 */
import type { Browser, BrowserContext, CDPSession, Page, Request, Route } from 'playwright-core';
import { SourceError } from '../errors.js';
import { browserContextOptions, launchChromium } from './browser.js';
import { pauseEndlessAnimationsInPage, runInPage, scrollThroughPage, serialiseDocument } from './in-page.js';
import { NetworkWatch } from './network-watch.js';

/** The page's whole budget when none is given (--render-timeout). */
export const DEFAULT_RENDER_TIMEOUT_MS = 20_000;
/** "Network quiet": no request in flight for this long. */
export const NETWORK_QUIET_MS = 500;
/** Part of the budget kept for the scroll and serialisation: past it, load and quiet are not waited for. */
const SERIALISE_RESERVE_SHARE = 0.2;
const MIN_SERIALISE_RESERVE_MS = 500;
/** The scroll: this many screens down, with a pause after each for lazy loaders to react. */
const SCROLL_SCREENS = 4;
const SCROLL_PAUSE_MS = 50;
/** How long opening a tab (context, page, request rules) may take: the browser's work, not the page's. */
const TAB_ALLOWANCE_MS = 30_000;
/** How long closing a page's context may take (a hung renderer is killed with it). */
const CLOSE_ALLOWANCE_MS = 5_000;
/** How long Chromium may take to start. */
const LAUNCH_TIMEOUT_MS = 30_000;
/**
 * Resource types never loaded: they cannot change the text, and cost time and bandwidth. `ping`
 * is navigator.sendBeacon and `<a ping>`: a message out of the page whose answer it never reads.
 */
const BLOCKED_RESOURCE_TYPES = new Set(['image', 'media', 'font', 'ping']);

export interface RenderInput {
  /** The page's URL (final, after redirects): its scripts run as that origin. */
  url: string;
  /** The document as the server sent it. */
  bytes: Uint8Array;
  /** The server's Content-Type header (with its charset), so Chromium decodes as the server said. */
  contentType: string | null;
  /** How the user named the page, for errors. */
  source: string;
}

export interface RenderedPage {
  /** The DOM after its scripts ran, serialised. */
  html: string;
  /** "Chromium 156.0.8078.114". */
  browser: string;
  /** ISO 8601: when the DOM was serialised. */
  renderedAt: string;
}

export interface RendererOptions {
  executablePath: string;
  /** A page's whole budget (default DEFAULT_RENDER_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Pages rendering at once; more wait their turn (default 2). */
  pagesAtOnce?: number;
  /** The User-Agent the browser sends (default: Chromium's own). */
  userAgent?: string;
  /**
   * Refuse every request to another origin than the page's (benchmarks over saved pages served
   * locally, which must not reach the internet). Off by default: a page's scripts and data often
   * live on a CDN.
   */
  sameOriginOnly?: boolean;
}

export class Renderer {
  readonly timeoutMs: number;
  /** Pages rendered so far (failed ones included). */
  rendered = 0;
  /** How long the browser took to start (the last start), once it has; for benchmarks. */
  launchMs: number | null = null;
  private readonly pagesAtOnce: number;
  private browser: Promise<Browser> | null = null;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private closed = false;

  constructor(private readonly options: RendererOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_RENDER_TIMEOUT_MS;
    this.pagesAtOnce = options.pagesAtOnce ?? 2;
    if (!(this.timeoutMs > 0)) throw new RangeError(`render timeout must be positive, got ${this.timeoutMs}`);
    if (!Number.isInteger(this.pagesAtOnce) || this.pagesAtOnce < 1) throw new RangeError(`pagesAtOnce must be a positive integer, got ${this.pagesAtOnce}`);
  }

  /** Renders one page, waiting for a turn when `pagesAtOnce` pages are rendering; `timeoutMs` overrides the run's budget. */
  async render(input: RenderInput, timeoutMs: number = this.timeoutMs): Promise<RenderedPage> {
    if (this.closed) throw new Error('Renderer is closed');
    await this.turn();
    try {
      const browser = await this.startedBrowser(input.source);
      this.rendered++;
      return await renderInBrowser(browser, input, timeoutMs, this.options);
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  /** Whether a browser was started (a run that rendered nothing starts none). */
  get started(): boolean {
    return this.browser !== null;
  }

  async close(): Promise<void> {
    this.closed = true;
    const browser = this.browser;
    this.browser = null;
    if (!browser) return;
    try {
      await (await browser).close();
    } catch {
      // never started: nothing to close
    }
  }

  private async turn(): Promise<void> {
    if (this.active < this.pagesAtOnce) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
  }

  /** The run's one browser, started on first use; started again if it died. */
  private async startedBrowser(source: string): Promise<Browser> {
    if (!this.browser) {
      const launchStarted = Date.now();
      const starting = launchChromium(this.options.executablePath, { timeoutMs: LAUNCH_TIMEOUT_MS, noImages: true });
      this.browser = starting;
      starting.then(
        (browser) => {
          this.launchMs = Date.now() - launchStarted;
          browser.on('disconnected', () => {
            if (this.browser === starting) this.browser = null;
          });
        },
        () => {
          if (this.browser === starting) this.browser = null;
        },
      );
    }
    try {
      return await this.browser;
    } catch (error) {
      throw new SourceError(source, 'render-failed', `could not start Chromium (${this.options.executablePath}): ${firstLine(error)}`, { cause: error });
    }
  }
}

/**
 * One page in a fresh context, within its budget. The budget is the page's: it starts when the
 * tab is ready and navigates; opening the tab is clipfile's own work, with an allowance of its own.
 */
async function renderInBrowser(browser: Browser, input: RenderInput, timeoutMs: number, options: RendererOptions): Promise<RenderedPage> {
  const tabFailed = () => new SourceError(input.source, 'render-failed', `the browser did not open a tab within ${formatSeconds(TAB_ALLOWANCE_MS)}`);
  const tabReadyBy = Date.now() + TAB_ALLOWANCE_MS;
  const withinTabAllowance = <T>(work: Promise<T>): Promise<T> => raceDeadline(work, tabReadyBy, tabFailed);

  let context: BrowserContext | null = null;
  try {
    const opening = browser.newContext(browserContextOptions(options.userAgent));
    try {
      context = await withinTabAllowance(opening);
    } catch (error) {
      // A context that opens after its allowance ran out is closed all the same.
      opening.then((late) => late.close()).catch(() => undefined);
      throw error;
    }
    const page = await withinTabAllowance(context.newPage());
    const network = new NetworkWatch(page);
    let crashed = false;
    page.on('crash', () => (crashed = true));
    await withinTabAllowance(guardRequests(context, page, input, options));
    const devtools = await withinTabAllowance(context.newCDPSession(page));

    const deadline = Date.now() + timeoutMs;
    // Past this, load and network quiet are no longer waited for: the DOM is taken as it is.
    const settleBy = deadline - Math.max(MIN_SERIALISE_RESERVE_MS, timeoutMs * SERIALISE_RESERVE_SHARE);
    const overBudget = () => new SourceError(input.source, 'render-timeout', `rendering took longer than ${formatSeconds(timeoutMs)}`);
    const withinBudget = <T>(work: Promise<T>): Promise<T> => raceDeadline(work, deadline, overBudget);
    await withinBudget(page.goto(input.url, { waitUntil: 'domcontentloaded', timeout: 0 }));
    await withinBudget(settle(page, devtools, network, settleBy));
    const requestsBeforeScroll = network.started;
    await withinBudget(runInPage(devtools, scrollThroughPage, { screens: SCROLL_SCREENS, pauseMs: SCROLL_PAUSE_MS }));
    if (network.started > requestsBeforeScroll) await withinBudget(network.quiet(NETWORK_QUIET_MS, settleBy));
    const html = await withinBudget(serialiseDocument(devtools));
    if (crashed) throw new SourceError(input.source, 'render-failed', 'the page crashed the browser tab');
    return { html, browser: `Chromium ${browser.version()}`, renderedAt: new Date().toISOString() };
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError(input.source, 'render-failed', `rendering failed: ${firstLine(error)}`, { cause: error });
  } finally {
    if (context) await raceDeadline(context.close(), Date.now() + CLOSE_ALLOWANCE_MS, () => new Error('close')).catch(() => undefined);
  }
}

/**
 * The load event and network quiet, neither waited for past `settleBy`. Animations that repeat
 * forever are paused when the DOM is ready and again at load, before the wait for quiet. A page
 * that starts leaving before its load event (a form sent at DOMContentLoaded, refused) never
 * gets one: a quiet network stands in for it.
 */
async function settle(page: Page, devtools: CDPSession, network: NetworkWatch, settleBy: number): Promise<void> {
  await pauseEndlessAnimations(devtools, settleBy);
  const untilSettle = Math.max(1, settleBy - Date.now());
  await Promise.race([page.waitForLoadState('load', { timeout: untilSettle }).catch(() => undefined), network.quiet(NETWORK_QUIET_MS, settleBy)]);
  await pauseEndlessAnimations(devtools, settleBy);
  await network.quiet(NETWORK_QUIET_MS, settleBy);
}

/**
 * An animation that repeats forever (a shimmering skeleton, a moving gradient) never finishes,
 * so no content can wait for its end, yet it repaints the page at every frame for as long as
 * the page is open: on a benchmark page, a third of a core of Chromium's CPU while waiting for
 * network quiet. Pausing it changes no element of the DOM. Best effort: a page that stops this
 * (an endless script, a getAnimations of its own that throws) is rendered as it is.
 */
async function pauseEndlessAnimations(devtools: CDPSession, settleBy: number): Promise<void> {
  await raceDeadline(runInPage(devtools, pauseEndlessAnimationsInPage, null), settleBy, () => new Error('settle')).catch(() => undefined);
}

/**
 * What the page may load: its own document is given the captured bytes (with DOCUMENT_POLICY,
 * which every frame also gets at its start);
 * images, media, fonts, beacons, anything not http(s), WebSockets, and top-level navigations to
 * another origin (or in a popup) are refused. The document being handed over rather than fetched,
 * Chromium's Local Network Access checks take the page for a public one: with no permission
 * granted, its requests to loopback (and private) addresses other than its own origin fail.
 */
async function guardRequests(context: BrowserContext, page: Page, input: RenderInput, options: RendererOptions): Promise<void> {
  const pageOrigin = new URL(input.url).origin;
  let documentServed = false;
  await context.routeWebSocket(/.*/, (socket) => socket.close());
  await context.addInitScript({ content: `(${installPolicyInFrame.toString()})(${JSON.stringify(DOCUMENT_POLICY)})` });
  await context.route('**/*', async (route: Route) => {
    const request = route.request();
    const topLevel = isTopLevelNavigation(request);
    if (topLevel && !documentServed && request.frame().page() === page) {
      documentServed = true;
      return route.fulfill({ status: 200, headers: documentHeaders(input.contentType), body: Buffer.from(input.bytes) });
    }
    if (!isAllowedRequest(request, topLevel, page, pageOrigin, options.sameOriginOnly === true)) {
      // A refused navigation is cancelled (ERR_ABORTED), which leaves the page as it is; any
      // other error would replace it with Chromium's error page.
      return route.abort(topLevel ? 'aborted' : 'blockedbyclient');
    }
    return route.continue();
  });
}

function isTopLevelNavigation(request: Request): boolean {
  if (!request.isNavigationRequest()) return false;
  try {
    return request.frame().parentFrame() === null;
  } catch {
    return true; // no frame to tell (a service worker's): treated as the strictest case
  }
}

function isAllowedRequest(request: Request, topLevel: boolean, page: Page, pageOrigin: string, sameOriginOnly: boolean): boolean {
  let url: URL;
  try {
    url = new URL(request.url());
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (BLOCKED_RESOURCE_TYPES.has(request.resourceType())) return false;
  if (topLevel) {
    // The page may reload itself or move within its origin; never leave it, nor open another.
    if (url.origin !== pageOrigin) return false;
    try {
      if (request.frame().page() !== page) return false;
    } catch {
      return false;
    }
  }
  return !sameOriginOnly || url.origin === pageOrigin;
}

/**
 * The policy the page's document is served with, and every frame's (installPolicyInFrame).
 * Playwright's routeWebSocket replaces WebSocket in the page's frames only: a worker opened one
 * past it. Here Chromium itself refuses every connection that is not http(s) (or the page's own
 * blob: and data:), in the document and in the workers that inherit its policy (blob:, data:),
 * and refuses workers loaded from a URL, whose policy would be their own response's.
 */
const DOCUMENT_POLICY = 'connect-src http: https: blob: data:; worker-src blob: data:';

/**
 * Run in every document at its start, before its own scripts (an init script): gives it
 * DOCUMENT_POLICY through a `<meta>` in its head, which Chromium keeps enforcing once the element
 * is gone. A frame loaded from a URL is served with its own server's headers, and its workers are
 * out of Playwright's WebSocket route: this is what refuses them a socket (and URL workers).
 */
function installPolicyInFrame(policy: string): void {
  // HTML elements whatever the document (an SVG or XML frame's createElement makes others).
  const element = (name: string) => document.createElementNS('http://www.w3.org/1999/xhtml', name);
  const meta = element('meta') as HTMLMetaElement;
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = policy;
  // Chromium enforces a meta policy only in the document's head. Before parsing there is none:
  // one of ours stands in, gone again before the parser builds the document's own.
  const added: Element[] = [];
  try {
    if (!document.documentElement) added.push(document.appendChild(element('html')));
    if (!document.head) added.push(document.documentElement.insertBefore(element('head'), document.documentElement.firstChild));
    document.head!.append(meta);
    meta.remove();
  } finally {
    for (const node of added.reverse()) node.remove();
  }
}

function documentHeaders(contentType: string | null): Record<string, string> {
  return { 'content-type': contentType ?? 'text/html', 'content-security-policy': DOCUMENT_POLICY };
}

/** `work`, or `overBudget()` thrown at `deadline`; the timer never keeps the process alive past it. */
function raceDeadline<T>(work: Promise<T>, deadline: number, overBudget: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(overBudget()), Math.max(0, deadline - Date.now()));
  });
  work.catch(() => undefined); // a rejection after the deadline is nobody's
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

function formatSeconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').slice(0, 200);
}
