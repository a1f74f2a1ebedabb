import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { contentHash, loadCourse, loadExercise, type ContentProblem } from "@/lib/exercises/load";

const FIXTURES = path.join(__dirname, "../../fixtures/exercises");
const BROKEN = path.join(FIXTURES, "broken-course");

function errorsAt(problems: ContentProblem[], p: string): string[] {
  return problems.filter((x) => x.path === p && x.severity === "error").map((x) => x.message);
}

describe("loadCourse on a course with broken exercises", () => {
  const course = loadCourse(BROKEN);

  it("still loads the good exercise and the sections with their lessons", () => {
    expect(course.exercises.map((e) => e.slug)).toEqual(["good-one"]);
    expect(course.sections.map((s) => [s.id, s.order])).toEqual([
      ["allocation", 1],
      ["deallocation", 2],
    ]);
    expect(course.sections[0].lesson).toContain("A fixture lesson.");
    const good = course.exercises[0];
    expect(good.id).toBe("0b9a4a4e-2f57-4d0c-9a57-3b7c8f1e2a01");
    expect(good.dir).toBe("01-allocation/good-one");
    expect(good.meta.limits).toEqual({ timeLimitMs: 3000, memoryLimitMb: 256 });
    expect(good.checks.map((c) => [c.name, c.visibility])).toEqual([
      ["test_visible.py", "visible"],
      ["test_hidden.py", "hidden"],
    ]);
    expect(good.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("names every invalid metadata field of the broken exercise.yaml", () => {
    const messages = errorsAt(course.problems, "01-allocation/bad-metadata/exercise.yaml");
    for (const field of ["id:", "section:", "difficulty:", "tags[0]:", "hints:", "limits.timeLimitMs:"]) {
      expect(messages.some((m) => m.startsWith(field))).toBe(true);
    }
    expect(messages.find((m) => m.startsWith("section:"))).toContain("allocation, deallocation");
  });

  it("reports a missing file with its path", () => {
    expect(errorsAt(course.problems, "01-allocation/missing-solution/solution.py")).toEqual(["missing file"]);
  });

  it("reports invalid YAML", () => {
    const messages = errorsAt(course.problems, "02-deallocation/bad-yaml/exercise.yaml");
    expect(messages.length).toBeGreaterThan(0);
    expect(messages[0]).toMatch(/^invalid YAML/);
  });

  it("reports a duplicate id on both exercises, each naming the other, and loads neither", () => {
    expect(errorsAt(course.problems, "02-deallocation/duplicate-a/exercise.yaml")).toEqual([
      "duplicate id 0b9a4a4e-2f57-4d0c-9a57-3b7c8f1e2a04: also used by 02-deallocation/duplicate-b/exercise.yaml",
    ]);
    expect(errorsAt(course.problems, "02-deallocation/duplicate-b/exercise.yaml")).toEqual([
      "duplicate id 0b9a4a4e-2f57-4d0c-9a57-3b7c8f1e2a04: also used by 02-deallocation/duplicate-a/exercise.yaml",
    ]);
  });

  it("rejects a check file that would never run", () => {
    expect(errorsAt(course.problems, "02-deallocation/stray-check/checks/test_extra.py")[0]).toMatch(/would never run/);
  });

  it("reports nothing about the good exercise", () => {
    expect(course.problems.filter((p) => p.path.startsWith("01-allocation/good-one"))).toEqual([]);
  });
});

describe("loading folders outside a course", () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "leakless-load-"));
    fs.cpSync(path.join(BROKEN, "01-allocation/good-one"), path.join(tmp, "my-exercise"), { recursive: true });
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** Outside any course and with no reference course given, the loader says what it could not check. */
  const notChecked = (where: string) => ({
    path: where,
    message: expect.stringMatching(/^section and order not checked: no course\.yaml in this folder or above it/),
    severity: "warning",
  });

  it("loads one exercise folder, showing paths under its own name", () => {
    const course = loadCourse(path.join(tmp, "my-exercise"));
    expect(course.problems).toEqual([notChecked("my-exercise")]);
    expect(course.checkedAgainst).toBeNull();
    expect(course.sections).toEqual([]);
    expect(course.exercises.map((e) => [e.slug, e.dir])).toEqual([["my-exercise", "my-exercise"]]);
  });

  it("loads a folder of exercises without a course.yaml", () => {
    fs.cpSync(path.join(tmp, "my-exercise"), path.join(tmp, "second"), { recursive: true });
    const yaml = path.join(tmp, "second/exercise.yaml");
    fs.writeFileSync(
      yaml,
      fs
        .readFileSync(yaml, "utf8")
        .replace(/^id: .*$/m, "id: 2a1b0c9d-8e7f-4a6b-9c5d-4e3f2a1b0c9d")
        .replace(/^order: 1$/m, "order: 2"),
    );
    const course = loadCourse(tmp);
    expect(course.problems).toEqual([notChecked(".")]);
    expect(course.exercises.map((e) => e.slug).sort()).toEqual(["my-exercise", "second"]);
  });

  it("reports a folder that looks like an exercise but lacks exercise.yaml", () => {
    fs.rmSync(path.join(tmp, "my-exercise/exercise.yaml"));
    const course = loadCourse(tmp);
    expect(course.exercises).toEqual([]);
    expect(errorsAt(course.problems, "my-exercise/exercise.yaml")).toEqual(["missing file"]);
  });

  it("reports a folder with no exercises at all", () => {
    const empty = path.join(tmp, "empty");
    fs.mkdirSync(empty);
    expect(loadCourse(empty).problems.map((p) => p.severity)).toEqual(["warning", "error"]);
  });
});

describe("a folder without course.yaml is checked against a course", () => {
  let tmp: string;
  let draft: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "leakless-drafts-"));
    draft = path.join(tmp, "draft");
    fs.cpSync(path.join(BROKEN, "01-allocation/good-one"), draft, { recursive: true });
    setMeta(draft, { id: "5f0e1d2c-3b4a-4958-8776-a5b4c3d2e1f0", order: "7" });
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  function setMeta(dir: string, fields: Record<string, string>): void {
    const yaml = path.join(dir, "exercise.yaml");
    let text = fs.readFileSync(yaml, "utf8");
    for (const [key, value] of Object.entries(fields))
      text = text.replace(new RegExp(`^${key}: .*$`, "m"), `${key}: ${value}`);
    fs.writeFileSync(yaml, text);
  }

  it("the reference course given: says which, and a free order in a known section passes", () => {
    const course = loadCourse(tmp, { referenceCourse: BROKEN });
    expect(course.checkedAgainst).toBe(path.join(BROKEN, "course.yaml"));
    expect(course.problems).toEqual([]);
    expect(course.exercises.map((e) => e.slug)).toEqual(["draft"]);
  });

  it("a section the course does not have is an error naming the course's sections", () => {
    setMeta(draft, { section: "interning" });
    const course = loadCourse(draft, { referenceCourse: BROKEN });
    expect(course.exercises).toEqual([]);
    expect(errorsAt(course.problems, "draft/exercise.yaml")).toEqual([
      'section: "interning" is not a section of the course (its sections: allocation, deallocation)',
    ]);
  });

  it("an order already used in that section of the course is a warning naming the exercise", () => {
    setMeta(draft, { order: "1" });
    const course = loadCourse(tmp, { referenceCourse: BROKEN });
    expect(course.exercises.map((e) => e.slug)).toEqual(["draft"]);
    expect(course.problems).toEqual([
      {
        path: "draft/exercise.yaml",
        message: `order 1 in section "allocation" is already used by 01-allocation/good-one in the course at ${BROKEN}`,
        severity: "warning",
      },
    ]);
  });

  it("a copy of the course's own exercise (same id) does not collide with itself", () => {
    setMeta(draft, { id: "0b9a4a4e-2f57-4d0c-9a57-3b7c8f1e2a01", order: "1" });
    expect(loadCourse(draft, { referenceCourse: BROKEN }).problems).toEqual([]);
  });

  it("an exercise folder inside a course is checked against that course, not the reference", () => {
    const inside = loadCourse(path.join(BROKEN, "01-allocation/good-one"), { referenceCourse: tmp });
    expect(inside.checkedAgainst).toBe(path.join(BROKEN, "course.yaml"));
    expect(inside.problems).toEqual([]);
  });

  it("a reference folder without course.yaml is reported, never skipped silently", () => {
    const course = loadCourse(draft, { referenceCourse: tmp });
    expect(course.checkedAgainst).toBeNull();
    expect(course.problems).toEqual([
      {
        path: "draft",
        message: `section and order not checked: no course.yaml in this folder or above it, and none at ${path.join(tmp, "course.yaml")}`,
        severity: "warning",
      },
    ]);
  });
});

describe("sections come from course.yaml", () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "leakless-sections-"));
    fs.cpSync(path.join(BROKEN, "01-allocation/lesson.md"), path.join(tmp, "01-allocation/lesson.md"));
    fs.cpSync(path.join(BROKEN, "01-allocation/good-one"), path.join(tmp, "01-allocation/good-one"), {
      recursive: true,
    });
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const writeCourse = (sections: string) =>
    fs.writeFileSync(path.join(tmp, "course.yaml"), `title: A course\nsections:\n${sections}`);
  const section = (id: string, order: number, lesson: string) =>
    `  - id: ${id}\n    title: Section ${id}\n    order: ${order}\n    lesson: ${lesson}\n`;

  it("a section no code knows loads with its exercises, in course.yaml's order", () => {
    fs.mkdirSync(path.join(tmp, "06-interning"));
    fs.writeFileSync(path.join(tmp, "06-interning/lesson.md"), "# Interning\n");
    fs.cpSync(path.join(tmp, "01-allocation/good-one"), path.join(tmp, "06-interning/small-ints"), { recursive: true });
    const yaml = path.join(tmp, "06-interning/small-ints/exercise.yaml");
    fs.writeFileSync(
      yaml,
      fs
        .readFileSync(yaml, "utf8")
        .replace(/^id: .*$/m, "id: 6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d")
        .replace(/^section: .*$/m, "section: interning"),
    );
    writeCourse(
      section("interning", 6, "06-interning/lesson.md") + section("allocation", 1, "01-allocation/lesson.md"),
    );
    const course = loadCourse(tmp);
    expect(course.problems).toEqual([]);
    expect(course.sections.map((s) => [s.id, s.order, s.lesson])).toEqual([
      ["allocation", 1, expect.stringContaining("A fixture lesson.")],
      ["interning", 6, "# Interning\n"],
    ]);
    expect(course.exercises.map((e) => [e.meta.section, e.dir])).toEqual([
      ["allocation", "01-allocation/good-one"],
      ["interning", "06-interning/small-ints"],
    ]);
  });

  it("names what is wrong in course.yaml: an id not in kebab-case, a duplicate id, a missing lesson", () => {
    writeCourse(
      section("Memory_Basics", 1, "01-allocation/lesson.md") +
        section("allocation", 2, "01-allocation/lesson.md") +
        section("allocation", 3, "01-allocation/lesson.md"),
    );
    expect(errorsAt(loadCourse(tmp).problems, "course.yaml")).toEqual([
      "sections[0].id: must be kebab-case: lower-case letters, digits and single dashes",
      'sections[2].id: duplicate section id "allocation" (also sections[1])',
    ]);
    writeCourse(section("allocation", 1, "01-allocation/missing.md"));
    expect(errorsAt(loadCourse(tmp).problems, "course.yaml")).toEqual([
      "sections[0].lesson: no file 01-allocation/missing.md in the course folder",
    ]);
  });

  it("an exercise whose section is not in course.yaml is an error; unknown keys still are", () => {
    writeCourse(section("deallocation", 1, "01-allocation/lesson.md"));
    const yaml = path.join(tmp, "01-allocation/good-one/exercise.yaml");
    fs.appendFileSync(yaml, "hint: a misspelt key\n");
    expect(errorsAt(loadCourse(tmp).problems, "01-allocation/good-one/exercise.yaml")).toEqual([
      'section: "allocation" is not a section of the course (its sections: deallocation)',
      'Unrecognized key: "hint"',
    ]);
  });
});

describe("cases/: the author's wrong and right programs", () => {
  let tmp: string;
  let dir: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "leakless-cases-"));
    dir = path.join(tmp, "ex");
    fs.cpSync(path.join(BROKEN, "01-allocation/good-one"), dir, { recursive: true });
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("loads wrong-*.py as must-fail and right-*.py as must-pass, with what each tries", () => {
    const { exercise, problems } = loadExercise(dir);
    expect(problems).toEqual([]);
    expect(exercise!.cases.map((c) => [c.name, c.expect, c.description])).toEqual([
      ["right-adds-itself.py", "pass", "Doubles by adding the number to itself."],
      ["wrong-adds-two.py", "fail", "Adds the number to two instead of doubling it."],
    ]);
  });

  it("are not part of the content hash (learners never see them)", () => {
    const before = loadExercise(dir).exercise!.contentHash;
    fs.writeFileSync(path.join(dir, "cases/wrong-returns-zero.py"), "# Returns zero.\ndef double(x):\n    return 0\n");
    expect(loadExercise(dir).exercise!.contentHash).toBe(before);
  });

  it("reports stray files, misnamed programs, an empty program and a missing comment", () => {
    const cases = path.join(dir, "cases");
    fs.writeFileSync(path.join(cases, "notes.txt"), "ideas\n");
    fs.writeFileSync(path.join(cases, "wrong_fifo.py"), "# FIFO\n");
    fs.writeFileSync(path.join(cases, "test-right.py"), "# ?\n");
    fs.mkdirSync(path.join(cases, "wrong-folder.py"));
    fs.writeFileSync(path.join(cases, "right-empty.py"), "\n");
    fs.writeFileSync(path.join(cases, "wrong-silent.py"), "def double(x):\n    return x\n");
    const { exercise, problems } = loadExercise(dir);
    const at = (name: string) => problems.filter((p) => p.path === `ex/cases/${name}`);
    for (const name of ["notes.txt", "wrong_fifo.py", "test-right.py", "wrong-folder.py"]) {
      expect(at(name)).toEqual([
        {
          path: `ex/cases/${name}`,
          severity: "error",
          message: expect.stringMatching(/^not a case: cases\/ holds only wrong-<name>\.py and right-<name>\.py/),
        },
      ]);
    }
    expect(at("right-empty.py")).toEqual([
      expect.objectContaining({ severity: "error", message: "the program is empty" }),
    ]);
    expect(at("wrong-silent.py")).toEqual([
      expect.objectContaining({ severity: "warning", message: expect.stringMatching(/start with a `#` comment/) }),
    ]);
    expect(exercise).toBeNull();
  });

  it("an exercise without cases/ still loads, with a warning saying what to add", () => {
    fs.rmSync(path.join(dir, "cases"), { recursive: true });
    const { exercise, problems } = loadExercise(dir);
    expect(exercise!.cases).toEqual([]);
    expect(problems).toEqual([
      {
        path: "ex/cases",
        severity: "warning",
        message: expect.stringMatching(/^no cases\/ folder: add wrong-<name>\.py/),
      },
    ]);
  });
});

describe("contentHash", () => {
  let tmp: string;
  let dir: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "leakless-hash-"));
    dir = path.join(tmp, "hashed");
    fs.cpSync(path.join(BROKEN, "01-allocation/good-one"), dir, { recursive: true });
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const hashOf = (d: string) => {
    const { exercise, problems } = loadExercise(d);
    expect(problems).toEqual([]);
    return exercise!.contentHash;
  };

  it("does not change when nothing changes, when the folder moves, or with CRLF line endings", () => {
    const before = hashOf(dir);
    expect(hashOf(dir)).toBe(before);
    const moved = path.join(tmp, "renamed-folder");
    fs.renameSync(dir, moved);
    expect(hashOf(moved)).toBe(before);
    const check = path.join(moved, "checks/test_hidden.py");
    fs.writeFileSync(check, fs.readFileSync(check, "utf8").replace(/\n/g, "\r\n"));
    expect(hashOf(moved)).toBe(before);
  });

  it("changes when a hidden check changes", () => {
    const before = hashOf(dir);
    const check = path.join(dir, "checks/test_hidden.py");
    fs.writeFileSync(check, fs.readFileSync(check, "utf8").replace("-8", "-8.0"));
    expect(hashOf(dir)).not.toBe(before);
  });

  it("changes when a hint changes, and when a default limit is written out it does not", () => {
    const before = hashOf(dir);
    const yaml = path.join(dir, "exercise.yaml");
    const text = fs.readFileSync(yaml, "utf8");
    fs.writeFileSync(yaml, text.replace("timeLimitMs: 3000", "timeLimitMs: 3000\n  memoryLimitMb: 256"));
    expect(hashOf(dir)).toBe(before);
    fs.writeFileSync(yaml, text.replace("second hint", "a better second hint"));
    expect(hashOf(dir)).not.toBe(before);
  });

  it("is the same function of the parts, whatever the order of the checks", () => {
    const { exercise } = loadExercise(dir);
    const e = exercise!;
    expect(contentHash({ ...e, checks: [...e.checks].reverse() })).toBe(e.contentHash);
  });
});
