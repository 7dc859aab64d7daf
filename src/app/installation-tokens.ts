/**
 * Installation tokens for worker threads (threads.ts), one per installation for the whole process,
 * asked for again when it has less than five minutes left or GitHub refused it.
 *
 * Probot's own token cache cannot serve them: its `auth({ type: 'installation' })` sends the token
 * request to api.github.com whatever the app's base URL (GitHub Enterprise Server, or a test's fake);
 * only requests made through an installation's octokit reach the right host. So the token is asked
 * for here, with the app's octokit (its JWT, its base URL).
 */
import type { Octokit } from '../adapters/github/client.js';
import { toGitHubError } from '../adapters/github/client.js';
import type { InstallationToken } from './thread-protocol.js';

const RENEW_BEFORE_MS = 5 * 60_000;

export class InstallationTokens {
  private readonly tokens = new Map<number, Promise<InstallationToken>>();

  constructor(private readonly appOctokit: () => Promise<Octokit>) {}

  async get(installationId: number, refresh: boolean): Promise<InstallationToken> {
    const held = this.tokens.get(installationId);
    if (held && !refresh) {
      const current = await held.catch(() => undefined);
      if (current && current.expiresAt - Date.now() > RENEW_BEFORE_MS) return current;
      // Another caller replaced it meanwhile: that one (one request however many threads ask).
      const replaced = this.tokens.get(installationId);
      if (replaced && replaced !== held) return this.get(installationId, false);
    }
    const next = this.create(installationId);
    this.tokens.set(installationId, next);
    next.catch(() => {
      if (this.tokens.get(installationId) === next) this.tokens.delete(installationId);
    });
    return next;
  }

  private async create(installationId: number): Promise<InstallationToken> {
    const octokit = await this.appOctokit();
    // Typed as the app's requests are (token-refused.ts): a worker thread's job fails with its words —
    // whose credentials GitHub refused, and what to do — not Octokit's bare "Bad credentials".
    const { data } = await octokit
      .request('POST /app/installations/{installation_id}/access_tokens', { installation_id: installationId })
      .catch((error: unknown) => {
        throw toGitHubError(`POST /app/installations/${installationId}/access_tokens`, error);
      });
    const { token, expires_at: expiresAt } = data as { token?: unknown; expires_at?: unknown };
    const expires = typeof expiresAt === 'string' ? Date.parse(expiresAt) : NaN;
    if (typeof token !== 'string' || !Number.isFinite(expires))
      throw new Error(`GitHub answered the token request of installation ${installationId} without a token`);
    return { token, expiresAt: expires };
  }
}
