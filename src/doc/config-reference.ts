/**
 * docs/configuration.md, generated from schemas/config.schema.json so the reference never drifts from
 * what the validator accepts. `npm run docs:config` writes it; a test fails when it is stale.
 */

type Schema = Record<string, unknown>;

export const CONFIG_EXAMPLE = `# yaml-language-server: $schema=../node_modules/blueprint-review/schemas/config.schema.json
blueprints: ['architecture/*']
preset: recommended
rules:
  topology/orphan-system: off
  error-handling/backoff-without-jitter: error
limits:
  maxFileBytes: 2097152
signoff:
  teams:
    security: acme/security
    integrationPlatform: acme/integration-platform
    architectureBoard: acme/architecture-board
  architectureBoardApprovals: 2
  includeDefaultRules: true
  rules:
    - id: payments-need-finance
      description: Anything touching the payments contracts needs finance systems.
      when:
        paths: ['architecture/*/contracts/payments*']
      require:
        teams: [acme/finance-systems]
`;

export function renderConfigReference(schema: Schema): string {
  const out: string[] = [
    '<!-- Generated from schemas/config.schema.json by `npm run docs:config`. Do not edit by hand. -->',
    '',
    '# Configuration reference',
    '',
    '`.github/blueprint-review.yml`, in the repository that holds the blueprints, says where the blueprints',
    'are, which lint rules apply and who signs off which changes. The GitHub App and the Action read it from',
    "the pull request's **base** branch, so a pull request cannot change the rules that judge it; the CLI",
    'reads it from the repository it lints (or `--config FILE`). Every key is optional. Editors validate and',
    'complete the file with the first line of the example below.',
    '',
    '## Example',
    '',
    '```yaml',
    CONFIG_EXAMPLE.trimEnd(),
    '```',
    '',
  ];
  renderObject(schema, schema, '', 2, out);
  renderNamedStrings(schema, out);
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

function renderObject(root: Schema, schema: Schema, path: string, depth: number, out: string[]): void {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const names = Object.keys(properties).filter((n) => n !== '$schema');
  if (path) {
    out.push(`${'#'.repeat(depth)} \`${path}\``, '');
    if (schema.title) out.push(`**${text(schema.title)}.** ${text(schema.description)}`, '');
    else if (schema.description) out.push(text(schema.description), '');
  } else {
    out.push('## Top-level keys', '');
  }
  out.push('| Key | Type | Description |', '| --- | --- | --- |');
  for (const name of names) {
    const prop = properties[name]!;
    const title = prop.title ? `**${text(prop.title)}.** ` : '';
    const required = ((schema.required ?? []) as string[]).includes(name) ? ' (required)' : '';
    out.push(`| \`${name}\`${required} | ${typeOf(root, prop)} | ${title}${cell(text(prop.description))} |`);
  }
  out.push('');
  for (const name of names) {
    const prop = properties[name]!;
    const child = path ? `${path}.${name}` : name;
    const target = resolve(root, prop);
    if (isObjectWithProperties(target)) {
      renderObject(
        root,
        { ...target, title: prop.title ?? target.title, description: prop.description ?? target.description },
        child,
        Math.min(depth + (path ? 1 : 0), 4),
        out,
      );
      continue;
    }
    const items =
      target.items !== undefined && typeof target.items === 'object'
        ? resolve(root, target.items as Schema)
        : undefined;
    if (items && isObjectWithProperties(items)) {
      renderObject(
        root,
        { ...items, description: items.description ?? prop.description },
        `${child}[]`,
        Math.min(depth + (path ? 1 : 0), 4),
        out,
      );
    }
  }
}

/**
 * The named string types the tables show as `string (team)`, `string (glob)`: what each accepts
 * (a glob's limits, a team's spelling), which the tables have no room for.
 */
function renderNamedStrings(root: Schema, out: string[]): void {
  const defs = Object.entries((root.$defs ?? {}) as Record<string, Schema>).filter(
    ([, def]) => def.type === 'string',
  );
  if (defs.length === 0) return;
  out.push('## Types', '', '| Type | Description |', '| --- | --- |');
  for (const [name, def] of defs) out.push(`| \`${name}\` | ${cell(text(def.description))} |`);
  out.push('');
}

function isObjectWithProperties(schema: Schema): boolean {
  return typeof schema.properties === 'object' && schema.properties !== null;
}

/** Follows a local `$ref` (`#/$defs/…`), keeping nothing of the referring schema. */
function resolve(root: Schema, schema: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  let node: unknown = root;
  for (const segment of ref.slice(2).split('/')) node = (node as Schema)[segment];
  return resolve(root, node as Schema);
}

function refName(schema: Schema): string | undefined {
  return typeof schema.$ref === 'string' ? schema.$ref.split('/').pop() : undefined;
}

/** A short, readable type: `string`, `` `a` \| `b` ``, `array of team`, `map of rule id → …`. */
export function typeOf(root: Schema, schema: Schema): string {
  const named = refName(schema);
  const target = resolve(root, schema);
  if (Array.isArray(target.enum)) return target.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if ('const' in target) return `\`${String(target.const)}\``;
  if (named && target.type === 'string') return `string (${named})`;
  if (Array.isArray(target.oneOf)) return (target.oneOf as Schema[]).map((s) => typeOf(root, s)).join(' or ');
  if (target.type === 'array') {
    if (Array.isArray(target.prefixItems)) {
      return `[${(target.prefixItems as Schema[]).map((s) => typeOf(root, s)).join(', ')}]`;
    }
    return target.items && typeof target.items === 'object'
      ? `array of ${typeOf(root, target.items as Schema)}`
      : 'array';
  }
  if (
    target.type === 'object' &&
    target.additionalProperties &&
    typeof target.additionalProperties === 'object'
  ) {
    return `map of rule id → ${typeOf(root, target.additionalProperties as Schema)}`;
  }
  if (target.type === 'object' && named) return `object (${named})`;
  return typeof target.type === 'string' ? target.type : 'any';
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function cell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
