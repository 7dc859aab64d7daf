import { code, jsonValue, token } from '../core/inert-text.js';
import { andList } from './emit.js';
import type { ChangeSink, EmitContext } from './emit.js';
import type { Located, SecurityRequirements } from './openapi/model.js';
import type { Place } from './types.js';
import { append } from '../core/arrays.js';

type Json = Record<string, unknown>;

/**
 * Security requirements are alternatives (any one suffices) of scheme sets (all needed), the same in
 * OpenAPI and AsyncAPI 3. A consumer that authenticated one way in the base must still be able to:
 * each base alternative must be covered by a head alternative that needs no more schemes and no
 * more scopes.
 */
export function compareSecurity(
  b: Located<SecurityRequirements> | undefined,
  h: Located<SecurityRequirements> | undefined,
  sink: ChangeSink,
  context: {
    subject: string;
    operation?: string;
    channel?: string;
    unstable?: string;
    fallbackBase: Place;
    fallbackHead: Place;
    /** Head scheme name → base name, for schemes renamed with their definition kept (security-renames.ts). */
    renamedSchemes?: ReadonlyMap<string, string>;
  },
): void {
  const { fallbackBase, fallbackHead, subject, renamedSchemes, ...rest } = context;
  const base: Place = b ?? fallbackBase;
  const head: Place = h ?? fallbackHead;
  const bAlts = effective(b?.value);
  const hAlts = effective(h?.value);
  if (isOpen(hAlts)) {
    if (!isOpen(bAlts)) sink.emit('security-requirement-removed', { ...rest, subject, base, head });
    return;
  }
  if (isOpen(bAlts)) {
    // Anonymous calls worked; now every call must authenticate.
    sink.emit('security-requirement-added', {
      ...rest,
      subject,
      base,
      head,
      data: { from: 'anonymous access', to: hAlts.map(describe).join(' or ') },
    });
    return;
  }
  // Compared under the base's names; said under the head's, as its author wrote them.
  const hCompared = withBaseNames(hAlts, renamedSchemes);
  for (const alt of bAlts) {
    if (hCompared.some((candidate) => covers(candidate, alt))) continue;
    const added = fewestScopesAdded(alt, hCompared);
    if (added) {
      sink.emit('security-scope-added', {
        ...rest,
        subject,
        base,
        head,
        data: { values: andList(added.map(token)) },
      });
    } else {
      sink.emit('security-requirement-added', {
        ...rest,
        subject,
        base,
        head,
        data: { from: describe(alt), to: hAlts.map(describe).join(' or ') },
      });
    }
  }
}

/** Requirements with each renamed scheme under its base name; the same list when none is. */
function withBaseNames(
  requirements: SecurityRequirements,
  renames: ReadonlyMap<string, string> | undefined,
): SecurityRequirements {
  if (!renames?.size || !requirements.some((alt) => [...alt.keys()].some((name) => renames.has(name))))
    return requirements;
  return requirements.map(
    (alt) => new Map([...alt].map(([name, scopes]) => [renames.get(name) ?? name, scopes] as const)),
  );
}

/** No requirement, or an empty alternative (`{}`): anonymous access works. */
function isOpen(alts: SecurityRequirements): boolean {
  return alts.length === 0 || alts.some((a) => a.size === 0);
}

function effective(value: SecurityRequirements | undefined): SecurityRequirements {
  return value ?? [];
}

function covers(candidate: Map<string, string[]>, alt: Map<string, string[]>): boolean {
  for (const [scheme, scopes] of candidate) {
    const had = alt.get(scheme);
    if (!had || !scopes.every((s) => had.includes(s))) return false;
  }
  return true;
}

/**
 * The scopes a consumer authenticated as `alt` must now also hold, by the head alternative that asks
 * least of it among those needing none of the schemes it lacks; undefined when every alternative
 * needs another scheme. A scope named for two schemes of one alternative (Google's descriptions pair
 * `Oauth2` and `Oauth2c` with the same scopes) is one scope to obtain: named once.
 */
function fewestScopesAdded(alt: Map<string, string[]>, hAlts: SecurityRequirements): string[] | undefined {
  let fewest: string[] | undefined;
  for (const candidate of hAlts) {
    if (![...candidate.keys()].every((k) => alt.has(k))) continue;
    const added = new Set<string>();
    for (const [scheme, scopes] of candidate)
      for (const scope of scopes) if (!alt.get(scheme)!.includes(scope)) added.add(scope);
    if (!fewest || added.size < fewest.length) fewest = [...added];
  }
  return fewest;
}

function describe(alt: Map<string, string[]>): string {
  if (alt.size === 0) return 'none';
  return [...alt]
    .map(([k, scopes]) => (scopes.length > 0 ? `${token(k)} (${scopes.map(token).join(', ')})` : token(k)))
    .join(' + ');
}

/**
 * A scheme in 3.x terms: Swagger 2.0's `basic` is `http` + `basic`, and its single OAuth `flow`
 * (`accessCode`, `application`, …) with the flow's URLs beside it is one entry of 3.x `flows`.
 */
function normalizeScheme(s: Json): Json {
  if (s.type === 'basic') return { ...s, type: 'http', scheme: 'basic' };
  if (s.type !== 'oauth2' || typeof s.flow !== 'string') return s;
  const name = SWAGGER_FLOWS[s.flow] ?? s.flow;
  const { flow: _flow, authorizationUrl, tokenUrl, scopes, ...rest } = s;
  const flow: Json = {};
  if (authorizationUrl !== undefined) flow.authorizationUrl = authorizationUrl;
  if (tokenUrl !== undefined) flow.tokenUrl = tokenUrl;
  if (scopes !== undefined) flow.scopes = scopes;
  return { ...rest, flows: { [name]: flow } };
}

const SWAGGER_FLOWS: Record<string, string> = {
  accessCode: 'authorizationCode',
  application: 'clientCredentials',
  implicit: 'implicit',
  password: 'password',
};

/** What a flow's consumers configure: where they get and refresh tokens. */
const FLOW_FIELDS = ['tokenUrl', 'authorizationUrl', 'refreshUrl'];

/**
 * Optional flow fields: when the base had none, no consumer used one, so giving one breaks nobody;
 * changing or removing it breaks the consumers that refresh there.
 */
const OPTIONAL_FLOW_FIELDS = new Set(['refreshUrl']);

/** What consumers must match. */
const SCHEME_FIELDS = ['type', 'in', 'name', 'scheme', 'openIdConnectUrl'];

/**
 * HTTP matches an authentication scheme (`Bearer`, `bearer`) and a header name without regard to
 * case (RFC 9110 §11.1, §5.1), so a client sending `Authorization: Bearer …` or `x-api-key` is
 * served whichever case the contract writes; a query or cookie name is matched exactly.
 */
function sameSchemeField(field: string, bv: Json, hv: Json): boolean {
  const [b, h] = [bv[field], hv[field]];
  if (typeof b === 'string' && typeof h === 'string' && caseInsensitive(field, bv, hv))
    return b.toLowerCase() === h.toLowerCase();
  return JSON.stringify(b) === JSON.stringify(h);
}

function caseInsensitive(field: string, bv: Json, hv: Json): boolean {
  if (field === 'scheme') return true;
  return field === 'name' && bv.in === 'header' && hv.in === 'header';
}

/**
 * `bearerFormat` is a hint: giving one where there was none, or dropping it, leaves the token
 * consumers send as it was; naming another format says the tokens they hold no longer fit.
 */
const bearerFormatChanged = (b: Json, h: Json) =>
  b.bearerFormat !== undefined && h.bearerFormat !== undefined && b.bearerFormat !== h.bearerFormat;

/** How a side's operations use its security schemes (OpenAPI and AsyncAPI read them apart). */
export interface SchemeUses<V> {
  /** The operations whose requirements (their own, their document's or their servers') name the scheme. */
  operationsUsing(view: V, scheme: string): readonly string[];
  /** Per such operation, the scopes of the scheme it needs. */
  scopesRequired(view: V, scheme: string): ReadonlyMap<string, readonly string[]>;
}

/**
 * Scheme definitions: a removed scheme, or one whose type, location, name or flows changed. One
 * change per scheme, listing the operations that ask for it on both sides (`uses`). A scheme no
 * operation still asks for breaks no one by itself: unused all along, or every operation that used
 * it now asks for something else — which its requirement change already reports, where the break
 * is (an API moving from keys to OAuth is one break per requirement, not two). It is then
 * information.
 */
export function compareSecuritySchemes<V extends { securitySchemes: ReadonlyMap<string, Located<Json>> }>(
  base: V,
  head: V,
  sink: ChangeSink,
  uses: SchemeUses<V>,
): void {
  // The operations that ask for a scheme on both sides: those a change to it reaches.
  const usersOf = (scheme: string) => {
    const still = new Set(uses.operationsUsing(head, scheme));
    return uses.operationsUsing(base, scheme).filter((op) => still.has(op));
  };
  for (const [name, bs] of base.securitySchemes) {
    const hs = head.securitySchemes.get(name);
    const subject = `Security scheme ${code(name)}`;
    const emit = (id: string, context: Omit<EmitContext, 'subject' | 'operation'>) => {
      const users = usersOf(name);
      if (users.length === 0) sink.emit(id, { ...context, subject, unused: true });
      for (const operation of users) sink.emit(id, { ...context, subject, operation });
    };
    if (!hs) {
      emit('security-scheme-removed', { base: bs });
      continue;
    }
    const bv = normalizeScheme(bs.value);
    const hv = normalizeScheme(hs.value);
    const changed = changedSchemeFields(bv, hv);
    append(
      changed,
      changedFlows(bv, hv, (flow, bf, hf) =>
        scopesWithdrawn({ scheme: name, flow, base: bs, head: hs }, bf, hf, sink, () =>
          uses.scopesRequired(head, name),
        ),
      ),
    );
    if (changed.length > 0)
      emit('security-scheme-changed', {
        base: bs,
        head: hs,
        data: { detail: changeDetail(changed, bv, hv) },
      });
  }
}

/**
 * What changed between two definitions of one scheme that consumers must match (type, location,
 * name, flows' URLs…), said as \`security-scheme-changed\` says it; undefined when nothing did.
 * Scopes a flow no longer offers are not among them (compareSecuritySchemes reports those against
 * the operations that still require them).
 */
export function schemeChangeDetail(b: Json, h: Json): string | undefined {
  const bv = normalizeScheme(b);
  const hv = normalizeScheme(h);
  const changed = changedSchemeFields(bv, hv);
  append(
    changed,
    changedFlows(bv, hv, () => {}),
  );
  return changed.length > 0 ? changeDetail(changed, bv, hv) : undefined;
}

/** The scheme's own fields that differ (its flows aside). */
function changedSchemeFields(bv: Json, hv: Json): string[] {
  const changed = SCHEME_FIELDS.filter((f) => !sameSchemeField(f, bv, hv));
  if (bearerFormatChanged(bv, hv)) changed.push('bearerFormat');
  return changed;
}

/**
 * The base's OAuth flows that are gone (`flows.implicit`) or whose URLs differ
 * (`flows.implicit.tokenUrl`); `onBoth` hears each flow both sides have, for its scopes.
 */
function changedFlows(bv: Json, hv: Json, onBoth: (flow: string, base: Json, head: Json) => void): string[] {
  const changed: string[] = [];
  const flows = (s: Json) =>
    typeof s.flows === 'object' && s.flows !== null ? (s.flows as Record<string, Json>) : {};
  for (const [flow, bf] of Object.entries(flows(bv))) {
    const hf = flows(hv)[flow];
    if (!hf) {
      changed.push(`flows.${flow}`);
      continue;
    }
    for (const f of FLOW_FIELDS) {
      if (bf?.[f] === undefined && OPTIONAL_FLOW_FIELDS.has(f)) continue;
      if (JSON.stringify(bf?.[f]) !== JSON.stringify(hf[f])) changed.push(`flows.${flow}.${f}`);
    }
    onBoth(flow, bf, hf);
  }
  return changed;
}

/** `field old → new` for each changed field (dotted paths into the schemes), joined. */
function changeDetail(changed: readonly string[], bv: Json, hv: Json): string {
  return changed
    .map((f) => {
      const get = (s: Json) =>
        f.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Json)[k] : undefined), s);
      // A whole flow gone is said as such, not as its object dumped.
      if (/^flows\.[^.]+$/.test(f) && get(hv) === undefined) return `${token(f)} was removed`;
      return `${token(f)} ${jsonOr(get(bv))} → ${jsonOr(get(hv))}`;
    })
    .join('; ');
}

/**
 * A scope the flow no longer offers while operations still require it: their consumers cannot get
 * a token that carries it. One change per flow and scope, listing the operations that require it.
 */
function scopesWithdrawn(
  where: { scheme: string; flow: string; base: Located<Json>; head: Located<Json> },
  bf: Json | undefined,
  hf: Json,
  sink: ChangeSink,
  requiredScopes: () => ReadonlyMap<string, readonly string[]>,
): void {
  // OpenAPI and AsyncAPI 2 flows list `scopes`; AsyncAPI 3 flows `availableScopes`.
  const field = hf.scopes === undefined && hf.availableScopes !== undefined ? 'availableScopes' : 'scopes';
  const offered = (f: Json | undefined) => {
    const scopes = f?.scopes ?? f?.availableScopes;
    return typeof scopes === 'object' && scopes !== null ? Object.keys(scopes) : [];
  };
  const still = new Set(offered(hf));
  const withdrawn = offered(bf).filter((scope) => !still.has(scope));
  // Who requires what is read only when a scope went (it reads every operation's security).
  const required = withdrawn.length > 0 ? requiredScopes() : new Map<string, readonly string[]>();
  for (const scope of withdrawn) {
    for (const [operation, scopes] of required)
      if (scopes.includes(scope))
        sink.emit('security-scheme-changed', {
          subject: `Security scheme ${code(where.scheme)}`,
          operation,
          base: where.base,
          head: where.head,
          data: {
            detail: `${token(`flows.${where.flow}.${field}`)} no longer offers ${jsonValue(JSON.stringify(scope))}, which operations still require`,
          },
        });
  }
}

/** A field's value as JSON in a message, or `unset`. */
function jsonOr(value: unknown): string {
  return value === undefined ? 'unset' : jsonValue(JSON.stringify(value));
}
