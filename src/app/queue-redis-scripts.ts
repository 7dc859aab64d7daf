/**
 * The queue's own keys (queue-redis.ts) change only through these scripts: each is one atomic step
 * on Redis, so two replicas admitting, renewing or releasing the same lane at once cannot interleave
 * between a check and the write it guards (a GET then a DEL from two replicas could release a lane
 * another run had just taken).
 */
import type { Redis } from 'ioredis';

/**
 * The enqueue checks in one atomic step: delivery seen, push added to the trail, request coalesced,
 * sequence, latest head. KEYS: the delivery, the lane's sequence, latest head, trail and orphan mark,
 * then — only for a request with a coalescing key — that key and the list of answers of the holder
 * the call expects. The delivery's key holds the id of the job that answers it: the one it queued
 * (ARGV[2]), or the one holding its coalescing key (KEYS[6]), whose list of answers (KEYS[7]) then
 * names it too. A job given up forgets them (`FORGET`): a delivery since taken by another job is not
 * that one's.
 *
 * An admission that queues a job of its own writes its delivery and coalescing keys for ARGV[7] ms only
 * (`pending`): the job is added to BullMQ by a second command, and only once it is (`CONFIRM`) do the
 * keys last ARGV[1] seconds. A replica lost between the two leaves keys that lapse within moments
 * rather than answer every redelivery "duplicate", and coalesce every later request, for a day. A key
 * found pending (its time left is at most ARGV[7]) is answered `{'pending', holder}`: nothing is
 * written, and the call is made again shortly (`admitDelivery`), when the key is confirmed or gone.
 * Time left 0 is pending too: Redis answers it in the millisecond a key lapses, while the key still
 * reads — taken for a confirmed key, the request would be coalesced into a job never queued.
 *
 * Every key a script touches is one its call declares (Redis's contract, which a cluster or a proxy
 * routing by key relies on), so the holder's list cannot be named inside: the call names the holder
 * it expects (ARGV[6], '' for none) with that holder's list. Another holder found: nothing is written,
 * and `{'held', holder}` says whose list to name in the call made again (`admit` below). A request
 * without a coalescing key declares neither: a placeholder key ('') would be one key shared by every
 * such call, which a cluster routes as any other.
 */
const ADMIT = `
local function pending(key)
  local left = redis.call('PTTL', key)
  return left >= 0 and left <= tonumber(ARGV[7])
end
local answered = redis.call('GET', KEYS[1])
if answered then
  if pending(KEYS[1]) then return {'pending', answered} end
  return {'duplicate', 0}
end
local coalesced = #KEYS == 7
local holder = false
if coalesced then holder = redis.call('GET', KEYS[6]) end
if holder and holder ~= ARGV[6] then return {'held', holder} end
if holder and pending(KEYS[6]) then return {'pending', holder} end
if ARGV[5] ~= '' then
  redis.call('RPUSH', KEYS[4], ARGV[5])
  redis.call('EXPIRE', KEYS[4], ARGV[3])
end
if holder then
  if ARGV[5] ~= '' then redis.call('SET', KEYS[5], '1', 'EX', ARGV[3]) end
  redis.call('SET', KEYS[1], holder, 'EX', ARGV[1])
  redis.call('RPUSH', KEYS[7], KEYS[1])
  redis.call('EXPIRE', KEYS[7], ARGV[1])
  return {'duplicate', 0}
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[7])
if coalesced then redis.call('SET', KEYS[6], ARGV[2], 'PX', ARGV[7]) end
local seq = redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], ARGV[3])
if ARGV[4] ~= '' then redis.call('SET', KEYS[3], seq .. ' ' .. ARGV[4], 'EX', ARGV[3]) end
return {'queued', seq}
`;
/**
 * The job an admission queued is in BullMQ: its delivery key and coalescing key (KEYS), each while it
 * still names the job (ARGV[1]), last ARGV[2] seconds from now. Returns how many did.
 */
const CONFIRM = `
local confirmed = 0
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then
    redis.call('EXPIRE', key, ARGV[2])
    confirmed = confirmed + 1
  end
end
return confirmed
`;
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;
/**
 * The queue's mark (redis-claims.ts `watchForLoss`). ARGV: the replica, the mark's week, the scan's
 * lease. 1 when Redis had no mark (it is set now, as this replica's scan, for the lease only); else 0:
 * the replica's own scan renews its lease, another replica's scan is left to run out or be settled,
 * and a settled mark is kept another week. A replica of an earlier version keeps any mark a week.
 */
const MARK = `
local held = redis.call('GET', KEYS[1])
if not held then
  redis.call('SET', KEYS[1], 'scanning ' .. ARGV[1], 'EX', ARGV[3])
  return 1
end
if held == 'scanning ' .. ARGV[1] then
  redis.call('EXPIRE', KEYS[1], ARGV[3])
elseif string.sub(held, 1, 9) ~= 'scanning ' then
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
return 0
`;
/** The replica's scan is done: its mark (still its scan's) now says the queue is kept, for a week. */
const SETTLE = `
if redis.call('GET', KEYS[1]) ~= 'scanning ' .. ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1
`;
/**
 * Moves a mark (a time in ms) forward to ARGV[2], never back: only when the work that reached it began
 * at or before the mark (ARGV[1] ≤ mark: no gap between them), or covered everything the mark stands
 * for (ARGV[3] = '1'). Kept ARGV[4] ms.
 */
const ADVANCE = `
local mark = tonumber(redis.call('GET', KEYS[1]))
local from, to = tonumber(ARGV[1]), tonumber(ARGV[2])
if mark ~= nil and to <= mark then return 0 end
if ARGV[3] ~= '1' and (mark == nil or from > mark) then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[4])
return 1
`;
/**
 * The readiness probe (queue-redis-readiness.ts): a write through a script, as an admission is — one a
 * Redis that answers PING may still refuse (read-only, out of memory). ARGV: the value, how long (ms).
 */
const PROBE = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`;
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
/**
 * A job given up forgets the deliveries it answers (ARGV[1]: its id): its own (KEYS[1]) and those its
 * list of answers (KEYS[2], gone after) names — KEYS[3…], as the call read the list: -1, and nothing
 * done, when the list holds others now. Each only while it still holds the job's id. Its own holding
 * `'1'` was written by a replica that stored no job id (before ab0a07e), and is taken for this job's
 * when ARGV[2] is '1' (the give-up's first try: queue-redis-give-up.ts). Returns how many were
 * forgotten.
 */
const FORGET = `
local listed = redis.call('LRANGE', KEYS[2], 0, -1)
if #listed ~= #KEYS - 2 then return -1 end
for i, key in ipairs(listed) do
  if key ~= KEYS[i + 2] then return -1 end
end
local forgotten = 0
for i, key in ipairs(KEYS) do
  local value = i ~= 2 and redis.call('GET', key)
  if value == ARGV[1] or (i == 1 and ARGV[2] == '1' and value == '1') then
    redis.call('DEL', key)
    forgotten = forgotten + 1
  end
end
redis.call('DEL', KEYS[2])
return forgotten
`;
/**
 * After a job succeeded: the pushes it recorded leave the trail (each once: appends meanwhile stay),
 * and 1 if a push coalesced into a running job is still there (then a job must follow).
 */
const RECORDED = `
for _, value in ipairs(ARGV) do redis.call('LREM', KEYS[1], 1, value) end
if redis.call('GET', KEYS[2]) == false then return 0 end
redis.call('DEL', KEYS[2])
if redis.call('LLEN', KEYS[1]) > 0 then return 1 end
return 0
`;

/**
 * A job an older replica queued under its pull request's name lane, now run in its id lane: the
 * pushes the name lane's trail holds move to the front of the id lane's (they came in before the
 * job ran), and so does its mark of a push coalesced into a running job. Returns how many moved.
 */
const ADOPT = `
local items = redis.call('LRANGE', KEYS[1], 0, -1)
for i = #items, 1, -1 do redis.call('LPUSH', KEYS[3], items[i]) end
if #items > 0 then redis.call('EXPIRE', KEYS[3], ARGV[1]) end
redis.call('DEL', KEYS[1])
if redis.call('GET', KEYS[2]) then
  redis.call('SET', KEYS[4], '1', 'EX', ARGV[1])
  redis.call('DEL', KEYS[2])
end
return #items
`;

export interface LaneCommands {
  /** `admitDelivery`'s one try: the number of keys, then the keys (`Admitted`) and the arguments. */
  admit(
    count: number,
    ...keysAndArgs: [...keys: Admitted, ...args: [number, string, number, string, string, string, number]]
  ): Promise<['queued' | 'duplicate', number] | ['held', string] | ['pending', string]>;
  /** `CONFIRM`: the number of keys, the keys, the job's id and how long they last (s). */
  confirm(count: number, ...keysAndArgs: [...keys: string[], id: string, ttl: number]): Promise<number>;
  recorded(trail: string, orphan: string, ...values: string[]): Promise<number>;
  adopt(
    fromTrail: string,
    fromOrphan: string,
    toTrail: string,
    toOrphan: string,
    keep: number,
  ): Promise<number>;
  renew(key: string, holder: string, ms: number): Promise<number>;
  release(key: string, holder: string): Promise<number>;
  /** `forgetAnswers`'s one try: the number of keys, then the keys, the job's id and `unstamped`. */
  forget(count: number, ...keysAndArgs: string[]): Promise<number>;
  mark(key: string, replica: string, keepSeconds: number, leaseSeconds: number): Promise<number>;
  settle(key: string, replica: string, keepSeconds: number): Promise<number>;
  advance(key: string, from: number, to: number, whole: '1' | '0', keepMs: number): Promise<number>;
  probe(key: string, value: string, ms: number): Promise<number>;
}

/** Each script by its command's name (tests check them against what Redis runs). */
export const LANE_SCRIPTS = {
  admit: ADMIT,
  confirm: CONFIRM,
  recorded: RECORDED,
  adopt: ADOPT,
  renew: RENEW,
  release: RELEASE,
  forget: FORGET,
  mark: MARK,
  settle: SETTLE,
  advance: ADVANCE,
  probe: PROBE,
} as const;

export function withCommands(redis: Redis): Redis & LaneCommands {
  redis.defineCommand('admit', { lua: ADMIT });
  redis.defineCommand('confirm', { lua: CONFIRM });
  redis.defineCommand('recorded', { numberOfKeys: 2, lua: RECORDED });
  redis.defineCommand('adopt', { numberOfKeys: 4, lua: ADOPT });
  redis.defineCommand('renew', { numberOfKeys: 1, lua: RENEW });
  redis.defineCommand('release', { numberOfKeys: 1, lua: RELEASE });
  redis.defineCommand('forget', { lua: FORGET });
  redis.defineCommand('mark', { numberOfKeys: 1, lua: MARK });
  redis.defineCommand('settle', { numberOfKeys: 1, lua: SETTLE });
  redis.defineCommand('advance', { numberOfKeys: 1, lua: ADVANCE });
  redis.defineCommand('probe', { numberOfKeys: 1, lua: PROBE });
  return redis as Redis & LaneCommands;
}

/**
 * The keys of an admission (queue-redis-keys.ts), in the script's order; `answers`: the list of
 * answers of the holder the call expects. A request without a coalescing key names neither.
 */
type Admitted =
  | [delivery: string, seq: string, latest: string, trail: string, orphan: string]
  | [
      delivery: string,
      seq: string,
      latest: string,
      trail: string,
      orphan: string,
      hold: string,
      answers: string,
    ];

export interface Admission {
  delivery: string;
  /** The request's coalescing key; undefined when it has none. */
  hold: string | undefined;
  seq: string;
  latest: string;
  trail: string;
  orphan: string;
  /** The list of answers of the job `id`. */
  answersOf(id: string): string;
  /** The id of the job the request would queue. */
  id: string;
  /** The head that is the lane's latest from now on; '' when the request names none. */
  head: string;
  /** The push to add to the trail (JSON); '' for none. */
  push: string;
}

/**
 * Tries of an admission: each new try names the holder the last one found, so only a coalescing key
 * taken by another job between two tries (a few milliseconds) calls for another.
 */
const ADMIT_TRIES = 5;

/** The holder of a request's coalescing key changed at each try (`ADMIT_TRIES`): it was not admitted. */
export class AdmissionContended extends Error {
  constructor() {
    super(`the request's coalescing key changed holder at each of ${ADMIT_TRIES} tries`);
    this.name = 'AdmissionContended';
  }
}

/** How long an admission's keys last: once its job is queued, and before (`ADMIT`'s `pending`). */
export interface AdmissionTimes {
  /** Seconds, once the job is queued. */
  ttl: number;
  /** Seconds a lane's sequence, latest head and trail are kept. */
  keep: number;
  /** Milliseconds, until the job is queued. */
  pendingMs: number;
}

/**
 * `ADMIT` with the list of answers of the job that holds the request's coalescing key; `pending` with
 * the holder when the delivery or coalescing key is an admission whose job is not known queued yet.
 */
export async function admitDelivery(
  redis: LaneCommands,
  a: Admission,
  times: AdmissionTimes,
): Promise<['queued' | 'duplicate', number] | ['pending', string]> {
  let expected = '';
  for (let tries = 0; tries < ADMIT_TRIES; tries++) {
    const lane = [a.delivery, a.seq, a.latest, a.trail, a.orphan] as const;
    const keys: Admitted = a.hold ? [...lane, a.hold, a.answersOf(expected || a.id)] : [...lane];
    const { ttl, keep, pendingMs } = times;
    const answer = await redis.admit(
      keys.length,
      ...keys,
      ttl,
      a.id,
      keep,
      a.head,
      a.push,
      expected,
      pendingMs,
    );
    if (answer[0] !== 'held') return answer;
    expected = answer[1];
  }
  throw new AdmissionContended();
}

/**
 * `FORGET` for the job `id` (queue-redis.ts's `forgetDeliveries`): its list of answers is read first,
 * so that the script is given every key it touches. Nothing joins the list once the job's coalescing
 * key is released, before this; were it otherwise, the script finds the list changed and is called
 * again with what it holds now.
 */
export async function forgetAnswers(
  redis: Redis & LaneCommands,
  keys: { delivery: string; answers: string },
  id: string,
  unstamped: '1' | '0',
): Promise<void> {
  for (let tries = 0; tries < ADMIT_TRIES; tries++) {
    const listed = await redis.lrange(keys.answers, 0, -1);
    const forgotten = await redis.forget(
      2 + listed.length,
      keys.delivery,
      keys.answers,
      ...listed,
      id,
      unstamped,
    );
    if (forgotten >= 0) return;
  }
}
