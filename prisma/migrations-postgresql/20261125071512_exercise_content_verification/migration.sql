-- AlterTable
ALTER TABLE "Exercise" ADD COLUMN     "contentProblems" JSONB,
ADD COLUMN     "contentVerifiedAt" TIMESTAMP(3),
ADD COLUMN     "contentVerifiedHash" TEXT;

