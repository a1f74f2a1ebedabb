/**
 * Install-time step (postinstall): write the PostgreSQL twin of
 * prisma/schema.prisma and generate both Prisma clients, so one install
 * serves either database; lib/db/create-client.ts picks by DATABASE_URL.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { schemaLayout, writePostgresSchema } from "../lib/db/schema-variants";

const root = path.resolve(__dirname, "..");
writePostgresSchema();
for (const { schema } of Object.values(schemaLayout)) {
  execFileSync(process.execPath, [require.resolve("prisma/build/index.js"), "generate", "--schema", schema], {
    cwd: root,
    stdio: "inherit",
  });
}
