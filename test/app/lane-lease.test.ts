/**
 * A job's lease on its lane as the replica running it knows it (lane-lease.ts), on a clock the test
 * moves: it lapses before the lane key's TTL can run out in Redis, counted from when a renewal was
 * sent, and a renewal Redis refuses ends it for good. And the fence on a job's octokit: nothing is
 * sent once the lease no longer holds, not even a write that was waiting for its turn.
 */
import { ProbotOctokit } from 'probot';
import { describe, expect, it } from 'vitest';
import type { Octokit } from '../../src/adapters/github/client.js';
import { GitHubClient } from '../../src/adapters/github/client.js';
import { fenceOctokit, LaneLease } from '../../src/app/lane-lease.js';
import { LeaseLost } from '../../src/app/queue.js';
import { answerErrorOf, rejectionOf } from '../../src/app/thread-protocol.js';

function clock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('LaneLease', () => {
  it('lapses before the TTL runs out when nothing renews it (a replica frozen that long)', () => {
    const time = clock();
    const lease = new LaneLease(30_000, time.now(), time.now);
    expect(lease.held()).toBe(true);
    time.advance(23_000);
    expect(lease.held()).toBe(true);
    time.advance(2_000);
    expect(lease.held()).toBe(false);
  });

  it('counts a renewal from when it was sent, not from when Redis answered', async () => {
    const time = clock();
    const lease = new LaneLease(10_000, time.now(), time.now);
    time.advance(5_000);
    // Redis answers 4 s after the renewal was sent: its TTL started somewhere in between.
    await lease.renew(async () => {
      time.advance(4_000);
      return 1;
    });
    time.advance(3_500); // 7.5 s after the renewal was sent: within 80 % of 10 s
    expect(lease.held()).toBe(true);
    time.advance(1_000);
    expect(lease.held()).toBe(false);
  });

  it('ends for good when Redis refuses a renewal (another run holds the lane, or the key is gone)', async () => {
    const time = clock();
    const lease = new LaneLease(10_000, time.now(), time.now);
    await lease.renew(async () => 0);
    expect(lease.held()).toBe(false);
    await lease.renew(async () => 1);
    expect(lease.held()).toBe(false);
  });

  it('keeps holding through a renewal Redis did not answer, until it lapses', async () => {
    const time = clock();
    const lease = new LaneLease(10_000, time.now(), time.now);
    await lease.renew(async () => {
      throw new Error('Command timed out');
    });
    expect(lease.held()).toBe(true);
    time.advance(8_000);
    expect(lease.held()).toBe(false);
    // Redis still held the lane for this run (nobody else may take it while the key is there).
    await lease.renew(async () => 1);
    expect(lease.held()).toBe(true);
  });
});

describe('fenceOctokit', () => {
  it('refuses a write whose lease lapsed while it waited for its turn, before it is sent', async () => {
    let held = true;
    const sent: string[] = [];
    const octokit = new ProbotOctokit({
      retry: { enabled: false },
      throttle: { enabled: false },
      request: {
        fetch: async (input: string | URL | Request) => {
          sent.push(String(input));
          return new Response('{}', { status: 201, headers: { 'content-type': 'application/json' } });
        },
      },
    }) as unknown as Octokit;
    let turn!: () => void;
    let waits!: () => void;
    const turnComes = new Promise<void>((resolve) => (turn = resolve));
    const waiting = new Promise<void>((resolve) => (waits = resolve));
    // The shared throttle's way (shared-throttle.ts): a hook registered first wraps the fetch and waits there.
    octokit.hook.before('request', (options) => {
      const request: Record<string, unknown> = { ...options.request };
      const fetch = request.fetch as typeof globalThis.fetch;
      request.fetch = async (input: string | URL | Request, init?: RequestInit) => {
        waits();
        await turnComes;
        return fetch(input, init);
      };
      options.request = request as typeof options.request;
    });
    fenceOctokit(octokit, { held: () => held });

    const write = octokit.request('POST /repos/{owner}/{repo}/check-runs', {
      owner: 'acme',
      repo: 'shop',
      name: 'Blueprint review: main',
      head_sha: 'a'.repeat(40),
    });
    await waiting;
    held = false; // the replica froze, or lost Redis, while the write waited
    turn();
    await expect(write).rejects.toThrow(/lease/);
    expect(sent).toEqual([]);
    // A request made once the lease no longer holds is refused at once.
    await expect(
      octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'shop' }),
    ).rejects.toThrow(/lease/);
    expect(sent).toEqual([]);
  });

  it('does not let Octokit retry a request refused for a lapsed lease', async () => {
    let held = true;
    let attempts = 0;
    const octokit = new ProbotOctokit({
      retry: { retries: 1 },
      throttle: { enabled: false },
      request: {
        fetch: async () =>
          new Response('{}', { status: 201, headers: { 'content-type': 'application/json' } }),
      },
    }) as unknown as Octokit;
    // Counts each attempt that reaches the fetch (the fence checks the lease there, last).
    octokit.hook.before('request', (options) => {
      const request: Record<string, unknown> = { ...options.request };
      const fetch = request.fetch as typeof globalThis.fetch;
      request.fetch = async (input: string | URL | Request, init?: RequestInit) => {
        attempts++;
        held = false; // the lease lapses while the request waits for its turn
        return fetch(input, init);
      };
      options.request = request as typeof options.request;
    });
    fenceOctokit(octokit, { held: () => held });
    await expect(
      octokit.request('POST /repos/{owner}/{repo}/check-runs', {
        owner: 'acme',
        repo: 'shop',
        name: 'Blueprint review: main',
        head_sha: 'a'.repeat(40),
      }),
    ).rejects.toThrow(/lease/);
    expect(attempts).toBe(1);
  });
});

describe("a worker thread's request whose permit was refused for a lapsed lease", () => {
  it('is not retried: the refusal crosses the threads as a LeaseLost, and the client asks once', async () => {
    let attempts = 0;
    // The worker's fetch asks the main thread for a permit; the main thread refused it (threads.ts).
    const refusal = answerErrorOf(new LeaseLost());
    const octokit = new ProbotOctokit({
      retry: { retryAfterBaseValue: 1 },
      throttle: { enabled: false },
      request: {
        fetch: async () => {
          attempts++;
          throw rejectionOf(structuredClone(refusal));
        },
      },
    }) as unknown as Octokit;
    const client = new GitHubClient(octokit, 'acme', 'shop');
    await expect(
      client.rest(
        'GET /repos/acme/shop',
        () => octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'shop' }),
        (value) => value,
      ),
    ).rejects.toThrow(/lease/);
    expect(attempts).toBe(1);
  });
});
