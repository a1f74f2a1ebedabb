/**
 * Each bundle or package change makes a new 30 MB Pyodide snapshot; making
 * one deletes the others (and leftovers of killed writers), never the current
 * one, a writer still busy, or files that are not snapshots.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pruneSnapshots } from "@/lib/verifier/artifacts";

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "leakless-prune-"));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function touch(name: string, ageMs = 0): void {
  const file = path.join(dir, name);
  fs.writeFileSync(file, "x");
  const when = new Date(Date.now() - ageMs);
  fs.utimesSync(file, when, when);
}

test("keeps the current snapshot and deletes every other one, however recent", () => {
  touch("pyodide-aaaaaaaaaaaaaaaa.snapshot", 2 * 60 * 60 * 1000);
  touch("pyodide-bbbbbbbbbbbbbbbb.snapshot", 1000);
  touch("pyodide-cccccccccccccccc.snapshot");
  const keep = path.join(dir, "pyodide-cccccccccccccccc.snapshot");

  const removed = pruneSnapshots(dir, keep);

  expect(removed.sort()).toEqual(["pyodide-aaaaaaaaaaaaaaaa.snapshot", "pyodide-bbbbbbbbbbbbbbbb.snapshot"]);
  expect(fs.readdirSync(dir)).toEqual(["pyodide-cccccccccccccccc.snapshot"]);
});

test("leaves the bundle and other files alone", () => {
  touch("verifier-process.mjs");
  touch("verifier-process.inputs.json");
  touch("notes.snapshot.txt");
  touch("pyodide-dddddddddddddddd.snapshot");
  pruneSnapshots(dir, path.join(dir, "pyodide-dddddddddddddddd.snapshot"));
  expect(fs.readdirSync(dir).sort()).toEqual([
    "notes.snapshot.txt",
    "pyodide-dddddddddddddddd.snapshot",
    "verifier-process.inputs.json",
    "verifier-process.mjs",
  ]);
});

test("deletes a killed writer's temporary file, not one another writer is still writing", () => {
  touch("pyodide-eeeeeeeeeeeeeeee.snapshot.4242.1700000000000.tmp", 60 * 60 * 1000);
  touch("pyodide-ffffffffffffffff.snapshot.4343.1700000000001.tmp", 5 * 1000);
  touch("pyodide-0000000000000000.snapshot");

  const removed = pruneSnapshots(dir, path.join(dir, "pyodide-0000000000000000.snapshot"));

  expect(removed).toEqual(["pyodide-eeeeeeeeeeeeeeee.snapshot.4242.1700000000000.tmp"]);
  expect(fs.readdirSync(dir).sort()).toEqual([
    "pyodide-0000000000000000.snapshot",
    "pyodide-ffffffffffffffff.snapshot.4343.1700000000001.tmp",
  ]);
});
