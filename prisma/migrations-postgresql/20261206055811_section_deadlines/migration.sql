-- CreateTable
CREATE TABLE "SectionDeadline" (
    "cohortId" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SectionDeadline_pkey" PRIMARY KEY ("cohortId","sectionId")
);

-- AddForeignKey
ALTER TABLE "SectionDeadline" ADD CONSTRAINT "SectionDeadline_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SectionDeadline" ADD CONSTRAINT "SectionDeadline_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "Section"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

