#!/usr/bin/env node
/**
 * npm run lint:python [-- --fix]: ruff (its WebAssembly build from npm, so no
 * Python toolchain is needed) over every .py file of the repository: the
 * judge's package, the learner-side modules, the course and the test
 * fixtures. Lint rules and formatting are both checked; --fix rewrites files
 * with ruff's formatter and safe fixes.
 */
import { Workspace, PositionEncoding } from "@astral-sh/ruff-wasm-nodejs";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FOLDERS = ["lib", "exercises", "tests", "scripts", "bench"];
const SKIP = new Set(["node_modules", ".next", "dist", "generated"]);

// Settings (ruff's own names): pyflakes, pycodestyle, isort, bugbear and pyupgrade rules.
const SETTINGS = {
  "line-length": 120,
  "target-version": "py311",
  lint: {
    select: ["E", "F", "W", "I", "B", "UP"],
    // Checks and lessons print and compare on purpose; E731 (lambda assignment) reads fine in checks.
    ignore: ["E731", "B011"],
    isort: { "known-first-party": ["leakless", "submission", "fixtures"] },
  },
  format: {},
};

function pythonFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...pythonFiles(full));
    else if (entry.name.endsWith(".py")) out.push(full);
  }
  return out;
}

/** Applies a diagnostic's fix edits (1-based rows and columns, UTF-16) to `text`. */
function applyEdits(text, edits) {
  const lines = text.split("\n");
  const offset = ({ row, column }) => lines.slice(0, row - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  for (const edit of [...edits].sort((a, b) => offset(b.location) - offset(a.location))) {
    text = text.slice(0, offset(edit.location)) + (edit.content ?? "") + text.slice(offset(edit.end_location));
  }
  return text;
}

const fix = process.argv.includes("--fix");
// Fixes that cannot change what code does (the wasm build does not say which fixes are safe).
const FIXED_AUTOMATICALLY = /^(I|UP|W|E)/;
const checked = new Workspace(SETTINGS, PositionEncoding.Utf16);
// A starter's bugs are the exercise (a mutable default argument, a global cache): format only.
const starters = new Workspace({ ...SETTINGS, lint: { ...SETTINGS.lint, select: [] } }, PositionEncoding.Utf16);
let problems = 0;
for (const file of FOLDERS.flatMap((folder) => pythonFiles(path.join(root, folder))).sort()) {
  const relative = path.relative(root, file);
  let source = fs.readFileSync(file, "utf8");
  const workspace = path.basename(file) === "starter.py" ? starters : checked;
  if (fix) {
    // One fix per pass (edits of several fixes may overlap), until none is left.
    for (let pass = 0; pass < 50; pass++) {
      const fixable = workspace
        .check(source)
        .find((d) => d.fix && d.fix.edits.length > 0 && FIXED_AUTOMATICALLY.test(d.code ?? ""));
      if (!fixable) break;
      source = applyEdits(source, fixable.fix.edits);
    }
    source = workspace.format(source);
    fs.writeFileSync(file, source);
  }
  for (const d of workspace.check(source)) {
    problems++;
    console.log(`${relative}:${d.start_location.row}:${d.start_location.column}: ${d.code ?? "syntax"} ${d.message}`);
  }
  if (workspace.format(source) !== source) {
    problems++;
    console.log(`${relative}: not formatted (npm run lint:python -- --fix)`);
  }
}
if (problems > 0) {
  console.log(`\n${problems} problem(s) (ruff ${Workspace.version()})`);
  process.exit(1);
}
console.log(`ruff ${Workspace.version()}: no problems`);
