/**
 * The processes below a verifier process, so that killing one kills all of
 * it. Bubblewrap forks: the process we spawn (the outer bwrap) has a child
 * (pid 1 of the sandbox's pid namespace) that starts node. If our SIGKILL
 * reaches the outer bwrap while it is still setting the sandbox up, before
 * `--die-with-parent` is armed, the inner one waits forever on a setup
 * signal, holding our stdout and stderr open (seen in CI: a test waited on
 * it until its timeout).
 *
 * Linux only (/proc/<pid>/task/<tid>/children); elsewhere the list is empty
 * and only the spawned process is killed.
 */
import fs from "node:fs";

export function descendantPids(pid: number): number[] {
  const result: number[] = [];
  const frontier = [pid];
  while (frontier.length > 0) {
    const parent = frontier.pop()!;
    let tasks: string[];
    try {
      tasks = fs.readdirSync(`/proc/${parent}/task`);
    } catch {
      continue; // gone, or no /proc
    }
    for (const tid of tasks) {
      let children: string;
      try {
        children = fs.readFileSync(`/proc/${parent}/task/${tid}/children`, "utf8");
      } catch {
        continue;
      }
      for (const child of children.split(" ")) {
        const childPid = Number(child);
        if (Number.isInteger(childPid) && childPid > 0 && !result.includes(childPid)) {
          result.push(childPid);
          frontier.push(childPid);
        }
      }
    }
  }
  return result;
}

/** Sum of VmRSS over `pid` and its descendants (nice → sh → bwrap → bwrap → node), or null without /proc. */
export function rssOfTree(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  let total = 0;
  for (const p of [pid, ...descendantPids(pid)]) {
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"));
      if (rss) total += Number(rss[1]) * 1024;
    } catch {
      // gone, or no /proc
    }
  }
  return total || null;
}
