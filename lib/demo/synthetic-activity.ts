/**
 * Plausible learner activity, generated in memory (no database here): who
 * tries which exercise, how many attempts before a pass, which checks fail on
 * the way, when hints are revealed. Deterministic for a given seed, so a demo
 * or a benchmark can be reproduced.
 *
 * Learners follow one of four profiles: finishers (do everything, few
 * attempts), steady (most of the course), strugglers (many failed attempts,
 * stop at a hard exercise) and drop-outs (a few exercises, then nothing for
 * days) — enough variety for every dashboard figure to show something.
 */
import { RESULT_VERSION, type CheckResult } from "../grading/result";
import type { Verdict } from "../db/generated/enums";

export type DemoExercise = {
  id: string;
  starter: string;
  solution: string;
  contentHash: string;
  difficulty: number;
  hintCount: number;
  /** Check names as the verifier reports them ("test_visible.py::test_x") with their visibility. */
  checks: { name: string; visibility: "visible" | "hidden" }[];
};

export type Profile = "finisher" | "steady" | "struggler" | "dropout";

export type GeneratedSubmission = {
  id: string;
  exerciseId: string;
  code: string;
  createdAt: Date;
  verdict: Verdict;
  result: CheckResult;
  durationMs: number;
  hintsUsed: number;
};

export type GeneratedLearner = {
  profile: Profile;
  submissions: GeneratedSubmission[];
  hintReveals: { exerciseId: string; hintIndex: number; revealedAt: Date }[];
  /** The exercise being worked on when activity stopped, if not passed: it gets a draft. */
  draft: { exerciseId: string; code: string; updatedAt: Date } | null;
};

/** mulberry32: tiny, fast, good enough for synthetic data; seeded so runs repeat. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Check names from the check files' sources: each `def test_*` is one check. */
export function checkNamesOf(checkFiles: unknown): DemoExercise["checks"] {
  const files = Array.isArray(checkFiles) ? checkFiles : [];
  const names: DemoExercise["checks"] = [];
  for (const f of files as { name?: unknown; source?: unknown; visibility?: unknown }[]) {
    if (typeof f?.name !== "string" || typeof f.source !== "string") continue;
    const visibility = f.visibility === "hidden" ? "hidden" : "visible";
    for (const m of f.source.matchAll(/^def (test_\w+)\s*\(/gm)) names.push({ name: `${f.name}::${m[1]}`, visibility });
  }
  return names.length > 0 ? names : [{ name: "test_visible.py::test_main", visibility: "visible" }];
}

const PROFILES: { profile: Profile; weight: number; skill: [number, number]; reach: [number, number] }[] = [
  { profile: "finisher", weight: 0.3, skill: [0.25, 0.45], reach: [1, 1] },
  { profile: "steady", weight: 0.4, skill: [0.18, 0.35], reach: [0.6, 1] },
  { profile: "struggler", weight: 0.2, skill: [0.1, 0.2], reach: [0.2, 0.6] },
  { profile: "dropout", weight: 0.1, skill: [0.2, 0.4], reach: [0.1, 0.3] },
];

const FAILURE_MESSAGES = [
  "The object is still alive after `del`: something else holds a reference to it.",
  "A reference cycle remains: gc.collect() had to free it.",
  "The reference count grew across calls.",
  "Peak memory went over the bound.",
  "AssertionError: expected None, got an object that should have been freed.",
];

type Options = {
  exercises: DemoExercise[];
  random: () => number;
  /** Every learner makes exactly this many submissions on every exercise (benchmarks); otherwise profiles decide. */
  submissionsPerExercise?: number;
  windowStart: Date;
  now: Date;
  /** Ids for the submissions (the seed's are ordered, see seed-demo-cohort.ts). */
  newId: () => string;
};

export function generateLearnerActivity(o: Options): GeneratedLearner {
  const r = o.random;
  const between = (lo: number, hi: number) => lo + (hi - lo) * r();
  let pick = r();
  const spec = PROFILES.find((p) => (pick -= p.weight) < 0) ?? PROFILES[1];
  const skill = between(...spec.skill);

  // Plan: per exercise reached, how many failed attempts and whether it ends in a pass.
  type Plan = { exercise: DemoExercise; fails: number; passes: boolean };
  const plans: Plan[] = [];
  if (o.submissionsPerExercise) {
    const n = o.submissionsPerExercise;
    for (const exercise of o.exercises) {
      const passes = r() < 0.4 + skill * 0.6;
      plans.push({ exercise, fails: passes ? n - 1 : n, passes });
    }
  } else {
    const reached = Math.max(1, Math.round(o.exercises.length * between(...spec.reach)));
    for (const exercise of o.exercises.slice(0, reached)) {
      // Harder exercises take more tries; a pass on each try is a coin weighted by skill.
      const p = Math.min(0.95, Math.max(0.06, skill - (exercise.difficulty - 1) * 0.08));
      let fails = 0;
      while (r() > p && fails < 14) fails += 1;
      // Strugglers give up after many failures (and stop there); everyone else gets there in the end.
      const givesUp = spec.profile === "struggler" && fails >= 8;
      plans.push({ exercise, fails, passes: !givesUp });
      if (!plans[plans.length - 1].passes) break;
    }
  }

  const total = plans.reduce((n, p) => n + p.fails + (p.passes ? 1 : 0), 0);
  // Active span: starts in the first part of the window; drop-outs and strugglers stop early.
  const windowMs = o.now.getTime() - o.windowStart.getTime();
  const start = o.windowStart.getTime() + windowMs * between(0, 0.35);
  const endShare =
    spec.profile === "dropout"
      ? between(0.05, 0.3)
      : spec.profile === "struggler"
        ? between(0.3, 0.8)
        : between(0.7, 1);
  const end = start + (o.now.getTime() - start) * endShare;
  const times = Array.from({ length: total }, () => start + (end - start) * r()).sort((a, b) => a - b);

  const submissions: GeneratedSubmission[] = [];
  const hintReveals: GeneratedLearner["hintReveals"] = [];
  let t = 0;
  let draft: GeneratedLearner["draft"] = null;
  for (const plan of plans) {
    const { exercise } = plan;
    // The misconception: one check (a hidden one when there is) fails far more often than the others.
    const usual = exercise.checks.find((c) => c.visibility === "hidden") ?? exercise.checks[0];
    let hints = 0;
    const attempts = plan.fails + (plan.passes ? 1 : 0);
    for (let i = 0; i < attempts; i += 1) {
      const at = new Date(Math.floor(times[t++]));
      // After every third failure the learner reveals the next hint, just before trying again.
      if (i > 0 && i % 3 === 0 && hints < exercise.hintCount) {
        hintReveals.push({ exerciseId: exercise.id, hintIndex: hints, revealedAt: new Date(at.getTime() - 1000) });
        hints += 1;
      }
      const passed = plan.passes && i === attempts - 1;
      submissions.push(makeSubmission(exercise, at, passed, i, hints, usual.name, r, o.newId));
    }
    if (!plan.passes && submissions.length > 0) {
      const last = submissions[submissions.length - 1];
      draft = {
        exerciseId: exercise.id,
        code: `${exercise.starter}\n# still working on it\n`,
        updatedAt: new Date(last.createdAt.getTime() + 60_000),
      };
    }
  }
  return { profile: spec.profile, submissions, hintReveals, draft };
}

function makeSubmission(
  exercise: DemoExercise,
  createdAt: Date,
  passed: boolean,
  attempt: number,
  hintsUsed: number,
  usualFailure: string,
  r: () => number,
  newId: () => string,
): GeneratedSubmission {
  const durationMs = 300 + Math.floor(r() * 2500);
  const base = { version: RESULT_VERSION, kind: "check" as const, stdout: "", stderr: "", truncated: false };
  if (!passed) {
    const roll = r();
    if (roll < 0.07) {
      const line = 1 + Math.floor(r() * 8);
      return {
        id: newId(),
        exerciseId: exercise.id,
        code: `${exercise.starter}\n# attempt ${attempt + 1}\nif True\n    pass\n`,
        createdAt,
        verdict: "ERROR",
        durationMs,
        hintsUsed,
        result: {
          ...base,
          status: "error",
          message: "Your code could not be loaded.",
          tests: [],
          traceback: {
            type: "SyntaxError",
            message: "expected ':'",
            text: `  File "submission.py", line ${line}\nSyntaxError: expected ':'`,
            line,
          },
          duration: durationMs,
        },
      };
    }
    if (roll < 0.09) {
      return {
        id: newId(),
        exerciseId: exercise.id,
        code: `${exercise.starter}\n# attempt ${attempt + 1}\nwhile True:\n    pass\n`,
        createdAt,
        verdict: "TIMEOUT",
        durationMs: 5000,
        hintsUsed,
        result: {
          ...base,
          status: "timeout",
          message: "The checks did not finish within 5 s.",
          tests: [],
          traceback: null,
          duration: 5000,
        },
      };
    }
  }
  // A failed run fails the usual check most of the time, plus now and then another one.
  const tests = exercise.checks.map((c) => {
    const fails = !passed && (c.name === usualFailure ? r() < 0.75 : r() < 0.25);
    return {
      name: c.name,
      status: fails ? ("failed" as const) : ("passed" as const),
      message: fails ? FAILURE_MESSAGES[Math.floor(r() * FAILURE_MESSAGES.length)] : "",
      duration: Math.round(r() * 200) / 10,
      visibility: c.visibility,
    };
  });
  if (!passed && tests.every((x) => x.status === "passed")) {
    const usual = tests.find((x) => x.name === usualFailure) ?? tests[0];
    usual.status = "failed";
    usual.message = FAILURE_MESSAGES[0];
  }
  return {
    id: newId(),
    exerciseId: exercise.id,
    code: passed ? exercise.solution : `${exercise.starter}\n# attempt ${attempt + 1}\n`,
    createdAt,
    verdict: passed ? "PASSED" : "FAILED",
    durationMs,
    hintsUsed,
    result: {
      ...base,
      status: passed ? "passed" : "failed",
      message: "",
      tests,
      traceback: null,
      duration: durationMs,
    },
  };
}
