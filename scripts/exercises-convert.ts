/**
 * npm run exercises:convert -- PATH
 *
 * For exercises written before checks ran apart from the learner's code:
 * moves the classes of each exercise's check files (under PATH, an exercise
 * folder or a folder of them) into checks/fixtures.py, so their objects live
 * beside the learner's code again (lib/exercises/convert_checks.py). Then run
 * `npm run exercises:check -- PATH`.
 */
import path from "node:path";
import { loadPyodide } from "pyodide";
import { convertExercise, exerciseDirs } from "../lib/exercises/convert";

async function main(): Promise<void> {
  const target = process.argv[2];
  if (!target || target.startsWith("-")) {
    console.log("usage: npm run exercises:convert -- PATH");
    process.exit(target ? 0 : 2);
  }
  const base = process.env.INIT_CWD ?? process.cwd();
  const pyodide = await loadPyodide({ stdout: () => {}, stderr: () => {} });
  let failed = false;
  for (const dir of exerciseDirs(path.resolve(base, target))) {
    const report = convertExercise(pyodide, dir);
    if (report.problems.length > 0) {
      failed = true;
      console.log(`${dir}: not converted`);
      for (const problem of report.problems) console.log(`  ${problem}`);
      continue;
    }
    if (report.moved.length === 0) {
      console.log(`${dir}: nothing to move`);
      continue;
    }
    console.log(
      `${dir}: moved ${report.moved.map((m) => `${m.name} (from ${m.from})`).join(", ")} to checks/fixtures.py`,
    );
    const hidden = report.moved.filter((m) => m.from === "test_hidden.py");
    if (hidden.length > 0) {
      console.log(
        `  note: learners can read fixtures.py; ${hidden.map((m) => m.name).join(", ")} came from the hidden checks`,
      );
    }
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
