import { describe, expect, it } from 'vitest';
import { connect, migrateDatabase } from '../../src/db/client.js';
import { createTestDatabase, dropTestDatabase } from '../support/db.js';

describe('migrations', () => {
  it('apply to an empty database and are a no-op the second time', async () => {
    const { name, url } = await createTestDatabase('template0');
    const database = connect(url, { max: 1 });
    try {
      await migrateDatabase(database);
      const tables = await database.sql<{ table_name: string }[]>`
        select table_name from information_schema.tables where table_schema = 'public' order by table_name`;
      expect(tables.map((t) => t.table_name)).toEqual([
        'activities',
        'api_keys',
        'campaigns',
        'companies',
        'company_segment_members',
        'contact_activity_facts',
        'contact_facts',
        'contact_value_counts',
        'contacts',
        'deal_segment_members',
        'deals',
        'drafts',
        'email_events',
        'field_definitions',
        'fit_scores',
        'orgs',
        'segment_events',
        'segment_members',
        'segment_versions',
        'segments',
        'users',
        'webhook_deliveries',
        'webhook_endpoints',
      ]);
      await migrateDatabase(database);
      const [applied] = await database.sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
      expect(applied!.n).toBeGreaterThan(0);
    } finally {
      await database.close();
      await dropTestDatabase(name);
    }
  });

  it('make cross-tenant references impossible in the database itself', async () => {
    const { name, url } = await createTestDatabase('tmpl_fixture');
    const database = connect(url, { max: 1 });
    try {
      const [globexContact] = await database.sql`select id from contacts where org_id = 'org_globex' limit 1`;
      await expect(
        database.sql`insert into deals (org_id, id, contact_id, name, stage, created_at)
                     values ('org_acme', 'deal_x', ${globexContact!.id as string}, 'x', 'proposal', now())`,
      ).rejects.toThrow(/violates foreign key constraint/);
    } finally {
      await database.close();
      await dropTestDatabase(name);
    }
  });
});
