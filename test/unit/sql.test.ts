import { createOrm, forkEntityManager } from '../../src/db/orm';
import type { Orm } from '../../src/db/orm';
import {
  PREPARED_STATEMENT_CACHE_SIZE,
  placeholders,
  runUpdate,
  selectRows,
} from '../../src/db/sql';
import { databaseTargets } from '../support/databases';

/** One row per value, in the order given: `select ? as v union all select ? …`. */
const echoSql = (count: number) =>
  Array.from({ length: count }, (_, i) => `select ${i} as i, ? as v`).join(' union all ') +
  ' order by i';

describe.each(databaseTargets())('set-based statements on $name', (target) => {
  let orm: Orm;
  const statements: string[] = [];

  beforeAll(async () => {
    orm = await createOrm(target.create(), { onQuery: (sql) => statements.push(sql) });
    await orm.em.getConnection().execute('drop table if exists sql_probe');
    await orm.em.getConnection().execute('create table sql_probe (id integer, note varchar(50))');
  });
  afterAll(async () => {
    await orm.em.getConnection().execute('drop table if exists sql_probe');
    await orm.close();
  });

  it('round-trips values with quotes and SQL in them, inside a transaction', async () => {
    const values = ["O'Brien", "x'); drop table sql_probe; --", '회수 📦', ''];

    const rows = await forkEntityManager(orm).transactional((tx) =>
      selectRows<{ v: unknown }>(tx, echoSql(values.length), values),
    );

    expect(rows.map((r) => r.v)).toEqual(values);
  });

  it('counts the rows a write changed, and rolls them back with its transaction', async () => {
    const em = forkEntityManager(orm);
    await em.transactional((tx) =>
      runUpdate(tx, `insert into sql_probe values (${placeholders(2)})`, [1, 'a']),
    );

    const failed = em.transactional(async (tx) => {
      const changed = await runUpdate(tx, 'update sql_probe set note = ? where id = ?', ['b', 1]);
      expect(changed).toBe(1);
      throw new Error('roll back');
    });

    await expect(failed).rejects.toThrow('roll back');
    expect(await selectRows(forkEntityManager(orm), 'select note from sql_probe', [])).toEqual([
      { note: 'a' },
    ]);
  });

  it('answers right after more distinct statements than its cache holds, and tells each one', async () => {
    const sizes = Array.from({ length: PREPARED_STATEMENT_CACHE_SIZE + 20 }, (_, i) => i + 1);
    statements.length = 0;

    const answers = await forkEntityManager(orm).transactional(async (tx) => {
      const all: number[] = [];
      for (const size of [...sizes, 1, 2, 3]) {
        const values = Array.from({ length: size }, (_, i) => size * 1000 + i);
        const rows = await selectRows<{ v: unknown }>(tx, echoSql(size), values);
        all.push(rows.length === size && rows.every((r, i) => Number(r.v) === values[i]) ? 1 : 0);
      }
      return all;
    });

    expect(answers).toEqual(answers.map(() => 1));
    expect(
      statements.filter((sql) => sql.includes('union all') || /^select 0 as i/.test(sql)),
    ).toHaveLength(sizes.length + 3);
  });
});
