// The reviewer page end to end: the real app on a loopback port over a private copy of the fixture
// database, and headless Chromium (Debian's `chromium`, installed by .ci/run) driven by playwright-core.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, expect } from 'vitest';
import { createApiKey } from '../../src/auth/keys.js';
import { createApp } from '../../src/http/app.js';
import { BuiltinProvider } from '../../src/nl/builtin/provider.js';
import { createServices, type Services } from '../../src/services.js';
import { useTestDatabase } from '../support/db.js';

export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
/** Suite names say why they are skipped; CI installs chromium, so there they always run. */
export const browserSuite = (name: string) => (HAVE_CHROMIUM ? name : `${name} — SKIPPED: ${CHROMIUM} is missing (apt-get install chromium)`);
/** The demo data's clock; the service's "now" in these tests. */
export const CLOCK = '2026-11-01T00:00:00Z';

export interface UiServer {
  url: string;
  services: Services;
  keys: { admin: string; editor: string; viewer: string };
}

export async function startUiServer(): Promise<UiServer> {
  const database = await useTestDatabase('tmpl_fixture');
  const services = createServices({ database, provider: new BuiltinProvider(), now: () => new Date(CLOCK), statementTimeoutMs: 20_000 });
  const errors: Error[] = [];
  const app = createApp(services, { log: (err) => errors.push(err) });
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve({ server: s, port: info.port }));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (errors.length) throw new Error(`the app logged unexpected errors:\n${errors.map((e) => e.stack).join('\n')}`);
  });
  const key = async (role: 'admin' | 'editor' | 'viewer') => (await createApiKey(database.db, 'org_acme', role)).key;
  return { url: `http://127.0.0.1:${port}`, services, keys: { admin: await key('admin'), editor: await key('editor'), viewer: await key('viewer') } };
}

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'],
  });
  afterAll(() => browser.close());
  return browser;
}

export interface Tab {
  page: Page;
  context: BrowserContext;
  /** Uncaught script errors and console errors other than failed (4xx) requests the page expects. */
  problems: string[];
}

export async function openTab(browser: Browser): Promise<Tab> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  return { page, context, problems };
}

export async function signIn(page: Page, server: UiServer, key: string = server.keys.admin): Promise<void> {
  await page.goto(`${server.url}/app`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Segments' }).waitFor();
}

/** Waits until `read` returns `expected` (the page updates after debounced requests). */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeout = 10_000): Promise<void> {
  await expect.poll(read, { timeout, interval: 100 }).toEqual(expected);
}

export const contacts = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'contact' : 'contacts'}`;

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core run inside the page as it is now. Injected through the devtools protocol (page.evaluate),
 * which the page's strict CSP does not govern, so the page under test keeps its real policy.
 */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** Zero serious or critical axe-core violations in the page's current state (`state` names it in the failure). */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  const serious = (await axeFindings(page)).filter((f) => f.impact === 'serious' || f.impact === 'critical');
  expect(serious, `axe-core on ${state}`).toEqual([]);
}

/** Picks an option of a searchable picker (field or long value list) the way a reviewer types: search, then Enter. */
export async function pick(picker: Locator, label: string): Promise<void> {
  await picker.click();
  await picker.fill(label);
  const option = picker.page().getByRole('option', { name: label, exact: true });
  await option.waitFor();
  await option.click();
}
