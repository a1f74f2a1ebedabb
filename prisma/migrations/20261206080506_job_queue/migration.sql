-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "priority" INTEGER NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'QUEUED',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "finishedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "Job_key_key" ON "Job"("key");

-- CreateIndex
CREATE INDEX "Job_state_priority_createdAt_idx" ON "Job"("state", "priority", "createdAt");

-- CreateIndex
CREATE INDEX "Job_state_leaseUntil_idx" ON "Job"("state", "leaseUntil");


-- Work left unfinished by the previous (per-process) queues becomes jobs, so nothing waits forever.
INSERT INTO "Job" ("id", "kind", "subjectId", "key", "priority", "state", "createdAt", "attempts")
SELECT 'migrated-s-' || "id", 'VERIFY_SUBMISSION', "id", 'submission:' || "id", 0, 'QUEUED', "createdAt", 0
FROM "Submission" WHERE "state" IN ('QUEUED', 'RUNNING');

INSERT INTO "Job" ("id", "kind", "subjectId", "key", "priority", "state", "createdAt", "attempts")
SELECT 'migrated-r-' || i."id", 'REGRADE_ITEM', i."id", 'regrade:' || i."id", 2, 'QUEUED', j."createdAt", 0
FROM "RegradeItem" i JOIN "RegradeJob" j ON j."id" = i."jobId"
WHERE i."finishedAt" IS NULL AND j."state" IN ('QUEUED', 'RUNNING');
