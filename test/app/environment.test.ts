/**
 * The settings every start refuses: a blank NODE_ENV is no mode at all, so credentials — the webhook
 * secret above all, without which Probot verifies webhooks with its well-known "development" secret —
 * are required as in production.
 */
import { describe, expect, it } from 'vitest';
import { settingsRefusal } from '../../src/app/environment.js';

const credentials = { APP_ID: '1', PRIVATE_KEY: 'key' };

describe('settingsRefusal', () => {
  it.each([undefined, '', ' ', 'production'])('requires the webhook secret when NODE_ENV is %j', (mode) => {
    const env = mode === undefined ? { ...credentials } : { ...credentials, NODE_ENV: mode };
    const refusal = settingsRefusal(env);
    expect(refusal?.kind).toBe('missing');
    expect(refusal?.settings.join('\n')).toContain('WEBHOOK_SECRET');
  });

  it('lets a development start go without credentials', () => {
    expect(settingsRefusal({ NODE_ENV: 'development' })).toBeUndefined();
  });
});
