/**
 * The HTML architecture document is built from repository text — names, descriptions, decision
 * records, file paths — which anyone who opens a pull request writes, and people open it in their
 * browser. doc.test.ts checks the escaping as strings; this proves it where it matters, in Chromium:
 * a blueprint whose every free-text field carries markup, Mermaid syntax and directives, `javascript:`
 * URLs, comment and element closers, bidi overrides and 100 kB of text renders with none of its
 * script run (a sentinel global stays unset, no dialog, no console error), no diagram node or edge
 * beyond the model's, no `javascript:` link and no request. One page load: CI time is tight.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
];
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const retail = path.join(repoRoot, 'test/fixtures/doc/retail');

/** What a hostile author writes, `tag` naming the field so a sentinel says where script ran. */
function hostile(tag: string): string {
  const pwn = (how: string) => `window.__pwned=(window.__pwned||[]).concat('${tag}:${how}')`;
  return [
    `<img src=x onerror="${pwn('img')}">`,
    `"]; click webshop call ${pwn('click')} ;`,
    `x"]\n  click orders href "javascript:${pwn('href')}"\n  Z["`,
    '%%{init: {"securityLevel":"loose","htmlLabels":true}}%%',
    `[link](javascript:${pwn('md')}) javascript:${pwn('bare')}`,
    `</pre><script>${pwn('pre')}</script>`,
    `<!-- --><svg onload="${pwn('svg')}">`,
    '\u202egnp.exe \u2066x\u2069',
    '`${x}` &amp; &lt;b&gt;',
  ].join(' ');
}

const HUGE = `${hostile('huge')} ${'long '.repeat(20_000)}`;

/** A YAML scalar holding `text` exactly. */
const y = (text: string) => JSON.stringify(text);

const BLUEPRINT = `apiVersion: blueprint-review/v1
kind: Blueprint
metadata:
  name: hostile
  title: ${y(hostile('title'))}
  description: ${y(HUGE)}
  owner: acme/architects
systems:
  - { id: webshop, name: ${y(hostile('system-name'))}, description: ${y(hostile('system-description'))}, domain: ${y(hostile('domain'))}, owner: acme/web, type: frontend }
  - { id: orders, name: ${y(HUGE)}, owner: acme/orders, type: service }
  - { id: psp, name: ${y(hostile('external'))}, owner: acme/payments, external: true }
components:
  - { id: gateway, kind: api-gateway, name: ${y(hostile('component'))}, technology: ${y(hostile('technology'))}, owner: acme/platform }
contracts:
  - id: orders-api
    file: contracts/orders.openapi.yaml
    changeRecord: ${y(`javascript:${hostile('change-record')}`)}
    description: ${y(hostile('contract-description'))}
    owner: acme/orders
    provider: orders
    status: finalized
    consumers: [webshop]
    versioning: { strategy: semver }
flows:
  - id: place-order
    name: ${y(hostile('flow-name'))}
    description: ${y(hostile('flow-description'))}
    technology: ${y(hostile('flow-technology'))}
    from: webshop
    to: orders
    pattern: request-response
    via: gateway
    contract: { ref: orders-api, operation: createOrder }
    decision: 0001-hostile
    requirements: [order-capture]
  - id: pay
    name: ${y(HUGE)}
    from: orders
    to: psp
    pattern: request-response
    decision: ${y(`javascript:${hostile('decision-ref')}`)}
requirements:
  - id: order-capture
    title: ${y(hostile('requirement-title'))}
    description: ${y(hostile('requirement-description'))}
    data: ${y(hostile('requirement-data'))}
`;

const ADR = `---
status: ${y(hostile('adr-status'))}
date: 2024-03-01
decision-makers: [acme/architects]
---

# ${hostile('adr-title').replace(/\n/g, ' ')}

## Context and Problem Statement

${hostile('adr-context')}

## Decision Outcome

Chosen option: "${hostile('adr-option').replace(/\n/g, ' ')}", because [x](javascript:alert(1)) <a href="javascript:alert(2)">y</a>.
`;

describe('the HTML architecture document of a hostile blueprint, in headless Chromium', () => {
  let out: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    out = mkdtempSync(path.join(os.tmpdir(), 'doc-hostile-'));
    const repo = path.join(out, 'repo');
    mkdirSync(path.join(repo, 'adr'), { recursive: true });
    mkdirSync(path.join(repo, 'contracts'), { recursive: true });
    writeFileSync(path.join(repo, 'blueprint.yaml'), BLUEPRINT);
    writeFileSync(path.join(repo, 'adr/0001-hostile.md'), ADR);
    copyFileSync(
      path.join(retail, 'contracts/orders.openapi.yaml'),
      path.join(repo, 'contracts/orders.openapi.yaml'),
    );
    const code = await main(['doc', repo, '--out', path.join(out, 'doc')], {
      stdout: () => undefined,
      stderr: (t) => process.stderr.write(t),
      cwd: repoRoot,
      isTTY: false,
    });
    expect(code).toBe(0);
  }, 60_000);

  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('runs none of its script, draws only its model, links nowhere unsafe and asks for nothing', async () => {
    const file = path.join(out, 'doc', 'hostile.html');
    const html = readFileSync(file, 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/i);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const problems: string[] = [];
      page.on('dialog', (dialog) => {
        problems.push(`dialog: ${dialog.message()}`);
        void dialog.dismiss();
      });
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning')
          problems.push(`${message.type()}: ${message.text().slice(0, 300)}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message.slice(0, 300)}`));
      page.on('request', (request) => {
        if (request.url() !== pathToFileURL(file).href)
          problems.push(`request: ${request.url().slice(0, 300)}`);
      });
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector('body[data-diagram="ready"], body[data-diagram="error"]', {
        timeout: 30_000,
      });
      expect(await page.getAttribute('body', 'data-diagram')).toBe('ready');

      // Every system and platform component is one box; every flow one arrow (a flow via the
      // gateway is two, in and out); nothing else was added by a label.
      const diagram = page.locator('figure.diagram svg').first();
      expect(await diagram.locator('g.node:is(.internal, .external)').count()).toBe(3);
      expect(await diagram.locator('g.node.mediator').count()).toBe(1);
      expect(await diagram.locator('g.node').count()).toBe(4);
      expect(await diagram.locator('.edgePaths > path').count()).toBe(3);

      // Click every box, label and link of the diagrams: an injected click handler or link would fire now.
      await page.$$eval('figure.diagram svg :is(g.node, g.edgeLabel, a)', (targets) => {
        // Runs in the page (the test's types have no DOM): the page's own MouseEvent.
        const view = targets[0]?.ownerDocument.defaultView as unknown as {
          MouseEvent: new (type: string, init: { bubbles: boolean }) => Event;
        };
        for (const target of targets) target.dispatchEvent(new view.MouseEvent('click', { bubbles: true }));
      });
      expect(await page.locator('a[href^="javascript" i], [href*="javascript:" i]').count()).toBe(0);
      expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(await page.locator('[onerror], [onload], [onclick], script[src], img, iframe').count()).toBe(0);
      expect(await page.locator('script').count()).toBe(2);
      // The text arrived, inert: the hostile markup is shown as text, the 100 kB name cut.
      const body = await page.locator('body').innerText();
      expect(body).toContain('<img src=x onerror=');
      expect(body).not.toContain('long '.repeat(5_000));
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
