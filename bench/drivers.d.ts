// better-sqlite3 and pg come with the MikroORM drivers, but without types (neither @types
// package is installed): these declare only what the benchmark's baseline and fixture use.

declare module 'better-sqlite3' {
  namespace Database {
    interface RunResult {
      readonly changes: number;
    }

    interface Statement {
      run(...params: unknown[]): RunResult;
      get(...params: unknown[]): unknown;
      all(...params: unknown[]): unknown[];
    }

    interface Transaction<F extends (...args: never[]) => unknown> {
      (...args: Parameters<F>): ReturnType<F>;
      immediate(...args: Parameters<F>): ReturnType<F>;
    }

    interface Database {
      prepare(sql: string): Statement;
      pragma(statement: string): unknown;
      exec(sql: string): Database;
      transaction<F extends (...args: never[]) => unknown>(fn: F): Transaction<F>;
      close(): void;
    }
  }

  const Database: new (file: string) => Database.Database;
  export = Database;
}
declare module 'pg' {
  export interface QueryResult<R> {
    readonly rows: R[];
    readonly rowCount: number | null;
  }

  export interface Queryable {
    query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
  }

  export interface PoolClient extends Queryable {
    release(err?: Error | boolean): void;
  }

  export interface ConnectionOptions {
    readonly connectionString: string;
    readonly max?: number;
  }

  export class Pool implements Queryable {
    constructor(options: ConnectionOptions);
    query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
    connect(): Promise<PoolClient>;
    end(): Promise<void>;
  }

  export class Client implements Queryable {
    constructor(options: ConnectionOptions);
    query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
    connect(): Promise<void>;
    end(): Promise<void>;
  }
}
