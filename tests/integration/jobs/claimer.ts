/**
 * A claiming worker for job-queue.test.ts, as a process of its own: claims
 * until the queue is empty and prints the ids it got (one JSON line). It
 * pauses after each claim, as a real worker does while it verifies: on a busy
 * machine a claimer that never paused could empty the queue before the
 * others had woken up, and the race would not have happened.
 * Run with tsx; DATABASE_URL names the test's database.
 */
import { claimJobs } from "../../../lib/db/job-queue-sql";
import { createPrismaClient } from "../../../lib/db/create-client";

async function main(): Promise<void> {
  const owner = process.argv[2];
  const db = createPrismaClient();
  const got: string[] = [];
  // Start together: say "ready", then wait for the go file the test writes once every claimer is ready.
  const go = process.argv[3];
  const fs = await import("node:fs");
  await db.$queryRawUnsafe("SELECT 1");
  fs.writeFileSync(`${go}.${owner}.ready`, "");
  while (!fs.existsSync(go)) await new Promise((r) => setTimeout(r, 5));
  for (;;) {
    const claimed = await claimJobs(db, owner, 2, 60_000);
    if (claimed.length === 0) break;
    got.push(...claimed.map((j) => j.id));
    await new Promise((r) => setTimeout(r, 40));
  }
  await db.$disconnect();
  process.stdout.write(JSON.stringify(got) + "\n");
}

void main();
