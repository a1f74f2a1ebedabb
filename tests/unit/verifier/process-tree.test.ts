/**
 * Killing a verifier process kills everything below it, and waiting for it to
 * close cannot hang on pipes held by a grandchild (bubblewrap's inner process
 * once outlived a kill during sandbox set-up and held them forever).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import { descendantPids } from "@/lib/verifier/process-tree";
import { VerifierProcess } from "@/lib/verifier/process";

/** Running (a killed process may linger as a zombie until its new parent reaps it). */
const alive = (pid: number) => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
};

test("descendantPids finds children and grandchildren", async () => {
  const child = spawn("/bin/sh", ["-c", "sleep 60 & sh -c 'sleep 60 & wait' & wait"], { stdio: "ignore" });
  try {
    let found: number[] = [];
    for (let i = 0; i < 50 && found.length < 3; i++) {
      await new Promise((r) => setTimeout(r, 50));
      found = descendantPids(child.pid!);
    }
    expect(found.length).toBe(3); // sleep, sh, and the inner sh's sleep
    expect(found).not.toContain(child.pid);
  } finally {
    for (const pid of descendantPids(child.pid!)) process.kill(pid, "SIGKILL");
    child.kill("SIGKILL");
  }
});

test("kill() takes the whole tree down, and closed resolves although a grandchild held the pipes", async () => {
  const verifier = new VerifierProcess({
    // The grandchild `sleep` inherits stdout/stderr, like bubblewrap's inner process.
    command: { command: "/bin/sh", args: ["-c", "sleep 60 & sleep 60"], env: {}, osSandbox: false },
    packageFiles: {},
    bootTimeoutMs: 60_000,
    graceMs: 1_000,
  });
  verifier.ready.catch(() => {}); // it never boots: it is not a verifier
  let tree: number[] = [];
  for (let i = 0; i < 50 && tree.length < 2; i++) {
    await new Promise((r) => setTimeout(r, 50));
    tree = descendantPids(verifier.pid!);
  }
  expect(tree.length).toBe(2);
  verifier.kill();
  await verifier.closed;
  for (const pid of tree) expect(alive(pid)).toBe(false);
}, 20_000);
