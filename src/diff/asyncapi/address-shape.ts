import type { AsyncChannel } from './model.js';

/**
 * An address as the broker sees it: parameter names are the document's own (`users/{userId}` and
 * `users/{id}` name one topic pattern), their positions are what consumers fill in.
 */
export function addressShape(address: string): string {
  return address.replace(/\{[^}]*\}/g, '{}');
}

/**
 * The head's channel parameters under the base's names, matched by their position in the address
 * when only their names changed (as a renamed OpenAPI path parameter is the same parameter).
 */
export function renamedParameters(
  baseAddress: string,
  headAddress: string,
  parameters: AsyncChannel['parameters'],
): AsyncChannel['parameters'] {
  if (!parameters || baseAddress === headAddress || addressShape(baseAddress) !== addressShape(headAddress))
    return parameters;
  const names = (a: string) => [...a.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);
  const baseNames = names(baseAddress);
  const headNames = names(headAddress);
  const out = new Map(parameters);
  headNames.forEach((h, i) => {
    const b = baseNames[i]!;
    const p = parameters.get(h);
    if (b === h || !p) return;
    if (out.get(h) === p) out.delete(h);
    out.set(b, p);
  });
  return out;
}
