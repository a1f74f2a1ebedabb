-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RegradeItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jobId" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "beforeVerdict" TEXT,
    "afterVerdict" TEXT,
    "finishedAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    CONSTRAINT "RegradeItem_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "RegradeJob" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RegradeItem_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_RegradeItem" ("afterVerdict", "beforeVerdict", "id", "jobId", "submissionId") SELECT "afterVerdict", "beforeVerdict", "id", "jobId", "submissionId" FROM "RegradeItem";
DROP TABLE "RegradeItem";
ALTER TABLE "new_RegradeItem" RENAME TO "RegradeItem";
CREATE INDEX "RegradeItem_jobId_idx" ON "RegradeItem"("jobId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

