/**
 * When a request really goes out: undici (Node's fetch) publishes each request's headers on a
 * diagnostics channel as it writes them to the socket. Per-host pacing counts from here, because
 * the moment a task starts is not the moment the server sees it: the main thread may be busy
 * (storing a snapshot, a worker message) between the two, and a later request that goes out on
 * time would then reach the server closer to the first than the delay.
 */
import diagnostics from 'node:diagnostics_channel';

const SEND_HEADERS = 'undici:client:sendHeaders';

/** Told the host (URL.host: name and port, default port left out) of each request sent. */
export type RequestSentListener = (host: string) => void;

const listeners = new Set<RequestSentListener>();

function onSendHeaders(message: unknown): void {
  const origin = (message as { request?: { origin?: unknown } } | undefined)?.request?.origin;
  if (origin === undefined || origin === null) return;
  let host: string;
  try {
    host = new URL(String(origin)).host;
  } catch {
    return;
  }
  for (const listener of listeners) listener(host);
}

/** Listens while someone needs it (the channel costs every request); returns the unsubscribe. */
export function onRequestSent(listener: RequestSentListener): () => void {
  if (listeners.size === 0) diagnostics.subscribe(SEND_HEADERS, onSendHeaders);
  listeners.add(listener);
  return () => {
    if (!listeners.delete(listener)) return;
    if (listeners.size === 0) diagnostics.unsubscribe(SEND_HEADERS, onSendHeaders);
  };
}
