/**
 * Called once at server start (instrumentation.ts): every submission left
 * QUEUED or RUNNING by a previous process — killed, crashed, redeployed — is
 * put back on the queue, oldest first. A RUNNING one was cut off mid-run; its
 * attempts counter already counts that try, so the resume is its one retry.
 */
import type { Db } from "../db/create-client";
import type { VerificationQueue } from "./verification-queue";

export async function resumeVerifications(db: Db, queue: Pick<VerificationQueue, "enqueue">): Promise<number> {
  const pending = await db.submission.findMany({
    where: { state: { in: ["QUEUED", "RUNNING"] } },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  for (const { id } of pending) queue.enqueue(id);
  return pending.length;
}
