/**
 * `npm run exercises:convert -- PATH`: moves the classes of an exercise's
 * check files into checks/fixtures.py (convert_checks.py says why and how),
 * for exercises written before checks ran apart from the learner's code.
 * The Python does the parsing (with `ast`, in Pyodide, so no Python needs to
 * be installed); this module reads and writes the files.
 */
import fs from "node:fs";
import path from "node:path";
import type { PyodideAPI } from "pyodide";
import { CHECK_FILES, CHECKS_DIR, FIXTURES_FILE } from "./load";

const CONVERTER = path.join(__dirname, "convert_checks.py");

export interface ConversionReport {
  /** The exercise folder. */
  dir: string;
  /** Classes moved to fixtures.py, with the check file each came from. */
  moved: Array<{ name: string; from: string }>;
  /** What could not be converted (the files are then left as they were). */
  problems: string[];
  /** Files written. */
  written: string[];
}

export function convertExercise(pyodide: PyodideAPI, dir: string, write = true): ConversionReport {
  const checksDir = path.join(dir, CHECKS_DIR);
  const files: Record<string, string> = {};
  for (const name of [...Object.keys(CHECK_FILES), FIXTURES_FILE]) {
    const file = path.join(checksDir, name);
    if (fs.existsSync(file)) files[name] = fs.readFileSync(file, "utf8");
  }
  pyodide.runPython(fs.readFileSync(CONVERTER, "utf8"));
  const convert = pyodide.globals.get("convert") as (json: string) => string;
  const result = JSON.parse(convert(JSON.stringify(files))) as {
    sources: Record<string, string>;
    moved: ConversionReport["moved"];
    problems: string[];
  };
  const report: ConversionReport = { dir, moved: result.moved, problems: result.problems, written: [] };
  if (!write || result.problems.length > 0) return report;
  for (const [name, source] of Object.entries(result.sources)) {
    if (files[name] === source) continue;
    fs.writeFileSync(path.join(checksDir, name), source);
    report.written.push(path.join(checksDir, name));
  }
  return report;
}

/** Exercise folders under `target` (itself, or its subfolders at any depth, that hold checks/). */
export function exerciseDirs(target: string): string[] {
  if (fs.existsSync(path.join(target, CHECKS_DIR))) return [target];
  const out: string[] = [];
  for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
    if (entry.isDirectory() && !entry.name.startsWith(".")) out.push(...exerciseDirs(path.join(target, entry.name)));
  }
  return out.sort();
}
