/**
 * Serialises evaluations per pull request. Webhooks for one PR can arrive together (a review and a
 * push, or a redelivery); if two evaluations ran side by side, the one that read older state could
 * write last. Here at most one runs per key; requests that arrive meanwhile collapse into a single
 * rerun of the newest one, which reads fresh state, so the last write reflects the latest events.
 */
interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface Slot {
  pending?: () => Promise<void>;
  waiters: Waiter[];
}

export class LatestWinsQueue {
  private readonly slots = new Map<string, Slot>();

  /** Resolves once a run that started after this call has finished (this task or a newer one). */
  run(key: string, task: () => Promise<void>): Promise<void> {
    const active = this.slots.get(key);
    if (active) {
      active.pending = task;
      return new Promise((resolve, reject) => active.waiters.push({ resolve, reject }));
    }
    const slot: Slot = { waiters: [] };
    this.slots.set(key, slot);
    return this.drain(key, slot, task);
  }

  /** Keys with a run in progress (for tests and shutdown). */
  get busy(): number {
    return this.slots.size;
  }

  private async drain(key: string, slot: Slot, first: () => Promise<void>): Promise<void> {
    try {
      await first();
    } finally {
      // Whatever the first run did, later requests still get their own run.
      void this.rerun(key, slot);
    }
  }

  private async rerun(key: string, slot: Slot): Promise<void> {
    while (slot.pending) {
      const task = slot.pending;
      const waiters = slot.waiters;
      slot.pending = undefined;
      slot.waiters = [];
      try {
        await task();
        for (const w of waiters) w.resolve();
      } catch (error) {
        for (const w of waiters) w.reject(error);
      }
    }
    this.slots.delete(key);
  }
}
