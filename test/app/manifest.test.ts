/**
 * The app's manifest (app.yml) subscribes to every event the app handles: GitHub sends an app only
 * the events it subscribed to, so a handler whose event is missing there never runs — with a merge
 * queue, that would leave the queue waiting for checks that never come.
 */
import { readFileSync } from 'node:fs';
import { Probot } from 'probot';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createBlueprintReviewApp } from '../../src/app/index.js';
import { APP_ID, testPrivateKey } from './support/fake-github.js';

const manifest = parse(readFileSync(new URL('../../app.yml', import.meta.url), 'utf8')) as {
  default_events: string[];
  default_permissions: Record<string, string>;
};

/** Sent to every GitHub App without a subscription (none is possible): not in the manifest. */
const SENT_TO_EVERY_APP = ['installation'];

describe('app.yml', () => {
  it('subscribes to every event the app handles', async () => {
    const probot = new Probot({
      appId: APP_ID,
      privateKey: testPrivateKey(),
      secret: 'test-secret',
      logLevel: 'fatal',
    });
    const handled = new Set<string>();
    const on = probot.on.bind(probot);
    probot.on = ((names: string | string[], handler: never) => {
      for (const name of [names].flat()) handled.add(name.split('.')[0]!);
      return on(names as never, handler);
    }) as typeof probot.on;
    const app = createBlueprintReviewApp({ botLogin: 'blueprint-review[bot]', appId: APP_ID });
    await probot.load(app.app);
    await app.runtime()!.close(1_000);
    expect(handled).toContain('merge_group');
    const subscribed = [...manifest.default_events, ...SENT_TO_EVERY_APP];
    expect([...handled].filter((event) => !subscribed.includes(event))).toEqual([]);
  });

  it('asks for the permission GitHub requires to send merge_group events, read only', () => {
    expect(manifest.default_permissions.merge_queues).toBe('read');
  });
});
