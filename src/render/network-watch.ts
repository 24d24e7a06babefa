/**
 * A rendered page's requests in flight, and the wait for "network quiet": none in flight for a
 * while (render.ts waits for it after load and after the scroll).
 */
import type { Page, Request } from 'playwright-core';

/** Requests of a page in flight, and how to wait until there are none for a while. */
export class NetworkWatch {
  private inFlight = new Set<Request>();
  /** Requests started so far. */
  started = 0;
  private lastChange = Date.now();
  private changed: (() => void) | null = null;

  constructor(page: Page) {
    page.on('request', (request) => {
      this.started++;
      this.inFlight.add(request);
      this.touch();
    });
    const ended = (request: Request) => {
      if (this.inFlight.delete(request)) this.touch();
    };
    page.on('requestfinished', ended);
    page.on('requestfailed', ended);
  }

  private touch(): void {
    this.lastChange = Date.now();
    this.changed?.();
  }

  /** Resolves once nothing has been in flight for `quietMs`, or at `until` whatever the network does. */
  async quiet(quietMs: number, until: number): Promise<void> {
    for (;;) {
      const now = Date.now();
      if (now >= until) return;
      const quietFor = this.inFlight.size === 0 ? now - this.lastChange : 0;
      if (quietFor >= quietMs) return;
      const wait = Math.min(until - now, this.inFlight.size === 0 ? quietMs - quietFor : until - now);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, wait);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.changed = done;
      });
      this.changed = null;
    }
  }
}
