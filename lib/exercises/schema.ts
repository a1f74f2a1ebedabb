/**
 * The course content format, as zod schemas. `exercises/README.md` documents
 * the same format for authors; keep the two in step.
 *
 * Every schema is strict (unknown keys are errors): a misspelt key such as
 * `hint:` or `timelimitMs:` would otherwise be silently ignored, and the author
 * would believe a setting is in force when it is not.
 */
import { z } from "zod";

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A section id: defined by course.yaml (no list of them in code, so a new
 * section needs no code change), kebab-case because it appears in URLs.
 * Whether an exercise's `section:` names a section of the course is checked
 * against the course it is loaded with (`exerciseMetaSchema(sectionIds)`).
 */
export const SectionIdSchema = z
  .string()
  .regex(KEBAB_CASE, "must be kebab-case: lower-case letters, digits and single dashes");
export type SectionId = z.infer<typeof SectionIdSchema>;

/** Exercise folder names become URL segments, so they follow the same rule as tags. */
export const SlugSchema = z
  .string()
  .regex(KEBAB_CASE, "must be kebab-case: lower-case letters, digits and single dashes");

export const DEFAULT_TIME_LIMIT_MS = 5000;
export const DEFAULT_MEMORY_LIMIT_MB = 256;

export const LimitsSchema = z
  .object({
    /** Wall time for one whole check run (all checks), in milliseconds. */
    timeLimitMs: z.int().min(100).max(30_000).default(DEFAULT_TIME_LIMIT_MS),
    /** Memory for the interpreter running the checks, in MiB. */
    memoryLimitMb: z.int().min(16).max(1024).default(DEFAULT_MEMORY_LIMIT_MB),
  })
  .strict();
export type Limits = z.infer<typeof LimitsSchema>;

const NonBlank = z.string().trim().min(1, "must not be empty");

/**
 * `exercise.yaml`. With `sectionIds` (the sections of the course it belongs
 * to), `section:` must be one of them; without, it need only be kebab-case.
 */
export function exerciseMetaSchema(sectionIds?: readonly string[]) {
  const section =
    sectionIds && sectionIds.length > 0
      ? SectionIdSchema.refine((id) => sectionIds.includes(id), {
          error: (issue) =>
            `${JSON.stringify(issue.input)} is not a section of the course (its sections: ${sectionIds.join(", ")})`,
        })
      : SectionIdSchema;
  return ExerciseMetaSchema.extend({ section });
}

/** `exercise.yaml`, any kebab-case section (see `exerciseMetaSchema`). */
export const ExerciseMetaSchema = z
  .object({
    /** Generated once, never changed: learners' progress hangs on it, not on the folder. */
    id: z.uuid('must be a UUID (generate one with: node -e "console.log(crypto.randomUUID())")'),
    title: NonBlank.max(120),
    section: SectionIdSchema,
    /** Position within the section, 1-based. */
    order: z.int().min(1).max(999),
    /** 1 (intro) .. 3 (hard). */
    difficulty: z.int().min(1).max(3),
    tags: z.array(z.string().regex(KEBAB_CASE, "tags must be kebab-case")).max(10).default([]),
    /** Progressive: revealed one at a time, so each should give away a little more. */
    hints: z.array(NonBlank.max(2000)).min(2, "give 2-3 hints").max(3, "give 2-3 hints"),
    limits: LimitsSchema.default({ timeLimitMs: DEFAULT_TIME_LIMIT_MS, memoryLimitMb: DEFAULT_MEMORY_LIMIT_MB }),
  })
  .strict();
/** Metadata after defaults are applied (what the loader returns). */
export type ExerciseMeta = z.infer<typeof ExerciseMetaSchema>;
/** Metadata as written in exercise.yaml (defaults optional). */
export type ExerciseMetaInput = z.input<typeof ExerciseMetaSchema>;

/** Lesson paths are relative to the course folder and must stay inside it. */
const LessonPathSchema = z
  .string()
  .regex(
    /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9._\/-]+\.md$/,
    "must be a relative path to a .md file inside the course folder",
  );

export const SectionEntrySchema = z
  .object({
    id: SectionIdSchema,
    title: NonBlank.max(120),
    order: z.int().min(1).max(99),
    lesson: LessonPathSchema,
  })
  .strict();
export type SectionEntry = z.infer<typeof SectionEntrySchema>;

/** `course.yaml`. */
export const CourseSchema = z
  .object({
    title: NonBlank.max(120),
    sections: z
      .array(SectionEntrySchema)
      .min(1)
      .superRefine((sections, ctx) => {
        for (const key of ["id", "order"] as const) {
          const seen = new Map<unknown, number>();
          sections.forEach((s, i) => {
            const first = seen.get(s[key]);
            if (first !== undefined) {
              ctx.addIssue({
                code: "custom",
                path: [i, key],
                message: `duplicate section ${key} ${JSON.stringify(s[key])} (also sections[${first}])`,
              });
            } else seen.set(s[key], i);
          });
        }
      }),
  })
  .strict();
export type Course = z.infer<typeof CourseSchema>;

/** One line per issue, naming the exact field: `hints: give 2-3 hints`, `limits.timeLimitMs: ...`. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const where = issue.path
      .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
      .join("");
    return where ? `${where}: ${issue.message}` : issue.message;
  });
}
