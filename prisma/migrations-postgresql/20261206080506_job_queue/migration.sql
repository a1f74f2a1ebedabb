-- CreateEnum
CREATE TYPE "JobKind" AS ENUM ('VERIFY_SUBMISSION', 'REGRADE_ITEM', 'VERIFY_CONTENT');

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "kind" "JobKind" NOT NULL,
    "subjectId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "priority" INTEGER NOT NULL,
    "state" "JobState" NOT NULL DEFAULT 'QUEUED',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Job_key_key" ON "Job"("key");

-- CreateIndex
CREATE INDEX "Job_state_priority_createdAt_idx" ON "Job"("state", "priority", "createdAt");

-- CreateIndex
CREATE INDEX "Job_state_leaseUntil_idx" ON "Job"("state", "leaseUntil");


-- Work left unfinished by the previous (per-process) queues becomes jobs, so nothing waits forever.
INSERT INTO "Job" ("id", "kind", "subjectId", "key", "priority", "state", "createdAt", "attempts")
SELECT 'migrated-s-' || "id", 'VERIFY_SUBMISSION'::"JobKind", "id", 'submission:' || "id", 0, 'QUEUED'::"JobState", "createdAt", 0
FROM "Submission" WHERE "state" IN ('QUEUED', 'RUNNING');

INSERT INTO "Job" ("id", "kind", "subjectId", "key", "priority", "state", "createdAt", "attempts")
SELECT 'migrated-r-' || i."id", 'REGRADE_ITEM'::"JobKind", i."id", 'regrade:' || i."id", 2, 'QUEUED'::"JobState", j."createdAt", 0
FROM "RegradeItem" i JOIN "RegradeJob" j ON j."id" = i."jobId"
WHERE i."finishedAt" IS NULL AND j."state" IN ('QUEUED', 'RUNNING');
