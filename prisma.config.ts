// Prisma 6.19 with the JS (WebAssembly) schema engine and a driver adapter:
// the only combination whose CLI works offline (no native engine download).
// DATABASE_URL picks the database: `file:` uses prisma/schema.prisma and
// prisma/migrations; `postgresql://` the generated PostgreSQL twin of that
// schema and prisma/migrations-postgresql (lib/db/schema-variants.ts).
// See README "Development" and "PostgreSQL".
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "./lib/env";
import { createPgPool } from "./lib/db/pg-pool";
import { providerOf } from "./lib/db/provider";
import { schemaLayout } from "./lib/db/schema-variants";
import { databaseFileUrl } from "./lib/db/url";

const provider = providerOf(env.DATABASE_URL);
const layout = schemaLayout[provider];

export default defineConfig({
  schema: layout.schema,
  migrations: { path: layout.migrations },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () =>
    provider === "postgresql"
      ? new PrismaPg(createPgPool(env.DATABASE_URL), { disposeExternalPool: true })
      : new PrismaBetterSQLite3({ url: databaseFileUrl() }, { shadowDatabaseUrl: ":memory:" }),
});
