/**
 * The file system as the learner's code sees it: readable everywhere,
 * writable only in its scratch directories.
 *
 * Both interpreters share one Emscripten file system, and the judge imports
 * from it (its package, the standard library, site-packages). A learner who
 * could write a `.py` file there would have code run in the judge. Every
 * Python route to a change (open, os.*, shutil, pathlib, io.FileIO …) ends in
 * one of the FS functions wrapped here, so the guard sits below all of them;
 * the boot image then removes whatever the scratch directories gained.
 */

/** Directories learner code may change (the learner's home, the cwd, and /tmp); the judge imports from neither. */
export const LEARNER_WRITABLE = ["/home/pyodide", "/tmp"] as const;

/** Emscripten's EACCES: Python raises PermissionError. */
const EACCES = 2;
/** O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND */
const WRITE_FLAGS = 1 | 2 | 64 | 512 | 1024;

interface GuardedFS {
  cwd(): string;
  lookupPath(path: string, options: { follow: boolean }): { node: unknown };
  getPath(node: unknown): string;
  modeStringToFlags(mode: string): number;
  ErrnoError: new (errno: number) => Error;
  [name: string]: unknown;
}

/** Each wrapped function and which of its arguments are paths it changes. */
const CHANGES_PATHS: Record<string, number[]> = {
  mknod: [0],
  mkdir: [0],
  rename: [0, 1],
  unlink: [0],
  rmdir: [0],
  chmod: [0],
  lchmod: [0],
  chown: [0],
  lchown: [0],
  truncate: [0],
  utime: [0],
};

/** Functions that change an already open file: allowed only on files the learner could have opened for writing. */
const CHANGES_STREAMS = ["fchmod", "fchown", "ftruncate"];

/**
 * Wraps `fs` so that while `inLearner()` is true, changes outside
 * `LEARNER_WRITABLE` fail with EACCES. Paths are resolved through symlinks
 * (the boot image may have some), and learner code makes none.
 */
export function guardFiles(fs: GuardedFS, inLearner: () => boolean): void {
  const refuse = (): never => {
    throw new fs.ErrnoError(EACCES);
  };
  // FS functions also take nodes (FS.open passes one to FS.truncate, say).
  const check = (target: unknown) => {
    const path = typeof target === "string" ? resolve(fs, target) : target ? fs.getPath(target) : null;
    if (path === null || !isWritable(path)) refuse();
  };
  for (const [name, positions] of Object.entries(CHANGES_PATHS)) {
    const original = fs[name] as (...args: unknown[]) => unknown;
    fs[name] = (...args: unknown[]) => {
      if (inLearner()) for (const at of positions) check(args[at]);
      return original.apply(fs, args);
    };
  }
  // A link could point the judge's imports at learner files: none are made.
  const symlink = fs.symlink as (...args: unknown[]) => unknown;
  fs.symlink = (...args: unknown[]) => (inLearner() ? refuse() : symlink.apply(fs, args));
  const open = fs.open as (path: unknown, flags: unknown, mode?: unknown) => unknown;
  fs.open = (path: unknown, flags: unknown, mode?: unknown) => {
    if (inLearner()) {
      const bits = typeof flags === "string" ? fs.modeStringToFlags(flags) : Number(flags);
      if (bits & WRITE_FLAGS) check(path);
    }
    return open.call(fs, path, flags, mode);
  };
  const getStream = fs.getStream as (fd: number) => { path?: string } | null;
  for (const name of CHANGES_STREAMS) {
    const original = fs[name] as (...args: unknown[]) => unknown;
    fs[name] = (...args: unknown[]) => {
      if (inLearner()) check(getStream.call(fs, Number(args[0]))?.path);
      return original.apply(fs, args);
    };
  }
}

function isWritable(path: string): boolean {
  return LEARNER_WRITABLE.some((root) => path === root || path.startsWith(`${root}/`));
}

/** The real absolute path `path` names (or would name, if created). */
function resolve(fs: GuardedFS, path: string): string {
  const absolute = normalize(path.startsWith("/") ? path : `${fs.cwd()}/${path}`);
  const real = (candidate: string): string | null => {
    try {
      return fs.getPath(fs.lookupPath(candidate, { follow: true }).node);
    } catch {
      return null;
    }
  };
  const existing = real(absolute);
  if (existing !== null) return existing;
  const slash = absolute.lastIndexOf("/");
  const parent = real(absolute.slice(0, slash) || "/");
  // A missing parent: the call fails on its own, but judge the literal path anyway.
  return parent === null ? absolute : normalize(`${parent}/${absolute.slice(slash + 1)}`);
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}
