/**
 * robots.txt per origin: fetched once (concurrent askers share the fetch), parsed with
 * robots-parser for our User-Agent, kept for the run.
 *
 * What an unusable robots.txt means (after RFC 9309, except 5xx, where we carry on rather than stop):
 * - 4xx (404, 410, 401, 403, …): there is none; everything is allowed.
 * - 5xx, network error, timeout: everything is allowed, and a note says so.
 * - Larger than `maxBytes` (500 KiB): the rules in the first 500 KiB apply, and a note says so.
 */
import robotsParserExports from 'robots-parser';
import { statusLine } from '../acquire/index.js';

// The package is CommonJS (`module.exports = function`) while its types declare an ES default
// export; imported from ESM, the default import is that function.
const robotsParser = robotsParserExports as unknown as typeof robotsParserExports.default;

export interface RobotsOptions {
  /** The User-Agent header sent for robots.txt. */
  userAgent: string;
  /** The name matched against `User-agent:` lines; default the User-Agent's first product token ("clipfile"). */
  agentToken?: string;
  /** Whole fetch, body included. Default 10000. */
  timeoutMs?: number;
  /** Bytes read at most; the rest is ignored. Default 500 KiB. */
  maxBytes?: number;
  /** Runs the robots.txt request, e.g. through a HostScheduler so it is paced like any request to the host. */
  runRequest?: <T>(url: URL, request: () => Promise<T>) => Promise<T>;
  /** Told once per origin when its robots.txt could not be used as it stands. */
  onNote?: (note: string) => void;
}

export interface RobotsRules {
  /** e.g. "https://example.org". */
  origin: string;
  /** 'parsed': rules were read; 'absent': a 4xx; 'unavailable': 5xx, network error or timeout. */
  state: 'parsed' | 'absent' | 'unavailable';
  /** The HTTP status of the robots.txt reply (null when none came). */
  status: number | null;
  /** Crawl-delay for our agent (or `*`), in ms. */
  crawlDelayMs: number | undefined;
  /** Why the rules are not simply the file's, for the user: "robots.txt unavailable (HTTP 503 …); …". */
  note: string | undefined;
  isAllowed(url: string): boolean;
}

export const DEFAULT_ROBOTS_TIMEOUT_MS = 10_000;
export const DEFAULT_ROBOTS_MAX_BYTES = 500 * 1024;

export class RobotsCache {
  private readonly byOrigin = new Map<string, Promise<RobotsRules>>();
  private readonly agentToken: string;

  constructor(private readonly options: RobotsOptions) {
    this.agentToken = options.agentToken ?? productToken(options.userAgent);
  }

  /** The rules of `url`'s origin, fetched on first use. */
  rulesFor(url: string | URL): Promise<RobotsRules> {
    const { origin } = new URL(url);
    let rules = this.byOrigin.get(origin);
    if (!rules) {
      rules = this.load(origin);
      this.byOrigin.set(origin, rules);
      // Only a refused run (the scheduler stopped) rejects; forget it so it is not cached as an answer.
      rules.catch(() => this.byOrigin.delete(origin));
    }
    return rules;
  }

  async isAllowed(url: string): Promise<boolean> {
    return (await this.rulesFor(url)).isAllowed(url);
  }

  async crawlDelayMs(url: string): Promise<number | undefined> {
    return (await this.rulesFor(url)).crawlDelayMs;
  }

  private async load(origin: string): Promise<RobotsRules> {
    const robotsUrl = new URL('/robots.txt', origin);
    const request = () => this.fetchRobots(robotsUrl);
    const reply = await (this.options.runRequest ? this.options.runRequest(robotsUrl, request) : request());
    const rules = this.rulesFrom(origin, robotsUrl, reply);
    if (rules.note) this.options.onNote?.(`${robotsUrl.href}: ${rules.note}`);
    return rules;
  }

  private rulesFrom(origin: string, robotsUrl: URL, reply: RobotsReply): RobotsRules {
    if (reply.kind !== 'text') {
      const state = reply.kind;
      const note = reply.kind === 'unavailable' ? `${reply.reason}; treating every page as allowed` : undefined;
      return { origin, state, status: reply.status, crawlDelayMs: undefined, note, isAllowed: () => true };
    }
    // Parsed against the URL we asked for, not a redirect target: the rules are this origin's.
    const robots = robotsParser(robotsUrl.href, reply.text);
    const delaySeconds = robots.getCrawlDelay(this.agentToken);
    const maxKiB = Math.round((this.options.maxBytes ?? DEFAULT_ROBOTS_MAX_BYTES) / 1024);
    return {
      origin,
      state: 'parsed',
      status: reply.status,
      crawlDelayMs: delaySeconds !== undefined && delaySeconds >= 0 ? delaySeconds * 1000 : undefined,
      note: reply.truncated ? `larger than ${maxKiB} KiB; rules past the first ${maxKiB} KiB ignored` : undefined,
      // undefined: a URL of another origin, which these rules do not cover.
      isAllowed: (url) => robots.isAllowed(url, this.agentToken) ?? true,
    };
  }

  private async fetchRobots(robotsUrl: URL): Promise<RobotsReply> {
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_ROBOTS_TIMEOUT_MS;
    const maxBytes = this.options.maxBytes ?? DEFAULT_ROBOTS_MAX_BYTES;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let status: number | null = null;
    try {
      const response = await fetch(robotsUrl, {
        headers: { 'user-agent': this.options.userAgent, accept: 'text/plain,*/*;q=0.5' },
        redirect: 'follow',
        signal: controller.signal,
      });
      status = response.status;
      if (response.status >= 200 && response.status <= 299) {
        const { bytes, truncated } = await readCapped(response, maxBytes);
        return { kind: 'text', status, text: decodeLines(bytes, truncated), truncated };
      }
      await response.body?.cancel().catch(() => undefined);
      if (response.status >= 400 && response.status <= 499) return { kind: 'absent', status };
      return { kind: 'unavailable', status, reason: `robots.txt unavailable (${statusLine(status, response.statusText)})` };
    } catch (error) {
      const reason = controller.signal.aborted
        ? `robots.txt timed out after ${timeoutMs / 1000} s`
        : `robots.txt unreachable (${describeFailure(error)})`;
      return { kind: 'unavailable', status, reason };
    } finally {
      clearTimeout(timer);
    }
  }
}

type RobotsReply =
  | { kind: 'text'; status: number; text: string; truncated: boolean }
  | { kind: 'absent'; status: number }
  | { kind: 'unavailable'; status: number | null; reason: string };

/** "clipfile/0.1.0 (+https://…)" → "clipfile": the name robots.txt groups are written for. */
function productToken(userAgent: string): string {
  return userAgent.trim().split(/[/\s]/)[0] || '*';
}

async function readCapped(response: Response, maxBytes: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (!response.body) return { bytes: new Uint8Array(0), truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    if (size > maxBytes) {
      // Enough read: stop the download rather than take a huge (or endless) file.
      await reader.cancel().catch(() => undefined);
      return { bytes: Buffer.concat(chunks).subarray(0, maxBytes), truncated: true };
    }
  }
  return { bytes: Buffer.concat(chunks), truncated: false };
}

/** UTF-8 text; when cut short, without its last (partial) line, which could be half a rule. */
function decodeLines(bytes: Uint8Array, truncated: boolean): string {
  const text = new TextDecoder('utf-8').decode(bytes);
  return truncated ? text.slice(0, text.lastIndexOf('\n') + 1) : text;
}

function describeFailure(error: unknown): string {
  let innermost = error;
  while (innermost instanceof Error && innermost.cause instanceof Error) innermost = innermost.cause;
  const code = innermost instanceof Error ? (innermost as { code?: unknown }).code : undefined;
  const message = innermost instanceof Error ? innermost.message : String(innermost);
  return typeof code === 'string' && !message.includes(code) ? `${message}, ${code}` : message;
}
