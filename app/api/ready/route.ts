import path from "node:path";
import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { migrationNames } from "@/lib/db/pending-migrations";
import { providerOf } from "@/lib/db/provider";
import { MIGRATIONS_FOLDER } from "@/lib/db/schema-variants";
import { env } from "@/lib/env";
import { checkReadiness } from "@/lib/ops/readiness";

/** The migrations this build ships, read once (a load balancer asks every few seconds). */
let shipped: string[] | null = null;

/** Readiness for a load balancer: 200 when this instance may take traffic, 503 (naming the failing check) when not. */
export async function GET() {
  // From the app's folder: bundled code has no __dirname of its own.
  shipped ??= migrationNames(path.join(process.cwd(), "prisma", MIGRATIONS_FOLDER[providerOf(env.DATABASE_URL)]));
  const readiness = await checkReadiness(db, shipped);
  return NextResponse.json(
    { status: readiness.ready ? "ready" : "not ready", checks: readiness.checks },
    { status: readiness.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
