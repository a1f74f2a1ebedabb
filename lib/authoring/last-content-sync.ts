/**
 * The problems the last content sync found (bad metadata, unreadable files,
 * unknown sections), each with the file path relative to the course folder.
 * A stored value that does not parse shows as "no problems" rather than
 * breaking the authoring pages.
 */
import { z } from "zod";
import type { Db } from "../db/create-client";

const ProblemSchema = z.object({ path: z.string(), message: z.string(), severity: z.enum(["error", "warning"]) });
export type SyncProblem = z.infer<typeof ProblemSchema>;

export type LastContentSync = { syncedAt: Date | null; exerciseCount: number; problems: SyncProblem[] };

export async function readLastContentSync(db: Db): Promise<LastContentSync> {
  const last = await db.contentSync.findFirst({ orderBy: { startedAt: "desc" } });
  return {
    syncedAt: last?.startedAt ?? null,
    exerciseCount: last?.exerciseCount ?? 0,
    problems: z
      .array(ProblemSchema)
      .catch([])
      .parse(last?.problems ?? []),
  };
}

/** The problems inside an exercise's folder (its path is relative to the same course folder). */
export function problemsUnder(problems: SyncProblem[], exercisePath: string): SyncProblem[] {
  return problems.filter((p) => p.path === exercisePath || p.path.startsWith(`${exercisePath}/`));
}
