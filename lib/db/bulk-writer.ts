/**
 * Bulk writes for the demo seed, on a connection of its own to the client's
 * database: multi-row INSERTs inside one transaction per batch. Prisma's
 * createMany through the driver adapter wrote about a thousand rows a second
 * here, and raw INSERTs through Prisma about five thousand; this writes well
 * over a hundred thousand, which is what seeding 200k submissions (and their
 * 1M+ check outcomes) for the benchmarks needs.
 *
 * SQL given to `run` uses `?` placeholders (numbered `$n` on PostgreSQL).
 * Values are stored the way Prisma stores them: on SQLite DateTime as ISO
 * text with a "+00:00" offset and Json as text; on PostgreSQL DateTime as UTC
 * in a `timestamp` column.
 */
import Database from "better-sqlite3";
import pg from "pg";
import type { Db } from "./create-client";
import { providerOfClient, urlOfClient } from "./sql-dialect";

export type BulkWriter = {
  insert(table: string, columns: readonly string[], rows: readonly Record<string, unknown>[]): Promise<void>;
  run(sql: string, ...params: unknown[]): Promise<number>;
  /** All writes of `fn` commit together or not at all. */
  transaction(fn: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
};

/** SQLite's default limit is 32 766 bound parameters per statement (PostgreSQL's 65 535). */
const MAX_BOUND_PARAMETERS = 32_000;
const ROWS_PER_STATEMENT = 200;

function rowsPerStatement(columns: readonly string[]): number {
  return Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(MAX_BOUND_PARAMETERS / columns.length)));
}

function insertSql(table: string, columns: readonly string[], rowCount: number, placeholder: (i: number) => string) {
  let n = 0;
  const tuples = Array.from({ length: rowCount }, () => `(${columns.map(() => placeholder(n++)).join(", ")})`);
  return `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`;
}

export async function openBulkWriter(db: Db): Promise<BulkWriter> {
  return providerOfClient(db) === "postgresql" ? openPostgres(urlOfClient(db)) : openSqlite(db);
}

async function openSqlite(db: Db): Promise<BulkWriter> {
  // The file the Prisma client really has open, so this can never write to another database.
  const list = await db.$queryRawUnsafe<{ name: string; file: string }[]>("PRAGMA database_list");
  const file = list.find((d) => d.name === "main")?.file;
  if (!file) throw new Error("The demo seed needs a file-backed SQLite database.");
  const conn = new Database(file);
  conn.pragma("journal_mode = WAL");
  conn.pragma("busy_timeout = 10000");
  conn.pragma("foreign_keys = ON");
  // A large page cache keeps the index B-trees being filled in memory
  // (the default 2 MB made every index insert a disk read at 200k rows).
  conn.pragma("cache_size = -262144");
  // In WAL mode NORMAL syncs at checkpoints instead of at every commit; a
  // power cut may lose the last seed batch, never corrupt the database.
  conn.pragma("synchronous = NORMAL");
  const statements = new Map<string, Database.Statement>();

  function prepared(table: string, columns: readonly string[], rowCount: number) {
    const key = `${table}|${columns.join(",")}|${rowCount}`;
    let stmt = statements.get(key);
    if (!stmt) statements.set(key, (stmt = conn.prepare(insertSql(table, columns, rowCount, () => "?"))));
    return stmt;
  }

  return {
    async insert(table, columns, rows) {
      const per = rowsPerStatement(columns);
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        const params: unknown[] = [];
        for (const row of chunk) for (const c of columns) params.push(sqliteValue(row[c]));
        prepared(table, columns, chunk.length).run(params);
      }
    },
    async run(sql, ...params) {
      return conn.prepare(sql).run(params.map(sqliteValue)).changes;
    },
    async transaction(fn) {
      conn.exec("BEGIN IMMEDIATE");
      try {
        await fn();
        conn.exec("COMMIT");
      } catch (error) {
        conn.exec("ROLLBACK");
        throw error;
      }
    },
    async close() {
      conn.close();
    },
  };
}

async function openPostgres(url: string): Promise<BulkWriter> {
  const conn = new pg.Client({ connectionString: url });
  await conn.connect();
  const written = new Set<string>();
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    async insert(table, columns, rows) {
      const per = rowsPerStatement(columns);
      if (rows.length > 0) written.add(table);
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        const params: unknown[] = [];
        for (const row of chunk) for (const c of columns) params.push(postgresValue(row[c]));
        await conn.query({
          // Named, so PostgreSQL plans each shape once per connection.
          name: `bulk_${table}_${columns.length}_${chunk.length}`,
          text: insertSql(table, columns, chunk.length, (k) => `$${k + 1}`),
          values: params,
        });
      }
    },
    async run(sql, ...params) {
      return (await conn.query(numbered(sql), params.map(postgresValue))).rowCount ?? 0;
    },
    async transaction(fn) {
      await conn.query("BEGIN");
      try {
        await fn();
        await conn.query("COMMIT");
      } catch (error) {
        await conn.query("ROLLBACK");
        throw error;
      }
    },
    async close() {
      // Fresh planner statistics: until autovacuum gets to the bulk-loaded tables, the planner
      // guessed a handful of rows: an export page took 150-170 ms instead of 25 (10k submissions).
      // VACUUM too: until the visibility map is set, index-only scans read the table as well, and
      // autovacuum doing it later competed with the first dashboard reads (p95 831 vs 248 ms at
      // 200k submissions).
      if (written.size > 0) await conn.query(`VACUUM (ANALYZE) ${[...written].map((t) => `"${t}"`).join(", ")}`);
      await conn.end();
    },
  };
}

/** A value as Prisma would have stored it in SQLite. */
export function sqliteValue(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return v.toISOString().replace("Z", "+00:00");
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "object") return JSON.stringify(v);
  return v;
}

/**
 * A value as Prisma would have stored it in PostgreSQL. Dates go as UTC text
 * without an offset: Prisma's DateTime columns are `timestamp(3)` in UTC,
 * and node-postgres would otherwise send the process's local time.
 */
export function postgresValue(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return v.toISOString().replace("Z", "");
  if (typeof v === "object") return JSON.stringify(v);
  return v;
}
