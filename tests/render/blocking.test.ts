/**
 * What a rendered page may not do (src/render/render.ts, src/render/browser.ts), shown in a real
 * Chromium rather than read off the context's options: one Renderer for the file (clipfile's own
 * launch and render), pages rendered as if from real 127.0.0.1 servers the test starts, and each
 * test asserting on what the servers saw and on the DOM the render returned. The pages write what
 * their scripts got into `<pre id="results">`. Popups and navigation to file:/// or another port
 * are in render.test.ts. Without a browser these tests fail: CI installs Debian's chromium.
 *
 * Several protections overlap (README, "What a page may do"): Chromium's Local Network Access
 * checks alone keep a page off another local server, so the WebSockets here go to the page's own
 * server, which those checks allow, and the beacon test has one to the page's own server too.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, watch } from 'node:fs';
import http from 'node:http';
import { homedir, tmpdir } from 'node:os';
import type { AddressInfo, Socket } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/pipeline.js';
import { findChromium, INSTALL_HINT } from '../../src/render/browser.js';
import { Renderer, type RenderInput } from '../../src/render/render.js';
import { bytes, delayed, html, TestServer, type Handler } from '../helpers/server.js';
import { page, STORY_PARAGRAPHS, storyMarkup } from './pages.js';

/**
 * A WebSocket server on 127.0.0.1 (Node has none built in): the upgrade handshake of RFC 6455,
 * the text of each frame a client sends, and plain HTTP requests, all logged. Its HTTP side
 * serves routes too, so a page of its origin can open a socket to the same one.
 */
class SocketServer {
  readonly upgrades: string[] = [];
  readonly messages: string[] = [];
  readonly requests: string[] = [];
  private readonly routes = new Map<string, Handler>();
  /** Upgraded connections: the HTTP server no longer tracks them, so close() ends them itself. */
  private readonly upgraded = new Set<Socket>();
  private constructor(
    private readonly server: http.Server,
    readonly host: string,
  ) {}

  static async start(): Promise<SocketServer> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const sockets = new SocketServer(server, `127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req, res) => sockets.serve(req, res));
    server.on('upgrade', (req, socket: Socket) => sockets.accept(req, socket));
    return sockets;
  }

  route(path: string, handler: Handler): void {
    this.routes.set(path, handler);
  }

  url(path: string, scheme: 'http' | 'ws' = 'http'): string {
    return `${scheme}://${this.host}${path}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    for (const socket of this.upgraded) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private serve(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.requests.push(req.url ?? '');
    const handler = this.routes.get(req.url ?? '');
    if (handler) void handler(req, res);
    else res.writeHead(404).end();
  }

  private accept(req: http.IncomingMessage, socket: Socket): void {
    this.upgrades.push(req.url ?? '');
    this.upgraded.add(socket);
    socket.on('close', () => this.upgraded.delete(socket));
    socket.on('error', () => undefined);
    const accept = createHash('sha1').update(`${String(req.headers['sec-websocket-key'])}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    socket.on('data', (frame: Buffer) => this.messages.push(unmaskedText(frame)));
  }
}

/** The text of one short masked client frame (under 126 bytes, as the pages here send). */
function unmaskedText(frame: Buffer): string {
  const length = frame[1]! & 0x7f;
  const mask = frame.subarray(2, 6);
  return Buffer.from(frame.subarray(6, 6 + length).map((byte, index) => byte ^ mask[index % 4]!)).toString('utf8');
}

/** What the download responses carry: found in no file anywhere once the page has tried. */
const DOWNLOAD_MARKER = 'clipfile-download-marker-5f0c2a';
/**
 * The attachment: headers at once, then a chunk every ATTACHMENT_CHUNK_MS, half a second in all:
 * a download would read it to the end well before the page's render is over.
 */
const ATTACHMENT_CHUNKS = 10;
const ATTACHMENT_CHUNK_MS = 50;
/** The kinds of worker a document can start, each opening a WebSocket of its own. */
const WORKER_KINDS = ['blob-worker', 'data-worker', 'url-worker', 'blob-shared-worker', 'url-shared-worker'];
/**
 * Documents that start every kind of worker, by the prefix of their labels: the page, a frame it
 * loads from a URL (HTML, and SVG: an XML document), both served with no policy of their own, and
 * a data: frame (which inherits the page's).
 */
const WORKER_STARTERS = ['', 'frame-', 'svg-frame-', 'data-frame-'];
/** The WebSockets the page tries: its own, a fresh frame's, a frame's from a URL, and every worker's of each starter. */
const SOCKET_LABELS = ['page', 'frame', 'url-frame', ...WORKER_STARTERS.flatMap((prefix) => WORKER_KINDS.map((kind) => `${prefix}${kind}`))];
/** The pages' budget: every page here settles in about a second. */
const RENDER_TIMEOUT_MS = 6_000;
/** How long a page's request to /hold stays in flight: its probes answer (or give up) before. */
const HOLD_MS = 1_000;

let server: TestServer;
let other: TestServer;
let sockets: SocketServer;
let renderer: Renderer;
/** Chromium's temporary folders (its profile, Playwright's downloads folder) are made here. */
let browserTemp: string;
let previousTmpdir: string | undefined;
/** How each request for the attachment ended: read to its end, or dropped by the browser before. */
let attachmentOutcomes: Promise<'read to the end' | 'dropped'>[];

beforeAll(async () => {
  const chromium = findChromium();
  if (!chromium) throw new Error(`the render tests need Chromium: ${INSTALL_HINT}`);
  // The browser starts on the first render: its profile and downloads folder go here.
  browserTemp = mkdtempSync(join(tmpdir(), 'clipfile-blocking-'));
  previousTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = browserTemp;
  [server, other] = await Promise.all([TestServer.start(), TestServer.start()]);
  server.route('/report.csv', attachmentHandler);
  server.route('/hold', delayed(HOLD_MS, bytes('held', 'text/plain')));
  server.route('/sw.js', bytes(SERVICE_WORKER_JS, 'text/javascript'));
  other.route('/form', html(page('<p>the form was posted</p>')));
  other.route('/refreshed', html(page('<p>another site</p>')));
  sockets = await SocketServer.start();
  sockets.route('/plain', bytes('plain http', 'text/plain'));
  sockets.route('/hold', delayed(HOLD_MS, bytes('held', 'text/plain')));
  sockets.route('/socket-frame.html', html(socketFrameHtml(sockets.url('/url-frame', 'ws'), 'url-frame')));
  for (const prefix of WORKER_STARTERS) {
    sockets.route(`/${prefix}url-worker.js`, bytes(socketWorkerJs(sockets.url(`/${prefix}url-worker`, 'ws'), `${prefix}url-worker`), 'text/javascript'));
    sockets.route(`/${prefix}url-shared-worker.js`, bytes(sharedWorkerJs(sockets.url(`/${prefix}url-shared-worker`, 'ws'), `${prefix}url-shared-worker`), 'text/javascript'));
  }
  sockets.route('/workers-frame.html', html(workersFrameHtml('frame-')));
  sockets.route('/workers-frame.svg', bytes(workersSvg('svg-frame-'), 'image/svg+xml'));
  renderer = new Renderer({ executablePath: chromium.path, timeoutMs: RENDER_TIMEOUT_MS, pagesAtOnce: 2 });
});

afterAll(async () => {
  await renderer?.close();
  if (previousTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previousTmpdir;
  await server?.close();
  await other?.close();
  await sockets?.close();
});

// Each test reads the servers' logs of its own page only.
beforeEach(() => {
  for (const log of [server.requests, other.requests, sockets.requests, sockets.upgrades, sockets.messages]) log.length = 0;
  attachmentOutcomes = [];
});

/** A file for download: an attachment that trickles, noting whether the client read it to the end. */
const attachmentHandler: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="report.csv"' });
  res.flushHeaders();
  let sent = 0;
  const timer = setInterval(() => {
    if (sent++ < ATTACHMENT_CHUNKS) res.write(`${DOWNLOAD_MARKER},${sent}\n`);
    else res.end();
  }, ATTACHMENT_CHUNK_MS);
  attachmentOutcomes.push(
    new Promise((resolve) =>
      res.on('close', () => {
        clearInterval(timer);
        resolve(res.writableFinished ? 'read to the end' : 'dropped');
      }),
    ),
  );
};

/** A service worker that would answer every request of its pages itself. */
const SERVICE_WORKER_JS = `
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => event.respondWith(new Response('<p id="from-worker">served by the worker</p>', { headers: { 'content-type': 'text/html' } })));
`;

/** A worker's script that opens a WebSocket to `url` and reports back. */
function socketWorkerJs(url: string, label: string): string {
  return `const socket = new WebSocket('${url}');
socket.onopen = () => { postMessage('${label} open'); socket.send('${label} says hello'); };
socket.onerror = () => postMessage('${label} error');
socket.onclose = () => postMessage('${label} closed');`;
}

/**
 * A frame's document, loaded from a URL: its policy is its own response's (none), not the page's,
 * so only Playwright's WebSocket route stands between its socket and the server.
 */
function socketFrameHtml(url: string, label: string): string {
  return `<script>const postMessage = (line) => parent.postMessage(line, '*'); ${socketWorkerJs(url, label)}</script>`;
}

/** The same for a shared worker, which answers over the port of its first connection. */
function sharedWorkerJs(url: string, label: string): string {
  return `onconnect = (event) => { const port = event.ports[0]; const postMessage = (line) => port.postMessage(line); ${socketWorkerJs(url, label)} };`;
}

/**
 * A script that starts every kind of worker, each opening a WebSocket to the socket server's
 * `/<label>`, and reports each worker's lines (and its refusal) through `report(line)`; labels
 * start with `prefix`. URL workers are named in full, so a data: frame asks for the same server.
 */
function workersJs(prefix: string): string {
  const label = (kind: string) => `${prefix}${kind}`;
  const socketUrl = (name: string) => sockets.url(`/${name}`, 'ws');
  return `const blob = (script) => URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
const worker = (label, url) => {
  try {
    const started = new Worker(url);
    started.onmessage = (event) => report(event.data);
    started.onerror = () => report(label + ' refused');
  } catch (error) { report(label + ' threw ' + error.name); }
};
const sharedWorker = (label, url) => {
  try {
    const started = new SharedWorker(url);
    started.port.onmessage = (event) => report(event.data);
    started.onerror = () => report(label + ' refused');
  } catch (error) { report(label + ' threw ' + error.name); }
};
worker('${label('blob-worker')}', blob(${JSON.stringify(socketWorkerJs(socketUrl(label('blob-worker')), label('blob-worker')))}));
worker('${label('data-worker')}', 'data:text/javascript,' + encodeURIComponent(${JSON.stringify(socketWorkerJs(socketUrl(label('data-worker')), label('data-worker')))}));
worker('${label('url-worker')}', '${sockets.url(`/${label('url-worker')}.js`)}');
sharedWorker('${label('blob-shared-worker')}', blob(${JSON.stringify(sharedWorkerJs(socketUrl(label('blob-shared-worker')), label('blob-shared-worker')))}));
sharedWorker('${label('url-shared-worker')}', '${sockets.url(`/${label('url-shared-worker')}.js`)}');`;
}

/**
 * A frame's document, loaded from a URL, that starts every kind of worker and passes their lines
 * to the page: the frame's policy is its own response's (none), and its workers are out of
 * Playwright's WebSocket route.
 */
function workersFrameHtml(prefix: string): string {
  return `<script>const report = (line) => parent.postMessage(line, '*');\n${workersJs(prefix)}</script>`;
}

/** The same as an SVG document: an XML document, whose createElement makes no HTML elements. */
function workersSvg(prefix: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg"><script><![CDATA[const report = (line) => parent.postMessage(line, '*');\n${workersJs(prefix)}]]></script></svg>`;
}

function input(url: string, body: string): RenderInput {
  return { url, bytes: new TextEncoder().encode(body), contentType: 'text/html; charset=utf-8', source: url };
}

/**
 * The story, and a script run at DOMContentLoaded (`note(line)` writes a line into the page).
 * The page keeps a request to its server's /hold in flight for HOLD_MS, so network quiet (and so
 * the DOM the render returns) comes after its probes have answered or given up.
 */
function probePage(script: string, { head = '' } = {}): string {
  return page(
    storyMarkup('<pre id="results"></pre>'),
    `${head}<script>
const note = (line) => { document.getElementById('results').textContent += line + '\\n'; };
const within = (promise, ms = 600) => Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve('no answer'), ms))]);
fetch('/hold');
addEventListener('DOMContentLoaded', async () => {
${script}
});
</script>`,
  );
}

/** The lines a probe page wrote, in order. */
function results(rendered: string): string[] {
  const text = /<pre id="results">([\s\S]*?)<\/pre>/.exec(rendered)?.[1];
  if (text === undefined) throw new Error('the rendered page has no results');
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
    .split('\n')
    .filter(Boolean);
}

function storyText(url: string, rendered: string): string {
  return extractArticle({ html: rendered, url, source: url }).text;
}

/** Every file below `folder` (none when it does not exist). */
function filesBelow(folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(folder, name);
    try {
      const stats = statSync(path);
      if (stats.isDirectory()) return filesBelow(path);
      return stats.isFile() ? [path] : [];
    } catch {
      return []; // gone meanwhile (Chromium's own temporary files)
    }
  });
}

function filesHolding(folder: string, marker: string): string[] {
  return filesBelow(folder).filter((path) => {
    try {
      return readFileSync(path).includes(marker);
    } catch {
      return false;
    }
  });
}

/**
 * Watches `folder` (and all below it, if `recursive`), reading each file as it is written: a
 * download is written while the page renders and deleted with its context (Playwright removes a
 * context's downloads), so looking only afterwards would find nothing either way.
 */
function watchForMarker(folder: string, marker: string, recursive: boolean): { stop(): string[] } {
  const found = new Set<string>();
  const watcher = watch(folder, { recursive }, (_event, name) => {
    if (name === null) return;
    const path = join(folder, name.toString());
    try {
      if (readFileSync(path).includes(marker)) found.add(path);
    } catch {
      // a folder, or gone already
    }
  });
  return {
    stop() {
      watcher.close();
      return [...found];
    },
  };
}

describe('what a rendered page cannot do', () => {
  it('opens no WebSocket, from the page, its frames (fresh, from a URL, data:) or any kind of worker any of them starts: the server sees no upgrade and the story renders', async () => {
    const pageUrl = sockets.url('/live');
    const socketUrl = (label: string) => sockets.url(`/${label}`, 'ws');
    const rendered = await renderer.render(
      input(
        pageUrl,
        probePage(
          `const open = (label, make) => {
  try {
    const socket = make();
    socket.onopen = () => { note(label + ' open'); socket.send(label + ' says hello'); };
    socket.onerror = () => note(label + ' error');
    socket.onclose = () => note(label + ' closed');
  } catch (error) { note(label + ' threw ' + error.name); }
};
open('page', () => new WebSocket('${socketUrl('page')}'));
const frame = document.createElement('iframe');
document.body.append(frame);
open('frame', () => new frame.contentWindow.WebSocket('${socketUrl('frame')}'));
addEventListener('message', (event) => note(event.data));
const urlFrame = document.createElement('iframe');
urlFrame.src = '/socket-frame.html';
document.body.append(urlFrame);
for (const src of ['/workers-frame.html', '/workers-frame.svg', 'data:text/html,' + encodeURIComponent(${JSON.stringify(workersFrameHtml('data-frame-')).replaceAll('</', '<\\/')})]) {
  const workersFrame = document.createElement('iframe');
  workersFrame.src = src;
  document.body.append(workersFrame);
}
const report = note;
${workersJs('')}
note('plain ' + await fetch('/plain').then((response) => response.text(), (error) => error.name));
// A loaded machine may start the workers late: hold the network busy until each socket's fate is in.
const reported = () => {
  const lines = document.getElementById('results').textContent.split('\\n');
  return ${JSON.stringify(SOCKET_LABELS)}.every((label) => lines.some((line) => line.startsWith(label + ' ')));
};
for (let holds = 0; holds < 5 && !reported(); holds++) await fetch('/hold');`,
        ),
      ),
    );
    expect(sockets.upgrades).toEqual([]);
    expect(sockets.messages).toEqual([]);
    // The policy each frame was given at its start left no element behind.
    expect(rendered.html).not.toMatch(/http-equiv/i);
    // The page's scripts ran, and reached the server over plain HTTP.
    expect(results(rendered.html)).toContain('plain plain http');
    expect(sockets.requests).toContain('/plain');
    // Every socket's fate reached the page: refused, closed or failed, never open.
    const lines = results(rendered.html);
    for (const label of SOCKET_LABELS) {
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${label} (refused|closed|error|threw \\w+)$`)));
    }
    expect(lines.filter((line) => line.endsWith(' open'))).toEqual([]);
    expect(storyText(pageUrl, rendered.html)).toContain(STORY_PARAGRAPHS[11]);
  });

  it('downloads nothing, from a link to an attachment or a blob: no file anywhere, the attachment not read to its end, the story rendered', async () => {
    const cwdBefore = readdirSync(process.cwd());
    const downloadsFolder = join(homedir(), 'Downloads');
    const downloadsBefore = filesBelow(downloadsFolder);
    // The working folder alone, not below it: node_modules is too big a tree to watch.
    const watchers = [watchForMarker(browserTemp, DOWNLOAD_MARKER, true), watchForMarker(process.cwd(), DOWNLOAD_MARKER, false)];
    const pageUrl = server.url('/downloads');
    let written: string[] = [];
    const rendered = await renderer.render(
      input(
        pageUrl,
        probePage(`const click = (href, download) => {
  const link = document.createElement('a');
  link.href = href;
  if (download) link.download = download;
  document.body.append(link);
  link.click();
};
click(URL.createObjectURL(new Blob(['${DOWNLOAD_MARKER},blob\\n'], { type: 'text/csv' })), 'blob.csv');
click('/report.csv', 'report.csv');
setTimeout(() => { location.href = '/report.csv'; }, 100);
note('clicked');`),
      ),
    ).finally(() => (written = watchers.flatMap((watcher) => watcher.stop())));
    expect(results(rendered.html)).toEqual(['clicked']);
    expect(storyText(pageUrl, rendered.html)).toContain(STORY_PARAGRAPHS[11]);
    // No file held the downloads' bytes at any time: in the browser's temporary folders (its
    // profile, Playwright's downloads folder), the working folder or ~/Downloads. And Chromium,
    // which asked for the attachment, dropped it rather than read it to its end.
    const outcomes = await Promise.all(attachmentOutcomes);
    // Chromium starts writing a download into a temporary file of its own (directly in $TMPDIR,
    // .org.chromium.Chromium.*) before it asks whether downloads are allowed, and deletes it
    // when they are not: such a file may be seen for a moment, but none may remain.
    expect(written.filter((path) => !(dirname(path) === browserTemp && basename(path).startsWith('.org.chromium.Chromium.')))).toEqual([]);
    expect(filesHolding(browserTemp, DOWNLOAD_MARKER)).toEqual([]);
    expect(filesBelow(browserTemp).filter((path) => /report|blob\.csv|\.crdownload$/.test(path))).toEqual([]);
    // By name too (other test files may add files of their own meanwhile).
    const downloadName = /report|blob|\.crdownload$|^Unconfirmed /;
    expect(readdirSync(process.cwd()).filter((name) => !cwdBefore.includes(name) && downloadName.test(name))).toEqual([]);
    expect(filesBelow(downloadsFolder).filter((path) => !downloadsBefore.includes(path) && downloadName.test(basename(path)))).toEqual([]);
    expect(filesHolding(downloadsFolder, DOWNLOAD_MARKER)).toEqual([]);
    expect(outcomes.length).toBeGreaterThanOrEqual(1);
    expect(new Set(outcomes)).toEqual(new Set(['dropped']));
  });

  it('is granted no permission: geolocation, notifications, camera, microphone, clipboard all denied or unanswered', async () => {
    const pageUrl = server.url('/permissions');
    const rendered = await renderer.render(
      input(
        pageUrl,
        probePage(`for (const name of ['geolocation', 'notifications', 'camera', 'microphone', 'clipboard-read']) {
  note(name + ': ' + await navigator.permissions.query({ name }).then((status) => status.state, (error) => 'error ' + error.name));
}
note('Notification.requestPermission: ' + await within(Notification.requestPermission()));
note('getCurrentPosition: ' + await within(new Promise((resolve) => navigator.geolocation.getCurrentPosition(
  (position) => resolve('position ' + position.coords.latitude), (error) => resolve('error ' + error.code)))));
note('getUserMedia: ' + await within(navigator.mediaDevices.getUserMedia({ video: true, audio: true }).then(() => 'a stream', (error) => 'error ' + error.name)));
note('clipboard.readText: ' + await within(navigator.clipboard.readText().then(() => 'the clipboard', (error) => 'error ' + error.name)));
note('done');`),
      ),
    );
    const lines = results(rendered.html);
    expect(lines.at(-1)).toBe('done');
    expect(lines).toHaveLength(10);
    for (const name of ['geolocation', 'notifications', 'camera', 'microphone', 'clipboard-read']) {
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${name}: (prompt|denied)$`)));
    }
    expect(lines).toContainEqual(expect.stringMatching(/^Notification\.requestPermission: (denied|default|no answer)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^getCurrentPosition: (error 1|no answer)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^getUserMedia: (error \w+|no answer)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^clipboard\.readText: (error \w+|no answer)$/));
    expect(lines.join('\n')).not.toMatch(/granted|position|a stream|the clipboard/);
    expect(storyText(pageUrl, rendered.html)).toContain(STORY_PARAGRAPHS[11]);
  });

  it('registers no service worker: the server never serves it, and the next render of the page is not served by one', async () => {
    const pageUrl = server.url('/offline-first');
    const registering = probePage(`const outcome = (promise) => promise.then((registration) => 'resolved ' + (registration ? registration.scope : 'with nothing'), (error) => 'refused ' + error.name);
note('page: ' + await within(outcome(navigator.serviceWorker.register('/sw.js'))));
const frame = document.createElement('iframe');
document.body.append(frame);
note('frame: ' + await within(outcome(frame.contentWindow.ServiceWorkerContainer.prototype.register.call(navigator.serviceWorker, '/sw.js?frame'))));
note('controller: ' + (navigator.serviceWorker.controller ? 'a worker' : 'none'));
note('fetched: ' + await fetch('/hold').then((response) => response.text(), (error) => error.name));`);
    const first = await renderer.render(input(pageUrl, registering));
    const second = await renderer.render(input(pageUrl, registering));
    for (const rendered of [first, second]) {
      const lines = results(rendered.html);
      expect(lines).toHaveLength(4);
      expect(lines[0]).toMatch(/^page: (refused \w+|resolved with nothing|no answer)$/);
      expect(lines[1]).toMatch(/^frame: (refused \w+|resolved with nothing|no answer)$/);
      expect(lines[2]).toBe('controller: none');
      expect(lines[3]).toBe('fetched: held');
      expect(rendered.html).not.toContain('served by the worker');
      expect(storyText(pageUrl, rendered.html)).toContain(STORY_PARAGRAPHS[11]);
    }
    expect(server.requests.filter((request) => request.path.startsWith('/sw.js'))).toEqual([]);
    // Both renders' requests reached the server: none was answered by a worker.
    expect(server.requestsTo('/hold').length).toBeGreaterThanOrEqual(4);
  });

  it('follows no form POST or meta refresh to another port: the other server sees nothing and the page stays', async () => {
    const pageUrl = server.url('/leaving-again');
    const rendered = await renderer.render(
      input(
        pageUrl,
        probePage(
          `const form = document.createElement('form');
form.method = 'post';
form.action = '${other.url('/form')}';
form.innerHTML = '<input name="secret" value="from the page">';
document.body.append(form);
// After load: a navigation started before it stops the page's load event, and the render
// would wait for it until its budget is nearly spent.
addEventListener('load', () => setTimeout(() => { form.submit(); note('posted'); }, 200));`,
          { head: `<meta http-equiv="refresh" content="0; url=${other.url('/refreshed')}">` },
        ),
      ),
    );
    expect(other.requests.map((request) => `${request.method} ${request.path}`)).toEqual([]);
    expect(results(rendered.html)).toEqual(['posted']);
    expect(rendered.html).not.toContain('the form was posted');
    expect(rendered.html).not.toContain('another site');
    expect(storyText(pageUrl, rendered.html)).toContain(STORY_PARAGRAPHS[11]);
  });

  it('reaches neither file:/// nor another local server with fetch, and delivers no beacon: the fetches fail, the servers see nothing', async () => {
    const pageUrl = server.url('/reaching');
    const rendered = await renderer.render(
      input(
        pageUrl,
        probePage(`// All at once, so one that hangs cannot keep the others from being tried.
note('beacon queued: ' + navigator.sendBeacon('${other.url('/beacon')}', 'from the page'));
note('own beacon queued: ' + navigator.sendBeacon('/beacon', 'from the page'));
const tried = (promise) => within(promise.then((response) => response.text(), (error) => 'failed ' + error.name));
const [file, otherPort] = await Promise.all([tried(fetch('file:///etc/passwd')), tried(fetch('${other.url('/fetched')}', { mode: 'no-cors' }))]);
note('file: ' + file);
note('other port: ' + otherPort);
note('done');`),
      ),
    );
    expect(other.requests.map((request) => `${request.method} ${request.path}`)).toEqual([]);
    const lines = results(rendered.html);
    // The beacons were accepted by the page's browser, and never delivered, not even the one
    // to the page's own server.
    expect(lines).toEqual(['beacon queued: true', 'own beacon queued: true', 'file: failed TypeError', 'other port: failed TypeError', 'done']);
    expect(server.requestsTo('/beacon').map((request) => `${request.method} ${request.path}`)).toEqual([]);
    expect(rendered.html).not.toMatch(/root:.*:0:0:/);
    expect(storyText(pageUrl, rendered.html)).toContain(STORY_PARAGRAPHS[11]);
  });
});
