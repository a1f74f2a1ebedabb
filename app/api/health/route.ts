import { NextResponse } from "next/server";

/** Liveness: the process is up and answers. Touches nothing else, so a database outage never restarts it. */
export function GET() {
  return NextResponse.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
