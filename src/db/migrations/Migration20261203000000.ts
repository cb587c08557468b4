import { Migration } from '@mikro-orm/migrations';
import type { Knex } from '@mikro-orm/knex';

type Table = Knex.CreateTableBuilder;

function timestamp(table: Table, column: string): Knex.ColumnBuilder {
  return table.timestamp(column, { useTz: true });
}

/**
 * The initial schema. DDL comes from knex's schema builder so that one file serves SQLite and
 * PostgreSQL, each in its own dialect (STACK.md).
 */
export class Migration20261203000000 extends Migration {
  /** better-sqlite3 runs one statement per call, so each DDL statement is added alone. */
  private addStatements(builder: Knex.SchemaBuilder): void {
    for (const statement of builder.toSQL()) {
      this.addSql(statement.sql);
    }
  }

  override up(): void {
    // A knex schema builder accumulates statements: take a fresh one for each table.
    const schema = () => this.getKnex().schema;

    this.addStatements(
      schema().createTable('op_ord', (t) => {
        t.string('ord_no', 20).primary();
        timestamp(t, 'reg_dtm').notNullable();
      }),
    );
    this.addStatements(
      schema().createTable('op_ord_deli_info', (t) => {
        t.string('deli_no', 20).primary();
        t.string('ord_no', 20).notNullable().references('ord_no').inTable('op_ord');
        t.string('deli_type_cd', 10).notNullable();
        t.string('hdc_cd', 10).nullable();
        t.string('inv_no', 50).nullable();
        t.string('wthd_yn', 1).nullable();
        t.string('wthd_fnsh_gb_cd', 10).nullable();
        timestamp(t, 'wthd_indc_dtm').nullable();
        timestamp(t, 'wthd_cnfm_dtm').nullable();
        timestamp(t, 'wthd_fnsh_dtm').nullable();
        timestamp(t, 'mod_dtm').notNullable();
        t.index(['ord_no'], 'op_ord_deli_info_ord_no_index');
      }),
    );
    this.addStatements(
      schema().createTable('op_ord_dtl', (t) => {
        t.increments('ord_dtl_id').primary();
        t.string('ord_no', 20).notNullable().references('ord_no').inTable('op_ord');
        t.integer('ord_seq').notNullable();
        t.integer('proc_seq').notNullable();
        t.string('ord_dtl_gb_cd', 2).notNullable();
        t.string('ord_dtl_stat_cd', 2).notNullable();
        timestamp(t, 'ord_dtl_stat_dtm').notNullable();
        t.string('deli_no', 20).notNullable().references('deli_no').inTable('op_ord_deli_info');
        t.string('goods_no', 20).notNullable();
        t.integer('ord_qty').notNullable();
        t.integer('rtn_qty').notNullable();
        t.unique(['ord_no', 'ord_seq', 'proc_seq'], {
          indexName: 'op_ord_dtl_ord_no_ord_seq_proc_seq_unique',
        });
        t.index(['deli_no'], 'op_ord_dtl_deli_no_index');
      }),
    );
    this.addStatements(
      schema().createTable('op_ord_dtl_stat_chg_hist', (t) => {
        t.increments('hist_id').primary();
        t.integer('ord_dtl_id')
          .unsigned()
          .notNullable()
          .references('ord_dtl_id')
          .inTable('op_ord_dtl');
        t.string('bef_stat_cd', 2).notNullable();
        t.string('aft_stat_cd', 2).notNullable();
        timestamp(t, 'chg_dtm').notNullable();
        t.string('chg_id', 100).notNullable();
        t.string('req_id', 100).nullable();
        t.index(['ord_dtl_id'], 'op_ord_dtl_stat_chg_hist_ord_dtl_id_index');
      }),
    );
    this.addStatements(
      schema().createTable('op_ord_deli_inv_hist', (t) => {
        t.increments('hist_id').primary();
        t.string('deli_no', 20).notNullable().references('deli_no').inTable('op_ord_deli_info');
        t.string('bef_hdc_cd', 10).nullable();
        t.string('bef_inv_no', 50).nullable();
        t.string('hdc_cd', 10).nullable();
        t.string('inv_no', 50).nullable();
        timestamp(t, 'chg_dtm').notNullable();
        t.string('chg_id', 100).notNullable();
        t.string('req_id', 100).nullable();
        t.index(['deli_no'], 'op_ord_deli_inv_hist_deli_no_index');
      }),
    );
  }
}
