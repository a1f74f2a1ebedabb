-- CreateTable
CREATE TABLE "SectionDeadline" (
    "cohortId" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,

    PRIMARY KEY ("cohortId", "sectionId"),
    CONSTRAINT "SectionDeadline_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SectionDeadline_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "Section" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

