// The reviewer page's remaining daily work, in headless Chromium against the real service and the demo
// fixture: a segment's history tab (size over time, versions with diffs, restore that asks first), the
// edit preview (who would join and leave before saving), assumptions' alternatives as one-click
// switches with their counts, the tenant's own fields in the picker with inputs by type (date picker,
// relative dates, multi-select chips), member search with paging totals, and the plain-English sentence
// in the builder's order. axe-core runs on every new state; the interactions are also done by keyboard.
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoFixture } from '../support/fixture-tenant.js';
import { browserSuite, contacts, eventually, expectAccessible, HAVE_CHROMIUM, launchBrowser, openTab, pick, signIn, startUiServer, type UiServer } from './browser.js';

const fixture = demoFixture();
type Contact = (typeof fixture.contacts)[number];
const acme = fixture.contacts.filter((c) => c.orgId === 'org_acme');
const companyCountry = (c: Contact) => fixture.companies.find((x) => x.orgId === 'org_acme' && x.id === c.companyId)?.country ?? null;

const and = (...children: unknown[]) => ({ type: 'group', op: 'and', negate: false, children });
const cond = (field: string, operator: string, value: unknown) => ({ type: 'condition', field, operator, value });

const api = async (server: UiServer, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${server.keys.admin}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
};

const draftIdOf = (page: Page) => /#\/drafts\/([^/?]+)/.exec(page.url())?.[1];
const focusedKey = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-key') ?? document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent);

describe.skipIf(!HAVE_CHROMIUM)(browserSuite('reviewer page: history, edit preview, alternatives, custom fields, member search (headless Chromium)'), () => {
  let server: UiServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
  });

  it('edits a saved segment seeing who would join and leave, then shows the versions with their diff and restores the first after asking', async () => {
    const { page, problems } = await openTab(browser);
    await signIn(page, server);
    const created = await api(server, 'POST', '/v1/segments', { title: 'French contacts', type: 'dynamic', rules: and(cond('country', 'in', ['FR', 'IT'])) });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const french = acme.filter((c) => c.country === 'FR' || c.country === 'IT'); // the segment's French and Italian contacts
    const spanish = acme.filter((c) => c.country === 'ES');
    expect(spanish.length).toBeGreaterThan(0);

    await page.goto(`${server.url}/app#/segments/${id}/edit`);
    await eventually(() => page.locator('.count').textContent(), contacts(french.length));
    await eventually(() => page.locator('.edit-impact p').textContent(), `These rules mean the same as the saved ones: the ${french.length} members stay.`);
    await page.getByRole('group', { name: 'Values for Country' }).getByLabel(/\(ES\)$/).check();
    await eventually(() => page.locator('.edit-impact .impact-total').textContent(), `${french.length} → ${french.length + spanish.length} members (compared with the members recorded now)`);
    await expect(page.locator('.edit-impact .impact-join summary').textContent()).resolves.toBe(`${spanish.length} would join`);
    await expect(page.locator('.edit-impact .impact-leave').textContent()).resolves.toBe('No one would leave.');
    const joiners = await page.locator('.edit-impact .impact-join li .muted').allTextContents();
    expect(joiners.length).toBe(Math.min(10, spanish.length));
    for (const email of joiners) expect(spanish.map((c) => c.email)).toContain(email);
    // Nothing was saved by looking.
    expect((await api(server, 'GET', `/v1/segments/${id}`)).body.version).toBe(1);
    await page.locator('.edit-impact .impact-join summary').click();
    await expectAccessible(page, 'the edit preview with joiners listed');

    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved “French contacts”.').waitFor();
    await eventually(() => page.locator('.count-inline').textContent(), `(${french.length + spanish.length})`);

    // History, by keyboard: the tab list's arrows reach it.
    await page.getByRole('tab', { name: 'Members' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'History' }).getAttribute('aria-selected')).resolves.toBe('true');
    await page.locator('.version[data-version="2"]').waitFor();
    await expect(page.locator('.version').evaluateAll((els) => els.map((e) => e.getAttribute('data-version')))).resolves.toEqual(['2', '1']);
    const change = await page.locator('.version[data-version="2"] .changes li').textContent();
    expect(change).toMatch(/^Changed Contacts whose country is (France or Italy|Italy or France)\. → Contacts whose country is .*Spain.*\.$/);
    await expect(page.locator('.version[data-version="2"] .version-head').textContent()).resolves.toMatch(/^Version 2 · Edited · \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC · by an admin key \(.+\) current$/);
    await expect(page.getByRole('button', { name: 'Restore version 2' }).count()).resolves.toBe(0); // the current one
    const chart = page.getByRole('img', { name: /^Size from / });
    await chart.waitFor();
    await expect(chart.getAttribute('aria-label')).resolves.toMatch(new RegExp(`to ${french.length + spanish.length} on \\d{4}-\\d{2}-\\d{2}; largest ${french.length + spanish.length}\\.$`));
    await page.getByText('Size per day').click();
    await expect(page.locator('.size-table tbody tr').first().locator('td').nth(1).textContent()).resolves.toBe(String(french.length + spanish.length));
    await expectAccessible(page, 'the history tab with versions and the size chart');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page, 'the history tab on a phone');
    await page.setViewportSize({ width: 1366, height: 900 });

    // Restore asks first: dismissing changes nothing.
    const restore = page.getByRole('button', { name: 'Restore version 1' });
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await restore.focus();
    await page.keyboard.press('Enter');
    await eventually(async () => asked, 'Restore version 1 (“French contacts”)? Its title and rules replace the current ones, as a new version; members are recomputed.');
    expect((await api(server, 'GET', `/v1/segments/${id}`)).body.version).toBe(2);
    page.once('dialog', (d) => void d.accept());
    await restore.click();
    await page.getByText('Restored version 1 as version 3.').waitFor();
    await eventually(() => page.locator('.count-inline').textContent(), `(${french.length})`);
    expect((await api(server, 'GET', `/v1/segments/${id}`)).body).toMatchObject({ version: 3, rules: and(cond('country', 'in', ['FR', 'IT'])) });
    expect(problems).toEqual([]);
  }, 60_000);

  it('offers each assumption’s other reading as one click with its exact count, and switches back', async () => {
    const { page, problems } = await openTab(browser);
    await signIn(page, server);
    await page.getByLabel('Describe the audience').fill('customers in Germany');
    await page.getByRole('button', { name: 'Generate filter' }).click();
    const contactDE = acme.filter((c) => c.lifecycleStage === 'customer' && c.country === 'DE');
    const companyDE = acme.filter((c) => c.lifecycleStage === 'customer' && companyCountry(c) === 'DE');
    expect(companyDE.length).not.toBe(contactDE.length); // a real alternative, or this proves nothing
    await eventually(() => page.locator('.count').textContent(), contacts(contactDE.length));
    const draft = (await api(server, 'GET', `/v1/drafts/${draftIdOf(page)}`)).body;
    const alt = draft.alternatives.find((a: { says: string }) => a.says === "the company's country");
    expect(alt.count).toBe(companyDE.length);

    const toCompany = page.getByRole('button', { name: new RegExp(`^Use the company's country instead — ${companyDE.length} contacts`) });
    await toCompany.waitFor();
    await expectAccessible(page, 'assumptions with their alternatives');
    await toCompany.focus();
    await page.keyboard.press('Enter');
    await eventually(() => page.locator('.count').textContent(), contacts(companyDE.length));
    const back = page.getByRole('button', { name: new RegExp(`^Switch back — ${contactDE.length} contacts`) });
    await back.waitFor();
    await expect(focusedKey(page)).resolves.toMatch(/^Switch back/); // focus stays on the switch
    await expect(page.locator('.assumptions li', { hasText: 'Switched' }).textContent()).resolves.toContain("Now: the company's country.");
    // The builder shows the switched rules, and the draft has them.
    await expect(page.getByLabel('Field', { exact: true }).first().inputValue()).resolves.toMatch(/^Company country$/);
    expect(JSON.stringify((await api(server, 'GET', `/v1/drafts/${draft.id}`)).body.rules)).toContain('company.country');
    await expectAccessible(page, 'an alternative applied');

    await back.click();
    await eventually(() => page.locator('.count').textContent(), contacts(contactDE.length));
    await expect(page.getByRole('button', { name: /^Use the company's country instead/ }).count()).resolves.toBe(1);
    // Undo takes the switch back like any edit.
    await page.getByRole('button', { name: '↶ Undo' }).click();
    await eventually(() => page.locator('.count').textContent(), contacts(companyDE.length));
    expect(problems).toEqual([]);
  }, 60_000);

  it('builds, previews and approves a segment on the tenant’s own date and multi-select fields', async () => {
    const renewal = await api(server, 'POST', '/v1/fields', { key: 'renewal_date', label: 'Renewal date', type: 'date' });
    expect(renewal.status).toBe(201);
    const interests = await api(server, 'POST', '/v1/fields', { key: 'interests', label: 'Interests', type: 'multi_select', values: ['hiking', 'kayaking', 'chess'] });
    expect(interests.status).toBe(201);
    const people = [
      { email: 'kay.one@custom.example', firstName: 'Kay', lastName: 'One', properties: { renewal_date: '2026-12-15', interests: ['kayaking', 'chess'] } },
      { email: 'kay.two@custom.example', firstName: 'Kay', lastName: 'Two', properties: { renewal_date: '2026-10-20', interests: ['kayaking', 'hiking'] } },
      { email: 'hike.three@custom.example', firstName: 'Hike', lastName: 'Three', properties: { renewal_date: '2026-10-25', interests: ['hiking'] } },
    ];
    const ids: string[] = [];
    for (const p of people) {
      const res = await api(server, 'POST', '/v1/contacts', p);
      expect(res.status).toBe(201);
      ids.push(res.body.contact.id);
    }

    const { page, problems } = await openTab(browser);
    await signIn(page, server);
    await page.getByRole('button', { name: 'Start from an empty filter' }).click();
    const picker = page.getByLabel('Field', { exact: true });
    await picker.fill('interests');
    const group = await page.locator('[role="listbox"]:visible [role="group"]').evaluateAll((els) => els.map((g) => document.getElementById(g.getAttribute('aria-labelledby')!)?.textContent));
    expect(group).toEqual(['Custom fields']);
    await page.keyboard.press('Enter');
    await page.getByLabel('Operator for Interests').selectOption({ label: 'includes any of' });
    // The allowed values as chips: pick by typing, by keyboard alone.
    const add = page.getByLabel('Add to values for interests');
    await add.focus();
    await page.keyboard.type('kay');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Remove kayaking' }).waitFor();
    await expect(focusedKey(page)).resolves.toBe('rules.children[0].value:add'); // ready for the next one
    await eventually(() => page.locator('.count').textContent(), contacts(2));
    await page.keyboard.type('chess');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Remove chess' }).waitFor();
    await expectAccessible(page, 'a multi-select condition with chips');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1366, height: 900 });
    await eventually(() => page.locator('.count').textContent(), contacts(2));
    await page.getByRole('button', { name: 'Remove chess' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Remove chess' }).count()).resolves.toBe(0);
    await expect(focusedKey(page)).resolves.toBe('rules.children[0].value:add');

    // A date field: a date picker, then a relative date.
    await page.getByRole('button', { name: '+ Condition' }).first().click();
    await pick(page.getByLabel('Field', { exact: true }).nth(1), 'Renewal date');
    const date = page.getByLabel('Value for Renewal date');
    await expect(date.getAttribute('type')).resolves.toBe('date');
    await date.fill('2026-12-01');
    await eventually(() => page.locator('.count').textContent(), contacts(1)); // kayaking and renewing after 1 Dec → Kay One
    await page.getByLabel('Operator for Renewal date').selectOption({ value: 'within_last' });
    await page.getByLabel('Amount of time for Renewal date').fill('14');
    await page.getByLabel('Unit of time for Renewal date').selectOption('days');
    await eventually(() => page.locator('.count').textContent(), contacts(1)); // renewed in the 14 days before 1 Nov: Kay Two (Hike Three too, but not into kayaking)
    await eventually(() => page.locator('.sample tbody td:nth-child(2)').allTextContents(), ['kay.two@custom.example']);
    await expect(page.locator('.explanation').textContent()).resolves.toBe('In plain English: Contacts whose interests include “kayaking” and whose renewal date is within the last 14 days.');
    await expectAccessible(page, 'a custom date field with a relative date');

    await page.getByLabel('Segment title').fill('Recent kayak renewals');
    await page.getByRole('button', { name: 'Save segment' }).click();
    await page.getByText('Saved “Recent kayak renewals”.').waitFor();
    const saved = (await api(server, 'GET', '/v1/segments')).body.segments.find((s: { title: string }) => s.title === 'Recent kayak renewals');
    expect((await api(server, 'GET', `/v1/segments/${saved.id}/ids`)).body.ids).toEqual([ids[1]]);
    expect(problems).toEqual([]);
  }, 60_000);

  it('searches a segment’s members by name or email with paging totals', async () => {
    const { page, problems } = await openTab(browser);
    await signIn(page, server);
    const q1 = fixture.segments.find((s) => s.orgId === 'org_acme' && s.name === 'Q1 batch')!;
    const members = acme.filter((c) => q1.memberIds.includes(c.id));
    const seg = (await api(server, 'GET', '/v1/segments')).body.segments.find((s: { title: string }) => s.title === 'Q1 batch');
    await page.goto(`${server.url}/app#/segments/${seg.id}`);
    await eventually(() => page.locator('.page-info').textContent(), `1–${Math.min(25, members.length)} of ${members.length} · page 1`);
    const prefix = members[0]!.email.slice(0, 1).toLowerCase();
    const matching = members.filter((c) => c.email.toLowerCase().startsWith(prefix) || [c.firstName, c.lastName].some((n) => n?.toLowerCase().startsWith(prefix)));
    const search = page.getByLabel('Search members by name or email');
    await search.focus();
    await page.keyboard.type(prefix);
    await eventually(() => page.locator('.page-info').textContent(), `1–${Math.min(25, matching.length)} of ${matching.length} matching “${prefix}” · page 1`);
    const shown = await page.locator('.members-table tbody td:nth-child(2)').allTextContents();
    expect(shown).toHaveLength(Math.min(25, matching.length));
    for (const email of shown) expect(matching.map((c) => c.email)).toContain(email);
    await expectAccessible(page, 'a member search');
    await search.fill('zzzz-nobody');
    await eventually(() => page.locator('.members-table tbody td').textContent(), 'No member matches “zzzz-nobody”. Try the start of an email address or of a name.');
    await search.fill('');
    await eventually(() => page.locator('.page-info').textContent(), `1–${Math.min(25, members.length)} of ${members.length} · page 1`);
    expect(problems).toEqual([]);
  }, 60_000);

  it('says the conditions in plain English in the order of the builder’s rows', async () => {
    const { page, problems } = await openTab(browser);
    await signIn(page, server);
    await page.getByLabel('Describe the audience').fill('customers in France');
    await page.getByRole('button', { name: 'Generate filter' }).click();
    await eventually(() => page.locator('.preview .status').getAttribute('data-tone'), 'ok');
    // A row added at the end is said last, though the canonical sort (by field key: country, email,
    // lifecycle_stage) puts it in the middle.
    await page.getByRole('button', { name: '+ Condition' }).first().click();
    await pick(page.getByLabel('Field', { exact: true }).last(), 'Email');
    await page.getByLabel('Operator for Email').selectOption({ value: 'contains' });
    await page.getByLabel('Value for Email').fill('.example');
    await eventually(async () => ((await page.locator('.explanation').textContent()) ?? '').includes('.example'), true);
    const rows = await page.locator('.builder [data-node].leaf').evaluateAll((els) => els.map((e) => (e.querySelector('.field-picker') as HTMLInputElement | null)?.value ?? ''));
    expect(rows.at(-1)).toBe('Email');
    const canonical = (await api(server, 'GET', `/v1/drafts/${draftIdOf(page)}`)).body.rules.children.map((c: { field: string }) => c.field);
    expect(canonical.at(-1)).not.toBe('email'); // the server's order differs, or this proves nothing
    const sentence = ((await page.locator('.explanation').textContent()) ?? '').toLowerCase();
    const order = rows.map((label) => sentence.indexOf(label.toLowerCase()));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(problems).toEqual([]);
  }, 60_000);
});
