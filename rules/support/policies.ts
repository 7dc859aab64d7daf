/**
 * How rules see error-handling and security policies. A named policy (policies/*.yaml) is checked
 * once, where it is written; an inline policy is checked where the flow writes it. Problems that only
 * exist in a flow's context (an async flow whose policy has no dead letter) are reported at the
 * flow's reference to the policy, naming both.
 */
import { idText, quoted } from '../../src/engine/rule.js';
import type { Visitors } from '../../src/engine/rule.js';
import type {
  ErrorHandlingPolicy,
  Flow,
  Loc,
  NamedPolicy,
  PolicyUse,
  SecurityPolicy,
} from '../../src/model/types.js';

/** A policy body and where it is written, with a label for messages. */
export interface PolicyTarget<P> {
  policy: P;
  loc: Loc;
  /** `error-handling policy "standard"` or `the inline error-handling policy of flow "x"`. */
  label: string;
}

type Kind = 'error-handling' | 'security';

function policyVisitors<P>(
  kind: Kind,
  visitorKey: 'errorHandlingPolicy' | 'securityPolicy',
  useOf: (flow: Flow) => PolicyUse<P> | undefined,
  check: (target: PolicyTarget<P>) => void,
): Visitors {
  return {
    [visitorKey]: (named: NamedPolicy<P>) =>
      check({ policy: named.policy, loc: named.loc, label: `${kind} policy ${quoted(named.id)}` }),
    flow(flow: Flow) {
      const use = useOf(flow);
      if (use && use.name === undefined && use.policy !== undefined && use.loc)
        check({
          policy: use.policy,
          loc: use.loc,
          label: `the inline ${kind} policy of flow ${quoted(flow.id)}`,
        });
    },
  };
}

/** Visits every error-handling policy body once: named ones where declared, inline ones in their flow. */
export function eachErrorHandlingPolicy(
  check: (target: PolicyTarget<ErrorHandlingPolicy>) => void,
): Visitors {
  return policyVisitors('error-handling', 'errorHandlingPolicy', (f) => f.errorHandling, check);
}

/** Visits every security policy body once: named ones where declared, inline ones in their flow. */
export function eachSecurityPolicy(check: (target: PolicyTarget<SecurityPolicy>) => void): Visitors {
  return policyVisitors('security', 'securityPolicy', (f) => f.security, check);
}

/** A flow's policy as a flow-context rule needs it: the body, where to report, and how to name it. */
export interface FlowPolicy<P> {
  /** Undefined when the flow has no policy of this kind. */
  policy: P | undefined;
  /** The flow's reference to the policy, or the flow itself (pointing at the missing key). */
  at: Loc;
  path: string[];
  /** `policy "standard"`, `its inline policy`, or undefined when there is none. */
  name: string | undefined;
  /** The flow names a policy that does not exist: another rule reports the dangling reference. */
  dangling: boolean;
}

function flowPolicy<P>(flow: Flow, use: PolicyUse<P> | undefined, key: string): FlowPolicy<P> {
  if (!use) return { policy: undefined, at: flow.loc, path: [key], name: undefined, dangling: false };
  return {
    policy: use.policy,
    at: use.refLoc,
    path: [],
    name: use.name !== undefined ? `policy ${quoted(use.name)}` : 'its inline policy',
    dangling: use.policy === undefined,
  };
}

export function errorHandlingOf(flow: Flow): FlowPolicy<ErrorHandlingPolicy> {
  return flowPolicy(flow, flow.errorHandling, 'errorHandling');
}

export function securityOf(flow: Flow): FlowPolicy<SecurityPolicy> {
  return flowPolicy(flow, flow.security, 'security');
}

/** Runs several visitor sets as one (a rule that checks policies and flows). */
export function mergeVisitors(...sets: Visitors[]): Visitors {
  const merged: Record<string, (element: never) => void> = {};
  for (const set of sets) {
    for (const [key, visitor] of Object.entries(set) as [string, (element: never) => void][]) {
      const previous = merged[key];
      merged[key] = previous
        ? (element: never) => {
            previous(element);
            visitor(element);
          }
        : visitor;
    }
  }
  return merged as Visitors;
}

export const isSync = (flow: Flow): boolean => flow.pattern === 'request-response';
export const isAsync = (flow: Flow): boolean => flow.pattern === 'event' || flow.pattern === 'stream';

/** `"place-order" (webshop → orders)`: how messages name a flow. */
export function flowLabel(flow: Flow): string {
  return `${quoted(flow.id)} (${idText(flow.from)} → ${idText(flow.to)})`;
}

/** Resilience4j's default `maxAttempts`, assumed when a `retry` block does not say. */
export const DEFAULT_MAX_ATTEMPTS = 3;

/** Attempts a policy makes in total, the first included: 1 when it does not retry. */
export function attemptsOf(policy: ErrorHandlingPolicy | undefined): number {
  if (!policy?.retry) return 1;
  return policy.retry.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
}

/** `a`, `a and b`, `a, b and c`. */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Upper-cases the first letter, for labels that start a sentence. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
