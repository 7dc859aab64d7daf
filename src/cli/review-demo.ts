/**
 * `npm run demo:review`: what the bot says on a pull request, with no GitHub account. Builds a
 * throwaway git repository from examples/order-to-cash (the base commit), applies a scripted change
 * on a branch (the head commit: an event flow with no dead-letter queue, and a breaking change to
 * the finalized orders API), and runs `blueprint-review review` on it.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_PATH } from '../core/config-path.js';
import { processIO } from './io.js';
import { main } from './main.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/order-to-cash/', import.meta.url));
const FOLDER = 'order-to-cash';

const NEW_FLOW = `  - id: order-events-to-crm
    name: Order events to CRM
    description: The CRM follows order confirmations to keep each customer's order history.
    from: order-service
    to: crm
    pattern: event
    via: order-events-topic
    technology: kafka
    contract: { ref: order-events, operation: sendOrderEvent }
    deliveryGuarantee: at-least-once
    dataClassification: confidential
    security: order-service-kafka

`;

/** The scripted pull request: each edit must apply, or the demo would show nothing. */
export function applyDemoChange(root: string): void {
  edit(path.join(root, FOLDER, 'blueprint.yaml'), (text) =>
    text.replace('  - id: sales-analytics-stream\n', NEW_FLOW + '  - id: sales-analytics-stream\n'),
  );
  edit(path.join(root, FOLDER, 'contracts/orders-api.openapi.yaml'), (text) =>
    text
      .replace(
        'required: [orderId, status, customer, shippingAddress, lines, total, createdAt]',
        'required: [orderId, status, customer, shippingAddress, lines, createdAt]',
      )
      .replace("        total:\n          $ref: './shared/common.schemas.yaml#/Money'\n", ''),
  );
}

function edit(file: string, change: (text: string) => string): void {
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`the demo change no longer applies to ${file}`);
  writeFileSync(file, after);
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Demo', '-c', 'user.email=demo@example.com', ...args], {
    cwd,
    stdio: 'ignore',
  });
}

/** Creates the demo repository and returns its folder. */
export function createDemoRepository(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'blueprint-review-demo-'));
  git(root, 'init', '-q', '-b', 'main');
  cpSync(EXAMPLE, path.join(root, FOLDER), { recursive: true });
  mkdirSync(path.join(root, path.dirname(CONFIG_PATH)));
  writeFileSync(path.join(root, CONFIG_PATH), `blueprints: [${FOLDER}]\npreset: recommended\n`);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'Order-to-cash blueprint');
  git(root, 'checkout', '-q', '-b', 'crm-order-events');
  applyDemoChange(root);
  git(root, 'commit', '-q', '-am', 'CRM follows order events; orders API drops total');
  return root;
}

const invokedDirectly =
  process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]);
if (invokedDirectly) {
  const root = createDemoRepository();
  const format = process.argv[2] ?? 'text';
  process.stdout.write(`Demo pull request: crm-order-events → main in ${root}\n\n`);
  const code = await main(
    ['review', '--base', 'main', '--head', 'crm-order-events', '--format', format, root],
    processIO(),
  );
  rmSync(root, { recursive: true, force: true });
  // The scripted change is meant to fail the check: that is the demo working.
  process.exitCode = code === 1 ? 0 : 1;
}
