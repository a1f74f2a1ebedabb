/** The exercise whose page the browser measurements open: the one the learner browser test uses. */
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { ProductionServer } from "@/tests/e2e/support/production-server";

const EXERCISE_DIR = path.resolve(__dirname, "..", "..", "exercises", "04-cycles-and-gc", "weak-parent");

export async function benchExerciseUrl(server: Pick<ProductionServer, "url">): Promise<string> {
  const { id } = parse(fs.readFileSync(path.join(EXERCISE_DIR, "exercise.yaml"), "utf8")) as { id: string };
  return `${server.url}/exercises/${id}`;
}
