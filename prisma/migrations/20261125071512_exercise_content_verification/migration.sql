-- AlterTable
ALTER TABLE "Exercise" ADD COLUMN "contentProblems" JSONB;
ALTER TABLE "Exercise" ADD COLUMN "contentVerifiedAt" DATETIME;
ALTER TABLE "Exercise" ADD COLUMN "contentVerifiedHash" TEXT;

