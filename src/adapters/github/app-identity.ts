/**
 * Who the app is on GitHub (`GET /app`, authenticated as the app itself): its id, which its check
 * runs carry as `app.id`, and its slug, from which its bot account's login follows (`<slug>[bot]`,
 * the sender of the events its own writes cause).
 */
import type { GitHubClient } from './client.js';
import { integer, object, string } from './shapes.js';

export interface AppIdentity {
  /** The app's login as a sender of events: `<slug>[bot]`. */
  login: string;
  appId: number;
}

const APP_SHAPE = object({ id: integer, slug: string });

/** The app behind the client's octokit (one that authenticates as the app, not an installation). */
export async function authenticatedApp(client: GitHubClient): Promise<AppIdentity> {
  const app = await client.rest('GET /app', () => client.octokit.rest.apps.getAuthenticated(), APP_SHAPE);
  return { login: `${app.slug}[bot]`, appId: app.id };
}
