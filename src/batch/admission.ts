/**
 * Which source of a long list to start next. A run keeps only so many sources in hand at once
 * (so memory stays flat over 100,000 URLs), and no single host may fill them all: with the
 * list sorted by site, a thousand URLs of one slow host at the top must not keep the other
 * hosts idle. Sources are taken in list order within a group and groups take turns.
 */
export interface AdmissionLimits {
  /** Sources in hand at once over all groups. */
  total: number;
  /** Sources in hand at once in one group (a host; local files are one group). */
  perGroup: number;
}

export class Admission<T> {
  private readonly waiting = new Map<string, T[]>();
  private readonly inHand = new Map<string, number>();

  constructor(private readonly limits: AdmissionLimits) {
    if (!(limits.total >= 1 && limits.perGroup >= 1)) throw new RangeError('admission limits must be at least 1');
  }

  add(group: string, item: T): void {
    const queue = this.waiting.get(group);
    if (queue) queue.push(item);
    else this.waiting.set(group, [item]);
  }

  /** The next source that may start now, or undefined; the caller must call done(group) when it ends. */
  next(): { group: string; item: T } | undefined {
    if (this.active >= this.limits.total) return undefined;
    for (const [group, queue] of this.waiting) {
      if ((this.inHand.get(group) ?? 0) >= this.limits.perGroup) continue;
      const item = queue.shift()!;
      // The group goes to the back of the turn order (a Map keeps insertion order).
      this.waiting.delete(group);
      if (queue.length > 0) this.waiting.set(group, queue);
      this.inHand.set(group, (this.inHand.get(group) ?? 0) + 1);
      return { group, item };
    }
    return undefined;
  }

  done(group: string): void {
    const count = this.inHand.get(group) ?? 0;
    if (count <= 1) this.inHand.delete(group);
    else this.inHand.set(group, count - 1);
  }

  /** Takes every source not started yet, in no particular order (for "not started" reports). */
  drain(): T[] {
    const rest = [...this.waiting.values()].flat();
    this.waiting.clear();
    return rest;
  }

  get pending(): number {
    let count = 0;
    for (const queue of this.waiting.values()) count += queue.length;
    return count;
  }

  get active(): number {
    let count = 0;
    for (const inHand of this.inHand.values()) count += inHand;
    return count;
  }
}
