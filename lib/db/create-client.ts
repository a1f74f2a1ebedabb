import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/client";
import { databaseFileUrl } from "./url";

export type Db = PrismaClient;

/**
 * A Prisma client over better-sqlite3. Used by the app singleton (client.ts),
 * by scripts, and by integration tests (one database file per jest worker).
 */
export function createPrismaClient(url?: string): PrismaClient {
  const adapter = new PrismaBetterSQLite3(
    // WAL lets readers proceed while one writer commits; the busy timeout makes
    // a second writer wait (up to 5 s) instead of failing at once.
    { url: databaseFileUrl(url), timeout: 5000 },
  );
  const client = new PrismaClient({ adapter });
  return client;
}

/** Pragmas applied once per database file (WAL is persistent in the file). */
export async function applyPragmas(client: PrismaClient): Promise<void> {
  await client.$queryRawUnsafe("PRAGMA journal_mode=WAL");
  await client.$queryRawUnsafe("PRAGMA busy_timeout=5000");
  await client.$queryRawUnsafe("PRAGMA foreign_keys=ON");
}
