import type { Severity } from '../core/finding.js';
import { code } from '../core/inert-text.js';
import type { Audience, Check, Spec } from './checks/check.js';
import { audienceOf, fixOf } from './checks/check.js';
import { affectsSentence, messagesSentence } from './affects.js';
import { causeData, CauseKeys } from './cause-keys.js';
import { fieldPath, sharedSubjectOf } from './field-names.js';
import type { SchemaDelta, SchemaDirection } from './schema/compare.js';
import { pathsOf } from './schema/delta-lists.js';
import { pathSegments } from './schema/field-path.js';
import type { Change, Place } from './types.js';

/** What a walker knows about where a change happened, beyond the check's own words. */
export interface EmitContext {
  /**
   * "Response field `total` of `GET /orders/{id}`" — who/what changed, seen from one operation (a
   * function when only the first of many emits of one cause needs it written).
   */
  subject: string | (() => string);
  /**
   * The same element named without an operation ("Response field `total` of schema `Order`"), for a
   * change that several operations share; a function when it is only worth computing then, which
   * names the field with `label` when given (the labels of every emitter, when they differ).
   */
  sharedSubject?: string | ((label?: string) => string | undefined);
  /** The label `sharedSubject` names a field with: "Response", "Webhook payload". */
  sharedLabel?: string;
  base?: Place;
  head?: Place;
  operation?: string;
  channel?: string;
  data?: Record<string, string>;
  /** The element is `x-stability-level: draft|alpha`: breaking changes are reported as info. */
  unstable?: string;
  /** No operation relies on the element (a security scheme none asks for): reported as info. */
  unused?: boolean;
  /**
   * The one side whose place is the cause, when the other only says where the element would be (a
   * shared parameter removed from several operations is one cause, wherever each operation is).
   */
  causeSide?: 'base' | 'head';
  /** Found in an Avro payload: the check's Avro fix, when it has one, applies. */
  avro?: boolean;
  /** Where a schema difference is written, when `base`/`head` name the `$ref` that caused it. */
  written?: SchemaDelta['written'];
  /** The message it reaches, named inertly ("`created` on `orders`"): listed when several share it. */
  reaches?: string;
}

/** What an emit says of its cause: which one it is, and who it reaches. */
type Emission = Pick<
  EmitContext,
  | 'base'
  | 'head'
  | 'causeSide'
  | 'data'
  | 'written'
  | 'unstable'
  | 'unused'
  | 'sharedLabel'
  | 'operation'
  | 'channel'
  | 'reaches'
>;

/** One cause: a check at one place (base and head), with everything that reaches it. */
interface Cause {
  check: Check;
  severity: Severity;
  first: EmitContext;
  operations: string[];
  channels: string[];
  /** The messages it reaches (AsyncAPI): more than its operations when a trait is applied twice in one. */
  messages: string[];
  /** How often it was emitted: more often than operations means one element reached twice. */
  emits: number;
  /**
   * The distinct labels its emitters name a shared field with: a schema both responses and webhook
   * payloads hold is a field of both.
   */
  labels: string[];
}

/**
 * Collects changes, one per cause: a check that fires at the same base and head place for several
 * operations (a shared component schema, a shared parameter) is one change that lists them all.
 * Messages are written when the sink is finished, once every affected operation is known.
 */
export class ChangeSink {
  /** In the order first emitted: the order of the changes. */
  private readonly causes: Cause[] = [];
  private readonly causeKeys: Record<Severity, CauseKeys<Cause>> = {
    error: new CauseKeys(),
    warning: new CauseKeys(),
    info: new CauseKeys(),
  };
  /**
   * The cause each schema delta was counted towards, by what else decides it (`deltaScope`). A
   * memoised comparison hands the same deltas to every operation that uses its schema: on Microsoft
   * Graph 1.1.3 → 1.3.17, 150k emits of far fewer deltas, each of which had its cause looked up
   * again (its data joined into a key, five maps walked).
   */
  private readonly deltaCauses = new Map<string, Map<SchemaDelta, Cause>>();

  constructor(
    private readonly checks: ReadonlyMap<string, Check>,
    private readonly consumers: readonly string[] | undefined,
    private readonly operationConsumers?: ReadonlyMap<string, readonly string[]>,
  ) {}

  /** `times`: how many emissions this one stands for (a schema delta reached along several paths). */
  emit(id: string, context: EmitContext, times = 1): void {
    this.tally(id, context, times, context);
  }

  /**
   * Counts an emission towards its cause. `first`: the context a new cause keeps, or a function that
   * builds it — for schema deltas, most of whose emits reach a cause already known (2,408 deltas,
   * ~780 causes on GitHub's 22.0.0 → 23.0.2 diff), so the context and its closures need not be
   * built for each.
   */
  private tally(id: string, at: Emission, times: number, first: EmitContext | (() => EmitContext)): Cause {
    const check = this.checks.get(id);
    if (!check) throw new Error(`no check registered with id "${id}"`);
    const severity = (at.unstable || at.unused) && check.level !== 'info' ? 'info' : check.level;
    // Two differences one `$ref` caused are two changes, anchored at that `$ref`.
    const data = causeData(at.data, at.written);
    const base = at.causeSide === 'head' ? undefined : at.base;
    const head = at.causeSide === 'base' ? undefined : at.head;
    const keys = this.causeKeys[severity];
    let cause = keys.get(id, base, head, data);
    if (!cause) {
      const context = typeof first === 'function' ? first() : first;
      cause = {
        check,
        severity,
        first: context,
        operations: [],
        channels: [],
        messages: [],
        emits: 0,
        labels: [],
      };
      keys.set(id, base, head, data, cause);
      this.causes.push(cause);
    }
    count(cause, at, times);
    return cause;
  }

  /** Schema deltas become `request-<kind>` / `response-<kind>` changes. */
  emitSchema(
    deltas: readonly SchemaDelta[],
    direction: SchemaDirection,
    context: Omit<EmitContext, 'subject' | 'sharedSubject' | 'base' | 'head' | 'data'> & {
      subject: (field: string) => string;
      /** How a field of a shared schema is named: "Response field", "Payload field", "Webhook payload field". */
      sharedLabel?: string;
    },
  ): void {
    if (deltas.length === 0) return;
    const { subject, sharedLabel, ...rest } = context;
    const label = sharedLabel ?? (direction === 'request' ? 'Request' : 'Response');
    const contextOf = (delta: SchemaDelta): EmitContext => {
      // The deeper of the two places names the element: a removed property's base, an added one's
      // head (a `$ref` that caused it, followed by the path below it).
      const { base, head } = delta;
      const deeper = base && head && base.pointer.length > head.pointer.length ? base : head;
      return {
        ...rest,
        subject: () => subject(fieldPath(pathSegments(delta.path))),
        sharedSubject: (named = label) => sharedSubjectOf(deeper ?? base, named, delta.written?.below),
        sharedLabel: label,
        base: delta.base,
        head: delta.head,
        data: delta.data,
      };
    };
    // One emission, its places and data set per delta: what finds the cause.
    const at: Emission = { ...rest, sharedLabel: label };
    const scope = deltaScope(direction, at);
    let known = this.deltaCauses.get(scope);
    if (!known) this.deltaCauses.set(scope, (known = new Map()));
    for (const delta of deltas) {
      const cause = known.get(delta);
      if (cause) {
        count(cause, at, pathsOf(delta));
        continue;
      }
      at.base = delta.base;
      at.head = delta.head;
      at.data = delta.data;
      at.written = delta.written;
      known.set(
        delta,
        this.tally(`${direction}-${delta.kind}`, at, pathsOf(delta), () => contextOf(delta)),
      );
    }
  }

  /** Every change, its message written for everything it affects (fixes in the words of `spec`). */
  finish(spec: Spec = 'openapi'): Change[] {
    return this.causes.map((cause) => this.toChange(cause, spec));
  }

  private toChange(
    { check, severity, first, operations, channels, messages, emits, labels }: Cause,
    spec: Spec,
  ): Change {
    const what = fillMessage(check.message, first.data);
    const affected = operations.length > 0 ? operations : channels;
    const many = affected.length > 1 || emits > Math.max(1, affected.length);
    const shared =
      many && typeof first.sharedSubject === 'function'
        ? first.sharedSubject(labels.length > 1 ? labelList(labels) : undefined)
        : many
          ? first.sharedSubject
          : undefined;
    const subject =
      typeof shared === 'string'
        ? shared
        : typeof first.subject === 'function'
          ? first.subject()
          : first.subject;
    const consumers = this.consumersOf(operations, channels);
    let message = `${subject} ${what}`;
    if (first.unstable && check.level !== 'info')
      message += ` (not breaking: the operation is x-stability-level ${first.unstable})`;
    else if (first.unused && check.level !== 'info')
      message += ' (not breaking: no operation that asked for it still does)';
    else if (severity !== 'info') message += ` — ${whoBreaks(audienceOf(check), severity, consumers)}`;
    message = message.replace(/\.$/, '') + '.';
    if (severity !== 'info' && !first.unstable)
      message += ` Fix: ${fillMessage((first.avro && check.avroFix) || fixOf(check, spec), first.data)}.`;
    // Messages are listed only when they say more than the operations (several in one operation).
    if (messages.length > Math.max(1, affected.length)) message += ` ${messagesSentence(messages)}`;
    if (affected.length > 1) message += ` ${affectsSentence(affected, operations.length > 0)}`;
    // A cause seen from one operation whose subject names neither it nor its channel (a security
    // scheme, a server).
    else if (affected.length === 1 && ![...operations, ...channels].some((x) => message.includes(code(x))))
      message += ` ${operations.length > 0 ? 'Operation' : 'Channel'} affected: ${code(affected[0]!)}.`;
    return {
      id: check.id,
      severity,
      direction: check.direction,
      message,
      // The place alone: an emitter's place is often its whole view (a parameter, a response, with
      // the parsed value and maps of headers or content), which the change would keep alive through
      // rendering and reporting, where only the file and pointer are read.
      ...(first.base ? { base: placeOf(first.base) } : {}),
      ...(first.head ? { head: placeOf(first.head) } : {}),
      ...(operations[0] ? { operation: operations[0] } : {}),
      ...(channels[0] ? { channel: channels[0] } : {}),
      operations,
      channels,
      consumers,
      breaking: check.level === 'error',
    };
  }

  /** The consumers the blueprint names for these operations, else every consumer of the contract. */
  private consumersOf(operations: readonly string[], channels: readonly string[]): string[] {
    const named = new Set<string>();
    for (const key of [...operations, ...channels])
      for (const c of this.operationConsumers?.get(key) ?? []) named.add(c);
    return named.size > 0 ? [...named].sort() : [...(this.consumers ?? [])];
  }
}

/** Counts an emission towards its cause: how often, and who it reaches. */
function count(cause: Cause, at: Emission, times: number): void {
  cause.emits += times;
  if (at.sharedLabel !== undefined && !cause.labels.includes(at.sharedLabel))
    cause.labels.push(at.sharedLabel);
  if (at.operation && !cause.operations.includes(at.operation)) cause.operations.push(at.operation);
  if (at.channel && !cause.channels.includes(at.channel)) cause.channels.push(at.channel);
  if (at.reaches && !cause.messages.includes(at.reaches)) cause.messages.push(at.reaches);
}

/**
 * What decides a schema delta's cause besides the delta: its direction (the check), whether it is
 * reported as info, and which side is the cause.
 */
function deltaScope(direction: SchemaDirection, at: Emission): string {
  return `${direction}|${at.unstable || at.unused ? 'info' : ''}|${at.causeSide ?? ''}`;
}

function placeOf({ file, pointer }: Place): Place {
  return { file, pointer };
}

const SLOT = /`\{(\w+)\}`|\{(\w+)\}/g;

/**
 * A check's message (or fix) filled from a change's data. A slot in backticks (`` `{name}` ``) holds a
 * repository value: it becomes one code span (`code`), whatever backticks the value holds. A bare
 * slot takes text the emitter wrote, with any values in it already in code spans.
 */
function fillMessage(template: string, data: Record<string, string> | undefined): string {
  return template.replace(SLOT, (slot: string, coded: string | undefined, bare: string | undefined) => {
    const value = data?.[(coded ?? bare)!];
    if (value === undefined) return slot;
    return coded === undefined ? value : code(value);
  });
}

const CLAUSE: Record<Audience, { anonymous: string; one: string; many: string }> = {
  senders: { anonymous: 'that send it', one: 'sends it', many: 'send it' },
  omitters: { anonymous: 'that do not send it', one: 'must now send it', many: 'must now send it' },
  readers: { anonymous: 'that read it', one: 'reads it', many: 'read it' },
  followers: { anonymous: 'that follow it', one: 'follows it', many: 'follow it' },
  callers: { anonymous: 'that call it', one: 'calls it', many: 'call it' },
  users: { anonymous: 'that use it', one: 'uses it', many: 'use it' },
};

function whoBreaks(audience: Audience, severity: Severity, consumers: readonly string[]): string {
  const clause = CLAUSE[audience];
  if (consumers.length === 0)
    return `consumers ${clause.anonymous} ${severity === 'error' ? 'break' : 'may break'}.`;
  if (consumers.length === 1) return `consumer ${consumers[0]} ${clause.one}.`;
  return `consumers ${andList(consumers)} ${clause.many}.`;
}

/** "Response, webhook payload and callback payload": one label for a field every emitter names. */
function labelList(labels: readonly string[]): string {
  return andList(
    labels.map((label, i) => (i === 0 ? label : label.charAt(0).toLowerCase() + label.slice(1))),
  );
}

export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
