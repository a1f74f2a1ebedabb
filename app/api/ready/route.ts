import path from "node:path";
import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { migrationNames } from "@/lib/db/pending-migrations";
import { providerOf } from "@/lib/db/provider";
import { env } from "@/lib/env";
import { checkReadiness } from "@/lib/ops/readiness";

/** The migrations this build ships for its database (lib/db/schema-variants.ts; from the app's folder: bundled code has no __dirname of its own). */
const MIGRATIONS = { sqlite: "migrations", postgresql: "migrations-postgresql" } as const;

/** Readiness for a load balancer: 200 when this instance may take traffic, 503 (naming the failing check) when not. */
export async function GET() {
  const folder = path.join(process.cwd(), "prisma", MIGRATIONS[providerOf(env.DATABASE_URL)]);
  const readiness = await checkReadiness(db, migrationNames(folder));
  return NextResponse.json(
    { status: readiness.ready ? "ready" : "not ready", checks: readiness.checks },
    { status: readiness.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
