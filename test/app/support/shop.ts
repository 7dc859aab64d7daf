/**
 * The "shop" fixture repository (test/app/fixtures/shop) and the scripted changes the review tests
 * apply to it: each returns a new file map, so base and head are two plain snapshots.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULE_SET } from '../../../rules/index.js';

export type Files = Record<string, string>;

export const SHOP_DIR = fileURLToPath(new URL('../fixtures/shop/', import.meta.url));
export const BLUEPRINT = 'blueprint/blueprint.yaml';
export const ORDERS_API = 'blueprint/contracts/orders.openapi.yaml';
export const ORDER_EVENTS = 'blueprint/contracts/order-events.asyncapi.yaml';

export function shopFiles(): Files {
  const out: Files = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[path.relative(SHOP_DIR, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(SHOP_DIR);
  return out;
}

function edit(files: Files, file: string, change: (text: string) => string): Files {
  const before = files[file];
  if (before === undefined) throw new Error(`fixture has no ${file}`);
  const after = change(before);
  if (after === before) throw new Error(`edit of ${file} changed nothing`);
  return { ...files, [file]: after };
}

/** Adds an event flow from orders to webshop with no error handling at all (no retry, no DLQ). */
export function addEventFlowWithoutDeadLetter(files: Files): Files {
  return edit(
    files,
    BLUEPRINT,
    (text) =>
      text +
      `  - id: order-shipped
    from: orders
    to: webshop
    pattern: event
    via: order-topic
    contract: { ref: order-events, operation: publishOrderCreated }
    deliveryGuarantee: at-most-once
    security: kafka-scram
`,
  );
}

/**
 * Removes the required `orderId` from the createOrder response of the finalized orders API: the
 * file's first object requiring one (createOrder comes before getOrder, its request has none).
 */
export function removeOrderIdFromResponse(files: Files): Files {
  return edit(files, ORDERS_API, (text) =>
    text.replace(
      `                required: [orderId]
                properties:
                  orderId: { type: string }
`,
      `                required: [status]
                properties:
                  status: { type: string }
`,
    ),
  );
}

/** Inserts a system at the top of the systems list: every later line shifts by one. */
export function insertSystemAtTop(files: Files): Files {
  return edit(files, BLUEPRINT, (text) =>
    text.replace('systems:\n', 'systems:\n  - { id: warehouse, owner: acme/warehouse }\n'),
  );
}

/** A harmless edit of the blueprint: a display name for the webshop system. */
export function nameWebshop(files: Files): Files {
  return edit(files, BLUEPRINT, (text) =>
    text.replace('  - id: webshop\n', '  - id: webshop\n    name: Web shop\n'),
  );
}

/** Edits the README only. */
export function editReadme(files: Files): Files {
  return edit(files, 'README.md', (text) => text + '\nMore words.\n');
}

/** The rule id the scripted event flow without a dead letter triggers. */
export const DEAD_LETTER_RULE = 'error-handling/async-flow-without-dead-letter';

export { RULE_SET };
