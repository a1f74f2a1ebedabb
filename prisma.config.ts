// Prisma 6.19 with the JS (WebAssembly) schema engine and a driver adapter:
// the only combination whose CLI works offline (no native engine download).
// DATABASE_URL picks the database: `file:` uses prisma/schema.prisma and
// prisma/migrations; `postgresql://` the generated PostgreSQL twin of that
// schema and prisma/migrations-postgresql (lib/db/schema-variants.ts).
// See README "Development" and "PostgreSQL".
import { loadEnvConfig } from "@next/env";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { parseEnv } from "./lib/env";
import { createPgPool } from "./lib/db/pg-pool";
import { providerOf } from "./lib/db/provider";
import { schemaLayout } from "./lib/db/schema-variants";
import { databaseFileUrl } from "./lib/db/url";

// `npm run db:migrate` reads DATABASE_URL from .env.local like `npm start` and the app do
// (the environment wins), before DATABASE_URL is read below.
loadEnvConfig(__dirname, process.env.NODE_ENV !== "production", { info: () => {}, error: console.error });

const url = parseEnv(process.env).DATABASE_URL;
const provider = providerOf(url);
const layout = schemaLayout[provider];

export default defineConfig({
  schema: layout.schema,
  migrations: { path: layout.migrations },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () =>
    provider === "postgresql"
      ? new PrismaPg(createPgPool(url), { disposeExternalPool: true })
      : new PrismaBetterSQLite3({ url: databaseFileUrl(url) }, { shadowDatabaseUrl: ":memory:" }),
});
