import "server-only";
import { db } from "../db/client";

/**
 * The public outline of the course (what anyone may see): sections in order
 * with their exercises' titles. No prompts, checks or solutions.
 */
export type CourseOutline = {
  id: string;
  title: string;
  order: number;
  exercises: { id: string; title: string; difficulty: number }[];
}[];

export async function getCourseOutline(): Promise<CourseOutline> {
  return db.section.findMany({
    where: { archivedAt: null },
    orderBy: { order: "asc" },
    select: {
      id: true,
      title: true,
      order: true,
      exercises: {
        where: { archivedAt: null },
        orderBy: { order: "asc" },
        select: { id: true, title: true, difficulty: true },
      },
    },
  });
}
