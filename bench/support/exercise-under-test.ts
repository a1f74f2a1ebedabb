/** The exercise whose page the browser measurements open: the one the learner browser test uses. */
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { ProductionServer } from "@/tests/e2e/support/production-server";

const EXERCISE_DIR = path.resolve(__dirname, "..", "..", "exercises", "04-cycles-and-gc", "weak-parent");

function meta(): { id: string; section: string } {
  return parse(fs.readFileSync(path.join(EXERCISE_DIR, "exercise.yaml"), "utf8")) as { id: string; section: string };
}

export async function benchExerciseUrl(server: Pick<ProductionServer, "url">): Promise<string> {
  return `${server.url}/exercises/${meta().id}`;
}

/** The section of that exercise: its lesson page links to it. */
export async function benchExerciseSection(): Promise<string> {
  return meta().section;
}
