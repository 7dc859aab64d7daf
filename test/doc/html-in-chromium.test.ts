/**
 * The HTML architecture document in a real browser: Debian's Chromium driven by playwright-core.
 * CI installs it (`apt-get install -y chromium`); without it this test fails and says so — a skipped
 * browser test would let a broken document ship unnoticed.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiskFileSource } from '../../src/adapters/disk-file-source.js';
import { main } from '../../src/cli/main.js';
import { loadBlueprint } from '../../src/load/load-blueprint.js';
import { generateTopology } from '../support/generate-topology.js';

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
const busy = path.join(repoRoot, 'test/fixtures/doc/busy');
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
    // A topology past Mermaid's limits (500 arrows): drawn as an overview and one diagram per domain.
    const large = generateTopology({ systems: 600, flows: 1_500, domains: 6 });
    for (const [file, text] of large.files) {
      mkdirSync(path.dirname(path.join(out, 'repo', file)), { recursive: true });
      writeFileSync(path.join(out, 'repo', file), text);
    }
    const runs = [
      [fixture, '--out', out],
      [example, '--out', out],
      [busy, '--out', path.join(out, 'nodes')],
      [busy, '--out', path.join(out, 'labels'), '--mediators', 'labels'],
      [path.join(out, 'repo', large.root), '--out', out],
    ];
    for (const args of runs) {
      const code = await main(['doc', ...args], {
        stdout: () => undefined,
        stderr: (t) => process.stderr.write(t),
        cwd: repoRoot,
        isTTY: false,
      });
      expect(code).toBe(0);
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 120_000);

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

    // Systems are boxes of class internal/external; the gateway and topic are boxes of their own.
    const nodes = page.locator('figure.diagram svg g.node:is(.internal, .external)');
    expect(await nodes.count()).toBe(4);
    expect(await page.locator('figure.diagram svg g.node.mediator').count()).toBe(2);
    const labels = await nodes.allTextContents();
    for (const name of ['Web shop', 'Order service', 'Warehouse', 'Payment provider']) {
      expect(labels.some((l) => l.includes(name))).toBe(true);
    }
    expect(await page.locator('figure.diagram svg g.edgeLabel').allTextContents()).toEqual(
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
    expect(await page.locator('figure.diagram svg g.node:is(.internal, .external)').count()).toBe(systems);
    expect(await page.locator('#flows tbody tr').count()).toBe(loaded.model!.flows.length);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'order-to-cash.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
  it('at 1,280 px: no table is cut off, and each decision shows its outcome, rationale and a link to its record', async () => {
    const { page, problems } = await open('order-to-cash.html');
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await clippedTables(page)).toEqual([]);
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

  /** Tables wider than their box (cut off, or scrolled sideways), as `section: scroll > client`. */
  function clippedTables(page: Page): Promise<string[]> {
    return page.$$eval('.table-scroll', (boxes) =>
      boxes
        .filter((box) => box.scrollWidth > box.clientWidth + 1)
        .map((box) => `${box.closest('section')?.id}: ${box.scrollWidth} > ${box.clientWidth}`),
    );
  }

  /** Edge labels whose boxes overlap another label's box (a pair each), as drawn. */
  async function collidingLabels(page: Page): Promise<string[]> {
    return page.$$eval('figure.diagram svg g.edgeLabel', (labels) => {
      const boxes = labels
        .filter((l) => (l.textContent ?? '').trim() !== '')
        .map((l) => ({ text: l.textContent!.trim(), box: l.getBoundingClientRect() }));
      const overlaps: string[] = [];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i]!.box, boxes[j]!.box];
          const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (x > 1 && y > 1) overlaps.push(`${boxes[i]!.text} × ${boxes[j]!.text}`);
        }
      return overlaps;
    });
  }

  it('a busy hub: no two arrow labels overlap, with platform components as boxes or as label lines', async () => {
    for (const mode of ['nodes', 'labels']) {
      const { page, problems } = await open(path.join(mode, 'busy-hub.html'));
      expect(await page.locator('figure.diagram svg g.node:is(.internal, .external)').count()).toBe(12);
      expect(await page.locator('figure.diagram svg g.node.mediator').count()).toBe(mode === 'nodes' ? 7 : 0);
      expect(await collidingLabels(page), mode).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    }
  }, 90_000);

  it("a topology past Mermaid's limits: the overview drawn at load, each domain drawn when opened", async () => {
    const { page, problems } = await open('large.html');
    const topology = page.locator('#topology');
    expect(await topology.innerText()).toContain('past what Mermaid draws');
    // The overview: one box per domain.
    const overview = topology.locator('figure.diagram:not([data-render])');
    expect(await overview.count()).toBe(1);
    expect(await overview.locator('svg g.node.group').count()).toBe(6);
    const parts = topology.locator('details.diagram-part');
    expect(await parts.count()).toBeGreaterThanOrEqual(6);
    // Folded diagrams are not drawn until opened.
    expect(await topology.locator('details.diagram-part pre.mermaid svg').count()).toBe(0);
    const first = parts.first();
    await first.locator('summary').click();
    await first
      .locator('figure[data-diagram="ready"], figure[data-diagram="error"]')
      .waitFor({ timeout: 60_000 });
    expect(await first.locator('figure').getAttribute('data-diagram')).toBe('ready');
    expect(await first.locator('svg g.node:is(.internal, .external)').count()).toBeGreaterThan(10);
    expect(await first.innerText()).not.toContain('Maximum text size');
    // Thousands of findings: counted by rule, then the first 500; at 1,280 px no table is cut off.
    const findingTables = page.locator('#findings table');
    expect(await findingTables.count()).toBe(2);
    expect(await findingTables.nth(1).locator('tbody tr').count()).toBe(500);
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await clippedTables(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
