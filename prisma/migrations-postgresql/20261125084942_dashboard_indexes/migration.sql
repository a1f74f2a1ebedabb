-- CreateIndex
CREATE INDEX "Submission_userId_createdAt_idx" ON "Submission"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Progress_userId_state_exerciseId_attempts_idx" ON "Progress"("userId", "state", "exerciseId", "attempts");

