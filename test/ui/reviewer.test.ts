// The reviewer page in headless Chromium against the real service and the demo fixture: what a
// marketer and a reviewer would notice — the builder, the live count, errors next to their inputs,
// approval into the segment list, and static member edits.
import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { previewRules } from '../../src/drafts/drafts.js';
import type { Group, RelationCondition } from '../../src/rules/grammar.js';
import { demoFixture } from '../support/fixture-tenant.js';
import { browserSuite, CLOCK, contacts, eventually, HAVE_CHROMIUM, launchBrowser, openTab, pick, signIn, startUiServer, type UiServer } from './browser.js';

const fixture = demoFixture();
const acme = fixture.contacts.filter((c) => c.orgId === 'org_acme');
const companies = new Map(fixture.companies.map((c) => [c.id, c]));

/** The closest builder node (condition, relation, group) holding a control. */
const nodeOf = (control: Locator) => control.locator('xpath=ancestor::*[@data-node][1]');

async function errorFor(page: Page, control: Locator): Promise<string | null> {
  const ids = (await control.getAttribute('aria-describedby')) ?? '';
  const id = ids.split(' ').find((x) => x.startsWith('err-'));
  return id ? page.locator(`#${id}`).textContent() : null;
}

describe.skipIf(!HAVE_CHROMIUM)(browserSuite('reviewer page (headless Chromium)'), () => {
  let server: UiServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
  });

  it('describes → edits a condition → the count changes → approves → the list shows the segment with that count', async () => {
    const { page, problems } = await openTab(browser);
    await signIn(page, server);

    await page.getByLabel('Describe the audience').fill('customers in France or Spain');
    await page.getByRole('button', { name: 'Generate filter' }).click();

    const customers = acme.filter((c) => c.lifecycleStage === 'customer' && ['FR', 'ES'].includes(c.country!));
    const french = customers.filter((c) => c.country === 'FR');
    expect(french.length).toBeGreaterThan(0);
    expect(french.length).toBeLessThan(customers.length);

    await eventually(() => page.locator('.explanation').textContent(), 'In plain English: Contacts whose country is Spain or France and whose lifecycle stage is customer.');
    await eventually(() => page.locator('.count').textContent(), contacts(customers.length));
    await expect(page.locator('.preview .clock').textContent()).resolves.toBe('as of 2026-11-01 00:00 UTC (now)');
    await expect(page.locator('.sample tbody tr').count()).resolves.toBe(Math.min(10, customers.length));
    await expect(page.getByLabel('Field', { exact: true }).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).resolves.toEqual(['Country', 'Lifecycle stage']);
    // The draft's id is in the URL, so a reload opens the same draft.
    expect(page.url()).toMatch(/#\/drafts\/drf_/);
    await expect(page.getByLabel('Value for Lifecycle stage').inputValue()).resolves.toBe('customer');

    // The reviewer drops Spain.
    await page.getByRole('group', { name: 'Values for Country' }).getByLabel(/\(ES\)$/).uncheck();
    await eventually(() => page.locator('.count').textContent(), contacts(french.length));
    await eventually(() => page.locator('.explanation').textContent(), 'In plain English: Contacts whose country is France and whose lifecycle stage is customer.');

    await page.getByLabel('Segment title').fill('French customers');
    await page.getByRole('button', { name: 'Approve and save segment' }).click();

    await page.getByRole('heading', { name: 'Segments' }).waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' }).textContent()).resolves.toBe('Saved “French customers”.');
    const row = page.locator('tr', { has: page.getByRole('link', { name: 'French customers', exact: true }) });
    await eventually(() => row.locator('[data-count]').textContent(), String(french.length));
    await expect(row.locator('td').nth(0).textContent()).resolves.toBe('dynamic');
    await expect(row.locator('td').nth(1).textContent()).resolves.toBe('active');

    // What was saved is the reviewer's edit.
    const list = await (await fetch(`${server.url}/v1/segments`, { headers: { authorization: `Bearer ${server.keys.admin}` } })).json();
    const saved = list.segments.find((s: { title: string }) => s.title === 'French customers');
    expect(saved.rules.children).toContainEqual({ type: 'condition', field: 'country', operator: 'eq', value: 'FR' }); // in [FR], normalized
    expect(problems).toEqual([]);
  });

  it('shows the server’s message next to the input that caused it, and clears it when fixed', async () => {
    const { page, problems } = await openTab(browser);
    await signIn(page, server);
    await page.getByRole('button', { name: 'Start from an empty filter' }).click();

    await pick(page.getByLabel('Field', { exact: true }), 'Company size (employees)');
    await page.getByLabel('Operator for Company size (employees)').selectOption({ label: 'is more than' });
    const size = page.getByLabel('Value for Company size (employees)');
    await size.fill('lots');

    await eventually(() => size.getAttribute('aria-invalid'), 'true');
    // The API says "expected a number for company.employee_count"; the page says it in plain words.
    await expect(errorFor(page, size)).resolves.toBe('Enter a number — “lots” is not one.');
    await expect(nodeOf(size).locator(':scope > .errors').textContent()).resolves.toBe('Enter a number — “lots” is not one.');
    await expect(page.locator('.preview .status').textContent()).resolves.toBe('Fix the problem in the rules to update the count.');

    // A list with nothing chosen is unfinished: marked, not sent, not an error.
    await page.getByRole('button', { name: '+ Condition' }).first().click();
    await pick(page.getByLabel('Field', { exact: true }).nth(1), 'Tags');
    await page.getByLabel('Operator for Tags').selectOption({ label: 'has any of' });
    const tags = page.getByRole('group', { name: 'Values for Tags' });
    await eventually(() => nodeOf(tags).locator('.todo').textContent(), 'Unfinished Choose at least one value. Not counted yet.');
    await expect(tags.getAttribute('aria-invalid')).resolves.toBeNull();

    await size.fill('100');
    await tags.getByLabel('vip', { exact: true }).check();
    const expected = acme.filter((c) => (companies.get(c.companyId ?? '')?.employeeCount ?? -1) > 100 && c.tags.includes('vip'));
    await eventually(() => page.locator('.count').textContent(), contacts(expected.length));
    await expect(page.locator('.field-error').count()).resolves.toBe(0);
    await expect(size.getAttribute('aria-invalid')).resolves.toBeNull();
    expect(problems).toEqual([]);
  });

  it('edits a relation’s nested condition and an engagement, previewing each change', async () => {
    const { page, problems } = await openTab(browser);
    await signIn(page, server);
    await page.getByLabel('Describe the audience').fill('customers in Germany or France with more than 50 employees who opened one of the last 3 campaigns but have no deal closed in the last 6 months');
    await page.getByRole('button', { name: 'Generate filter' }).click();
    await page.getByRole('heading', { name: 'Check these assumptions' }).waitFor();

    await page.waitForURL(/#\/drafts\//);
    const draftId = page.url().split('/').pop()!;
    const generated: Group = (await (await fetch(`${server.url}/v1/drafts/${draftId}`, { headers: { authorization: `Bearer ${server.keys.admin}` } })).json()).rules;
    const relation = () => generated.children.find((c): c is RelationCondition => c.type === 'relation')!;
    let last = (await previewRules(server.services, 'org_acme', generated, new Date(CLOCK))).preview.count;
    /** The count the API gives for the tree the reviewer should now have; each edit must change it. */
    const countOf = async (rules: Group) => {
      const n = (await previewRules(server.services, 'org_acme', rules, new Date(CLOCK))).preview.count;
      expect(n).not.toBe(last);
      last = n;
      return n;
    };

    // "no deal closed in the last 6 months" → "… in the last 7 days"
    await page.getByLabel('Amount of time for Deal close date').fill('7');
    await page.getByLabel('Unit of time for Deal close date').selectOption('days');
    (relation().where!.children[0] as { value: unknown }).value = { amount: 7, unit: 'days' };
    await eventually(() => page.locator('.count').textContent(), contacts(await countOf(generated)));

    // Negating the relation's filter group is one checkbox.
    await nodeOf(page.getByLabel('Amount of time for Deal close date')).locator('xpath=ancestor::*[@role="group"][1]').getByLabel('NOT (exclude matches)').first().check();
    relation().where!.negate = true;
    await eventually(() => page.locator('.count').textContent(), contacts(await countOf(generated)));

    // "one of the last 3 campaigns" → "each of the last 3 campaigns"
    await page.getByLabel('Match campaigns').selectOption({ label: 'each of' });
    const engagement = generated.children.find((c) => c.type === 'engagement')!;
    expect(engagement).toMatchObject({ match: 'any', campaigns: { last: 3, ids: null } });
    Object.assign(engagement, { match: 'all' });
    await eventually(() => page.locator('.count').textContent(), contacts(await countOf(generated)));
    await expect(page.locator('.explanation').textContent()).resolves.toContain('who opened each of the last 3 campaigns');
    expect(problems).toEqual([]);
  });

  it('edits a saved dynamic segment’s rules and shows its new count', async () => {
    const rules = { type: 'group', op: 'and', negate: false, children: [{ type: 'condition', field: 'country', operator: 'eq', value: 'DE' }, { type: 'condition', field: 'lifecycle_stage', operator: 'eq', value: 'lead' }] };
    const created = await fetch(`${server.url}/v1/segments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.keys.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'German leads', type: 'dynamic', rules }),
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const { page, problems } = await openTab(browser);
    await signIn(page, server);
    await page.goto(`${server.url}/app#/segments/${id}`);
    const german = (stage: string) => acme.filter((c) => c.country === 'DE' && c.lifecycleStage === stage).length;
    await eventually(() => page.locator('.count-inline').textContent(), `(${german('lead')})`);

    await page.getByRole('link', { name: 'Edit rules' }).click();
    await page.getByLabel('Value for Lifecycle stage').selectOption('customer');
    await eventually(() => page.locator('.count').textContent(), contacts(german('customer')));
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved “German leads”.').waitFor();
    await eventually(() => page.locator('.count-inline').textContent(), `(${german('customer')})`);
    await expect(page.getByText('version 2', { exact: false }).count()).resolves.toBe(1);
    expect(problems).toEqual([]);
  });

  it('adds and removes static members, pages through members, exports CSV, duplicates and archives', async () => {
    const { page, problems } = await openTab(browser);
    await signIn(page, server);
    const q1 = fixture.segments.find((s) => s.orgId === 'org_acme' && s.name === 'Q1 batch')!;
    const members = new Set(q1.memberIds);
    const outsider = acme.find((c) => !members.has(c.id))!;

    await page.getByRole('link', { name: 'Segments' }).click();
    const row = page.locator('tr', { has: page.getByRole('link', { name: 'Q1 batch', exact: true }) });
    await eventually(() => row.locator('[data-count]').textContent(), String(members.size));
    await row.getByRole('link', { name: 'Q1 batch' }).click();
    await eventually(() => page.locator('.count-inline').textContent(), `(${members.size})`);
    await eventually(() => page.locator('.page-info').textContent(), `1–25 of ${members.size} · page 1`);

    await page.getByRole('button', { name: 'Next →' }).click();
    await eventually(() => page.locator('.page-info').textContent(), `26–50 of ${members.size} · page 2`);
    await page.getByRole('button', { name: '← Previous' }).click();
    await eventually(() => page.locator('.page-info').textContent(), `1–25 of ${members.size} · page 1`);

    const ids = page.getByLabel('Contact ids');
    await ids.fill(`${outsider.id}, ct_nobody`);
    await page.getByRole('button', { name: 'Add to segment' }).click();
    await eventually(() => page.locator('.static-edit [role="alert"]').textContent(), 'Added 1. Not contacts of this tenant: ct_nobody.');
    await eventually(() => page.locator('.count-inline').textContent(), `(${members.size + 1})`);

    await ids.fill(outsider.id);
    await page.getByRole('button', { name: 'Remove from segment' }).click();
    await eventually(() => page.locator('.static-edit [role="alert"]').textContent(), 'Removed 1.');
    await eventually(() => page.locator('.count-inline').textContent(), `(${members.size})`);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('q1-batch.csv');
    const csv = readFileSync((await download.path())!, 'utf8').trimEnd().split('\n');
    expect(csv.length).toBe(members.size + 1);
    expect(csv.slice(1).map((l) => l.split(',')[0]).sort()).toEqual([...members].sort());

    await page.getByRole('button', { name: 'Duplicate' }).click();
    await page.getByRole('heading', { name: /^Q1 batch \(copy\)/ }).waitFor();
    await eventually(() => page.locator('.count-inline').textContent(), `(${members.size})`);

    await page.getByRole('button', { name: 'Archive' }).click();
    await eventually(() => page.locator('.page-title .badge').nth(1).textContent(), 'archived');
    await page.getByRole('link', { name: '← All segments' }).click();
    await expect(page.getByRole('link', { name: 'Q1 batch (copy)' }).count()).resolves.toBe(0);
    await page.getByLabel('Status').selectOption('archived');
    await page.getByRole('link', { name: 'Q1 batch (copy)' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('rejects an unknown key next to the key input, and tells a viewer what it may do', async () => {
    const { page, problems } = await openTab(browser);
    await page.goto(`${server.url}/app`);
    const key = page.getByLabel('API key');
    await key.fill('sbk_not_a_key');
    await key.press('Enter');
    await eventually(() => key.getAttribute('aria-invalid'), 'true');
    await expect(errorFor(page, key)).resolves.toBe('The API key is unknown or revoked.');

    await key.fill(server.keys.viewer);
    await key.press('Enter');
    await page.getByText('This key is viewer: it can browse segments but not build them.', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Segments' }).click();
    await page.getByRole('link', { name: 'Q1 batch' }).waitFor();
    await expect(page.getByRole('button', { name: /Archive/ }).count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  });

  it('can be used from the keyboard alone', async () => {
    const { page, problems } = await openTab(browser);
    await page.goto(`${server.url}/app`);
    await page.keyboard.type(server.keys.editor); // the key input has focus on arrival
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'New segment' }).waitFor();
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-path'))).resolves.toBe('description');
    await page.keyboard.type('customers in France');
    await page.keyboard.press('Control+Enter');
    const french = acme.filter((c) => c.lifecycleStage === 'customer' && c.country === 'FR');
    await eventually(() => page.locator('.count').textContent(), contacts(french.length));

    // Tab to the lifecycle stage value and change it with the arrow keys.
    const stage = page.getByLabel('Value for Lifecycle stage');
    for (let i = 0; i < 40 && !(await stage.evaluate((el) => el === document.activeElement)); i += 1) await page.keyboard.press('Tab');
    await expect(stage.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    const stages = await stage.evaluate((el) => [...(el as HTMLSelectElement).options].map((o) => o.value));
    await page.keyboard.press('ArrowDown');
    const next = stages[stages.indexOf('customer') + 1]!;
    await eventually(() => stage.inputValue(), next);
    await eventually(() => page.locator('.count').textContent(), contacts(acme.filter((c) => c.lifecycleStage === next && c.country === 'FR').length));
    expect(problems).toEqual([]);
  });
});
