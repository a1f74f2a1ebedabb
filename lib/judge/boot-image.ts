/**
 * The boot image: the whole WebAssembly heap of an instance (both
 * interpreters, every object, the allocators' state), the wasm stack pointer,
 * and the file system's shape, taken once after boot and put back after every
 * run. So nothing of one run reaches the next: not a learner's objects, not
 * their source text left in freed memory (the heap is overwritten, and what
 * grew past the image is zeroed), not a patched module, not a file.
 *
 * The heap's copy leaves out all-zero pages (SparseHeap), or, when the host
 * hands over memory it no longer needs (the snapshot's bytes, already
 * resident), is a plain copy into it (FlatHeap): fresh memory costs a page
 * fault per 4 KiB, which made the copy ~10× slower than the bytes it moves.
 *
 * The file system is JavaScript-side (Emscripten's MEMFS), so it is compared
 * instead: files and directories a run created are removed, streams it left
 * open are closed, the working directory is put back; if a file that existed
 * at boot changed (the standard library's zip, say), `restore` reports it and
 * the host replaces the instance.
 */
import type { EmscriptenModule } from "./capi";

/** The parts of Emscripten's FS API used here. */
export interface EmscriptenFS {
  readdir(path: string): string[];
  lstat(path: string): { mode: number; size: number; atime: Date; mtime: Date; ctime: Date; ino: number };
  lookupPath(
    path: string,
    options: { follow: boolean },
  ): { node: { mode: number; atime: number; mtime: number; ctime: number } };
  isDir(mode: number): boolean;
  unlink(path: string): void;
  rmdir(path: string): void;
  cwd(): string;
  chdir(path: string): void;
  close(stream: unknown): void;
  streams: Array<{ fd: number } | null | undefined>;
}

type Entry = { mode: number; size: number; atime: number; mtime: number; ctime: number; ino: number };

const SKIPPED = new Set(["/proc"]);

function walk(fs: EmscriptenFS, path: string, into: Map<string, Entry>): void {
  let names: string[];
  try {
    names = fs.readdir(path);
  } catch {
    return;
  }
  for (const name of names) {
    if (name === "." || name === "..") continue;
    const full = path === "/" ? `/${name}` : `${path}/${name}`;
    if (SKIPPED.has(full)) continue;
    let stat;
    try {
      stat = fs.lstat(full);
    } catch {
      continue;
    }
    into.set(full, {
      mode: stat.mode,
      size: stat.size,
      atime: stat.atime.getTime(),
      mtime: stat.mtime.getTime(),
      ctime: stat.ctime.getTime(),
      ino: stat.ino,
    });
    if (fs.isDir(stat.mode)) walk(fs, full, into);
  }
}

/** WebAssembly's page size: the unit in which the image leaves out zeros. */
const PAGE = 64 * 1024;

/**
 * A copy of a heap without its all-zero pages (about 40% of a booted
 * session's: 13.6 of 36 MB), so they cost no memory in the copy. Restoring
 * zero-fills those pages (a memset; checking them first cost more than the
 * whole copy), so it takes as long as copying the full heap did.
 */
export class SparseHeap {
  readonly length: number;
  /** Per page: its offset in `data`, or -1 for a page of zeros. */
  private readonly offsets: Int32Array;
  private readonly data: Uint8Array;

  constructor(heap: Uint8Array) {
    this.length = heap.length;
    const pages = Math.ceil(heap.length / PAGE);
    this.offsets = new Int32Array(pages).fill(-1);
    const kept: number[] = [];
    for (let p = 0; p < pages; p++) if (!isZero(heap, p)) kept.push(p);
    this.data = new Uint8Array(kept.length * PAGE);
    kept.forEach((p, i) => {
      this.offsets[p] = i * PAGE;
      this.data.set(heap.subarray(p * PAGE, Math.min((p + 1) * PAGE, heap.length)), i * PAGE);
    });
  }

  /** Bytes this copy holds (the non-zero pages). */
  get storedBytes(): number {
    return this.data.length;
  }

  restoreInto(heap: Uint8Array): void {
    for (let p = 0; p < this.offsets.length; p++) {
      const start = p * PAGE;
      const end = Math.min(start + PAGE, this.length);
      const at = this.offsets[p];
      if (at >= 0) heap.set(this.data.subarray(at, at + (end - start)), start);
      else heap.fill(0, start, end);
    }
  }
}

/**
 * A verbatim copy of a heap, kept in memory the host hands over (its pages
 * are resident, so copying costs no page faults); what does not fit goes to
 * a fresh tail.
 */
export class FlatHeap {
  readonly length: number;
  private readonly head: Uint8Array;
  private readonly tail: Uint8Array;

  constructor(heap: Uint8Array, spare: Uint8Array) {
    this.length = heap.length;
    this.head = spare.subarray(0, Math.min(spare.length, heap.length));
    this.head.set(heap.subarray(0, this.head.length));
    this.tail = heap.slice(this.head.length);
  }

  restoreInto(heap: Uint8Array): void {
    heap.set(this.head, 0);
    heap.set(this.tail, this.head.length);
  }
}

/** Page `p` of `heap` holds only zeros (read 4 bytes at a time: a wasm heap is page-aligned). */
function isZero(heap: Uint8Array, p: number): boolean {
  const start = p * PAGE;
  const end = Math.min(start + PAGE, heap.length);
  if ((heap.byteOffset + start) % 4 !== 0 || (end - start) % 4 !== 0) {
    for (let i = start; i < end; i++) if (heap[i] !== 0) return false;
    return true;
  }
  const words = new Int32Array(heap.buffer, heap.byteOffset + start, (end - start) / 4);
  for (let i = 0; i < words.length; i++) if (words[i] !== 0) return false;
  return true;
}

export class BootImage {
  private readonly heap: SparseHeap | FlatHeap;
  private readonly stack: number;
  private readonly files = new Map<string, Entry>();
  private readonly streams: Set<number>;
  private readonly cwd: string;

  /** `spare`: memory nothing else will read or write again, for a FlatHeap; else the copy is sparse. */
  constructor(
    private readonly m: EmscriptenModule,
    private readonly fs: EmscriptenFS,
    spare?: Uint8Array,
  ) {
    this.heap = spare ? new FlatHeap(m.HEAPU8, spare) : new SparseHeap(m.HEAPU8);
    this.stack = m.stackSave();
    walk(fs, "/", this.files);
    this.streams = new Set(fs.streams.filter((s): s is { fd: number } => Boolean(s)).map((s) => s.fd));
    this.cwd = fs.cwd();
  }

  get bytes(): number {
    return this.heap.length;
  }

  /**
   * Puts everything back. Returns null, or why the instance must be replaced
   * (a file that existed at boot changed). Call only when no Python code is
   * running (between runs).
   */
  restore(): string | null {
    const heap = this.m.HEAPU8;
    this.heap.restoreInto(heap);
    // Memory grown during the run: nothing points into it any more; zero what a run left there.
    if (heap.length > this.heap.length) heap.fill(0, this.heap.length);
    this.m.stackRestore(this.stack);
    return this.restoreFiles();
  }

  private restoreFiles(): string | null {
    const fs = this.fs;
    for (const stream of fs.streams) {
      if (stream && !this.streams.has(stream.fd)) {
        try {
          fs.close(stream);
        } catch {
          // already closed
        }
      }
    }
    try {
      if (fs.cwd() !== this.cwd) fs.chdir(this.cwd);
    } catch {
      return "the working directory of the boot image is gone";
    }
    const now = new Map<string, Entry>();
    walk(fs, "/", now);
    const added = [...now.keys()].filter((path) => !this.files.has(path)).sort((a, b) => b.length - a.length);
    for (const path of added) {
      try {
        if (fs.isDir(now.get(path)!.mode)) fs.rmdir(path);
        else fs.unlink(path);
      } catch {
        return `a file a run created could not be removed: ${path}`;
      }
    }
    for (const [path, before] of this.files) {
      const after = now.get(path);
      if (!after) return `a file of the boot image was removed: ${path}`;
      if (after.ino !== before.ino || after.size !== before.size || fs.isDir(after.mode) !== fs.isDir(before.mode)) {
        return `a file of the boot image was changed: ${path}`;
      }
      if (!fs.isDir(before.mode) && after.mtime !== before.mtime)
        return `a file of the boot image was written: ${path}`;
      if (
        after.mode !== before.mode ||
        after.atime !== before.atime ||
        after.ctime !== before.ctime ||
        after.mtime !== before.mtime
      ) {
        // Permissions and times of the writable directories: put back, or a run could
        // leave a few bytes for the next one in them.
        const node = fs.lookupPath(path, { follow: false }).node;
        node.mode = before.mode;
        node.atime = before.atime;
        node.mtime = before.mtime;
        node.ctime = before.ctime;
      }
    }
    return null;
  }
}
