/**
 * The few places where one raw SQL text cannot serve both databases. Each
 * client remembers which database it talks to (create-client.ts registers
 * it), so query modules ask the client, not the environment.
 */
import { Prisma } from "./generated/client";
import type { DatabaseProvider } from "./provider";

/**
 * Kept on the client itself under a process-wide symbol, not in a module-level
 * map: the app's client lives on globalThis (client.ts) and Next's server
 * bundles may instantiate this module more than once, each with its own map.
 */
const INFO = Symbol.for("leakless.db.client-info");
type ClientInfo = { provider: DatabaseProvider; url: string };

export function registerClient(client: object, provider: DatabaseProvider, url: string): void {
  Object.defineProperty(client, INFO, { value: { provider, url } satisfies ClientInfo, enumerable: false });
}

function infoOf(client: object): ClientInfo {
  const info = (client as { [INFO]?: ClientInfo })[INFO];
  if (!info) throw new Error("This Prisma client was not made by lib/db/create-client.ts");
  return info;
}

export function providerOfClient(client: object): DatabaseProvider {
  return infoOf(client).provider;
}

/** The DATABASE_URL the client was made for (for lib/db modules that open a connection of their own). */
export function urlOfClient(client: object): string {
  return infoOf(client).url;
}

/**
 * A DateTime parameter where the SQL gives it no type of its own (a VALUES
 * list): PostgreSQL would take it as text and refuse `timestamp >= text`;
 * SQLite stores DateTime as text, and a CAST there would turn it into a number.
 */
export function timestampParam(client: object, value: Date): Prisma.Sql {
  return providerOfClient(client) === "postgresql" ? Prisma.sql`CAST(${value} AS TIMESTAMP(3))` : Prisma.sql`${value}`;
}

/**
 * Make concurrent transactions that derive one row from others (Progress from
 * Submissions) take turns, until the calling transaction ends. SQLite already
 * runs one write transaction at a time. PostgreSQL (READ COMMITTED) would let
 * two transactions each read the other's rows as they were before either
 * committed and write a stale result (a lost update: two verdicts stored at
 * once left Progress counting one). A transaction-scoped advisory lock on
 * the key makes the second wait for the first to commit; every statement
 * after it then sees the first's rows. A transaction client sees its
 * client's registration (it reads through to the client), so `tx` answers
 * which database it talks to as the client does.
 */
export async function serializeOn(
  tx: { $executeRaw(query: TemplateStringsArray, ...values: unknown[]): Promise<number> },
  key: string,
): Promise<void> {
  if (providerOfClient(tx) !== "postgresql") return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}

/**
 * Gives PostgreSQL's planner statistics for small tables a sync rewrites.
 * Autovacuum analyzes a table only after 50 changed rows, so the course's
 * tables (40 exercises) never had any: the planner took them for one row and
 * drove the dashboards' joins from the wrong side (overview 115–130 ms a read
 * at 1,000 learners, 80–100 ms with statistics). SQLite plans without them.
 */
export async function analyzeTables(db: { $executeRawUnsafe(query: string): Promise<number> }, tables: string[]) {
  if (providerOfClient(db) !== "postgresql" || tables.length === 0) return;
  await db.$executeRawUnsafe(`ANALYZE ${tables.map((t) => `"${t}"`).join(", ")}`);
}
