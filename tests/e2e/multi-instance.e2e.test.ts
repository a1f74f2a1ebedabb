/**
 * Beyond one process (issue #16): two web-only instances (`start:web`) and two
 * verifier workers (`npm run verifier`) on one database. Learners submit on
 * instance A and follow their verdicts on instance B; one worker is killed
 * (SIGKILL) while it holds a job. Every submission must end with exactly one
 * stored verdict: none lost, none verified twice except the jobs the killed
 * worker held, which the other worker takes over once their leases run out.
 *
 * SQLite by default. Set LEAKLESS_E2E_DATABASE_URL to a fresh, migrated
 * PostgreSQL database to run the same test there (the web instances then wake
 * long-polls through LISTEN/NOTIFY instead of the one-second re-read).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPrismaClient } from "@/lib/db/create-client";
import { hashPassword } from "@/lib/auth/password";
import { followVerdict, type FollowedSubmission } from "@/lib/submissions/follow-verdict";
import { HttpSession } from "./support/http-session";
import {
  isAlive,
  descendantPids,
  startProductionServer,
  startVerifierWorker,
  stopProductionServer,
  TEST_NEXTAUTH_SECRET,
  type ProductionServer,
  type VerifierWorker,
} from "./support/production-server";

const LEARNERS = 6;
const PER_LEARNER = 3;
const LEASE_SECONDS = 4;
const PASSWORD = "multi-instance-password-1";
/** Keeps each verification in flight for a moment, so the kill finds the worker mid-job. */
const SLOW_START = "import time\ntime.sleep(0.8)  # multi-instance test: keep verifications in flight\n";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let dir: string;
let databaseUrl: string;
const webs: ProductionServer[] = [];
const workers: VerifierWorker[] = [];
let passed = false;

function startWorker(name: string): VerifierWorker {
  return startVerifierWorker({
    databaseUrl,
    logFile: path.join(dir, `${name}.log`),
    env: { VERIFIER_POOL_SIZE: "1", JOB_LEASE_SECONDS: String(LEASE_SECONDS), DRAIN_SECONDS: "0" },
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "leakless-multi-"));
  databaseUrl = process.env.LEAKLESS_E2E_DATABASE_URL ?? `file:${path.join(dir, "shared.db")}`;
  const env = { LEAKLESS_ROLE: "web", DATABASE_URL: databaseUrl };
  // One after the other: the second start finds the database prepared.
  webs.push(await startProductionServer({ dir, logFile: path.join(dir, "web-a.log"), env }));
  webs.push(await startProductionServer({ dir, logFile: path.join(dir, "web-b.log"), env }));
}, 300_000);

afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
  for (const web of webs) await stopProductionServer(web);
  if (passed) fs.rmSync(dir, { recursive: true, force: true });
  else console.warn(`[multi-instance] database and logs kept in ${dir}`);
}, 120_000);

test("submit on A, follow on B, kill a worker mid-job: every submission gets exactly one verdict", async () => {
  const [a, b] = webs;
  const db = createPrismaClient(databaseUrl);
  try {
    const exercise = await db.exercise.findFirstOrThrow({
      where: { path: "01-allocation/shared-default-argument", archivedAt: null },
      select: { id: true, solution: true },
    });
    const passwordHash = await hashPassword(PASSWORD);
    const learners = await Promise.all(
      Array.from({ length: LEARNERS }, (_, i) =>
        db.user.create({
          data: { email: `multi-${i}-${Date.now()}@example.test`, name: `Multi ${i}`, role: "LEARNER", passwordHash },
        }),
      ),
    );
    // Both instances are ready (one database, migrated, course loaded). Right before signing in:
    // an idle keep-alive connection is closed by the server after 5 s, racing a reuse.
    for (const web of [a, b]) {
      const ready = await fetch(`${web.url}/api/ready`);
      expect({ status: ready.status, body: await ready.json() }).toMatchObject({ status: 200 });
    }
    const onA = learners.map(() => new HttpSession(a.url));
    await Promise.all(onA.map((s, i) => s.signIn(learners[i].email, PASSWORD)));

    // Submitted on A while no worker runs: the web instances verify nothing themselves.
    const submittedBy: string[][] = onA.map(() => []);
    await Promise.all(
      onA.map(async (session, i) => {
        for (let k = 0; k < PER_LEARNER; k++) {
          const res = await session.request("POST", `/api/exercises/${exercise.id}/submissions`, {
            code: `${SLOW_START}${exercise.solution}\n# learner ${i}, submission ${k}\n`,
          });
          expect(res.status).toBe(202);
          submittedBy[i].push((res.body as { submission: { id: string } }).submission.id);
        }
      }),
    );
    const submitted = submittedBy.flat();
    await sleep(1_500);
    expect(await db.job.count({ where: { state: "QUEUED", subjectId: { in: submitted } } })).toBe(submitted.length);

    // Every learner follows each verdict on B, the other instance.
    const followed = Promise.all(
      onA.map(async (session, i) => {
        const onB = session.on(b.url);
        const fetchOnB = async (id: string, waitSeconds: number) => {
          const res = await onB.request("GET", `/api/submissions/${id}?wait=${waitSeconds}`);
          if (res.status !== 200) throw new Error(`GET on B answered ${res.status}: ${res.text.slice(0, 200)}`);
          return (res.body as { submission: FollowedSubmission & { verdict: string | null } }).submission;
        };
        return Promise.all(
          submittedBy[i].map((id) => followVerdict({ id, state: "QUEUED" as const, verdict: null }, fetchOnB)),
        );
      }),
    );

    workers.push(startWorker("worker-1"), startWorker("worker-2"));
    // Kill worker 1 as soon as it holds a job (owner ids are host:pid:random).
    const victim = workers[0].child;
    const deadline = Date.now() + 180_000;
    let held: string[] = [];
    while (held.length === 0) {
      if (Date.now() > deadline) throw new Error(`worker 1 never took a job; see ${workers[0].logFile}`);
      const rows = await db.job.findMany({
        where: { state: "RUNNING", leaseOwner: { contains: `:${victim.pid}:` } },
        select: { id: true, subjectId: true },
      });
      // Mid-job: its verification has started (the submission is claimed and RUNNING).
      const running = await db.submission.count({
        where: { id: { in: rows.map((r) => r.subjectId) }, state: "RUNNING" },
      });
      if (running > 0 && running === rows.length) held = rows.map((r) => r.id);
      else await sleep(20);
    }
    const sandboxes = descendantPids(victim.pid!);
    victim.kill("SIGKILL");
    await new Promise((r) => victim.once("exit", r));

    const verdicts = (await followed).flat();
    expect(verdicts.map((v) => [v.state, v.verdict])).toEqual(submitted.map(() => ["DONE", "PASSED"]));

    // Stored once: one verdict's check outcomes per submission, the job DONE, and a second
    // try only where the killed worker held the job.
    const rows = await db.submission.findMany({
      where: { id: { in: submitted } },
      select: { id: true, state: true, attempts: true, _count: { select: { checks: true } } },
    });
    const checksPerVerdict = rows[0]._count.checks;
    expect(checksPerVerdict).toBeGreaterThan(0);
    expect(rows.every((r) => r.state === "DONE" && r._count.checks === checksPerVerdict)).toBe(true);
    const jobs = await db.job.findMany({ where: { subjectId: { in: submitted } } });
    expect(jobs.every((j) => j.state === "DONE" && j.leaseOwner === null)).toBe(true);
    const twice = jobs.filter((j) => j.attempts > 1).map((j) => j.id);
    expect(twice.sort()).toEqual([...held].sort());
    const retried = new Set(jobs.filter((j) => held.includes(j.id)).map((j) => j.subjectId));
    expect(
      rows
        .filter((r) => r.attempts !== 1)
        .map((r) => r.id)
        .sort(),
    ).toEqual([...retried].sort());
    // The killed worker's sandboxes died with it.
    expect(sandboxes.filter(isAlive)).toEqual([]);
    // The secret was shared, not generated per instance.
    expect(fs.readFileSync(a.logFile, "utf8")).not.toContain(TEST_NEXTAUTH_SECRET);
    passed = true;
  } finally {
    await db.$disconnect();
  }
}, 600_000);
