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

  it("loads one exercise folder, showing paths under its own name", () => {
    const course = loadCourse(path.join(tmp, "my-exercise"));
    expect(course.problems).toEqual([]);
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
    expect(course.problems).toEqual([]);
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
    expect(loadCourse(empty).problems.map((p) => p.severity)).toEqual(["error"]);
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
