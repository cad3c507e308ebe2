// The distribution step's refusals and ordering, on the single server (test/citus/ runs it on a cluster).
import { describe, expect, it } from 'vitest';
import { DistributeError, distribute, parentsFirst } from '../../src/db/distribute.js';
import { useTestDatabase } from '../support/db.js';

describe('db:distribute', () => {
  it('refuses clearly, changing nothing, on a server without the citus extension', async () => {
    const database = await useTestDatabase('tmpl_fixture');
    const err = await distribute(database.sql).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DistributeError);
    expect((err as Error).message).toMatch(/citus extension is not installed in this database.*coordinator of a Citus cluster/s);
    const [row] = await database.sql`select count(*)::int as n from contacts`;
    expect(row!.n).toBe(2300);
  });

  it('leaves a later migration’s table alone on a single server (segment_builder_distribute is a no-op there)', async () => {
    const database = await useTestDatabase('tmpl_empty');
    await database.sql`create table later_notes (org_id text not null, id text not null, contact_id text not null, primary key (org_id, id))`;
    await database.sql`select segment_builder_distribute('later_notes')`;
    await database.sql`alter table later_notes add foreign key (org_id, contact_id) references contacts (org_id, id)`;
    await expect(database.sql`select segment_builder_distribute('later_notes', 'sideways')`).rejects.toThrow(/kind must be 'tenant' or 'reference'/);
  });

  it('orders tables parents before children, and names a foreign-key cycle', () => {
    const fks = [
      { child: 'deals', parent: 'contacts' },
      { child: 'contacts', parent: 'companies' },
      { child: 'contacts', parent: 'users' },
      { child: 'deals', parent: 'companies' },
      { child: 'segment_members', parent: 'contacts' },
      { child: 'segment_members', parent: 'segments' },
      { child: 'contacts', parent: 'orgs' }, // a reference table: not in the list, ignored
    ];
    expect(parentsFirst(['segment_members', 'deals', 'contacts', 'users', 'companies', 'segments'], fks)).toEqual([
      'companies', 'segments', 'users', 'contacts', 'deals', 'segment_members',
    ]);
    expect(() => parentsFirst(['a', 'b', 'c'], [{ child: 'a', parent: 'b' }, { child: 'b', parent: 'a' }])).toThrow(/a, b form a cycle/);
  });
});
