/**
 * npm run db:seed-demo [-- --learners 40 --submissions-per-exercise 10 --days 21 --seed 1]
 *
 * Prepares the database (migrations, course sync, demo accounts on a new
 * database), then fills the demo instructor's "Demo cohort (synthetic)" with
 * generated learners and activity. Re-running replaces the demo cohort's data
 * and never touches real users (lib/demo/seed-demo-cohort.ts).
 */
import { parseArgs } from "node:util";
import { prepare } from "./prepare";

const USAGE = "usage: npm run db:seed-demo -- [--learners N] [--submissions-per-exercise N] [--days N] [--seed N]";

function intOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer.\n${USAGE}`);
  return n;
}

async function main() {
  const { values } = parseArgs({
    options: {
      learners: { type: "string" },
      "submissions-per-exercise": { type: "string" },
      days: { type: "string" },
      seed: { type: "string" },
    },
  });
  await prepare();
  const { createPrismaClient } = await import("../lib/db/create-client");
  const { seedDemoCohort } = await import("../lib/demo/seed-demo-cohort");
  const db = createPrismaClient();
  try {
    const summary = await seedDemoCohort(db, {
      learners: intOption(values.learners, "learners"),
      submissionsPerExercise: intOption(values["submissions-per-exercise"], "submissions-per-exercise"),
      days: intOption(values.days, "days"),
      seed: intOption(values.seed, "seed"),
      onProgress: (done, total) => process.stdout.write(`\r[leakless] demo learners written: ${done}/${total}`),
    });
    process.stdout.write("\n");
    console.log(
      `[leakless] demo cohort ready in ${(summary.ms / 1000).toFixed(1)} s: ${summary.learners} learners, ` +
        `${summary.submissions} submissions, ${summary.checkOutcomes} check outcomes, ${summary.hintReveals} hints, ` +
        `${summary.drafts} drafts, ${summary.feedback} feedback, ${summary.overrides} overrides.`,
    );
    console.log(
      `[leakless] sign in as ${summary.instructorEmail} and open /instructor/cohorts/${summary.cohortId}/dashboard`,
    );
  } finally {
    await db.$disconnect();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
