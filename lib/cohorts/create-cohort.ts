import { z } from "zod";
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { assertCanManageCohorts } from "./cohort-scope";
import { generateJoinCode } from "./join-code";

export const CreateCohortSchema = z.object({
  name: z.string().trim().min(1, "Give the cohort a name.").max(120, "Keep the name under 120 characters."),
});
export type CreateCohort = z.infer<typeof CreateCohortSchema>;

/** An instructor opens a cohort; they own it. Every section is open until they limit it. */
export async function createCohort(db: Db, actor: SessionUser, input: unknown) {
  assertCanManageCohorts(actor);
  const { name } = CreateCohortSchema.parse(input);
  // 50 random bits make a collision practically impossible; the unique index
  // still decides, and a clash only costs a retry.
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.cohort.create({
        data: { name, ownerId: actor.id, joinCode: generateJoinCode() },
        select: { id: true, name: true, joinCode: true },
      });
    } catch (e) {
      if (attempt >= 3 || (e as { code?: string }).code !== "P2002") throw e;
    }
  }
}
