import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { PrismaClient as PgPrismaClient } from "./generated-pg/client";
import { env } from "../env";
import { createPgPool } from "./pg-pool";
import { providerOf } from "./provider";
import { providerOfClient, registerClient } from "./sql-dialect";
import { databaseFileUrl } from "./url";

/**
 * The client type the app is written against. Both generated clients come
 * from the one schema (lib/db/schema-variants.ts), so their model APIs are
 * the same; the SQLite one names the type.
 */
export type Db = PrismaClient;

/**
 * A Prisma client for DATABASE_URL (or `url`): better-sqlite3 for `file:`,
 * node-postgres for `postgresql://`. Used by the app singleton (client.ts),
 * by scripts, and by integration tests (one database per test file).
 */
export function createPrismaClient(url: string = env.DATABASE_URL): PrismaClient {
  if (providerOf(url) === "postgresql") {
    // A pool of 10 per process (pg's default) is plenty for one web instance
    // and keeps several instances under PostgreSQL's default 100 connections.
    const adapter = new PrismaPg(createPgPool(url), { disposeExternalPool: true });
    const client = new PgPrismaClient({ adapter }) as unknown as PrismaClient;
    registerClient(client, "postgresql", url);
    return client;
  }
  const adapter = new PrismaBetterSQLite3(
    // WAL lets readers proceed while one writer commits; the busy timeout makes
    // a second writer wait (up to 5 s) instead of failing at once.
    { url: databaseFileUrl(url), timeout: 5000 },
  );
  const client = new PrismaClient({ adapter });
  registerClient(client, "sqlite", url);
  return client;
}

/**
 * SQLite pragmas applied once per database file (WAL is persistent in the
 * file). PostgreSQL needs none of this: nothing to do there.
 */
export async function applyPragmas(client: PrismaClient): Promise<void> {
  if (providerOfClient(client) !== "sqlite") return;
  await client.$queryRawUnsafe("PRAGMA journal_mode=WAL");
  await client.$queryRawUnsafe("PRAGMA busy_timeout=5000");
  await client.$queryRawUnsafe("PRAGMA foreign_keys=ON");
}
