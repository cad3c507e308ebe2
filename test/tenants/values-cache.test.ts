// The tenant values cache: past its TTL it keeps serving the previous values and reloads them in the
// background, so no request waits for the reload; real PostgreSQL.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { rebuildValueCounts } from '../../src/db/value-counts.js';
import { TenantValuesCache } from '../../src/tenants/values.js';
import { useTestDatabase } from '../support/db.js';

describe('TenantValuesCache', () => {
  let database: Database;
  beforeAll(async () => {
    database = await useTestDatabase('tmpl_fixture');
  });

  it('serves the previous values past the TTL while one background reload brings the new ones', async () => {
    let now = 0;
    const cache = new TenantValuesCache(database.db, 1_000, () => now);
    const first = cache.get('org_acme');
    expect((await first).tags).not.toContain('fresh-tag');
    await database.sql`update contacts set tags = tags || '{fresh-tag}' where org_id = 'org_acme' and id = (select min(id) from contacts where org_id = 'org_acme')`;
    await rebuildValueCounts(database.db, 'org_acme'); // a write outside the service, so recounted as facts:rebuild would

    now = 5_000; // stale
    expect(cache.get('org_acme')).toBe(first); // the same values at once, not a new load
    expect(cache.get('org_acme')).toBe(first); // and one reload, not one per request
    await cache.settled('org_acme');
    expect((await cache.get('org_acme')).tags).toContain('fresh-tag');
  });

  it('waits for a load only on a miss: the first request, or the first after invalidate', async () => {
    const cache = new TenantValuesCache(database.db, 60_000);
    const a = cache.get('org_globex');
    expect(cache.get('org_globex')).toBe(a);
    cache.invalidate('org_globex');
    const b = cache.get('org_globex');
    expect(b).not.toBe(a);
    expect((await b).orgId).toBe('org_globex');
  });
});
