/**
 * Bulk writes for the demo seed, straight through better-sqlite3: prepared
 * multi-row INSERTs inside one transaction per batch. Prisma's createMany
 * through the driver adapter wrote about a thousand rows a second here, and
 * raw INSERTs through Prisma about five thousand; this writes well over a
 * hundred thousand, which is what seeding 200k submissions (and their
 * 1M+ check outcomes) for the benchmarks needs.
 *
 * It opens its own connection to the same file as the Prisma client (found
 * with PRAGMA database_list, so it can never write to another database).
 * Values are stored the way Prisma stores them on SQLite: DateTime as ISO
 * text with a "+00:00" offset, Json as text.
 */
import Database from "better-sqlite3";
import type { Db } from "../db/create-client";

export type BulkWriter = {
  insert(table: string, columns: readonly string[], rows: readonly Record<string, unknown>[]): void;
  run(sql: string, ...params: unknown[]): number;
  transaction(fn: () => void): void;
  close(): void;
};

/** SQLite's default limit is 32 766 bound parameters per statement. */
const MAX_BOUND_PARAMETERS = 32_000;
const ROWS_PER_STATEMENT = 200;

export async function openBulkWriter(db: Db): Promise<BulkWriter> {
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
    if (!stmt) {
      const tuple = `(${columns.map(() => "?").join(", ")})`;
      stmt = conn.prepare(
        `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${Array(rowCount).fill(tuple).join(", ")}`,
      );
      statements.set(key, stmt);
    }
    return stmt;
  }

  return {
    insert(table, columns, rows) {
      const per = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(MAX_BOUND_PARAMETERS / columns.length)));
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        const params: unknown[] = [];
        for (const row of chunk) for (const c of columns) params.push(sqliteValue(row[c]));
        prepared(table, columns, chunk.length).run(params);
      }
    },
    run(sql, ...params) {
      return conn.prepare(sql).run(params.map(sqliteValue)).changes;
    },
    transaction(fn) {
      conn.transaction(fn)();
    },
    close() {
      conn.close();
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
