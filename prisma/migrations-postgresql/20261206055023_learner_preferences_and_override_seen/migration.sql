-- AlterTable
ALTER TABLE "User" ADD COLUMN     "editorFontSize" INTEGER;

-- AlterTable
ALTER TABLE "GradeOverride" ADD COLUMN     "seenAt" TIMESTAMP(3);

