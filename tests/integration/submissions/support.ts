/**
 * Shared fixtures for the learner back-end tests: a real section and exercise
 * in the test file's own database (the shipped fixture "double" exercise,
 * with markers in the hidden check and the solution so a test can assert they
 * never reach a learner), and real users.
 */
import type { Db } from "@/lib/db/create-client";
import type { SessionUser } from "@/lib/auth/session";
import type { CheckFile } from "@/lib/grading/result";

export const HIDDEN_MARKER = "HIDDEN_CHECK_MARKER_negative_doubles";
export const SOLUTION_MARKER = "SOLUTION_MARKER_twice_x";

export const CHECKS: CheckFile[] = [
  {
    name: "test_visible.py",
    visibility: "visible",
    source:
      'from submission import double\n\n\ndef test_double_three():\n    assert double(3) == 6, "double(3) should be 6"\n',
  },
  {
    name: "test_hidden.py",
    visibility: "hidden",
    source: `# ${HIDDEN_MARKER}\nfrom submission import double\n\n\ndef test_double_negative():\n    assert double(-4) == -8, "${HIDDEN_MARKER}: double(-4) should be -8"\n`,
  },
];

export const SOLUTION = `def double(x):\n    # ${SOLUTION_MARKER}\n    return 2 * x\n`;
export const STARTER = "def double(x):\n    return x\n";
/** Passes the visible check (3 → 6) and fails the hidden one: what a forged browser verdict would hide. */
export const VISIBLE_ONLY = "def double(x):\n    return 6 if x == 3 else x\n";
export const HINTS = ["Multiply.", "By two.", "return 2 * x"];

let counter = 0;

export async function createExercise(
  db: Db,
  overrides: Partial<{
    id: string;
    timeLimitMs: number;
    archived: boolean;
    sectionId: string;
    order: number;
    title: string;
  }> = {},
): Promise<string> {
  counter += 1;
  const sectionId = overrides.sectionId ?? "allocation";
  await db.section.upsert({
    where: { id: sectionId },
    create: {
      id: sectionId,
      title: `Section ${sectionId}`,
      order: sectionId === "allocation" ? 1 : 2,
      lesson: "# Lesson\n\nText.",
    },
    update: {},
  });
  const id =
    overrides.id ??
    `00000000-0000-4000-8000-${String(Date.now() % 1e6).padStart(6, "0")}${String(counter).padStart(6, "0")}`;
  await db.exercise.create({
    data: {
      id,
      slug: `double-${counter}`,
      sectionId,
      title: overrides.title ?? `Double ${counter}`,
      order: overrides.order ?? counter,
      difficulty: 1,
      tags: ["fixture"],
      prompt: "Make `double(x)` return twice `x`.",
      starter: STARTER,
      solution: SOLUTION,
      checks: CHECKS,
      hints: HINTS,
      timeLimitMs: overrides.timeLimitMs ?? 5_000,
      memoryLimitMb: 128,
      contentHash: `hash-${id}`,
      path: `allocation/double-${counter}`,
      archivedAt: overrides.archived ? new Date() : null,
    },
  });
  return id;
}

export async function createUser(db: Db, role: SessionUser["role"] = "LEARNER"): Promise<SessionUser> {
  counter += 1;
  const email = `${role.toLowerCase()}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const u = await db.user.create({ data: { email, name: `User ${counter}`, role } });
  return { id: u.id, email: u.email, name: u.name, role: u.role };
}

/** A queue stand-in for tests of what happens before verification: it only records ids. */
/** Stands for the process's job runner: counts the nudges a producer gives it. */
export function recordingQueue() {
  const queue = { nudges: 0, nudge: () => void (queue.nudges += 1) };
  return queue;
}
