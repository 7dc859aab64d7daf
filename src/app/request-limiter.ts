/**
 * The throttle for GitHub requests that worker threads make themselves (threads.ts): the main thread
 * grants each request a permit, so every thread of a process shares one budget per installation, and
 * with Redis every replica shares its write spacing. The rules are Probot's (@octokit/plugin-throttling):
 * at most 10 requests of an installation in flight, writes and GraphQL started at least 1 s apart,
 * requests that notify people 3 s, searches 2 s (shared-throttle.ts says which is which). A permit
 * costs the main thread two small messages; the request and its bytes stay in the worker.
 */
import type { SharedThrottle, Spacing } from './shared-throttle.js';
import { LocalSpacing, sleep, spacedCategories } from './shared-throttle.js';

const MAX_IN_FLIGHT = 10;

interface Slots {
  inFlight: number;
  waiting: (() => void)[];
}

export class RequestLimiter {
  private readonly slots = new Map<number, Slots>();
  private readonly local: LocalSpacing;

  constructor(
    private readonly shared: SharedThrottle | undefined,
    private readonly maxInFlight = MAX_IN_FLIGHT,
    spacingMs?: Spacing,
  ) {
    this.local = new LocalSpacing(Date.now, spacingMs);
  }

  /**
   * Resolves when the request may start, with the function to call when its answer has arrived.
   * The spacing is reserved first and the slot taken after, so requests waiting for their start do
   * not hold slots that reads could use (the order plugin-throttling keeps too).
   */
  async permit(installationId: number, method: string, url: string): Promise<() => void> {
    const categories = spacedCategories(method, url);
    if (categories.length > 0) {
      const shared = this.shared ? await this.shared.reserve(installationId, categories) : undefined;
      const wait = shared ?? this.local.reserve(installationId, categories);
      if (wait > 0) await sleep(wait);
    }
    await this.take(installationId);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.give(installationId);
    };
  }

  /** Requests in flight for the installation (tests). */
  inFlight(installationId: number): number {
    return this.slots.get(installationId)?.inFlight ?? 0;
  }

  private take(installationId: number): Promise<void> {
    let slots = this.slots.get(installationId);
    if (!slots) this.slots.set(installationId, (slots = { inFlight: 0, waiting: [] }));
    if (slots.inFlight < this.maxInFlight) {
      slots.inFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve) => slots.waiting.push(resolve));
  }

  private give(installationId: number): void {
    const slots = this.slots.get(installationId);
    if (!slots) return;
    const next = slots.waiting.shift();
    if (next) return next(); // the slot passes on
    slots.inFlight--;
    if (slots.inFlight === 0) this.slots.delete(installationId);
  }
}
