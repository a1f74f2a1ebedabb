/**
 * The few places where one raw SQL text cannot serve both databases. Each
 * client remembers which database it talks to (create-client.ts registers
 * it), so query modules ask the client, not the environment.
 */
import { Prisma } from "./generated/client";
import type { DatabaseProvider } from "./provider";

const clients = new WeakMap<object, { provider: DatabaseProvider; url: string }>();

export function registerClient(client: object, provider: DatabaseProvider, url: string): void {
  clients.set(client, { provider, url });
}

function infoOf(client: object) {
  const info = clients.get(client);
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
