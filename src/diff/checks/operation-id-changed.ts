import { code } from '../../core/inert-text.js';
import { check } from './check.js';

/**
 * Level as oasdiff judges it (api-operation-id-removed): the request on the wire is unchanged, so
 * no call fails — oasdiff leaves it out of its breaking set unless a team opts in, because it
 * breaks those who generate clients. Here there is no opt-in, so the middle level says exactly
 * that: consumers *may* break (the ones whose client code is generated from the contract).
 */
export default check({
  id: 'operation-id-changed',
  level: 'warning',
  direction: 'none',
  description:
    "An operation's `operationId` (AsyncAPI: the operation's id) changed or was dropped. Requests on the wire are unchanged, but clients generated from the contract name their methods after it: consumers that regenerate find the method renamed and their code no longer compiles.",
  message: 'changed operationId from {from} to {to}',
  fix: 'keep the former operationId (generated clients name their method after it); rename it only in a new major version',
});

/** The message's data: the former id and the new one, or none (a generator then derives a name). */
export function operationIdChange(from: string, to: string | undefined): { from: string; to: string } {
  return { from: code(from), to: to === undefined ? 'none (generators derive a name)' : code(to) };
}
