/**
 * The two interpreters of one Pyodide instance and the host's hold on them.
 *
 * - The **judge** is Pyodide's main interpreter: it runs the check files and
 *   decides the verdict. Only instructors' code and ours run in it.
 * - The **learner** interpreter is an isolated subinterpreter (its own
 *   modules, builtins, object allocator and GIL) created when the instance is
 *   prepared. Learner code runs only there. CPython refuses single-phase
 *   extension modules in such an interpreter, Pyodide's JavaScript bridge
 *   (`_pyodide_core`, hence `js` and `pyodide_js`) among them, so learner code
 *   has no route to JavaScript; the modules that would give raw memory or
 *   bypass the measurements (`_ctypes`, `_testinternalcapi`, `mmap`,
 *   `_sqlite3`'s own allocator …) are taken out of the runtime's table of
 *   built-in modules; a C-level audit hook (which no Python code can remove)
 *   refuses building code objects from bytes (`code.__new__`, `marshal`), the
 *   known way to corrupt memory from pure Python, and starting processes.
 *
 * The host switches between them by swapping thread states; every C API call
 * on a learner object happens with the learner's thread state current.
 */
import { clearInterrupt, takeInterrupt, type InterruptReason } from "../runner/interrupt";
import { CApi, type Ptr } from "./capi";
import { guardFiles } from "./file-guard";

/** Built-in modules no learner code may load (raw memory, other allocators, test hooks, processes, sockets). */
export const BLOCKED_MODULES = [
  "_ctypes",
  "_testinternalcapi",
  "_testcapi",
  "_testbuffer",
  "_testclinic",
  "_testclinic_limited",
  "_testlimitedcapi",
  "_xxtestfuzz",
  "xxsubtype",
  "_remote_debugging",
  "_posixsubprocess",
  "mmap",
  "_sqlite3",
  "_socket",
  // Another interpreter would run outside the audit hook's and file guard's view.
  "_interpreters",
  "_interpqueues",
  "_interpchannels",
] as const;

/** Audit events refused in the learner interpreter that build code objects from raw bytes: tampering. */
const CODE_EVENTS = new Set(["code.__new__", "marshal.loads", "marshal.load"]);
/**
 * Audit events refused in the learner interpreter that would start a process
 * or signal one: in Node, Emscripten's system() really runs a shell command.
 */
const PROCESS_EVENTS = new Set([
  "os.system",
  "os.exec",
  "os.posix_spawn",
  "os.spawn",
  "os.fork",
  "os.forkpty",
  "os.kill",
  "os.killpg",
  "subprocess.Popen",
]);

/** PyInterpreterConfig: own allocator and GIL, no fork/exec/threads, multi-phase extensions only. */
const LEARNER_CONFIG = [0, 0, 0, 0, 0, 1, 2];

/** Where the judge keeps the learner's thread state across a memory snapshot (a module in its sys.modules). */
export const ENGINE_STATE_MODULE = "_leakless_engine";

/** How long learner code may go on after its first KeyboardInterrupt before it is unwound. */
const ABANDON_AFTER_MS = 250;

/** Thrown through the interpreter to stop learner code that ignores its KeyboardInterrupts. */
export class RunAbandoned extends Error {
  constructor() {
    super("the learner's code ignored its interrupt and was abandoned");
    this.name = "RunAbandoned";
  }
}

export interface Tampering {
  event: string;
}

export class Interpreters {
  readonly api: CApi;
  readonly judgeTs: Ptr;
  readonly learnerTs: Ptr;
  readonly judgeInterp: Ptr;
  readonly learnerInterp: Ptr;
  /** Refused audit events since the last `takeTampering()`. */
  private tampering: Tampering[] = [];
  private deadline = Number.POSITIVE_INFINITY;
  private interruptBuffer: Int32Array | null = null;
  private interruptReasons: InterruptReason[] = [];
  private polls = 0;
  /** The thread state the host made current last (see `swap`). */
  private current: Ptr;
  private lastInjection = 0;
  private firstInjection = 0;
  private judgeSignalled = false;
  private pendingSignal = 0;
  /** Why the current run was interrupted, if it was. */
  interrupted: InterruptReason | null = null;

  private constructor(api: CApi, judgeTs: Ptr, learnerTs: Ptr) {
    this.api = api;
    this.judgeTs = judgeTs;
    this.learnerTs = learnerTs;
    this.current = api.PyThreadState_Get();
    this.judgeInterp = api.PyInterpreterState_Get();
    const previous = api.PyThreadState_Swap(learnerTs);
    this.learnerInterp = api.PyInterpreterState_Get();
    api.PyThreadState_Swap(previous);
  }

  /**
   * Creates the learner interpreter (once per instance, before a memory
   * snapshot) and blocks the dangerous built-in modules for good.
   */
  static create(api: CApi): Interpreters {
    blockModules(api);
    const judgeTs = api.PyThreadState_Get();
    const config = api.malloc(LEARNER_CONFIG.length * 4);
    LEARNER_CONFIG.forEach((value, index) => api.setI32(config + 4 * index, value));
    const out = api.malloc(4);
    const status = api.malloc(16);
    api.PyThreadState_Swap(0);
    api.Py_NewInterpreterFromConfig(status, out, config);
    const failed = api.i32(status) !== 0;
    const message = failed ? api.m.UTF8ToString(api.i32(status + 8)) : "";
    const learnerTs = api.i32(out);
    api.PyThreadState_Swap(judgeTs);
    api.free(config);
    api.free(out);
    api.free(status);
    if (failed || !learnerTs) throw new Error(`could not create the learner interpreter: ${message}`);
    const interpreters = new Interpreters(api, judgeTs, learnerTs);
    interpreters.rememberInJudge();
    return interpreters;
  }

  /** The learner interpreter of an instance restored from a snapshot made after `create`. */
  static restore(api: CApi): Interpreters {
    const judgeTs = api.PyThreadState_Get();
    const state = api.PyImport_ImportModule(api.staticCString(ENGINE_STATE_MODULE));
    if (!state) {
      api.PyErr_Clear();
      throw new Error("this interpreter has no learner interpreter (not prepared by the judge)");
    }
    const value = api.PyObject_GetAttr(state, api.newStr("learner_tstate"));
    api.Py_DecRef(state);
    const learnerTs = value ? api.PyLong_AsLongAndOverflow(value, 0) : 0;
    if (value) api.Py_DecRef(value);
    if (!learnerTs) throw new Error("the snapshot's learner interpreter could not be found");
    blockModules(api); // already done before the snapshot; checks it stayed done
    return new Interpreters(api, judgeTs, learnerTs);
  }

  private rememberInJudge(): void {
    const api = this.api;
    const state = api.PyModule_New(api.staticCString(ENGINE_STATE_MODULE));
    const value = api.PyLong_FromLong(this.learnerTs);
    api.PyModule_AddObjectRef(state, api.staticCString("learner_tstate"), value);
    api.Py_DecRef(value);
    const modules = api.PyImport_GetModuleDict();
    const name = api.newStr(ENGINE_STATE_MODULE);
    api.PyDict_SetItem(modules, name, state);
    api.Py_DecRef(name);
    api.Py_DecRef(state);
  }

  /**
   * Makes `ts` the current thread state and returns the previous one. Every
   * switch between the interpreters goes through here, so the host always
   * knows which one runs, even while Python has released its GIL (file I/O),
   * when CPython itself has no current thread state to ask.
   */
  swap(ts: Ptr): Ptr {
    const previous = this.api.PyThreadState_Swap(ts);
    this.current = ts;
    return previous;
  }

  inLearner<T>(fn: () => T): T {
    const previous = this.swap(this.learnerTs);
    try {
      return fn();
    } finally {
      this.swap(previous);
    }
  }

  inJudge<T>(fn: () => T): T {
    const previous = this.swap(this.judgeTs);
    try {
      return fn();
    } finally {
      this.swap(previous);
    }
  }

  learnerIsCurrent(): boolean {
    return this.current === this.learnerTs;
  }

  /** Runs Python source in the `__main__` of the current interpreter; throws with the error's text. */
  runSource(source: string, filename: string): void {
    const api = this.api;
    const code = withCString(api, source, (src) =>
      withCString(api, filename, (name) => api.Py_CompileString(src, name, 257 /* Py_file_input */)),
    );
    if (!code) throw new Error(`could not compile ${filename}: ${takeErrorText(api)}`);
    const main = api.PyImport_ImportModule(api.staticCString("__main__"));
    const globals = api.PyModule_GetDict(main);
    const result = api.PyEval_EvalCode(code, globals, globals);
    api.Py_DecRef(code);
    api.Py_DecRef(main);
    if (!result) throw new Error(`${filename} failed: ${takeErrorText(api)}`);
    api.Py_DecRef(result);
  }

  // ------------------------------------------------------------------ audit hook

  /**
   * Installs the C-level audit hook (after every snapshot restore: the hook
   * is a host function, which a memory snapshot does not carry). Refused
   * events raise PermissionError in the learner and are remembered: the run
   * that attempted them can never pass.
   */
  installAuditHook(): void {
    const api = this.api;
    const hook = api.m.addFunction((eventPtr: number): number => {
      if (!this.learnerIsCurrent()) return 0;
      // Cheap first-byte filter: every refused event starts with "c", "m", "o" or "s".
      const first = api.m.HEAPU8[eventPtr];
      if (first !== 99 && first !== 109 && first !== 111 && first !== 115) return 0;
      const event = api.m.UTF8ToString(eventPtr);
      if (PROCESS_EVENTS.has(event)) {
        api.raise(
          api.exc.PermissionError,
          `${event} is not available in Leakless: your code cannot start or signal processes`,
        );
        return -1;
      }
      if (!CODE_EVENTS.has(event)) return 0;
      this.tampering.push({ event });
      api.raise(api.exc.PermissionError, `${event} is not allowed in Leakless: it can build code that corrupts memory`);
      return -1;
    }, "iiii");
    if (api.PySys_AddAuditHook(hook, 0) !== 0)
      throw new Error(`could not install the audit hook: ${takeErrorText(api)}`);
  }

  /**
   * Makes the shared file system read-only to learner code outside its
   * scratch directories (file-guard.ts). Like the audit hook, once per boot.
   */
  installFileGuard(): void {
    guardFiles((this.api.m as unknown as { FS: Parameters<typeof guardFiles>[0] }).FS, () => this.learnerIsCurrent());
  }

  takeTampering(): Tampering[] {
    const taken = this.tampering;
    this.tampering = [];
    return taken;
  }

  // ------------------------------------------------------------------ interrupts

  /**
   * Time limits and the Stop button. CPython delivers a signal only to the
   * main interpreter, so Pyodide's interrupt buffer would stop the judge but
   * never a loop in the learner's code. CPython polls that buffer from every
   * interpreter's eval loop, though, by reading `Module.Py_EmscriptenSignalBuffer[0]`;
   * here that read is a getter: in the learner it raises KeyboardInterrupt
   * into the learner's thread (PyThreadState_SetAsyncExc), in the judge it
   * answers SIGINT as usual. `buffer` is the page's shared Int32Array (see
   * lib/runner/interrupt.ts); a deadline is the server's own clock.
   */
  installInterruptPoll(buffer: Int32Array | null): void {
    const api = this.api;
    this.interruptBuffer = buffer;
    const poll = (): number => {
      this.polls++;
      const shared = this.interruptBuffer;
      const asked = shared ? takeInterrupt(shared) : null;
      // The clock is read every 16 polls: the eval loop polls often.
      const now = asked || (this.polls & 15) === 0 ? performance.now() : 0;
      if (asked) this.interrupted ??= asked;
      else if (now > this.deadline) this.interrupted ??= "timeout";
      if (this.interrupted === null) return 0;
      if (this.learnerIsCurrent()) {
        // The learner gets a KeyboardInterrupt, again every 10 ms if it catches it; code
        // that still runs ABANDON_AFTER_MS later is unwound from here (the heap goes
        // back to the boot image anyway). Code stuck in C never polls: the host's
        // own hard limit (terminating the worker or process) is the backstop.
        if (!now) return 0;
        this.firstInjection ||= now;
        if (now - this.firstInjection > ABANDON_AFTER_MS) throw new RunAbandoned();
        if (now - this.lastInjection > 10) {
          this.lastInjection = now;
          api.PyThreadState_SetAsyncExc(api.PyThread_get_thread_ident(), api.exc.KeyboardInterrupt);
        }
        return 0;
      }
      // The judge (trusted code) gets one SIGINT, a KeyboardInterrupt the usual way, when
      // the interrupt finds it running its own code; after the learner's interruption
      // it is the harness that reports the timeout.
      if (this.judgeSignalled || this.firstInjection) return 0;
      this.judgeSignalled = true;
      return 2;
    };
    // Pyodide's helper reads `Module.Py_EmscriptenSignalBuffer` outside its try/catch
    // and then its `[0]` inside (where a throw would be swallowed): so the poll runs,
    // and RunAbandoned escapes, on the first read; `[0]` hands over the judge's signal.
    const signalBuffer = {};
    Object.defineProperty(signalBuffer, 0, {
      get: () => {
        const taken = this.pendingSignal;
        this.pendingSignal = 0;
        return taken;
      },
      set: () => {},
    });
    Object.defineProperty(api.m, "Py_EmscriptenSignalBuffer", {
      configurable: true,
      get: () => {
        this.pendingSignal ||= poll();
        return signalBuffer;
      },
      set: () => {},
    });
    api.m.HEAPU8[api.m._Py_EMSCRIPTEN_SIGNAL_HANDLING as number] = 1;
  }

  /** Starts the clock of one run; `null` leaves stopping to the interrupt buffer. */
  startRun(timeLimitMs: number | null): void {
    this.interrupted = null;
    this.tampering = [];
    this.lastInjection = 0;
    this.firstInjection = 0;
    this.judgeSignalled = false;
    this.pendingSignal = 0;
    this.deadline = timeLimitMs === null ? Number.POSITIVE_INFINITY : performance.now() + timeLimitMs;
    if (this.interruptBuffer) clearInterrupt(this.interruptBuffer);
  }

  endRun(): void {
    this.deadline = Number.POSITIVE_INFINITY;
  }
}

function blockModules(api: CApi): void {
  // CPython copies PyImport_Inittab into the runtime at start-up and looks
  // built-in modules up in that copy (_PyRuntime.imports.inittab): find the
  // copy (a pointer inside _PyRuntime to an array whose first entry equals the
  // original's) and remove the blocked entries from it in place.
  const original = api.i32(api.m._PyImport_Inittab as number);
  const runtime = api.m.__PyRuntime as number;
  const firstName = api.i32(original);
  const firstInit = api.i32(original + 4);
  let copy = 0;
  for (let offset = 0; offset < 1 << 20; offset += 4) {
    const candidate = api.i32(runtime + offset);
    if (candidate > 0 && candidate % 4 === 0 && candidate < api.m.HEAPU8.length - 8) {
      if (api.i32(candidate) === firstName && api.i32(candidate + 4) === firstInit) {
        copy = candidate;
        break;
      }
    }
  }
  if (!copy) throw new Error("could not find the runtime's table of built-in modules");
  const entries: Array<[number, number]> = [];
  for (let at = copy; api.i32(at) !== 0; at += 8) entries.push([api.i32(at), api.i32(at + 4)]);
  const blocked = new Set<string>(BLOCKED_MODULES);
  const kept = entries.filter(([name]) => !blocked.has(api.m.UTF8ToString(name)));
  kept.forEach(([name, init], index) => {
    api.setI32(copy + 8 * index, name);
    api.setI32(copy + 8 * index + 4, init);
  });
  for (let index = kept.length; index < entries.length; index++) {
    api.setI32(copy + 8 * index, 0);
    api.setI32(copy + 8 * index + 4, 0);
  }
}

function withCString<T>(api: CApi, text: string, fn: (ptr: Ptr) => T): T {
  const ptr = api.cString(text);
  try {
    return fn(ptr);
  } finally {
    api.free(ptr);
  }
}

/** The pending Python exception as `Type: message`, cleared. */
export function takeErrorText(api: CApi): string {
  const exc = api.PyErr_GetRaisedException();
  if (!exc) return "(no Python exception)";
  try {
    const { qualname } = api.typeName(api.typeOf(exc));
    let message = "";
    try {
      message = api.strOf(exc);
    } catch {
      api.PyErr_Clear();
    }
    return message ? `${qualname}: ${message}` : qualname;
  } finally {
    api.Py_DecRef(exc);
  }
}
