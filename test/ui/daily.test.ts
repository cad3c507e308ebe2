// The reviewer page for daily work, in headless Chromium against the real service and the demo
// fixture: unfinished conditions, the searchable field picker, counts per row, reachability and why,
// plain messages, refusals with suggestions, drafts that survive a reload, undo/redo, the segment page's
// tabs and actions, the list's search and filters, a 390×844 phone and keyboard-only use. axe-core runs
// on every state and must find no serious or critical violation.
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { funnelRules, previewRules } from '../../src/drafts/drafts.js';
import { ensureSystemSegments } from '../../src/segments/system.js';
import type { Group } from '../../src/rules/grammar.js';
import { demoFixture } from '../support/fixture-tenant.js';
import { browserSuite, CLOCK, contacts, eventually, expectAccessible, HAVE_CHROMIUM, launchBrowser, openTab, pick, signIn, startUiServer, type UiServer } from './browser.js';

const fixture = demoFixture();
const acme = fixture.contacts.filter((c) => c.orgId === 'org_acme');

const api = async (server: UiServer, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${server.keys.admin}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
};

const draftIdOf = (page: Page) => /#\/drafts\/([^/?]+)/.exec(page.url())?.[1];

describe.skipIf(!HAVE_CHROMIUM)(browserSuite('reviewer page for daily work (headless Chromium)'), () => {
  let server: UiServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startUiServer(), launchBrowser()]);
  });

  it('marks a new condition unfinished, leaves it out of the count and refuses to save it', async () => {
    const { page, problems } = await openTab(browser);
    await signIn(page, server);
    await page.getByLabel('Describe the audience').fill('customers in France');
    await page.getByRole('button', { name: 'Generate filter' }).click();
    const french = acme.filter((c) => c.lifecycleStage === 'customer' && c.country === 'FR').length;
    await eventually(() => page.locator('.count').textContent(), contacts(french));

    // A new row has no field and no value: it does not turn the audience into "Email is “”" (0 contacts).
    await page.getByRole('button', { name: '+ Condition' }).first().click();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('role'))).resolves.toBe('combobox');
    await eventually(() => page.locator('.unfinished .todo').textContent(), 'Unfinished Choose a field. Not counted yet.');
    await eventually(() => page.locator('.left-out').textContent(), '1 unfinished condition is not counted.');
    await eventually(() => page.locator('.preview .status').getAttribute('data-tone'), 'ok');
    await expect(page.locator('.count').textContent()).resolves.toBe(contacts(french));
    await expectAccessible(page, 'a draft with an unfinished row');

    await pick(page.getByLabel('Field', { exact: true }).nth(2), 'Tags');
    await eventually(() => page.locator('.unfinished .todo').textContent(), 'Unfinished Choose a value. Not counted yet.');
    await page.getByLabel('Segment title').fill('Unfinished French customers');
    await page.getByRole('button', { name: 'Approve and save segment' }).click();
    await eventually(() => page.locator('.approve [role="alert"]').textContent(), 'Finish or remove the unfinished condition before saving.');
    await expect(page.evaluate(() => document.activeElement?.closest('[data-node]')?.classList.contains('unfinished'))).resolves.toBe(true);
    const saved = await api(server, 'GET', '/v1/segments');
    expect(saved.body.segments.map((s: { title: string }) => s.title)).not.toContain('Unfinished French customers');

    // Choosing the value finishes the row: it is counted and the segment saves.
    await page.getByLabel('Value for Tags').selectOption('vip');
    const both = acme.filter((c) => c.lifecycleStage === 'customer' && c.country === 'FR' && c.tags.includes('vip')).length;
    await eventually(() => page.locator('.count').textContent(), contacts(both));
    await expect(page.locator('.unfinished').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Approve and save segment' }).click();
    await page.getByText('Saved “Unfinished French customers”.').waitFor();
    expect(problems).toEqual([]);
  });

  it('searches the field picker by word, groups it, and turns a deal field into a related-records row', async () => {
    const { page, problems } = await openTab(browser);
    await signIn(page, server);
    await page.getByRole('button', { name: 'Start from an empty filter' }).click();
    const picker = page.getByLabel('Field', { exact: true });
    await picker.fill('amount');
    const groups = await page.locator('[role="listbox"]:visible [role="group"]').evaluateAll((els) => els.map((g) => g.getAttribute('aria-labelledby') && document.getElementById(g.getAttribute('aria-labelledby')!)?.textContent));
    expect(groups).toContain('Deals');
    await expect(page.getByRole('option', { name: 'Deal amount' }).count()).resolves.toBe(1);
    await expectAccessible(page, 'the field picker open with a search');
    await picker.press('ArrowDown');
    await page.getByRole('option', { name: 'Deal amount' }).click();
    // The row became "has deals where Deal amount …", with focus on its operator.
    await page.getByLabel('Has or has no').waitFor();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-path'))).resolves.toBe('rules.children[0].where.children[0].operator');
    await eventually(() => page.locator('.unfinished .todo').first().textContent(), 'Unfinished Enter a value. Not counted yet.');
    expect(problems).toEqual([]);
  });

  it('shows counts per row, how many can be emailed and why each sample contact matches', async () => {
    const { page, problems } = await openTab(browser);
    await signIn(page, server);
    await page.getByLabel('Describe the audience').fill('enterprise accounts in Germany that opened our last 3 campaigns but have no deal created in the last 90 days');
    await page.getByRole('button', { name: 'Generate filter' }).click();
    await eventually(() => page.locator('.preview .status').getAttribute('data-tone'), 'ok');
    const draft = (await api(server, 'GET', `/v1/drafts/${draftIdOf(page)}`)).body;
    const { preview } = await previewRules(server.services, 'org_acme', draft.rules as Group, new Date(CLOCK));
    if (preview.reach === null) throw new Error('a contact preview carries reachability');
    const reach = preview.reach;
    expect(reach.emailable).toBeLessThan(preview.count); // the headline example: not everyone can be emailed
    const others = [[reach.unsubscribed, 'unsubscribed'], [reach.bounced, 'bounced'], [reach.suppressed, 'suppressed'], [reach.noEmail, 'without an email address']].filter(([n]) => Number(n) > 0).map(([n, w]) => `${n} ${w}`);
    await expect(page.locator('.reach').textContent()).resolves.toBe(`${reach.emailable} of ${preview.count} can be emailed (${others.join(', ')}).`);

    // The row counts come from their own request (POST /v1/preview/funnel) after the preview.
    const rows = () => page.locator('.builder [data-node][data-path^="rules.children"]').evaluateAll((els) => els.filter((e) => !e.getAttribute('data-path')!.includes('.where')).map((e) => [e.getAttribute('data-path'), e.querySelector(':scope > .row .row-count, :scope > .group-head .row-count')?.textContent ?? null]));
    const { funnel } = await funnelRules(server.services, 'org_acme', draft.rules as Group, new Date(CLOCK));
    const expected = funnel.funnel.filter((f) => f.path !== 'rules').map((f) => [f.path, `${f.alone.count.toLocaleString('en-US')} match · ${f.running!.count.toLocaleString('en-US')} with the rows above`]);
    await eventually(rows, expected);
    await expect(page.locator('.sample td.why').first().textContent()).resolves.toContain('Country: DE');
    await expect(page.locator('.sample td.why').first().textContent()).resolves.toContain('opened 3 of 3 campaigns');
    await expectAccessible(page, 'a draft with counts, reach and why');
    expect(problems).toEqual([]);
  });

  it('keeps a draft and its unfinished rows across a reload, and undoes and redoes edits', async () => {
    const { page, problems } = await openTab(browser);
    await signIn(page, server);
    await page.getByLabel('Describe the audience').fill('customers in France or Spain');
    await page.getByRole('button', { name: 'Generate filter' }).click();
    const all = acme.filter((c) => c.lifecycleStage === 'customer' && ['FR', 'ES'].includes(c.country!)).length;
    const french = acme.filter((c) => c.lifecycleStage === 'customer' && c.country === 'FR').length;
    await eventually(() => page.locator('.count').textContent(), contacts(all));
    const id = draftIdOf(page);
    expect(id).toBeTruthy();

    await page.getByRole('group', { name: 'Values for Country' }).getByLabel(/\(ES\)$/).uncheck();
    await eventually(() => page.locator('.count').textContent(), contacts(french));
    await page.getByRole('button', { name: '↶ Undo' }).click();
    await eventually(() => page.locator('.count').textContent(), contacts(all));
    await expect(page.getByRole('group', { name: 'Values for Country' }).getByLabel(/\(ES\)$/).isChecked()).resolves.toBe(true);
    await page.keyboard.press('Control+Shift+Z'); // the disabled Undo button dropped focus to the page
    await eventually(() => page.locator('.count').textContent(), contacts(french));
    // The edit is saved in the draft itself.
    await eventually(async () => JSON.stringify((await api(server, 'GET', `/v1/drafts/${id}`)).body.rules).includes('"ES"'), false);

    await page.getByRole('button', { name: '+ Condition' }).first().click();
    await page.getByLabel('Segment title').fill('Kept across reload');
    await page.reload();
    await eventually(() => page.locator('.count').textContent(), contacts(french));
    expect(draftIdOf(page)).toBe(id);
    await expect(page.getByLabel('Segment title').inputValue()).resolves.toBe('Kept across reload');
    await expect(page.locator('.unfinished').count()).resolves.toBe(1);
    await expect(page.getByLabel('Describe the audience').inputValue()).resolves.toBe('customers in France or Spain');

    // "New segment" comes back to the same draft.
    await page.getByRole('link', { name: 'Segments' }).click();
    await page.getByRole('heading', { name: 'Segments' }).waitFor();
    await page.getByRole('link', { name: 'New segment' }).click();
    await eventually(() => page.locator('.count').textContent(), contacts(french));
    expect(draftIdOf(page)).toBe(id);
    expect(problems).toEqual([]);
  });

  it('asks before leaving unsaved edits of a segment, says a taken title in plain words, and offers examples after a refusal', async () => {
    const { page, problems } = await openTab(browser);
    await signIn(page, server);
    await page.getByLabel('Describe the audience').fill('delete all contacts in Germany');
    await page.getByRole('button', { name: 'Generate filter' }).click();
    await page.locator('.refusal').waitFor();
    await expectAccessible(page, 'a refused description');
    const example = page.locator('.suggestions button').first();
    const text = await example.textContent();
    await example.click();
    await expect(page.getByLabel('Describe the audience').inputValue()).resolves.toBe(text);

    const created = await api(server, 'POST', '/v1/segments', { title: 'Dutch leads', type: 'dynamic', rules: { type: 'group', op: 'and', negate: false, children: [{ type: 'condition', field: 'country', operator: 'eq', value: 'NL' }] } });
    expect(created.status).toBe(201);
    await api(server, 'POST', '/v1/segments', { title: 'Taken title', type: 'static' });
    await page.goto(`${server.url}/app#/segments/${created.body.id}/edit`);
    await page.getByLabel('Segment title').fill('Taken title');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await eventually(async () => (await page.locator('.approve .field-error').textContent()) ?? '', 'Another segment is already called "Taken title". Choose another title.');
    await expect(page.getByLabel('Segment title').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(page, 'a title error on the edit page');

    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await page.getByRole('link', { name: 'Segments' }).click();
    await eventually(async () => asked, 'Your changes to this segment are not saved. Leave this page anyway?');
    await expect(page.getByLabel('Segment title').inputValue()).resolves.toBe('Taken title'); // still here
    expect(problems).toEqual([]);
  });

  it('acknowledges the words that were not understood before approving', async () => {
    const { page, problems } = await openTab(browser);
    await signIn(page, server);
    await page.getByLabel('Describe the audience').fill('customers in France who love kayaking');
    await page.getByRole('button', { name: 'Generate filter' }).click();
    const box = page.getByLabel(/^Approve without “/);
    await box.first().waitFor();
    await page.getByLabel('Segment title').fill('French kayakers');
    await page.getByRole('button', { name: 'Approve and save segment' }).click();
    await eventually(async () => (await page.locator('.approve [role="alert"]').textContent())?.includes('not in the rules') ?? false, true);
    await expect(box.first().getAttribute('aria-invalid')).resolves.toBe('true');
    for (const b of await box.all()) await b.check();
    await page.getByRole('button', { name: 'Approve and save segment' }).click();
    await page.getByText('Saved “French kayakers”.').waitFor();
    expect(problems).toEqual([]);
  });

  it('segment page: tabs for members, rules, history and used-by; system segments have no Edit, Archive or Delete; delete asks first', async () => {
    const { page, problems } = await openTab(browser);
    await signIn(page, server);
    const base = await api(server, 'POST', '/v1/segments', { title: 'German contacts', type: 'dynamic', rules: { type: 'group', op: 'and', negate: false, children: [{ type: 'condition', field: 'country', operator: 'eq', value: 'DE' }] } });
    const user = await api(server, 'POST', '/v1/segments', { title: 'German leads (uses it)', type: 'dynamic', rules: { type: 'group', op: 'and', negate: false, children: [{ type: 'segment', operator: 'in', segment: base.body.id }, { type: 'condition', field: 'lifecycle_stage', operator: 'eq', value: 'lead' }] } });
    expect(user.status).toBe(201);
    const germans = acme.filter((c) => c.country === 'DE').length;

    await page.goto(`${server.url}/app#/segments/${base.body.id}`);
    await eventually(() => page.locator('.page-info').textContent(), `1–25 of ${germans} · page 1`);
    await expectAccessible(page, 'the members tab');
    await page.getByRole('button', { name: 'Email' }).click();
    await eventually(() => page.locator('th[aria-sort="ascending"]').textContent(), 'Email ▲');
    const byEmail = (await api(server, 'GET', `/v1/segments/${base.body.id}/members?sort=email&order=asc&limit=25`)).body.members.map((m: { email: string }) => m.email);
    await eventually(() => page.locator('.members-table tbody tr td:nth-child(2)').allTextContents(), byEmail);

    await page.getByRole('tab', { name: 'Members' }).press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'Rules' }).getAttribute('aria-selected')).resolves.toBe('true');
    await expect(page.locator('.outline').textContent()).resolves.toBe('All of these:Country is Germany (DE)');
    await expectAccessible(page, 'the rules tab');
    await page.keyboard.press('ArrowRight'); // History (test/ui/work.test.ts), then Used by
    await page.keyboard.press('ArrowRight');
    await page.getByRole('link', { name: 'German leads (uses it)' }).waitFor();
    await expectAccessible(page, 'the used-by tab');

    const [freeze] = await Promise.all([page.waitForURL((u) => !u.hash.includes(base.body.id)), page.getByRole('button', { name: 'Freeze to a static list' }).click()]);
    void freeze;
    await page.getByText('Froze today’s members', { exact: false }).waitFor();
    await eventually(() => page.locator('.count-inline').textContent(), `(${germans})`);
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.accept();
    });
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('heading', { name: 'Segments' }).waitFor();
    expect(asked).toMatch(/^Delete “German contacts \(/);

    await ensureSystemSegments(server.services, 'org_acme');
    const system = (await api(server, 'GET', '/v1/segments')).body.segments.find((s: { system: boolean }) => s.system);
    await page.goto(`${server.url}/app#/segments/${system.id}`);
    await page.getByRole('button', { name: 'Export CSV' }).waitFor();
    for (const name of ['Edit rules', 'Archive', 'Delete']) await expect(page.getByRole(name === 'Edit rules' ? 'link' : 'button', { name, exact: true }).count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  });

  it('segments list: archived hidden by default, search by title, filter by type, sort by members', async () => {
    const { page, problems } = await openTab(browser);
    await signIn(page, server);
    const archived = await api(server, 'POST', '/v1/segments', { title: 'Old archived list', type: 'static' });
    await api(server, 'POST', `/v1/segments/${archived.body.id}/archive`);
    await page.getByRole('link', { name: 'Segments' }).click();
    await page.getByRole('link', { name: 'Q1 batch', exact: true }).waitFor();
    await expect(page.getByRole('link', { name: 'Old archived list' }).count()).resolves.toBe(0);
    await expectAccessible(page, 'the segments list');

    await page.getByLabel('Search').fill('q1');
    await eventually(() => page.locator('table.segments tbody th a').allTextContents(), ['Q1 batch']);
    await page.getByLabel('Search').fill('');
    await page.getByLabel('Type').selectOption('static');
    const types = await page.locator('table.segments tbody tr td:nth-child(2)').allTextContents();
    expect(new Set(types)).toEqual(new Set(['static']));
    await page.getByLabel('Type').selectOption('all');
    await page.getByLabel('Sort by').selectOption('members');
    const counts = (await page.locator('table.segments [data-count]').allTextContents()).map((t) => Number(t.replace(/,/g, '')));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    await page.getByLabel('Status').selectOption('archived');
    await page.getByRole('link', { name: 'Old archived list' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('works on a 390×844 phone: no sideways scrolling, a short header and the count in view while editing', async () => {
    const { page, problems } = await openTab(browser);
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, server);
    await page.getByLabel('Describe the audience').fill('enterprise accounts in Germany that opened our last 3 campaigns but have no deal created in the last 90 days');
    await page.getByRole('button', { name: 'Generate filter' }).click();
    await eventually(() => page.locator('.preview .status').getAttribute('data-tone'), 'ok');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.locator('header.top').evaluate((el) => el.getBoundingClientRect().height)).toBeLessThan(130);
    expect(await page.getByLabel('Segment title').evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(300);

    // Editing the last row, far down the page: the count is on screen.
    const amount = page.getByLabel('Amount of time for Deal creation date');
    await amount.scrollIntoViewIfNeeded();
    await amount.fill('30');
    await eventually(() => page.locator('.preview .status').getAttribute('data-tone'), 'ok');
    const bar = await page.locator('.count-bar').evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
    expect(bar.top).toBeGreaterThanOrEqual(0);
    expect(bar.bottom).toBeLessThanOrEqual(844);
    const field = await amount.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
    expect(field.bottom <= bar.top || field.top >= bar.bottom).toBe(true); // the bar does not cover what is edited
    await expectAccessible(page, 'the builder on a phone');

    await page.getByRole('link', { name: 'Segments' }).click();
    await page.getByRole('link', { name: 'Q1 batch', exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page, 'the segments list on a phone');
    expect(problems).toEqual([]);
  });

  it('builds a condition with the keyboard alone: picker search, arrow keys, Enter, undo', async () => {
    const { page, problems } = await openTab(browser);
    await signIn(page, server);
    await page.getByRole('button', { name: 'Start from an empty filter' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('lifecycle');
    await page.keyboard.press('Enter'); // picks "Lifecycle stage", focus moves to the operator
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-path'))).resolves.toBe('rules.children[0].operator');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Value for Lifecycle stage');
    await page.keyboard.press('ArrowDown'); // "Choose…" → the first stage
    const stage = await page.getByLabel('Value for Lifecycle stage').inputValue();
    expect(stage).not.toBe('');
    await eventually(() => page.locator('.count').textContent(), contacts(acme.filter((c) => c.lifecycleStage === stage).length));
    await page.keyboard.press('Control+z');
    await eventually(() => page.locator('.unfinished .todo').textContent(), 'Unfinished Choose a value. Not counted yet.');
    await expectAccessible(page, 'a keyboard-built condition after undo');
    expect(problems).toEqual([]);
  });

  it('adds static members by contact search, pasted emails and a CSV file', async () => {
    const { page, problems } = await openTab(browser);
    await signIn(page, server);
    const list = await api(server, 'POST', '/v1/segments', { title: 'Hand-picked', type: 'static' });
    const [a, b, c, d] = acme;
    await page.goto(`${server.url}/app#/segments/${list.body.id}`);
    await eventually(() => page.locator('.count-inline').textContent(), '(0)');

    await page.getByLabel('Find a contact by name or email').fill(a!.email);
    const addA = page.getByRole('button', { name: new RegExp(`^Add .*<${a!.email.replace(/[.+]/g, '\\$&')}>$`) });
    await addA.click();
    await eventually(() => page.locator('.count-inline').textContent(), '(1)');
    await expectAccessible(page, 'a static segment with contact search results');

    await page.getByLabel('Paste email addresses').fill(`${b!.email}\n${c!.email.toUpperCase()}, nobody@nowhere.example`);
    await page.getByRole('button', { name: 'Add these emails' }).click();
    await eventually(() => page.locator('.static-edit [role="alert"]').textContent(), 'Pasted emails: added 2 of 3. No contact for 1: nobody@nowhere.example.');
    await eventually(() => page.locator('.count-inline').textContent(), '(3)');

    await page.getByLabel('Upload a CSV file').setInputFiles({ name: 'more.csv', mimeType: 'text/csv', buffer: Buffer.from(`id,note\n${d!.id},x\n${a!.id},y\n`) });
    await page.getByRole('button', { name: 'Add from file' }).click();
    await eventually(() => page.locator('.static-edit [role="alert"]').textContent(), 'more.csv: added 1 of 2. 1 already members.');
    await eventually(() => page.locator('.count-inline').textContent(), '(4)');
    const ids = (await api(server, 'GET', `/v1/segments/${list.body.id}/ids`)).body.ids.sort();
    expect(ids).toEqual([a!.id, b!.id, c!.id, d!.id].sort());
    expect(problems).toEqual([]);
  });
});
