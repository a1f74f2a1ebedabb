/**
 * Loads course content from files: course.yaml, lessons, and exercise folders.
 *
 * Like PrairieLearn's InfoFile sync, a broken file never throws: it becomes a
 * `ContentProblem` naming the file and the exact field, the broken exercise is
 * left out, and everything else still loads. Callers decide what an error means
 * (`exercises:check` exits 1; the database sync refuses to publish).
 *
 * Accepts three kinds of folder, in or outside the repository:
 * - a course folder (has course.yaml): sections + every exercise under it;
 * - one exercise folder (has exercise.yaml);
 * - any folder of exercise folders (an instructor's own work in progress).
 * The last two are checked against a course all the same (`section` must name
 * one of its sections, an `order` already taken there is reported): the
 * nearest course.yaml above the folder, else the `referenceCourse` given.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import type { z } from "zod";
import type { CheckFile } from "@/lib/grading/result";
import {
  CourseSchema,
  ExerciseMetaSchema,
  SlugSchema,
  exerciseMetaSchema,
  formatIssues,
  type ExerciseMeta,
  type SectionId,
} from "./schema";

export type Severity = "error" | "warning";

/**
 * One thing wrong with the content; `path` is relative to the loaded folder, with `/`.
 * A type alias, not an interface, so it is assignable to JSON types (stored by sync).
 */
export type ContentProblem = {
  path: string;
  message: string;
  severity: Severity;
};

export interface Section {
  id: SectionId;
  title: string;
  order: number;
  /** Path of the lesson file relative to the course folder (as in course.yaml). */
  lessonPath: string;
  /** The lesson's Markdown ("" if the file could not be read; that is reported). */
  lesson: string;
}

export interface Exercise {
  /** The stable UUID from exercise.yaml. */
  id: string;
  /** The folder name; a URL segment. Unique within a course. */
  slug: string;
  /** Folder relative to the loaded folder, with `/` (e.g. "01-allocation/shared-grid"). */
  dir: string;
  meta: ExerciseMeta;
  prompt: string;
  starter: string;
  solution: string;
  /** Visible checks first, then hidden. */
  checks: CheckFile[];
  /** sha256 (hex) over everything that affects grading or display; see `contentHash`. */
  contentHash: string;
  /**
   * The author's wrong and right programs (`cases/`), run by `exercises:check`
   * only: never synced, never shown to learners, not part of `contentHash`.
   */
  cases: ExerciseCase[];
}

/** A program in `cases/`: `wrong-*.py` must fail some check, `right-*.py` must pass them all. */
export interface ExerciseCase {
  /** The file name, e.g. "wrong-fifo-cache.py". */
  name: string;
  expect: "pass" | "fail";
  source: string;
  /** The leading `#` comment: what the program tries ("" if it has none; that is reported). */
  description: string;
}

export interface LoadedCourse {
  /**
   * Absolute folder that every `dir` and problem `path` is relative to: the
   * folder given, or its parent when the folder given is one exercise (so the
   * exercise still shows under its own name).
   */
  root: string;
  /** Sections from course.yaml, by `order`; empty when the folder has no course.yaml. */
  sections: Section[];
  /** Exercises that loaded cleanly (warnings allowed), by section order, then `order`. */
  exercises: Exercise[];
  problems: ContentProblem[];
  /**
   * The course.yaml (absolute path) that a folder without one was checked
   * against; null for a course folder, or when no course was found (reported).
   */
  checkedAgainst: string | null;
}

export const COURSE_FILE = "course.yaml";
export const META_FILE = "exercise.yaml";
export const PROMPT_FILE = "prompt.md";
export const STARTER_FILE = "starter.py";
export const SOLUTION_FILE = "solution.py";
export const CHECKS_DIR = "checks";
/** Optional: the author's wrong and right programs (see `ExerciseCase`). */
export const CASES_DIR = "cases";
const CASE_FILE = /^(wrong|right)-.+\.py$/;

/**
 * Check files and who sees them. Only these two names: any other `.py` in
 * checks/ is an error rather than silently not run (an author who adds
 * `test_edge_cases.py` must not believe it is graded when it is not).
 */
export const CHECK_FILES: Record<string, CheckFile["visibility"]> = {
  "test_visible.py": "visible",
  "test_hidden.py": "hidden",
};

/**
 * Optional: code that runs beside the learner's, in the learner's interpreter
 * (classes whose objects a check hands to the learner's code and watches).
 * Learners can read it, like the visible checks (lib/judge/README.md).
 */
export const FIXTURES_FILE = "fixtures.py";

const EXERCISE_FILES = [META_FILE, PROMPT_FILE, STARTER_FILE, SOLUTION_FILE] as const;
/** Files and folders that are not content (editor, Python and OS leftovers). */
const IGNORED = /^(?:\..*|__pycache__|.*\.pyc|node_modules|Thumbs\.db)$/;

/** CRLF/CR → LF and no BOM, so the same content hashes the same on every machine. */
export function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

/**
 * sha256 over the parsed metadata (with defaults, keys sorted) and the
 * normalised text of prompt, starter, solution and each check. Not the folder
 * path: moving or renaming an exercise does not change what learners see or how
 * they are graded. The database stores it to notice content that changed.
 */
export function contentHash(parts: Pick<Exercise, "meta" | "prompt" | "starter" | "solution" | "checks">): string {
  const canonical = canonicalJson({
    meta: parts.meta,
    prompt: normalizeText(parts.prompt),
    starter: normalizeText(parts.starter),
    solution: normalizeText(parts.solution),
    checks: [...parts.checks]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((c) => ({ name: c.name, visibility: c.visibility, source: normalizeText(c.source) })),
  });
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Collects problems with paths relative to one root. */
class ProblemList {
  readonly items: ContentProblem[] = [];
  constructor(private readonly root: string) {}
  rel(absPath: string): string {
    const rel = path.relative(this.root, absPath);
    return (rel === "" ? "." : rel).split(path.sep).join("/");
  }
  error(absPath: string, message: string): void {
    this.items.push({ path: this.rel(absPath), message, severity: "error" });
  }
  warning(absPath: string, message: string): void {
    this.items.push({ path: this.rel(absPath), message, severity: "warning" });
  }
  hasErrors(): boolean {
    return this.items.some((p) => p.severity === "error");
  }
}

function readText(file: string, problems: ProblemList): string | null {
  try {
    return normalizeText(fs.readFileSync(file, "utf8"));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    problems.error(file, code === "ENOENT" ? "missing file" : `cannot read: ${(err as Error).message}`);
    return null;
  }
}

/** Parses YAML then the schema; every YAML or schema issue becomes an error on `file`. */
function readYaml<S extends z.ZodType>(file: string, schema: S, problems: ProblemList): z.infer<S> | null {
  const text = readText(file, problems);
  if (text === null) return null;
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) problems.error(file, `invalid YAML: ${e.message.split("\n")[0]}`);
    return null;
  }
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const line of formatIssues(parsed.error)) problems.error(file, line);
    return null;
  }
  return parsed.data;
}

/**
 * Loads one exercise folder. Returns `exercise: null` when any error was found
 * (the problems say why); warnings alone do not stop it loading.
 * `root` only decides how paths are shown (default: the folder's parent).
 */
export function loadExercise(
  dir: string,
  options: { root?: string; sectionIds?: readonly string[] } = {},
): { exercise: Exercise | null; problems: ContentProblem[] } {
  const abs = path.resolve(dir);
  const problems = new ProblemList(path.resolve(options.root ?? path.dirname(abs)));
  const slug = path.basename(abs);

  const slugCheck = SlugSchema.safeParse(slug);
  if (!slugCheck.success)
    problems.error(abs, `folder name ${JSON.stringify(slug)} ${slugCheck.error.issues[0].message}`);

  const meta = readYaml(
    path.join(abs, META_FILE),
    options.sectionIds ? exerciseMetaSchema(options.sectionIds) : ExerciseMetaSchema,
    problems,
  );
  const prompt = readText(path.join(abs, PROMPT_FILE), problems);
  const starter = readText(path.join(abs, STARTER_FILE), problems);
  const solution = readText(path.join(abs, SOLUTION_FILE), problems);
  if (prompt !== null && prompt.trim() === "") problems.error(path.join(abs, PROMPT_FILE), "the prompt is empty");
  if (solution !== null && solution.trim() === "")
    problems.error(path.join(abs, SOLUTION_FILE), "the solution is empty");
  const checks = readChecks(path.join(abs, CHECKS_DIR), problems);
  const cases = readCases(path.join(abs, CASES_DIR), problems);

  const known = new Set<string>([...EXERCISE_FILES, CHECKS_DIR, CASES_DIR]);
  for (const entry of safeReaddir(abs)) {
    if (!known.has(entry.name) && !IGNORED.test(entry.name)) {
      problems.warning(path.join(abs, entry.name), "not part of the exercise format; ignored");
    }
  }

  if (problems.hasErrors() || !meta || prompt === null || starter === null || solution === null || !checks) {
    return { exercise: null, problems: problems.items };
  }
  const parts = { meta, prompt, starter, solution, checks };
  return {
    exercise: { id: meta.id, slug, dir: problems.rel(abs), ...parts, contentHash: contentHash(parts), cases },
    problems: problems.items,
  };
}

/**
 * `cases/`: `wrong-<name>.py` and `right-<name>.py`, each a whole program
 * starting with a `#` comment. Anything else there is reported, as a file
 * that would silently never run.
 */
function readCases(casesDir: string, problems: ProblemList): ExerciseCase[] {
  if (!fs.existsSync(casesDir)) {
    problems.warning(
      casesDir,
      "no cases/ folder: add wrong-<name>.py and right-<name>.py programs, wrong fixes the checks must reject " +
        'and right ones they must accept (exercises/README.md, "Wrong and right programs")',
    );
    return [];
  }
  const cases: ExerciseCase[] = [];
  for (const entry of safeReaddir(casesDir)) {
    if (IGNORED.test(entry.name)) continue;
    const where = path.join(casesDir, entry.name);
    const match = CASE_FILE.exec(entry.name);
    if (!entry.isFile() || !match) {
      problems.error(
        where,
        "not a case: cases/ holds only wrong-<name>.py and right-<name>.py programs; this one would never run",
      );
      continue;
    }
    const source = readText(where, problems);
    if (source === null) continue;
    if (source.trim() === "") {
      problems.error(where, "the program is empty");
      continue;
    }
    const comment = /^(?:[ \t]*#.*\n?)+/.exec(source)?.[0] ?? "";
    const description = comment
      .split("\n")
      .map((line) => line.replace(/^\s*#\s?/, "").trim())
      .filter(Boolean)
      .join(" ");
    if (!description) problems.warning(where, "should start with a `#` comment saying what the program tries");
    cases.push({ name: entry.name, expect: match[1] === "right" ? "pass" : "fail", source, description });
  }
  if (!cases.some((c) => c.expect === "fail")) {
    problems.warning(casesDir, "no wrong-<name>.py program: nothing shows that the checks reject a wrong fix");
  }
  return cases;
}

function readChecks(checksDir: string, problems: ProblemList): CheckFile[] | null {
  if (!fs.existsSync(checksDir)) {
    problems.error(checksDir, `missing folder (needs ${Object.keys(CHECK_FILES).join(" and ")})`);
    return null;
  }
  const checks: CheckFile[] = [];
  for (const [name, visibility] of Object.entries(CHECK_FILES)) {
    const source = readText(path.join(checksDir, name), problems);
    if (source === null) continue;
    if (!/^\s*(?:def test_|class \w+\s*\(.*TestCase)/m.test(source)) {
      problems.error(
        path.join(checksDir, name),
        "defines no checks (no `def test_...` function or unittest.TestCase class)",
      );
    }
    checks.push({ name, source, visibility });
  }
  const fixtures = path.join(checksDir, FIXTURES_FILE);
  if (fs.existsSync(fixtures)) {
    const source = readText(fixtures, problems);
    if (source !== null) checks.push({ name: FIXTURES_FILE, source, visibility: "visible" });
  }
  for (const entry of safeReaddir(checksDir)) {
    if (entry.name in CHECK_FILES || entry.name === FIXTURES_FILE || IGNORED.test(entry.name)) continue;
    const where = path.join(checksDir, entry.name);
    if (entry.name.endsWith(".py")) {
      problems.error(
        where,
        "would never run: checks live in test_visible.py (learner sees) or test_hidden.py (server only); " +
          "code that runs beside the learner's goes in fixtures.py",
      );
    } else {
      problems.warning(where, "not a check file; ignored");
    }
  }
  return checks.filter((c) => c.name in CHECK_FILES).length === Object.keys(CHECK_FILES).length ? checks : null;
}

function safeReaddir(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  } catch {
    return [];
  }
}

/** A folder is meant to be an exercise if it holds any exercise file; a missing exercise.yaml is then reported. */
function looksLikeExercise(dir: string): boolean {
  return [...EXERCISE_FILES, CHECKS_DIR].some((f) => fs.existsSync(path.join(dir, f)));
}

/** Exercise folders under `dir`, depth-first in name order; does not descend into an exercise. */
function findExerciseDirs(dir: string): string[] {
  if (looksLikeExercise(dir)) return [dir];
  return safeReaddir(dir)
    .filter((e) => e.isDirectory() && !IGNORED.test(e.name))
    .flatMap((e) => findExerciseDirs(path.join(dir, e.name)));
}

export interface LoadOptions {
  /**
   * The course folder to check a folder without course.yaml against when no
   * course.yaml is found above it either (`exercises:check` passes the repo's).
   */
  referenceCourse?: string;
}

/** Loads a course folder, one exercise folder, or a folder of exercises. Never throws for content problems. */
export function loadCourse(dir = "exercises", options: LoadOptions = {}): LoadedCourse {
  const given = path.resolve(dir);
  if (!fs.existsSync(given) || !fs.statSync(given).isDirectory()) {
    return {
      root: given,
      sections: [],
      exercises: [],
      problems: [{ path: given, message: "not a folder", severity: "error" }],
      checkedAgainst: null,
    };
  }
  const root = looksLikeExercise(given) ? path.dirname(given) : given;
  const problems = new ProblemList(root);

  const isCourse = fs.existsSync(path.join(given, COURSE_FILE));
  const sections = isCourse ? loadSections(given, problems) : [];
  const against = isCourse ? null : referenceFor(given, options, problems);
  // A broken course.yaml leaves no sections: then `section:` is only checked for its form.
  const sectionIds = isCourse
    ? sections.length > 0
      ? sections.map((s) => s.id)
      : undefined
    : against?.sections.map((s) => s.id);

  const loaded: Exercise[] = [];
  for (const exDir of findExerciseDirs(given)) {
    const { exercise, problems: found } = loadExercise(exDir, { root, sectionIds });
    problems.items.push(...found);
    if (exercise) loaded.push(exercise);
  }

  const exercises = dropConflicts(loaded, sections, root, problems);
  if (against) reportOrdersTaken(exercises, against, root, problems);
  const sectionRank = new Map((against?.sections ?? sections).map((s) => [s.id, s.order]));
  exercises.sort(
    (a, b) =>
      (sectionRank.get(a.meta.section) ?? 0) - (sectionRank.get(b.meta.section) ?? 0) ||
      a.meta.section.localeCompare(b.meta.section) ||
      a.meta.order - b.meta.order ||
      a.slug.localeCompare(b.slug),
  );
  if (sections.length === 0 && exercises.length === 0 && !problems.hasErrors()) {
    problems.error(root, `no exercises found (an exercise is a folder with ${META_FILE})`);
  }
  return { root, sections, exercises, problems: problems.items, checkedAgainst: against?.courseFile ?? null };
}

function loadSections(dir: string, problems: ProblemList): Section[] {
  const courseFile = path.join(dir, COURSE_FILE);
  const course = readYaml(courseFile, CourseSchema, problems);
  if (!course) return [];
  return [...course.sections]
    .sort((a, b) => a.order - b.order)
    .map((s) => {
      const lessonFile = path.join(dir, s.lesson);
      let lesson: string | null = null;
      if (!fs.existsSync(lessonFile)) {
        const index = course.sections.indexOf(s);
        problems.error(courseFile, `sections[${index}].lesson: no file ${s.lesson} in the course folder`);
      } else lesson = readText(lessonFile, problems);
      return { id: s.id, title: s.title, order: s.order, lessonPath: s.lesson, lesson: lesson ?? "" };
    });
}

/** The course a folder without course.yaml is checked against: its sections and its exercises' places. */
interface ReferenceCourse {
  courseFile: string;
  sections: Array<{ id: string; order: number }>;
  exercises: Array<{ dir: string; id: string; section: string; order: number }>;
}

/**
 * The nearest course.yaml above `given`, else the one of `options.referenceCourse`.
 * Not finding one, or finding a broken one, is reported: a draft is never
 * left unchecked without saying so.
 */
function referenceFor(given: string, options: LoadOptions, problems: ProblemList): ReferenceCourse | null {
  let courseDir: string | null = null;
  for (let dir = path.dirname(given); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, COURSE_FILE))) {
      courseDir = dir;
      break;
    }
    if (path.dirname(dir) === dir) break;
  }
  courseDir ??= options.referenceCourse ? path.resolve(options.referenceCourse) : null;
  const courseFile = courseDir ? path.join(courseDir, COURSE_FILE) : null;
  if (!courseDir || !courseFile || !fs.existsSync(courseFile)) {
    problems.warning(
      given,
      `section and order not checked: no ${COURSE_FILE} in this folder or above it` +
        (courseFile ? `, and none at ${courseFile}` : ""),
    );
    return null;
  }
  // Problems of the reference course are its own; only "it is broken" concerns this check.
  const own = new ProblemList(courseDir);
  const course = readYaml(courseFile, CourseSchema, own);
  if (!course) {
    problems.error(
      given,
      `cannot check section and order against ${courseFile}: ${own.items.map((p) => p.message).join("; ")}`,
    );
    return null;
  }
  const exercises: ReferenceCourse["exercises"] = [];
  for (const exDir of findExerciseDirs(courseDir)) {
    if (exDir === given || exDir.startsWith(given + path.sep)) continue; // the folder being checked
    const meta = readYaml(path.join(exDir, META_FILE), ExerciseMetaSchema, new ProblemList(courseDir));
    if (meta) exercises.push({ dir: exDir, id: meta.id, section: meta.section, order: meta.order });
  }
  return { courseFile, sections: course.sections, exercises };
}

/** A draft's `order` already used in its section of the reference course: a warning naming that exercise. */
function reportOrdersTaken(exercises: Exercise[], against: ReferenceCourse, root: string, problems: ProblemList): void {
  const courseDir = path.dirname(against.courseFile);
  for (const e of exercises) {
    const taken = against.exercises.filter(
      (o) => o.id !== e.id && o.section === e.meta.section && o.order === e.meta.order,
    );
    if (taken.length === 0) continue;
    const names = taken.map((o) => path.relative(courseDir, o.dir).split(path.sep).join("/"));
    problems.warning(
      path.join(root, e.dir, META_FILE),
      `order ${e.meta.order} in section "${e.meta.section}" is already used by ${names.join(", ")} ` +
        `in the course at ${courseDir}`,
    );
  }
}

/**
 * Course-wide rules that one folder cannot check alone. An exercise in conflict
 * is left out entirely, with every conflicting path named, because there is no
 * telling which of two exercises sharing an id is the "real" one.
 */
function dropConflicts(exercises: Exercise[], sections: Section[], root: string, problems: ProblemList): Exercise[] {
  const bad = new Set<Exercise>();
  const metaPath = (e: Exercise) => path.join(root, e.dir, META_FILE);

  for (const [key, describe] of [
    ["id", (e: Exercise) => `duplicate id ${e.id}`],
    ["slug", (e: Exercise) => `duplicate folder name ${JSON.stringify(e.slug)}`],
  ] as const) {
    const groups = new Map<string, Exercise[]>();
    for (const e of exercises) groups.set(e[key], [...(groups.get(e[key]) ?? []), e]);
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      for (const e of group) {
        const others = group.filter((o) => o !== e).map((o) => problems.rel(metaPath(o)));
        problems.error(metaPath(e), `${describe(e)}: also used by ${others.join(", ")}`);
        bad.add(e);
      }
    }
  }

  if (sections.length > 0) {
    const byId = new Map(sections.map((s) => [s.id, s]));
    for (const e of exercises) {
      const section = byId.get(e.meta.section);
      if (!section) continue; // not loaded: its exercise.yaml was checked against the sections (exerciseMetaSchema)
      // Convention: an exercise lives in its section's folder (the lesson's folder).
      const sectionDir = path.posix.dirname(section.lessonPath);
      if (sectionDir !== "." && !e.dir.startsWith(`${sectionDir}/`)) {
        problems.warning(metaPath(e), `section is "${e.meta.section}" but the folder is not under ${sectionDir}/`);
      }
    }
  }

  const orders = new Map<string, Exercise[]>();
  for (const e of exercises) {
    if (bad.has(e)) continue;
    const k = `${e.meta.section}#${e.meta.order}`;
    orders.set(k, [...(orders.get(k) ?? []), e]);
  }
  for (const group of orders.values()) {
    if (group.length < 2) continue;
    for (const e of group) {
      const others = group.filter((o) => o !== e).map((o) => o.dir);
      problems.warning(
        metaPath(e),
        `order ${e.meta.order} in section "${e.meta.section}" is also used by ${others.join(", ")}`,
      );
    }
  }
  return exercises.filter((e) => !bad.has(e));
}
