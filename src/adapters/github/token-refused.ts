/**
 * A request of an installation's octokit fails with the error of the token request Octokit's auth
 * hook made first (`POST /app/installations/{id}/access_tokens`), not with an answer to the request
 * itself: read as that request's failure, a wrong private key said "GitHub rejected the credentials
 * (401) for GET /repos/…" and an uninstalled app "GitHub answered 404 to GET /repos/…: the commit,
 * file or pull request is gone". Here the failure is the token request's: what GitHub refused, for
 * which installation, and what the person running the app can do about it.
 */
import { foreignText } from '../../core/inert-text.js';
import type { GitHubFailure } from './client.js';

export type TokenRefusal = Extract<GitHubFailure, { kind: 'token-refused' }>;

/** The token request behind `error`, when it is what failed (its URL is the one Octokit names). */
export function tokenRequestOf(error: unknown): { installationId: number; request: string } | undefined {
  const url = (error as { request?: { url?: unknown } } | null)?.request?.url;
  const match = typeof url === 'string' ? TOKEN_REQUEST.exec(url) : null;
  if (!match) return undefined;
  return { installationId: Number(match[1]), request: `POST /app/installations/${match[1]}/access_tokens` };
}

const TOKEN_REQUEST = /\/app\/installations\/(\d+)\/access_tokens(?:[?#]|$)/;

/**
 * The statuses by which GitHub refuses the token for good, until someone acts on the app or the
 * installation; any other failure of the token request (5xx, no answer, a rate limit) is read as
 * that request's, and passes as those do.
 */
export function isTokenRefusal(status: number): status is TokenRefusal['status'] {
  return status === 401 || status === 403 || status === 404;
}

/**
 * Plain words for the check and the log: what GitHub refused, and what to do. The request the token
 * was for stays out (it is in the failure, for the log's details): any request of the installation
 * would have failed alike, and naming one misled the reader towards it.
 */
export function describeTokenRefusal(f: TokenRefusal): string {
  switch (f.status) {
    case 401:
      return `GitHub refused the app's own credentials (401: ${foreignText(f.detail)}) when it asked for installation ${f.installationId}'s token: the app id or private key the app runs with (APP_ID, PRIVATE_KEY) is not this GitHub App's, or the key was deleted. Check them against the app's settings on GitHub (generate a new private key if need be) and restart the app; nothing was judged.`;
    case 403:
      return `GitHub refused the app a token for installation ${f.installationId} (403: ${foreignText(f.detail)}): the installation is suspended, or the app may not use it. Unsuspend the app in the account's settings (Settings, GitHub Apps), then re-run; nothing was judged.`;
    case 404:
      return `GitHub does not know installation ${f.installationId} (404 to the app's request for its token): the app was uninstalled from the account, or it runs with another app's id (APP_ID). Reinstall the app on the account, then re-run; nothing was judged.`;
  }
}
