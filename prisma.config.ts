// Prisma 6.19 with the JS (WebAssembly) schema engine and the better-sqlite3
// driver adapter: the only combination whose CLI works offline (no native
// engine download). See README "Development".
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseFileUrl } from "./lib/db/url";

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaBetterSQLite3({ url: databaseFileUrl() }, { shadowDatabaseUrl: ":memory:" }),
});
