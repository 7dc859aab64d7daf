/**
 * The HTML architecture document in a real browser: Debian's Chromium driven by playwright-core.
 * CI installs it (`apt-get install -y chromium`); without it this test fails and says so — a skipped
 * browser test would let a broken document ship unnoticed.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiskFileSource } from '../../src/adapters/disk-file-source.js';
import { main } from '../../src/cli/main.js';
import { loadBlueprint } from '../../src/load/load-blueprint.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const fixture = path.join(repoRoot, 'test/fixtures/doc/retail');
const example = path.join(repoRoot, 'examples/order-to-cash');
const artifacts = path.join(repoRoot, 'test-artifacts');

describe('the HTML architecture document in headless Chromium', () => {
  let browser: Browser;
  let out: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: install Debian's Chromium (apt-get update && apt-get install -y chromium) to run the browser test.`,
      );
    }
    out = mkdtempSync(path.join(os.tmpdir(), 'doc-html-'));
    for (const target of [fixture, example]) {
      const code = await main(['doc', target, '--out', out], {
        stdout: () => undefined,
        stderr: (t) => process.stderr.write(t),
        cwd: repoRoot,
        isTTY: false,
      });
      expect(code).toBe(0);
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  /** Opens a written document; `problems` collects console errors and warnings, page errors and requests. */
  async function open(name: string) {
    const file = path.join(out, name);
    const html = readFileSync(file, 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/i);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) problems.push(`network request: ${request.url()}`);
    });

    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-diagram="ready"], body[data-diagram="error"]', { timeout: 30_000 });
    expect(await page.getAttribute('body', 'data-diagram')).toBe('ready');
    return { page, problems };
  }

  it('loads without console errors or network requests and renders one diagram node per system', async () => {
    const { page, problems } = await open('retail-orders.html');

    const nodes = page.locator('figure.diagram svg g.node');
    expect(await nodes.count()).toBe(4);
    const labels = await nodes.allTextContents();
    for (const name of ['Web shop', 'Order service', 'Warehouse', 'Payment provider']) {
      expect(labels.some((l) => l.includes(name))).toBe(true);
    }
    expect(await page.locator('figure.diagram svg .edgeLabel').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('place-order')]),
    );
    expect(await page.locator('#flows tbody tr').count()).toBe(3);
    expect(await page.locator('#findings').innerText()).toContain('topology/flow-without-contract');

    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('renders examples/order-to-cash: every system a node, every flow a row, a screenshot kept', async () => {
    const loaded = await loadBlueprint(new DiskFileSource(repoRoot), 'examples/order-to-cash', {
      validateContracts: false,
    });
    const systems = loaded.model!.systems.length;
    expect(systems).toBeGreaterThan(4);
    const { page, problems } = await open('order-to-cash.html');
    expect(await page.locator('figure.diagram svg g.node').count()).toBe(systems);
    expect(await page.locator('#flows tbody tr').count()).toBe(loaded.model!.flows.length);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'order-to-cash.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
  it('at 1,280 px: no table is cut off, and each decision shows its outcome, rationale and a link to its record', async () => {
    const { page, problems } = await open('order-to-cash.html');
    await page.setViewportSize({ width: 1280, height: 900 });
    const clipped = await page.$$eval('.table-scroll', (boxes) =>
      boxes
        .filter((box) => box.scrollWidth > box.clientWidth + 1)
        .map((box) => `${box.closest('section')?.id}: ${box.scrollWidth} > ${box.clientWidth}`),
    );
    expect(clipped).toEqual([]);
    const kafka = page.locator('#adr-0003-kafka-for-order-and-fulfilment-events');
    expect(await kafka.isVisible()).toBe(true);
    expect(await kafka.innerText()).toContain('Chosen option: "Kafka topics keyed by order id", because');
    const link = kafka.locator('a[href$="adr/0003-kafka-for-order-and-fulfilment-events.md"]');
    expect(await link.count()).toBe(1);
    const target = new URL((await link.getAttribute('href'))!, page.url());
    expect(existsSync(fileURLToPath(target))).toBe(true);
    const webhooks = page.locator('#adr-0002-push-order-updates-with-webhooks');
    expect(await webhooks.innerText()).toMatch(
      /Superseded by\s+Kafka topics for order, fulfilment and shipment events/i,
    );
    await webhooks.locator('a[href="#adr-0003-kafka-for-order-and-fulfilment-events"]').click();
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
