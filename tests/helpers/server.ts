/**
 * A real HTTP server on 127.0.0.1 for tests: a route table, a request log, and handler
 * factories for the awkward cases (slow responses, redirects, compression, resets).
 *
 *   let server: TestServer;
 *   beforeAll(async () => { server = await TestServer.start(); });
 *   afterAll(() => server.close());
 *
 *   server.route('/a', html('<p>hi</p>'));
 *   await acquire(server.url('/a'));
 *   expect(server.requestsTo('/a')).toHaveLength(1);
 */
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Worker } from 'node:worker_threads';
import zlib from 'node:zlib';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface LoggedRequest {
  method: string;
  /** Path and query, as requested. */
  path: string;
  headers: IncomingHttpHeaders;
  /** Epoch milliseconds (fractional) when the server logged the request. */
  at: number;
  /**
   * The earliest it can have arrived: `at` less any stall of this process just before (a loaded
   * machine can keep a test server from running for tens of ms, then it logs the request late).
   * See LoopWatch.
   */
  earliestAt: number;
}

/**
 * How much shorter than the client's delay a gap from arrivalGapsMs may be. The client paces
 * requests from when they reach the wire (src/batch/wire.ts), so on loopback two requests reach
 * the server at least the delay apart; and arrivalGapsMs counts from `earliestAt`, which no
 * stall of the server can make late. What is left is timer and clock granularity (well under a
 * millisecond); the rest is margin.
 */
export const ARRIVAL_JITTER_MS = 5;

/**
 * The gaps between consecutive requests (in arrival order), each as long as the log allows: from
 * the earlier one's `earliestAt` to the later one's `at`. A stall of the server shortens a gap
 * between logged times (the first of two requests logged late); it cannot shorten this one, so a
 * loaded machine cannot fail a test that holds it to the client's delay less ARRIVAL_JITTER_MS,
 * while a quiet one measures it within a couple of milliseconds.
 */
export function arrivalGapsMs(requests: readonly LoggedRequest[]): number[] {
  const sorted = [...requests].sort((a, b) => a.at - b.at);
  return sorted.slice(1).map((request, index) => request.at - sorted[index]!.earliestAt);
}

/** The shortest of arrivalGapsMs (Infinity for fewer than two requests). */
export function minArrivalGapMs(requests: readonly LoggedRequest[]): number {
  return Math.min(...arrivalGapsMs(requests));
}

// Taken at load: a test that fakes timers (performance.now included) must not fake the log's clock.
const timeOrigin = performance.timeOrigin;
const monotonicNow = performance.now.bind(performance);

/** Epoch milliseconds, fractional. */
function epochNow(): number {
  return timeOrigin + monotonicNow();
}

/**
 * Bounds how late this process saw a request: a 1 ms heartbeat marks the event loop's turns
 * while a server listens. Data that reaches a socket the loop watches is read in the first poll
 * phase after it; each turn runs timers (the heartbeat, once) before polling; so a request read
 * now arrived after the heartbeat before last (`previousBeat`). A new connection's first request
 * is read a turn after the connection is accepted, so it takes the bound from the accept.
 */
class LoopWatch {
  private lastBeat = -Infinity;
  private beforeLastBeat = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private watchers = 0;

  /** No request seen now arrived before this. */
  get previousBeat(): number {
    return this.beforeLastBeat;
  }

  async start(): Promise<void> {
    if (this.watchers++ === 0) {
      this.timer = setInterval(() => {
        this.beforeLastBeat = this.lastBeat;
        this.lastBeat = epochNow();
      }, 1).unref();
    }
    while (this.beforeLastBeat === -Infinity) await new Promise((resolve) => setTimeout(resolve, 1));
  }

  stop(): void {
    if (--this.watchers > 0) return;
    clearInterval(this.timer);
    this.lastBeat = this.beforeLastBeat = -Infinity;
  }
}

const loopWatch = new LoopWatch();

export class TestServer {
  readonly requests: LoggedRequest[] = [];
  /** Requests whose responses have not finished; `maxInFlight` is the peak (for concurrency limits). */
  inFlight = 0;
  maxInFlight = 0;
  private readonly routes = new Map<string, Handler>();
  /** Connections whose first request has not come yet: the earliest they can have been accepted. */
  private readonly acceptedAt = new WeakMap<Socket, number>();

  private constructor(
    private readonly server: http.Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<TestServer> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await loopWatch.start();
    const { port } = server.address() as AddressInfo;
    const testServer = new TestServer(server, `http://127.0.0.1:${port}`);
    server.on('connection', (socket: Socket) => testServer.acceptedAt.set(socket, loopWatch.previousBeat));
    server.on('request', (req, res) => testServer.handle(req, res));
    return testServer;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Absolute URL of a path on this server. */
  url(path: string): string {
    return new URL(path, this.origin).href;
  }

  /** Serves `handler` for requests to `path` (matched with its query string, if it has one). */
  route(path: string, handler: Handler): this {
    this.routes.set(path, handler);
    return this;
  }

  requestsTo(path: string): LoggedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  /** Forgets routes, the request log and the in-flight peak (e.g. in beforeEach). */
  reset(): void {
    this.routes.clear();
    this.requests.length = 0;
    this.maxInFlight = this.inFlight;
  }

  async close(): Promise<void> {
    // Drop keep-alive and stalled connections, or close() would wait for them.
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
    loopWatch.stop();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    const at = epochNow();
    const earliestAt = Math.min(loopWatch.previousBeat, this.acceptedAt.get(req.socket) ?? Infinity);
    this.acceptedAt.delete(req.socket);
    this.requests.push({ method: req.method ?? 'GET', path, headers: req.headers, at, earliestAt });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    res.on('close', () => this.inFlight--);

    const handler = this.routes.get(path) ?? this.routes.get(path.split('?')[0] ?? path) ?? status(404);
    try {
      await handler(req, res);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`test handler failed: ${String(error)}`);
    }
  }
}

/** A port nothing listens on (a server was bound to it and closed): connecting is refused. */
export async function closedPort(): Promise<number> {
  const server = await TestServer.start();
  const { port } = server;
  await server.close();
  return port;
}

interface ResponseOptions {
  status?: number;
  headers?: Record<string, string>;
}

/** Raw bytes with any content type; `contentType: null` sends no Content-Type at all. */
export function bytes(body: Uint8Array | string, contentType: string | null, options: ResponseOptions = {}): Handler {
  return (_req, res) => {
    const headers: Record<string, string> = { ...options.headers };
    if (contentType !== null) headers['content-type'] = contentType;
    res.writeHead(options.status ?? 200, headers);
    res.end(body);
  };
}

export function html(body: string, options: ResponseOptions = {}): Handler {
  return bytes(body, 'text/html; charset=utf-8', options);
}

/** A bodyless response with a status (and the standard reason phrase). */
export function status(code: number, options: ResponseOptions = {}): Handler {
  return (_req, res) => {
    res.writeHead(code, { 'content-type': 'text/plain', ...options.headers });
    res.end(`${code} ${http.STATUS_CODES[code] ?? ''}`);
  };
}

export function redirect(location: string, code: 301 | 302 | 303 | 307 | 308 = 302): Handler {
  return (_req, res) => {
    res.writeHead(code, { location, 'content-type': 'text/html' });
    res.end(`<a href="${location}">moved</a>`);
  };
}

const COMPRESSORS = {
  gzip: (data: Buffer) => zlib.gzipSync(data),
  br: (data: Buffer) => zlib.brotliCompressSync(data),
  deflate: (data: Buffer) => zlib.deflateSync(data),
};

/** `body` compressed with a Content-Encoding. */
export function compressed(
  body: string | Uint8Array,
  encoding: keyof typeof COMPRESSORS,
  contentType = 'text/html; charset=utf-8',
): Handler {
  const data = COMPRESSORS[encoding](Buffer.from(body));
  return bytes(data, contentType, { headers: { 'content-encoding': encoding } });
}

/** Waits `ms` before handing over to `handler`: slow headers. */
export function delayed(ms: number, handler: Handler): Handler {
  return (req, res) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => resolve(handler(req, res)), ms);
      // Client gone (e.g. it timed out): don't answer into a closed socket.
      res.on('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
}

/** Sends headers at once, then one chunk every `intervalMs`: a slow body. */
export function trickle(chunks: string[], intervalMs: number, contentType = 'text/html; charset=utf-8'): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': contentType });
    res.flushHeaders();
    let next = 0;
    const timer = setInterval(() => {
      const chunk = chunks[next++];
      if (chunk === undefined) {
        clearInterval(timer);
        res.end();
      } else {
        res.write(chunk);
      }
    }, intervalMs);
    res.on('close', () => clearInterval(timer));
  };
}

/**
 * Sends headers and `partialBody` (announcing a longer Content-Length), then resets the TCP
 * connection (RST): the client sees ECONNRESET mid-body. With no `partialBody`, resets before
 * any response.
 */
export function resetConnection(partialBody?: string): Handler {
  return (req, res) => {
    if (partialBody === undefined) {
      req.socket.resetAndDestroy();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(partialBody.length + 10_000) });
    res.write(partialBody);
    // Give the first bytes time to leave before the reset.
    setTimeout(() => req.socket.resetAndDestroy(), 20);
  };
}

/** Like resetConnection, but closes the socket normally (FIN) before the announced length arrived. */
export function truncatedResponse(partialBody: string): Handler {
  return (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(partialBody.length + 10_000) });
    res.write(partialBody, () => req.socket.destroy());
  };
}

/** A server on its own thread (see startThreadServer). */
export interface ThreadServer {
  origin: string;
  url(path: string): string;
  /** The request log so far. */
  requests(): Promise<LoggedRequest[]>;
  close(): Promise<void>;
}

/**
 * Starts a server on a thread of its own that answers every path with `body` (HTML), logging
 * requests as TestServer does (with its own LoopWatch, written out again below, since a
 * worker runs plain JavaScript): for a test that stalls its own event loop on purpose, which
 * would stall a TestServer too and widen its arrival bounds.
 */
export async function startThreadServer(body: string): Promise<ThreadServer> {
  const worker = new Worker(THREAD_SERVER_SOURCE, { eval: true, workerData: { body } });
  const replies: ((message: unknown) => void)[] = [];
  worker.on('message', (message) => replies.shift()?.(message));
  const ask = <T>(request: string) =>
    new Promise<T>((resolve) => {
      replies.push(resolve as (message: unknown) => void);
      worker.postMessage(request);
    });
  const { port } = await ask<{ port: number }>('port');
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => new URL(path, origin).href,
    requests: () => ask<LoggedRequest[]>('log'),
    close: async () => {
      await ask('close');
      await worker.terminate();
    },
  };
}

const THREAD_SERVER_SOURCE = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const now = () => performance.timeOrigin + performance.now();
let lastBeat = -Infinity;
let beforeLastBeat = -Infinity;
setInterval(() => { beforeLastBeat = lastBeat; lastBeat = now(); }, 1);
const log = [];
const acceptedAt = new WeakMap();
const server = http.createServer((req, res) => {
  const at = now();
  const earliestAt = Math.min(beforeLastBeat, acceptedAt.get(req.socket) ?? Infinity);
  acceptedAt.delete(req.socket);
  log.push({ method: req.method, path: req.url, headers: req.headers, at, earliestAt });
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(workerData.body);
});
server.on('connection', (socket) => acceptedAt.set(socket, beforeLastBeat));
const listening = new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
parentPort.on('message', async (request) => {
  if (request === 'port') {
    await listening;
    while (beforeLastBeat === -Infinity) await new Promise((resolve) => setTimeout(resolve, 1));
    parentPort.postMessage({ port: server.address().port });
  } else if (request === 'log') {
    parentPort.postMessage(log);
  } else if (request === 'close') {
    server.closeAllConnections();
    server.close(() => parentPort.postMessage('closed'));
  }
});
`;

/** `count` servers, each one "host" (127.0.0.1 on its own port) with its own request log and in-flight peak. */
export async function startServers(count: number): Promise<TestServer[]> {
  return Promise.all(Array.from({ length: count }, () => TestServer.start()));
}

/** The 1st request gets the 1st handler, the 2nd the 2nd, …; the last handler serves every request after. */
export function sequence(...handlers: Handler[]): Handler {
  let served = 0;
  return (req, res) => {
    const handler = handlers[Math.min(served++, handlers.length - 1)];
    if (!handler) throw new Error('sequence() needs at least one handler');
    return handler(req, res);
  };
}

/**
 * A page with validators: 304 Not Modified when the request's If-None-Match carries `etag` or
 * its If-Modified-Since equals `lastModified`; otherwise 200 with the body and the validators.
 */
export function withValidators(body: string, validators: { etag?: string; lastModified?: string }): Handler {
  return (req, res) => {
    const headers: Record<string, string> = {};
    if (validators.etag) headers.etag = validators.etag;
    if (validators.lastModified) headers['last-modified'] = validators.lastModified;
    const ifNoneMatch = req.headers['if-none-match'];
    const matches =
      (validators.etag !== undefined && ifNoneMatch?.split(/\s*,\s*/).includes(validators.etag)) ||
      (validators.lastModified !== undefined && req.headers['if-modified-since'] === validators.lastModified);
    if (matches) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
    res.end(body);
  };
}

/** Counts requests in flight across every handler it wraps (on any server), and the peak. */
export class InFlightCounter {
  current = 0;
  peak = 0;

  wrap(handler: Handler): Handler {
    return (req, res) => {
      this.current++;
      this.peak = Math.max(this.peak, this.current);
      res.on('close', () => this.current--);
      return handler(req, res);
    };
  }
}
