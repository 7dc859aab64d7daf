/**
 * GitHub's id of each account the fakes name. GitHub gives every account its own id, and the gate
 * knows people by id as well as by login (a pusher stays a pusher after a rename): fakes that gave
 * everyone one id would make strangers the same person, and hide whatever that hides.
 */
import { createHash } from 'node:crypto';

/**
 * The id of `login`'s account: one per login, compared case-insensitively as GitHub compares logins,
 * the same in every run (a test can name it in what it expects).
 */
export function accountId(login: string): number {
  const digest = createHash('sha256').update(login.replace(/^@/, '').toLowerCase()).digest();
  // 31 bits: a positive safe integer, as GitHub's ids are; above 1,000 to stay clear of hand-written ids.
  return 1000 + (digest.readUInt32BE(0) >>> 1);
}

/** An account as GitHub's payloads and answers name it: login, type and id. */
export function account(login: string, type = /\[bot\]$/i.test(login) ? 'Bot' : 'User') {
  return { login, type, id: accountId(login) };
}
