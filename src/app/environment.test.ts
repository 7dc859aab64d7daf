import { describe, expect, it } from 'vitest';
import { invalidSettings } from './environment.js';
import { optionsFromEnv } from './index.js';
import { durationText, JobStopped, stoppedReviewOutput } from './job-budget.js';

describe('the app environment', () => {
  it('links comments to the rule docs only when BLUEPRINT_REVIEW_DOCS_URL says where they are', () => {
    expect(optionsFromEnv({}).docsUrl).toBeUndefined();
    expect(
      optionsFromEnv({ BLUEPRINT_REVIEW_DOCS_URL: 'https://ghe.example/org/br/blob/v1/docs/' }).docsUrl,
    ).toBe('https://ghe.example/org/br/blob/v1/docs');
  });

  it('refuses to start with a docs address that is not an absolute http(s) folder', () => {
    expect(invalidSettings({ BLUEPRINT_REVIEW_DOCS_URL: 'https://ghe.example/docs' })).toEqual([]);
    expect(invalidSettings({ BLUEPRINT_REVIEW_DOCS_URL: 'docs/' })).toEqual([
      'BLUEPRINT_REVIEW_DOCS_URL: "docs/" is not an absolute URL',
    ]);
  });

  it('gives every job a budget: ten minutes and 512 MB unless told otherwise', () => {
    expect(optionsFromEnv({}).jobBudget).toEqual({ timeoutSeconds: 600, memoryMb: 512 });
    expect(
      optionsFromEnv({
        BLUEPRINT_REVIEW_JOB_TIMEOUT_SECONDS: '90',
        BLUEPRINT_REVIEW_WORKER_MEMORY_MB: '1024',
      }).jobBudget,
    ).toEqual({ timeoutSeconds: 90, memoryMb: 1024 });
    expect(optionsFromEnv({ BLUEPRINT_REVIEW_JOB_WALL_TIMEOUT_SECONDS: '3600' }).jobBudget).toEqual({
      timeoutSeconds: 600,
      wallTimeoutSeconds: 3600,
      memoryMb: 512,
    });
  });

  it('refuses to start with a budget that is not a number, none at all, or too little memory to load', () => {
    expect(
      invalidSettings({
        BLUEPRINT_REVIEW_JOB_TIMEOUT_SECONDS: '1',
        BLUEPRINT_REVIEW_WORKER_MEMORY_MB: '128',
      }),
    ).toEqual([]);
    expect(invalidSettings({ BLUEPRINT_REVIEW_JOB_TIMEOUT_SECONDS: '10m' })).toEqual([
      'BLUEPRINT_REVIEW_JOB_TIMEOUT_SECONDS: "10m" is not a whole number of at least 1',
    ]);
    expect(invalidSettings({ BLUEPRINT_REVIEW_JOB_TIMEOUT_SECONDS: '0' })).toHaveLength(1);
    expect(invalidSettings({ BLUEPRINT_REVIEW_JOB_WALL_TIMEOUT_SECONDS: 'an hour' })).toEqual([
      'BLUEPRINT_REVIEW_JOB_WALL_TIMEOUT_SECONDS: "an hour" is not a whole number of at least 1',
    ]);
    // A wall-clock limit below the CPU-time limit (set, or the default ten minutes).
    expect(
      invalidSettings({
        BLUEPRINT_REVIEW_JOB_TIMEOUT_SECONDS: '600',
        BLUEPRINT_REVIEW_JOB_WALL_TIMEOUT_SECONDS: '60',
      }),
    ).toEqual([
      'BLUEPRINT_REVIEW_JOB_WALL_TIMEOUT_SECONDS: 60 is less than BLUEPRINT_REVIEW_JOB_TIMEOUT_SECONDS (600): the wall-clock limit must be at least the CPU-time limit',
    ]);
    expect(invalidSettings({ BLUEPRINT_REVIEW_JOB_WALL_TIMEOUT_SECONDS: '300' })).toHaveLength(1);
    expect(invalidSettings({ BLUEPRINT_REVIEW_JOB_TIMEOUT_SECONDS: '60' })).toEqual([]);
    expect(invalidSettings({ BLUEPRINT_REVIEW_WORKER_MEMORY_MB: '64' })).toEqual([
      'BLUEPRINT_REVIEW_WORKER_MEMORY_MB: "64" is not a whole number of at least 128',
    ]);
  });

  it('refuses a job budget where nothing could keep it: jobs on the main thread', () => {
    expect(optionsFromEnv({ BLUEPRINT_REVIEW_WORKER_THREADS: 'false' }).workerThreads).toBe(false);
    expect(invalidSettings({ BLUEPRINT_REVIEW_WORKER_THREADS: 'false' })).toEqual([]);
    expect(
      invalidSettings({
        BLUEPRINT_REVIEW_WORKER_THREADS: 'true',
        BLUEPRINT_REVIEW_JOB_TIMEOUT_SECONDS: '60',
      }),
    ).toEqual([]);
    expect(
      invalidSettings({
        BLUEPRINT_REVIEW_WORKER_THREADS: 'false',
        BLUEPRINT_REVIEW_JOB_TIMEOUT_SECONDS: '60',
        BLUEPRINT_REVIEW_WORKER_MEMORY_MB: '256',
      }),
    ).toEqual([
      'BLUEPRINT_REVIEW_JOB_TIMEOUT_SECONDS is set, but BLUEPRINT_REVIEW_WORKER_THREADS=false runs jobs on the main thread, where no budget can stop them: unset BLUEPRINT_REVIEW_WORKER_THREADS, or this setting',
      'BLUEPRINT_REVIEW_WORKER_MEMORY_MB is set, but BLUEPRINT_REVIEW_WORKER_THREADS=false runs jobs on the main thread, where no budget can stop them: unset BLUEPRINT_REVIEW_WORKER_THREADS, or this setting',
    ]);
  });

  it('waits for the Redis replicas it is told to, refusing a count that is not one', () => {
    expect(optionsFromEnv({}).redisQueue).toBeUndefined();
    expect(optionsFromEnv({ BLUEPRINT_REVIEW_REDIS_WAIT_REPLICAS: '2' }).redisQueue).toEqual({
      replicasToAcknowledge: 2,
    });
    expect(invalidSettings({ BLUEPRINT_REVIEW_REDIS_WAIT_REPLICAS: '0' })).toEqual([]);
    expect(invalidSettings({ BLUEPRINT_REVIEW_REDIS_WAIT_REPLICAS: 'all' })).toEqual([
      'BLUEPRINT_REVIEW_REDIS_WAIT_REPLICAS: "all" is not a whole number of at least 0',
    ]);
  });

  it("spaces an installation's writes 1 s apart unless told, keeping GitHub's ratios when told", () => {
    expect(optionsFromEnv({}).spacingMs).toBeUndefined();
    expect(optionsFromEnv({ BLUEPRINT_REVIEW_WRITE_SPACING_MS: '100' }).spacingMs).toEqual({
      write: 100,
      notification: 300,
      search: 200,
    });
    expect(optionsFromEnv({ BLUEPRINT_REVIEW_WRITE_SPACING_MS: 'fast' }).spacingMs).toBeUndefined();
  });

  it('says in plain words which limit stopped a job and what to do', () => {
    expect(durationText(600)).toBe('10 minutes');
    expect(durationText(60)).toBe('1 minute');
    expect(durationText(90)).toBe('90 seconds');
    expect(new JobStopped({ kind: 'time', seconds: 600 }).message).toMatch(
      /^The job was stopped after 10 minutes: .* unbounded time .* not tried again/,
    );
    const time = stoppedReviewOutput({ kind: 'time', seconds: 600 });
    expect(time).toMatchObject({ conclusion: 'failure', title: 'Stopped after 10 minutes' });
    expect(time.summary).toContain('push a fix');
    expect(time.summary).toContain('BLUEPRINT_REVIEW_JOB_TIMEOUT_SECONDS');
    const memory = stoppedReviewOutput({ kind: 'memory', megabytes: 512 });
    expect(memory).toMatchObject({ conclusion: 'failure', title: 'Stopped: out of memory (512 MB)' });
    expect(memory.summary).toContain('takes unbounded memory to check');
    expect(memory.summary).toContain('BLUEPRINT_REVIEW_WORKER_MEMORY_MB');
  });
});
