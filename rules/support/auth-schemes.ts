import { token } from '../../src/core/inert-text.js';
/** Which contract security schemes can carry which blueprint auth model. */
import type { ContractDocument, SecurityScheme } from '../../src/model/types.js';

type Matcher = (scheme: SecurityScheme) => boolean;

const httpScheme =
  (name: string): Matcher =>
  (s) =>
    (s.type === 'http' && s.scheme?.toLowerCase() === name) || (name === 'bearer' && s.type === 'httpBearer');
const oauth2 =
  (flow?: string): Matcher =>
  (s) =>
    s.type === 'oauth2' && (flow === undefined || Object.prototype.hasOwnProperty.call(s.flows ?? {}, flow));
const type =
  (...types: string[]): Matcher =>
  (s) =>
    types.includes(s.type);
const any =
  (...matchers: Matcher[]): Matcher =>
  (s) =>
    matchers.some((m) => m(s));

/**
 * OpenAPI (`oauth2`, `openIdConnect`, `http`, `apiKey`, `mutualTLS`) and AsyncAPI (`X509`,
 * `scramSha256/512`, `userPassword`, `httpApiKey`, `httpBearer`, …) scheme types per auth model.
 */
const MATCHERS: Record<string, Matcher> = {
  'oauth2-client-credentials': any(oauth2('clientCredentials'), type('openIdConnect')),
  'oauth2-jwt-bearer': any(oauth2(), type('openIdConnect'), httpScheme('bearer')),
  jwt: any(httpScheme('bearer'), oauth2(), type('openIdConnect')),
  mtls: type('mutualTLS', 'X509'),
  'api-key': type('apiKey', 'httpApiKey'),
  basic: any(httpScheme('basic'), type('userPassword', 'plain')),
  'sasl-scram': type('scramSha256', 'scramSha512'),
};

/** The schemes that match `model`; undefined when the model cannot be checked against this contract. */
export function matchingSchemes(
  model: string,
  document: ContractDocument,
  candidates: readonly SecurityScheme[],
): SecurityScheme[] | undefined {
  const matcher = Object.prototype.hasOwnProperty.call(MATCHERS, model) ? MATCHERS[model] : undefined;
  if (!matcher) return undefined;
  // OpenAPI before 3.1 has no scheme type for mutual TLS: the contract cannot say it.
  if (model === 'mtls' && document.kind === 'openapi' && !document.specVersion.startsWith('3.1'))
    return undefined;
  return candidates.filter(matcher);
}

/** `clientCredentials (oauth2)`, for messages. */
export function describeScheme(scheme: SecurityScheme): string {
  const detail = scheme.type === 'http' && scheme.scheme ? ` ${token(scheme.scheme)}` : '';
  return `${token(scheme.name)} (${token(scheme.type)}${detail})`;
}
