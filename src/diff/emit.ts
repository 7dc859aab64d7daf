import type { Check } from './checks/check.js';
import type { SchemaDelta, SchemaDirection } from './schema/compare.js';
import type { Change, Place } from './types.js';

/** What a walker knows about where a change happened, beyond the check's own words. */
export interface EmitContext {
  /** "Response field `total` of `GET /orders/{id}`" — who/what changed. */
  subject: string;
  base?: Place;
  head?: Place;
  operation?: string;
  channel?: string;
  data?: Record<string, string>;
  /** The element is `x-stability-level: draft|alpha`: breaking changes are reported as info. */
  unstable?: string;
}

/** Collects changes, rendering each check's message and saying who breaks. */
export class ChangeSink {
  readonly changes: Change[] = [];

  constructor(
    private readonly checks: ReadonlyMap<string, Check>,
    private readonly consumers: readonly string[] | undefined,
  ) {}

  emit(id: string, context: EmitContext): void {
    const check = this.checks.get(id);
    if (!check) throw new Error(`no check registered with id "${id}"`);
    const what = check.message.replace(
      /\{(\w+)\}/g,
      (_, name: string) => context.data?.[name] ?? `{${name}}`,
    );
    let severity = check.level;
    let message = `${context.subject} ${what}`;
    if (context.unstable && severity !== 'info') {
      message += ` (not breaking: the operation is x-stability-level ${context.unstable})`;
      severity = 'info';
    } else if (severity !== 'info') {
      message += ` — ${whoBreaks(check.direction, this.consumers)}`;
    }
    this.changes.push({
      id,
      severity,
      direction: check.direction,
      message: message.endsWith('.') ? message : `${message}.`,
      ...(context.base ? { base: context.base } : {}),
      ...(context.head ? { head: context.head } : {}),
      ...(context.operation ? { operation: context.operation } : {}),
      ...(context.channel ? { channel: context.channel } : {}),
      breaking: check.level === 'error',
    });
  }

  /** Schema deltas become `request-<kind>` / `response-<kind>` changes. */
  emitSchema(
    deltas: readonly SchemaDelta[],
    direction: SchemaDirection,
    context: Omit<EmitContext, 'subject' | 'base' | 'head' | 'data'> & { subject: (field: string) => string },
  ): void {
    for (const delta of deltas) {
      this.emit(`${direction}-${delta.kind}`, {
        ...context,
        subject: context.subject(fieldPath(delta.path)),
        base: delta.base,
        head: delta.head,
        data: delta.data,
      });
    }
  }
}

/** `order.items[].price`; '' for the schema's root. */
export function fieldPath(path: readonly string[]): string {
  let out = '';
  for (const segment of path) out += segment === '[]' ? '[]' : out === '' ? segment : `.${segment}`;
  return out;
}

function whoBreaks(direction: Check['direction'], consumers: readonly string[] | undefined): string {
  const verb = direction === 'request' ? 'send' : direction === 'response' ? 'read' : 'use';
  if (!consumers || consumers.length === 0) return `consumers that ${verb} it break.`;
  if (consumers.length === 1) return `consumer ${consumers[0]} ${verb}s it.`;
  return `consumers ${andList(consumers)} ${verb} it.`;
}

export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
