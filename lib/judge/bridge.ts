/**
 * What crosses between the judge and the learner interpreters, and how.
 *
 * The judge never holds a learner object and the learner never holds a judge
 * object. Instead:
 *
 * - a learner object reaches the checks as a **handle** (`LearnerObject` in
 *   leakless/_bridge.py): an id in `handles` below, where the host keeps one
 *   strong reference to the object for as long as the judge's handle lives.
 *   Every operation on a handle (attribute, call, item, iteration, ...) is done
 *   here, with the C API, in the learner interpreter; its result comes back by
 *   the rules below. Values of the immutable built-in types (None, bool, int,
 *   float, complex, str, bytes, and tuples/frozensets of such values) are
 *   copied; built-in static types are shared (they are the same objects in
 *   both interpreters); everything else is a handle.
 * - a judge object passed to learner code (a call's arguments, an attribute
 *   set by a check) is copied when it is a value of a built-in type (lists,
 *   dicts and sets too, deeply, sharing and cycles kept, with the same
 *   allocated sizes so `sys.getsizeof` agrees), and otherwise lent as a
 *   `JudgeObject` proxy in the learner that can be called and iterated and
 *   nothing else: no attribute of a judge object is reachable from learner
 *   code (a check's function would lead to its globals, code and constants).
 * - an exception raised in the learner becomes, in the judge, an instance of
 *   a mirror class (named like the learner's, deriving from the same built-in
 *   exception), never one of the judge's own exceptions: a learner cannot
 *   raise the judge's `unittest.SkipTest` or an `AssertionError` the harness
 *   would count as the check's own failure.
 *
 * Nothing here runs Python code of ours in the learner interpreter: learner
 * code can replace any Python object it can reach, and nothing it can reach
 * decides anything.
 */
import { CApi, PythonErrorSet, METH_FASTCALL, TP_BASE_OFFSET as TP_BASE, type Ptr } from "./capi";
import { TracemallocViews, VIEWED_FUNCTIONS, type ViewedFunction } from "./tracemalloc-views";
import { Interpreters } from "./interpreters";

/** Operation codes of `_leakless_host.op`; leakless/_bridge.py has the same table (a test compares them). */
export const OPS = {
  GETATTR: 1,
  SETATTR: 2,
  DELATTR: 3,
  CALL: 4,
  GETITEM: 5,
  SETITEM: 6,
  DELITEM: 7,
  LEN: 8,
  CONTAINS: 9,
  BOOL: 10,
  HASH: 11,
  ITER: 12,
  NEXT: 13,
  REPR: 14,
  STR: 15,
  FORMAT: 16,
  DIR: 17,
  COMPARE: 18,
  NUMBER: 19,
  VALUE: 20,
  ISINSTANCE: 21,
  ISSUBCLASS: 22,
  TYPE: 23,
  SIZEOF: 24,
  REFCOUNT: 25,
  TRACKED: 26,
  ADDRESS: 27,
  TYPENAME: 28,
  CALLABLE: 29,
  REFERENTS: 30,
  REFERRERS: 31,
  FINALIZED: 32,
  IS: 33,
  STATIC_BASE: 34,
} as const;

/** Built-in kinds of a learner object, by its nearest static base type; leakless/_bridge.py mirrors these. */
export const KINDS = {
  OTHER: 0,
  INT: 1,
  FLOAT: 2,
  COMPLEX: 3,
  STR: 4,
  BYTES: 5,
  BYTEARRAY: 6,
  TUPLE: 7,
  LIST: 8,
  DICT: 9,
  SET: 10,
  FROZENSET: 11,
  TYPE: 12,
  MODULE: 13,
  BOOL: 14,
} as const;

/** Number protocol entry points `_leakless_host.op(NUMBER, ...)` may name. */
const NUMBER_FUNCTIONS = [
  "Add",
  "Subtract",
  "Multiply",
  "TrueDivide",
  "FloorDivide",
  "Remainder",
  "Power",
  "Lshift",
  "Rshift",
  "And",
  "Or",
  "Xor",
  "MatrixMultiply",
  "Negative",
  "Positive",
  "Absolute",
  "Invert",
  "Index",
  "Long",
  "Float",
] as const;

/** Operations learner code may ask of a judge object it was lent. */
const LENT = { CALL: 1, ITER: 2, NEXT: 3, LEN: 4, BOOL: 5, GETITEM: 6, CONTAINS: 7, REPR: 8, STR: 9, METHOD: 10 };
/** Generator methods a lent generator offers (everything else about a judge object is out of reach). */
const LENT_METHODS = new Set(["send", "throw", "close"]);

/** Deepest nesting a copy follows (a deeper structure is refused with an error, not a crash). */
const MAX_COPY_DEPTH = 200;

type Memo = Map<Ptr, Ptr> | null;

/** A learner exception turned into the judge's terms (see `learnerError`). */
export class Bridge {
  private readonly api: CApi;
  private readonly ip: Interpreters;
  /** hid → learner object (one strong reference each). */
  private handles = new Map<number, Ptr>();
  private handleIds = new Map<Ptr, number>();
  private nextHid = 1;
  /** Judge objects lent to the learner: rid → judge object (strong), and the learner proxy (weak). */
  private lent = new Map<number, { judge: Ptr; proxyRef: Ptr }>();
  private lentIds = new Map<Ptr, number>();
  private nextRid = 1;
  /** Learner weak references made for the judge's measurements: wid → learner weakref. */
  private weakrefs = new Map<number, Ptr>();
  private nextWid = 1;
  /** Assertion failures of check callbacks (lent functions) that learner code may have swallowed. */
  private callbackFailures: Ptr[] = [];
  /** The judge's and the learner's views of the one tracemalloc (tracemalloc-views.ts). */
  private tmViews!: TracemallocViews;

  // Judge-side Python callables (leakless/_bridge.py), borrowed: the module keeps them alive.
  private judge = {
    makeError: 0,
    mirrorType: 0,
    handleType: 0,
    mirrorBase: 0,
    /** Offsets of LearnerObject's slots in its instances. */
    slots: { hid: 0, kind: 0, counterpart: 0, static: 0, address: 0 },
  };
  /** 64 bytes of wasm memory for out-parameters and short argument vectors (made at install, in the image). */
  private scratch = 0;
  private setNextEntry: (set: number, pos: number, key: number, hash: number) => number;
  /** hid → the judge's handle object for it (borrowed: LearnerObject.__del__ removes it), so a handle is canonical. */
  private judgeHandles = new Map<number, Ptr>();
  // Learner-side pieces made at install (captured before any learner code: later patches do not reach them).
  private learner = {
    proxyType: 0,
    ridOffset: 0,
    gcGetObjects: 0,
    gcGetReferrers: 0,
    gcGetReferents: 0,
  };
  /** Judge objects copied into or lent to the learner since `crossings_begin()`. */
  private crossed = new Set<Ptr>();
  /** Addresses of learner objects whose counting `__del__` ran (count_finalizations). */
  private finalizedAddresses: number[] = [];
  /** Learner classes whose `__del__` calls a check counts now (count_finalizations). */
  private countedClasses = new Set<Ptr>();
  /** Learner stdlib types and their judge counterparts (same module and name), captured at install. */
  private counterparts = new Map<Ptr, Ptr>();
  /** The same pairs, judge type → learner type (what a check's `isinstance(obj, array)` asks about). */
  private twins = new Map<Ptr, Ptr>();
  /** The judge's `_tracemalloc` functions, which the learner's `_tracemalloc` forwards to. */
  private tracemalloc = new Map<string, Ptr>();
  /** File names whose frames the learner's tracemalloc never shows (the checks, the leakless package). */
  judgeFiles = new Set<string>();

  constructor(interpreters: Interpreters) {
    this.api = interpreters.api;
    this.ip = interpreters;
    this.setNextEntry = this.api.m.__PySet_NextEntry as (s: number, p: number, k: number, h: number) => number;
  }

  // ================================================================== install

  /**
   * Creates the host modules (`_leakless_host` in the judge, `_leakless_judge`
   * and the `_tracemalloc` stand-in in the learner) and binds the judge's
   * `leakless._bridge`. Runs after every boot (host functions are table
   * entries, which a memory snapshot does not carry), before the boot image.
   */
  install(): void {
    const api = this.api;
    this.ip.inJudge(() => {
      const host = this.newModule("_leakless_host", {
        op: (args) => this.judgeOp(args),
        release: (args) => this.release(args),
        load: (args) => this.load(args),
        run_main: (args) => this.runMain(args),
        collect: () => this.collect(),
        gc: (args) => this.gcControl(args),
        weak_new: (args) => this.weakNew(args),
        weak_get: (args) => this.weakGet(args),
        weak_drop: (args) => this.weakDrop(args),
        census: (args) => this.census(args),
        live_frames: (args) => api.PyLong_FromLong(this.liveFrames(this.targetOf(args[0]))),
        learner_objects: () => this.learnerObjectHandles(),
        module_dict_addresses: () => this.moduleDictAddresses(),
        deep_size: (args) => api.PyLong_FromLong(this.deepSize(this.targetOf(args[0]))),
        layout: (args) => this.layout(this.targetOf(args[0])),
        new_value: (args) => this.newValue(args),
        learner_module: (args) => this.learnerModule(args),
        twin: (args) => {
          const twin = this.twins.get(args[0]);
          return twin ? this.toJudgeHandle(twin) : this.none();
        },
        set_judge_files: (args) => this.setJudgeFiles(args),
        crossings_begin: () => ((this.crossed = new Set()), this.none()),
        crossed: (args) => this.bool(this.crossed.has(args[0])),
        take_finalized: () => this.takeFinalized(),
        finalizations: (args) => this.finalizations(args),
        take_tampering: () => this.takeTampering(),
        take_callback_failures: () => this.takeCallbackFailures(),
        interrupted: () => this.interrupted(),
      });
      this.addToSysModules(host, "_leakless_host");
      api.Py_DecRef(host);
      const bridge = api.PyImport_ImportModule(api.staticCString("leakless._bridge"));
      if (!bridge) throw new Error(`could not import leakless._bridge: ${this.errorText()}`);
      const bind = api.PyObject_GetAttrString(bridge, api.staticCString("_bind_host"));
      const bound = bind ? api.PyObject_CallNoArgs(bind) : 0;
      if (bind) api.Py_DecRef(bind);
      if (!bound) throw new Error(`leakless._bridge._bind_host failed: ${this.errorText()}`);
      api.Py_DecRef(bound);
      const get = (name: string) => {
        const value = api.PyObject_GetAttrString(bridge, api.staticCString(name));
        if (!value) throw new Error(`leakless._bridge.${name} is missing`);
        api.Py_DecRef(value); // borrowed from here on: the module keeps it
        return value;
      };
      this.judge = {
        makeError: get("_make_error"),
        mirrorType: get("_mirror_type"),
        handleType: get("LearnerObject"),
        mirrorBase: get("LearnerException"),
        slots: this.judge.slots,
      };
      api.Py_DecRef(bridge);
      const tm = api.PyImport_ImportModule(api.staticCString("_tracemalloc"));
      if (!tm) throw new Error(`the judge has no _tracemalloc: ${this.errorText()}`);
      for (const name of TRACEMALLOC_FUNCTIONS) {
        const f = api.PyObject_GetAttrString(tm, api.staticCString(name));
        if (!f) throw new Error(`_tracemalloc.${name} is missing`);
        this.tracemalloc.set(name, f); // kept for the life of the instance
      }
      this.tmViews = new TracemallocViews(api, this.tracemalloc, (fn) => this.ip.inJudge(fn));
      // The checks' tracemalloc (and leakless's) goes through the judge's view from now on.
      const judgeTracemalloc = api.PyImport_ImportModule(api.staticCString("tracemalloc"));
      if (!judgeTracemalloc) throw new Error(`the judge has no tracemalloc: ${this.errorText()}`);
      for (const name of VIEWED_FUNCTIONS) {
        const fn = this.hostFunction(name, (args) => this.tmViews.call("judge", name, args));
        for (const target of [tm, judgeTracemalloc]) api.PyModule_AddObjectRef(target, api.staticCString(name), fn);
        api.Py_DecRef(fn);
      }
      api.Py_DecRef(judgeTracemalloc);
      api.Py_DecRef(tm);
    });
    this.ip.inLearner(() => {
      const judgeModule = this.newModule("_leakless_judge", {
        lent: (args) => this.lentOp(args),
        finalized: (args) => this.recordFinalized(args),
      });
      for (const [name, code] of Object.entries(LENT)) {
        const value = api.PyLong_FromLong(code);
        api.PyModule_AddObjectRef(judgeModule, api.staticCString(name), value);
        api.Py_DecRef(value);
      }
      this.addToSysModules(judgeModule, "_leakless_judge");
      api.Py_DecRef(judgeModule);
      const shim = this.newModule(
        "_tracemalloc",
        Object.fromEntries(
          TRACEMALLOC_FUNCTIONS.map((name) => [name, (args: Ptr[]) => this.tracemallocShim(name, args)]),
        ),
      );
      this.addToSysModules(shim, "_tracemalloc");
      api.Py_DecRef(shim);
      // lib/python/learner/_leakless_learner.py, on the learner's sys.path.
      const support = api.PyImport_ImportModule(api.staticCString("_leakless_learner"));
      if (!support) throw new Error(`could not import _leakless_learner: ${this.errorText()}`);
      this.learner.proxyType = this.attribute(support, "JudgeObject"); // kept
      this.learner.ridOffset = this.slotOffset(this.learner.proxyType, "_leakless_rid");
      api.Py_DecRef(support);
      const gc = api.PyImport_ImportModule(api.staticCString("gc"));
      this.learner.gcGetObjects = this.attribute(gc, "get_objects");
      this.learner.gcGetReferrers = this.attribute(gc, "get_referrers");
      this.learner.gcGetReferents = this.attribute(gc, "get_referents");
      api.Py_DecRef(gc);
    });
    const handleType = this.judge.handleType;
    this.judge.slots = {
      hid: this.slotOffset(handleType, "_leakless_hid"),
      kind: this.slotOffset(handleType, "_leakless_kind"),
      counterpart: this.slotOffset(handleType, "_leakless_counterpart"),
      static: this.slotOffset(handleType, "_leakless_static"),
      address: this.slotOffset(handleType, "_leakless_address"),
    };
    this.scratch = api.malloc(64);
    this.captureCounterparts();
  }

  /** The module `name` of the current interpreter (the one already in sys.modules, or a new one) with host functions added. */
  private newModule(name: string, functions: Record<string, (args: Ptr[]) => Ptr>): Ptr {
    const api = this.api;
    const key = api.newStr(name);
    const out = api.malloc(4);
    const found = api.PyDict_GetItemRef(api.PyImport_GetModuleDict(), key, out);
    api.Py_DecRef(key);
    const existing = found === 1 ? api.i32(out) : 0;
    api.free(out);
    const created = existing || api.PyModule_New(api.staticCString(name));
    for (const [fname, impl] of Object.entries(functions)) {
      const fn = this.hostFunction(fname, impl);
      api.PyModule_AddObjectRef(created, api.staticCString(fname), fn);
      api.Py_DecRef(fn);
    }
    return created;
  }

  /** A built-in function object of the current interpreter whose body is `impl` (new reference). */
  private hostFunction(name: string, impl: (args: Ptr[]) => Ptr): Ptr {
    const api = this.api;
    const index = api.m.addFunction(
      (_self: number, argv: number, nargs: number) => this.entry(impl, argv, nargs),
      "iiii",
    );
    return api.PyCMethod_New(api.methodDef(name, index, METH_FASTCALL), 0, 0, 0);
  }

  private addToSysModules(module: Ptr, name: string): void {
    const key = this.api.newStr(name);
    this.api.PyDict_SetItem(this.api.PyImport_GetModuleDict(), key, module);
    this.api.Py_DecRef(key);
  }

  /** `getattr(o, name)` as a new reference, or an Error naming what is missing. */
  private attribute(o: Ptr, name: string): Ptr {
    const value = this.api.PyObject_GetAttrString(o, this.api.staticCString(name));
    if (!value) throw new Error(`missing attribute ${name}: ${this.errorText()}`);
    return value;
  }

  /**
   * The byte offset of a `__slots__` member inside instances of `type`, read
   * from the type's member table (C data no Python code can change), so the
   * host reads the slot from memory: a class attribute put over the slot's
   * descriptor cannot redirect it.
   */
  private slotOffset(type: Ptr, name: string): number {
    const api = this.api;
    // tp_members at offset 120: an array of PyMemberDef {name, type, offset, flags, doc} (20 bytes each).
    for (let member = api.i32(type + 120); member && api.i32(member); member += 20) {
      if (api.m.UTF8ToString(api.i32(member)) === name) return api.i32(member + 8);
    }
    throw new Error(`slot ${name} not found`);
  }

  /** Every host function's frame: arguments in, a new reference or NULL with an exception out, never a JS throw. */
  private entry(impl: (args: Ptr[]) => Ptr, argv: number, nargs: number): Ptr {
    const api = this.api;
    try {
      const args: Ptr[] = new Array(nargs);
      for (let i = 0; i < nargs; i++) args[i] = api.i32(argv + 4 * i);
      return impl(args);
    } catch (error) {
      if (error instanceof PythonErrorSet) return 0;
      // Anything else (the JavaScript stack exhausted inside wasm, a host bug) left C code
      // half-done somewhere below: no Python code may run on that state. Unwind the whole
      // run; the session reports it and puts the boot image back.
      throw error;
    }
  }

  /** Learner types of the standard library whose judge counterparts `__class__` and `type()` answer with. */
  private captureCounterparts(): void {
    for (const [moduleName, names] of COUNTERPART_TYPES) {
      const learnerModule = this.ip.inLearner(() => this.api.PyImport_ImportModule(this.api.staticCString(moduleName)));
      const judgeModule = this.ip.inJudge(() => this.api.PyImport_ImportModule(this.api.staticCString(moduleName)));
      if (!learnerModule || !judgeModule) {
        this.ip.inLearner(() => this.api.PyErr_Clear());
        this.ip.inJudge(() => this.api.PyErr_Clear());
        continue;
      }
      for (const name of names) {
        const l = this.ip.inLearner(() => this.api.PyObject_GetAttrString(learnerModule, this.api.staticCString(name)));
        const j = this.ip.inJudge(() => this.api.PyObject_GetAttrString(judgeModule, this.api.staticCString(name)));
        // Both references are kept for the life of the instance: learner code that deletes
        // the class from its module cannot free it (or rebind what a check compares with).
        if (l && j && l !== j) {
          this.counterparts.set(l, j);
          this.twins.set(j, l);
        } else {
          if (l) this.ip.inLearner(() => this.api.Py_DecRef(l));
          if (j) this.ip.inJudge(() => this.api.Py_DecRef(j));
        }
        this.ip.inLearner(() => this.api.PyErr_Clear());
        this.ip.inJudge(() => this.api.PyErr_Clear());
      }
    }
  }

  /** Call right before the boot image is taken: records the learner's boot state. */
  markImage(): void {
    this.api.markImage();
  }

  /** Forgets every table entry without touching the heap: called right after the boot image is restored. */
  resetAfterRestore(): void {
    this.api.forgetStringsSinceImage();
    this.judgeHandles.clear();
    this.crossed = new Set();
    this.finalizedAddresses = [];
    this.countedClasses.clear();
    this.sources.clear();
    this.handles.clear();
    this.handleIds.clear();
    this.lent.clear();
    this.lentIds.clear();
    this.weakrefs.clear();
    this.callbackFailures = [];
    this.tmViews.reset();
    this.nextHid = 1;
    this.nextRid = 1;
    this.nextWid = 1;
  }

  // ================================================================== running learner code

  /**
   * Runs `fn` with the learner's thread state current and returns its result
   * (a new learner reference). A learner exception is turned into the judge's
   * terms and set in the judge; then PythonErrorSet is thrown. `allowNull`:
   * NULL without an exception is a result (PyIter_Next's end).
   */
  private learnerCall(fn: () => Ptr, allowNull = false): Ptr {
    const api = this.api;
    let result = 0;
    let error = 0;
    const previous = this.ip.swap(this.ip.learnerTs);
    try {
      result = fn();
      if (!result || result === -1) error = api.PyErr_GetRaisedException();
    } finally {
      this.ip.swap(previous);
    }
    if (error) {
      this.raiseLearnerErrorInJudge(error);
      throw new PythonErrorSet();
    }
    if (!result && !allowNull) {
      this.api.raise(this.api.exc.SystemError, "leakless host: a learner call failed without an exception");
      throw new PythonErrorSet();
    }
    return result;
  }

  /** Like learnerCall for C functions that return an int status (-1 = error). */
  private learnerStatus(fn: () => number): number {
    const api = this.api;
    let status = 0;
    let error = 0;
    const previous = this.ip.swap(this.ip.learnerTs);
    try {
      status = fn();
      if (status === -1) error = api.PyErr_GetRaisedException();
    } finally {
      this.ip.swap(previous);
    }
    if (error) {
      this.raiseLearnerErrorInJudge(error);
      throw new PythonErrorSet();
    }
    return status;
  }

  private decLearner(o: Ptr): void {
    if (o) this.ip.inLearner(() => this.api.Py_DecRef(o));
  }

  private decJudge(o: Ptr): void {
    if (o) this.ip.inJudge(() => this.api.Py_DecRef(o));
  }

  // ================================================================== judge → host entry points

  private handleOf(hidObject: Ptr): Ptr {
    const hid = this.api.PyLong_AsLongAndOverflow(hidObject, 0);
    const target = this.handles.get(hid);
    if (target === undefined) {
      this.api.raise(this.api.exc.ValueError, `leakless: learner object #${hid} is gone`);
      throw new PythonErrorSet();
    }
    return target;
  }

  /** `op(code, hid, *args)`: one operation on a learner object, its result in the judge's terms. */
  private judgeOp(args: Ptr[]): Ptr {
    const api = this.api;
    const code = api.PyLong_AsLongAndOverflow(args[0], 0);
    const target = this.handleOf(args[1]);
    const arg = (i: number) => args[2 + i];
    switch (code) {
      case OPS.GETATTR: {
        const name = this.learnerName(arg(0));
        try {
          return this.result(this.learnerCall(() => api.PyObject_GetAttr(target, name)));
        } finally {
          this.decLearner(name);
        }
      }
      case OPS.SETATTR:
      case OPS.DELATTR: {
        const name = this.learnerName(arg(0));
        const value = code === OPS.SETATTR ? this.intoLearner(arg(1)) : 0;
        try {
          this.learnerStatus(() => api.PyObject_SetAttr(target, name, value));
        } finally {
          this.decLearner(name);
          this.decLearner(value);
        }
        return this.none();
      }
      case OPS.CALL: {
        if (api.typeOf(arg(0)) !== api.type.tuple) break;
        if (arg(1) && arg(1) !== api.None && api.typeOf(arg(1)) !== api.type.dict) break;
        const callArgs = this.intoLearner(arg(0));
        const kwargs = arg(1) && arg(1) !== api.None ? this.intoLearner(arg(1)) : 0;
        try {
          return this.result(this.learnerCall(() => api.PyObject_Call(target, callArgs, kwargs)));
        } finally {
          this.decLearner(callArgs);
          this.decLearner(kwargs);
        }
      }
      case OPS.GETITEM: {
        const key = this.intoLearner(arg(0));
        try {
          return this.result(this.learnerCall(() => api.PyObject_GetItem(target, key)));
        } finally {
          this.decLearner(key);
        }
      }
      case OPS.SETITEM: {
        const key = this.intoLearner(arg(0));
        const value = this.intoLearner(arg(1));
        try {
          this.learnerStatus(() => api.PyObject_SetItem(target, key, value));
        } finally {
          this.decLearner(key);
          this.decLearner(value);
        }
        return this.none();
      }
      case OPS.DELITEM: {
        const key = this.intoLearner(arg(0));
        try {
          this.learnerStatus(() => api.PyObject_DelItem(target, key));
        } finally {
          this.decLearner(key);
        }
        return this.none();
      }
      case OPS.LEN:
        return api.PyLong_FromLong(this.learnerStatus(() => api.PyObject_Length(target)));
      case OPS.CONTAINS: {
        const item = this.intoLearner(arg(0));
        try {
          return this.bool(this.learnerStatus(() => api.PySequence_Contains(target, item)) === 1);
        } finally {
          this.decLearner(item);
        }
      }
      case OPS.BOOL:
        return this.bool(this.learnerStatus(() => api.PyObject_IsTrue(target)) === 1);
      case OPS.HASH:
        return api.PyLong_FromLong(this.learnerStatus(() => api.PyObject_Hash(target)));
      case OPS.ITER:
        return this.result(this.learnerCall(() => api.PyObject_GetIter(target)));
      case OPS.NEXT: {
        const item = this.learnerCall(() => api.iterNext(target), true);
        if (!item) {
          api.PyErr_SetObject(api.exc.StopIteration, api.None);
          return 0;
        }
        return this.result(item);
      }
      case OPS.REPR:
      case OPS.STR:
        return this.result(
          this.learnerCall(() => (code === OPS.REPR ? api.PyObject_Repr(target) : api.PyObject_Str(target))),
        );
      case OPS.FORMAT: {
        const spec = this.intoLearner(arg(0));
        try {
          return this.result(this.learnerCall(() => api.PyObject_Format(target, spec)));
        } finally {
          this.decLearner(spec);
        }
      }
      case OPS.DIR:
        return this.result(this.learnerCall(() => api.PyObject_Dir(target)));
      case OPS.COMPARE: {
        // Learner semantics, asked for explicitly: only between two learner objects.
        const other = this.handleOf(arg(0));
        const op = api.PyLong_AsLongAndOverflow(arg(1), 0);
        return this.bool(this.learnerStatus(() => api.PyObject_RichCompareBool(target, other, op)) === 1);
      }
      case OPS.IS:
        return this.bool(target === this.handleOf(arg(0)));
      case OPS.NUMBER:
        return this.numberOp(target, args.slice(2));
      case OPS.VALUE:
        return this.value(target);
      case OPS.ISINSTANCE:
      case OPS.ISSUBCLASS: {
        const cls = this.handleOf(arg(0));
        if (api.typeOf(cls) === api.type.type) {
          // A plain class: the object's real type decides (a `__class__` property cannot lie).
          if (code === OPS.ISINSTANCE) return this.bool(api.isSubtype(api.typeOf(target), cls));
          if (api.isTypeObject(target)) return this.bool(api.isSubtype(target, cls));
        }
        // A class with its own metaclass (an ABC, an Enum) answers for itself, in the learner's interpreter.
        const check = code === OPS.ISINSTANCE ? api.PyObject_IsInstance : api.PyObject_IsSubclass;
        return this.bool(this.learnerStatus(() => check(target, cls)) === 1);
      }
      case OPS.TYPE:
        return this.result(this.learnerCall(() => (api.Py_IncRef(api.typeOf(target)), api.typeOf(target))));
      case OPS.SIZEOF:
        return api.PyLong_FromLong(this.trustedSizeof(target));
      case OPS.REFCOUNT:
        // The host's own reference (the handle) is not the learner's: leave it out.
        return api.PyLong_FromLong(api.refcount(target) - 1);
      case OPS.TRACKED:
        return this.bool(this.ip.inLearner(() => api.PyObject_GC_IsTracked(target)) === 1);
      case OPS.FINALIZED:
        return this.bool(this.ip.inLearner(() => api.PyObject_GC_IsFinalized(target)) === 1);
      case OPS.ADDRESS:
        return api.PyLong_FromLong(target);
      case OPS.TYPENAME: {
        const type = api.isTypeObject(target) && arg(0) === api.True ? target : api.typeOf(target);
        const { qualname, module } = this.ip.inLearner(() => api.typeName(type));
        return this.tupleOf([api.newStr(qualname), api.newStr(module), api.newStr(this.typeShortName(type))]);
      }
      case OPS.STATIC_BASE: {
        const base = api.staticBase(api.isTypeObject(target) ? target : api.typeOf(target));
        api.Py_IncRef(base);
        return base;
      }
      case OPS.CALLABLE:
        return this.bool(api.PyCallable_Check(target) === 1);
      case OPS.REFERENTS:
      case OPS.REFERRERS:
        return this.graphEdges(target, code === OPS.REFERRERS);
      default:
        api.raise(api.exc.ValueError, `leakless host: unknown operation ${code}`);
        return 0;
    }
    api.raise(api.exc.TypeError, `leakless host: bad arguments for operation ${code}`);
    return 0;
  }

  /**
   * An attribute name in the learner, interned (CPython interns names: the
   * learner already holds this very string, and a fresh copy per lookup would
   * be left behind in its caches, a leak no_leak() would see).
   */
  private learnerName(judgeName: Ptr): Ptr {
    const api = this.api;
    if (api.typeOf(judgeName) !== api.type.str) {
      api.raise(api.exc.TypeError, "attribute name must be a string");
      throw new PythonErrorSet();
    }
    const text = api.readStr(judgeName);
    if (text.includes("\0")) return this.intoLearner(judgeName);
    const name = this.ip.inLearner(() => api.PyUnicode_InternFromString(api.staticCString(text)));
    if (!name) throw new PythonErrorSet();
    return name;
  }

  private typeShortName(type: Ptr): string {
    const name = this.api.m.UTF8ToString(this.api.i32(type + 12));
    const dot = name.lastIndexOf(".");
    return dot >= 0 ? name.slice(dot + 1) : name;
  }

  private numberOp(target: Ptr, args: Ptr[]): Ptr {
    const api = this.api;
    const name = api.readStr(args[0]);
    if (!(NUMBER_FUNCTIONS as readonly string[]).includes(name)) {
      api.raise(api.exc.ValueError, `leakless host: unknown number operation ${name}`);
      return 0;
    }
    const fn = api.m[`_PyNumber_${name}`] as (...a: number[]) => number;
    const reflected = args.length > 2 && args[2] === api.True;
    if (args.length < 2 || args[1] === 0) return this.result(this.learnerCall(() => fn(target)));
    const other = this.intoLearner(args[1]);
    try {
      if (name === "Power") {
        return this.result(
          this.learnerCall(() => (reflected ? fn(other, target, api.None) : fn(target, other, api.None))),
        );
      }
      return this.result(this.learnerCall(() => (reflected ? fn(other, target) : fn(target, other))));
    } finally {
      this.decLearner(other);
    }
  }

  /**
   * `sys.getsizeof` as the object's own C implementation computes it: the
   * `__sizeof__` of its nearest built-in (static) type, which learner code
   * cannot replace, plus the header before the object.
   */
  private trustedSizeof(target: Ptr): number {
    const api = this.api;
    const type = api.typeOf(target);
    const base = api.staticBase(type);
    const size = this.ip.inLearner(() => {
      const method = api.PyObject_GetAttrString(base, api.staticCString("__sizeof__"));
      if (!method) return -1;
      const bound = api.PyObject_CallOneArg(method, target);
      api.Py_DecRef(method);
      if (!bound) return -1;
      const n = api.PyLong_AsLongAndOverflow(bound, 0);
      api.Py_DecRef(bound);
      return n;
    });
    if (size < 0) {
      this.ip.inLearner(() => api.PyErr_Clear());
      api.raise(api.exc.TypeError, "this object's size cannot be measured");
      throw new PythonErrorSet();
    }
    return size + api.preHeaderBytes(type);
  }

  /** What tp_traverse reports (referents) or which tracked objects refer to it (referrers), as handles. */
  private graphEdges(target: Ptr, referrers: boolean): Ptr {
    const api = this.api;
    const fn = referrers ? this.learner.gcGetReferrers : this.learner.gcGetReferents;
    const found = this.learnerCall(() => api.PyObject_CallOneArg(fn, target));
    return this.handleList(found);
  }

  /** A judge list of handles for the items of a plain learner list made by gc (new reference, consumed). */
  private handleList(found: Ptr): Ptr {
    const api = this.api;
    const items: Ptr[] = [];
    this.ip.inLearner(() => {
      const n = api.varSize(found);
      const array = api.i32(found + 12);
      for (let i = 0; i < n; i++) {
        const item = api.i32(array + 4 * i);
        if (item === found) continue;
        api.Py_IncRef(item);
        items.push(item);
      }
    });
    this.decLearner(found);
    const out = api.PyList_New(0);
    try {
      for (const item of items) {
        const value = this.toJudgeHandle(item);
        api.PyList_Append(out, value);
        api.Py_DecRef(value);
      }
    } finally {
      items.forEach((item) => this.decLearner(item));
    }
    return out;
  }

  /**
   * Makes `gc.freeze()` raise from now on, in both interpreters (call after the
   * boot's own freeze). Frozen objects are invisible to `gc.get_objects()`, so
   * learner code could hide what it keeps from every census. The function's
   * C entry point is replaced in its method table, which every copy of the
   * `gc` module shares: re-importing gc cannot bring it back.
   */
  refuseFreeze(): void {
    const api = this.api;
    const freeze = this.ip.inLearner(() => {
      const gc = api.PyImport_ImportModule(api.staticCString("gc"));
      const fn = gc ? api.PyObject_GetAttrString(gc, api.staticCString("freeze")) : 0;
      if (gc) api.Py_DecRef(gc);
      return fn;
    });
    if (!freeze) throw new Error(`gc.freeze is missing: ${this.errorText()}`);
    const methodDef = api.i32(freeze + 8); // PyCFunctionObject.m_ml, after the object header
    this.ip.inLearner(() => api.Py_DecRef(freeze));
    const refuse = api.m.addFunction((): number => {
      api.raise(
        api.exc.NotImplementedError,
        "gc.freeze() is not available in Leakless: frozen objects are hidden from the measurements of the checks",
      );
      return 0;
    }, "iii");
    api.setI32(methodDef + 4, refuse); // PyMethodDef.ml_meth
  }

  /** The learner's objects, for a census: a learner list (new reference) from the boot-time `gc.get_objects`. */
  private learnerObjects(): Ptr {
    return this.learnerCall(() => this.api.PyObject_CallNoArgs(this.learner.gcGetObjects));
  }

  /**
   * `census(kinds)`: `(total, [count per kind])` over the learner's tracked
   * objects (those created since boot), where a kind is a learner class
   * (instances of it and its subclasses, by the type's own MRO, which a
   * `__class__` property cannot fake) or a class name (`__name__` or
   * `__qualname__` of the exact type).
   */
  private census(args: Ptr[]): Ptr {
    const api = this.api;
    const spec = args[0];
    const kinds: Array<{ cls: Ptr } | { name: string }> = [];
    const n = api.varSize(spec);
    const isList = api.typeOf(spec) === api.type.list;
    for (let i = 0; i < n; i++) {
      const item = isList ? api.i32(api.i32(spec + 12) + 4 * i) : api.i32(spec + 16 + 4 * i);
      if (api.typeOf(item) === api.type.str) kinds.push({ name: api.readStr(item) });
      else if (api.typeOf(item) === this.judge.handleType) kinds.push({ cls: this.targetOf(item) });
      else kinds.push({ name: "\0" }); // a check's own class: no learner object is an instance of it
    }
    const objects = this.learnerObjects();
    const counts = kinds.map(() => 0);
    let total = 0;
    const names = new Map<Ptr, { qualname: string; short: string }>();
    this.ip.inLearner(() => {
      const count = api.varSize(objects);
      const array = api.i32(objects + 12);
      for (let i = 0; i < count; i++) {
        const o = api.i32(array + 4 * i);
        if (o === objects) continue;
        total++;
        const type = api.typeOf(o);
        kinds.forEach((kind, k) => {
          if ("cls" in kind) {
            if (api.isSubtype(type, kind.cls)) counts[k]++;
            return;
          }
          let name = names.get(type);
          if (!name) {
            name = { qualname: api.typeName(type).qualname, short: this.typeShortName(type) };
            names.set(type, name);
          }
          if (name.short === kind.name || name.qualname === kind.name) counts[k]++;
        });
      }
      api.Py_DecRef(objects);
    });
    const list = api.PyList_New(0);
    for (const c of counts) {
      const v = api.PyLong_FromLong(c);
      api.PyList_Append(list, v);
      api.Py_DecRef(v);
    }
    return this.tupleOf([api.PyLong_FromLong(total), list]);
  }

  /**
   * `live_frames(fn)`: how many frames of a learner function (or method, or
   * code object) are alive in the learner's interpreter: frame objects that
   * outlived their call (kept by a traceback, `sys._getframe()` …) and
   * generators, coroutines and async generators of it that have not finished
   * (their frame lives inside them and holds their variables).
   */
  private liveFrames(target: Ptr): number {
    const api = this.api;
    const code = this.codeOf(target);
    const objects = this.learnerObjects();
    const prefixes = new Map([
      [api.type.generator, "gi"],
      [api.type.coroutine, "cr"],
      [api.type.asyncGenerator, "ag"],
    ]);
    let count = 0;
    this.ip.inLearner(() => {
      const attribute = (o: Ptr, name: string): Ptr => api.PyObject_GetAttrString(o, api.staticCString(name));
      const n = api.varSize(objects);
      const array = api.i32(objects + 12);
      for (let i = 0; i < n; i++) {
        const o = api.i32(array + 4 * i);
        const type = api.typeOf(o);
        if (type === api.type.frame) {
          // A frame object visits its code only while it owns its frame: one inside a
          // live generator does not (the generator is counted), one whose call returned does.
          const referents = api.PyObject_CallOneArg(this.learner.gcGetReferents, o);
          if (!referents) {
            api.PyErr_Clear();
            continue;
          }
          const m = api.varSize(referents);
          const items = api.i32(referents + 12);
          for (let j = 0; j < m; j++) {
            if (api.i32(items + 4 * j) === code) {
              count++;
              break;
            }
          }
          api.Py_DecRef(referents);
          continue;
        }
        const prefix = prefixes.get(type); // these types cannot be subclassed: the getters are the built-in ones
        if (!prefix) continue;
        const own = attribute(o, `${prefix}_code`);
        if (own) api.Py_DecRef(own);
        if (own !== code) {
          if (!own) api.PyErr_Clear();
          continue;
        }
        // Suspended or running, or created and not started (its frame is not None until it finishes).
        let unfinished = false;
        for (const name of [`${prefix}_suspended`, `${prefix}_running`]) {
          const flag = attribute(o, name);
          if (flag) {
            unfinished ||= flag === api.True;
            api.Py_DecRef(flag);
          } else api.PyErr_Clear();
        }
        if (!unfinished) {
          const frame = attribute(o, `${prefix}_frame`);
          if (frame) {
            unfinished = frame !== api.None;
            api.Py_DecRef(frame);
          } else api.PyErr_Clear();
        }
        if (unfinished) count++;
      }
      api.Py_DecRef(objects);
    });
    return count;
  }

  /** The code object of a learner function, bound method or code object (borrowed); TypeError otherwise. */
  private codeOf(target: Ptr): Ptr {
    const api = this.api;
    let fn = target;
    const type = api.typeOf(target);
    if (type === api.type.code) return target;
    if (type === api.type.method) fn = this.ip.inLearner(() => api.PyMethod_Function(target));
    if (api.typeOf(fn) === api.type.function) return this.ip.inLearner(() => api.PyFunction_GetCode(fn));
    const { qualname } = this.ip.inLearner(() => api.typeName(type));
    api.raise(
      api.exc.TypeError,
      `live_frames() needs a function of the learner's code (a def, a method or a generator function), ` +
        `got a '${qualname}' object`,
    );
    throw new PythonErrorSet();
  }

  /** The learner's objects created since boot, as handles (the `gc.get_objects()` of a check). */
  private learnerObjectHandles(): Ptr {
    return this.handleList(this.learnerObjects());
  }

  /** Addresses of every module's namespace in the learner (graph searches do not walk through them). */
  private moduleDictAddresses(): Ptr {
    const api = this.api;
    const addresses: number[] = [];
    this.ip.inLearner(() => {
      const modules = api.PyImport_GetModuleDict();
      const pos = api.malloc(12);
      api.setI32(pos, 0);
      while (api.PyDict_Next(modules, pos, pos + 4, pos + 8) === 1) {
        const entry = api.i32(pos + 8);
        if (api.isSubtype(api.typeOf(entry), api.type.module)) addresses.push(api.PyModule_GetDict(entry));
      }
      api.free(pos);
    });
    const list = api.PyList_New(0);
    for (const a of addresses) {
      const v = api.PyLong_FromLong(a);
      api.PyList_Append(list, v);
      api.Py_DecRef(v);
    }
    return list;
  }

  /**
   * `deep_size(obj)` of leakless.memory for a learner object, computed here
   * from C-level data: trusted sizes (`trustedSizeof`), container items read
   * with the containers' C API, an instance's `__dict__` (`PyObject_GenericGetDict`)
   * and its slots (read at the offsets in the type's member tables). Classes,
   * modules, functions and code are not descended into; each object counts once.
   */
  private deepSize(root: Ptr): number {
    const api = this.api;
    const t = api.type;
    const seen = new Set<Ptr>();
    const stack: Ptr[] = [root];
    let total = 0;
    const skip = new Set([t.type, t.module, t.function, t.cfunction, t.code, t.method]);
    const genericGetDict = api.m._PyObject_GenericGetDict as (o: number, ctx: number) => number;
    this.ip.inLearner(() => {
      while (stack.length) {
        const o = stack.pop()!;
        if (seen.has(o)) continue;
        seen.add(o);
        const type = api.typeOf(o);
        if (api.isTypeObject(o) || [...skip].some((s) => api.isSubtype(type, s))) continue;
        total += this.trustedSizeof(o);
        const kind = this.kindOf(type);
        if (kind === KINDS.DICT) {
          const pos = api.malloc(12);
          api.setI32(pos, 0);
          while (api.PyDict_Next(o, pos, pos + 4, pos + 8) === 1) stack.push(api.i32(pos + 4), api.i32(pos + 8));
          api.free(pos);
        } else if (kind === KINDS.LIST || kind === KINDS.TUPLE || kind === KINDS.SET || kind === KINDS.FROZENSET) {
          for (const item of this.items(o)) {
            stack.push(item);
            api.Py_DecRef(item); // still referenced by the container for this walk
          }
        } else if (this.counterparts.has(type) && this.typeShortName(type) === "deque") {
          const iterator = api.PyObject_GetIter(o);
          for (let item = iterator ? api.PyIter_Next(iterator) : 0; item; item = api.PyIter_Next(iterator)) {
            stack.push(item);
            api.Py_DecRef(item);
          }
          if (iterator) api.Py_DecRef(iterator);
          api.PyErr_Clear();
        }
        // Instances of classes (subclasses of built-ins too): their __dict__ and slots.
        if (api.isHeapType(type)) {
          const dict = genericGetDict(o, 0);
          if (dict) {
            stack.push(dict);
            api.Py_DecRef(dict); // the object keeps its dict
          } else api.PyErr_Clear();
          for (let k = type; k; k = api.i32(k + TP_BASE)) {
            if (!api.isHeapType(k)) break;
            for (let member = api.i32(k + 120); member && api.i32(member); member += 20) {
              // T_OBJECT_EX (16) slots hold object pointers at their offset.
              if (api.i32(member + 4) !== 16) continue;
              const value = api.i32(o + api.i32(member + 8));
              if (value) stack.push(value);
            }
          }
        }
      }
    });
    return total;
  }

  /**
   * `layout(obj)`: (has an instance dict, slot names) of obj's real type, read
   * from the type's C structure: a `__dict__` property or a `__slots__` class
   * attribute of the learner's cannot change the answer.
   */
  private layout(target: Ptr): Ptr {
    const api = this.api;
    const type = api.typeOf(target);
    // tp_dictoffset (offset 144) or Py_TPFLAGS_MANAGED_DICT (1 << 4): instances have a __dict__.
    const hasDict = api.i32(type + 144) !== 0 || (api.u32(type + 84) & (1 << 4)) !== 0;
    const names: Ptr[] = [];
    for (let k = type; k && api.isHeapType(k); k = api.i32(k + TP_BASE)) {
      for (let member = api.i32(k + 120); member && api.i32(member); member += 20) {
        if (api.i32(member + 4) === 16) names.push(api.newStr(api.m.UTF8ToString(api.i32(member)))); // Py_T_OBJECT_EX
      }
    }
    const flag = hasDict ? api.True : api.False;
    api.Py_IncRef(flag);
    return this.tupleOf([flag, this.tupleOf(names)]); // each steals its items
  }

  private setJudgeFiles(args: Ptr[]): Ptr {
    const api = this.api;
    const list = args[0];
    this.judgeFiles = new Set();
    for (let i = 0; i < api.varSize(list); i++) this.judgeFiles.add(api.readStr(api.i32(api.i32(list + 12) + 4 * i)));
    return this.none();
  }

  /**
   * `_leakless_judge.finalized(obj)` (learner side): a counting `__del__` ran
   * for `obj`. Counted only for an instance (by its real type) of a class a
   * check is counting: learner code can call this too, but no more than it
   * could call `obj.__del__()` itself, which counts by design.
   */
  private recordFinalized(args: Ptr[]): Ptr {
    const api = this.api;
    if (args.length === 1 && [...this.countedClasses].some((cls) => api.isSubtype(api.typeOf(args[0]), cls))) {
      this.finalizedAddresses.push(args[0]);
    }
    return this.none();
  }

  /** `finalizations(cls, counting)`: a check starts or stops counting `__del__` calls on instances of learner class `cls`. */
  private finalizations(args: Ptr[]): Ptr {
    const cls = this.targetOf(args[0]);
    if (args[1] === this.api.True) this.countedClasses.add(cls);
    else this.countedClasses.delete(cls);
    return this.none();
  }

  private takeFinalized(): Ptr {
    const api = this.api;
    const list = api.PyList_New(0);
    for (const a of this.finalizedAddresses) {
      const v = api.PyLong_FromLong(a);
      api.PyList_Append(list, v);
      api.Py_DecRef(v);
    }
    this.finalizedAddresses = [];
    return list;
  }

  private release(args: Ptr[]): Ptr {
    const hid = this.api.PyLong_AsLongAndOverflow(args[0], 0);
    this.judgeHandles.delete(hid);
    const target = this.handles.get(hid);
    if (target !== undefined) {
      this.handles.delete(hid);
      this.handleIds.delete(target);
      // May free the object and run its __del__ (learner code), in the learner.
      this.ip.inLearner(() => {
        this.api.Py_DecRef(target);
        if (this.api.PyErr_Occurred()) this.api.PyErr_Clear();
      });
    }
    return this.none();
  }

  /** `load(source, module_name, filename)`: runs learner source as a new module; a handle to it. */
  private load(args: Ptr[]): Ptr {
    const api = this.api;
    const source = api.readStr(args[0]);
    const name = api.readStr(args[1]);
    const filename = api.readStr(args[2]);
    this.rememberSource(filename, source);
    const loaded = this.learnerCall(() => {
      const mod = api.PyModule_New(api.staticCString(name));
      if (!mod) return 0;
      const dict = api.PyModule_GetDict(mod);
      const file = api.newStr(filename);
      const builtins = api.PyImport_ImportModule(api.staticCString("builtins"));
      const ok =
        api.PyDict_SetItemString(dict, api.staticCString("__file__"), file) === 0 &&
        api.PyDict_SetItemString(dict, api.staticCString("__builtins__"), builtins) === 0;
      api.Py_DecRef(file);
      api.Py_DecRef(builtins);
      if (!ok) return 0;
      this.addToSysModules(mod, name);
      this.registerSource(filename, source);
      const src = api.cString(source);
      const fname = api.cString(filename);
      const code = api.Py_CompileString(src, fname, 257);
      api.free(src);
      api.free(fname);
      if (!code) {
        api.Py_DecRef(mod);
        return 0;
      }
      const result = api.PyEval_EvalCode(code, dict, dict);
      api.Py_DecRef(code);
      if (!result) {
        api.Py_DecRef(mod);
        return 0;
      }
      api.Py_DecRef(result);
      return mod;
    });
    return this.result(loaded);
  }

  /** Puts a learner source into the learner's linecache, so its own tracebacks show lines. */
  private registerSource(filename: string, source: string): void {
    const api = this.api;
    const linecache = api.PyImport_ImportModule(api.staticCString("linecache"));
    if (!linecache) return void api.PyErr_Clear();
    const cache = api.PyObject_GetAttrString(linecache, api.staticCString("cache"));
    api.Py_DecRef(linecache);
    if (!cache) return void api.PyErr_Clear();
    const lines = source.split(/(?<=\n)/);
    const list = api.PyList_New(0);
    for (const line of lines) {
      const s = api.newStr(line);
      api.PyList_Append(list, s);
      api.Py_DecRef(s);
    }
    const entry = api.PyTuple_New(4);
    api.PyTuple_SetItem(entry, 0, api.PyLong_FromLong(source.length));
    api.Py_IncRef(api.None);
    api.PyTuple_SetItem(entry, 1, api.None);
    api.PyTuple_SetItem(entry, 2, list);
    api.PyTuple_SetItem(entry, 3, api.newStr(filename));
    const key = api.newStr(filename);
    if (api.PyObject_SetItem(cache, key, entry) !== 0) api.PyErr_Clear();
    api.Py_DecRef(key);
    api.Py_DecRef(entry);
    api.Py_DecRef(cache);
  }

  /** `run_main(source, filename)`: runs learner source as `__main__` (the Run button). */
  private runMain(args: Ptr[]): Ptr {
    const api = this.api;
    const source = api.readStr(args[0]);
    const filename = api.readStr(args[1]);
    this.rememberSource(filename, source);
    this.learnerCall(() => {
      const mod = api.PyModule_New(api.staticCString("__main__"));
      const dict = api.PyModule_GetDict(mod);
      const builtins = api.PyImport_ImportModule(api.staticCString("builtins"));
      api.PyDict_SetItemString(dict, api.staticCString("__builtins__"), builtins);
      api.Py_DecRef(builtins);
      const file = api.newStr(filename);
      api.PyDict_SetItemString(dict, api.staticCString("__file__"), file);
      api.Py_DecRef(file);
      this.addToSysModules(mod, "__main__");
      this.registerSource(filename, source);
      const src = api.cString(source);
      const fname = api.cString(filename);
      const code = api.Py_CompileString(src, fname, 257);
      api.free(src);
      api.free(fname);
      if (!code) {
        api.Py_DecRef(mod);
        return 0;
      }
      const result = api.PyEval_EvalCode(code, dict, dict);
      api.Py_DecRef(code);
      api.Py_DecRef(mod);
      if (!result) return 0;
      return result;
    });
    return this.none();
  }

  /** `learner_module(name)`: a handle to a module of the learner's (importing it there if needed). */
  private learnerModule(args: Ptr[]): Ptr {
    const api = this.api;
    const name = api.readStr(args[0]);
    return this.result(this.learnerCall(() => api.PyImport_ImportModule(api.staticCString(name))));
  }

  /** `new_value(value)`: a copy of a judge value made in the learner, as a handle (never copied back). */
  private newValue(args: Ptr[]): Ptr {
    const made = this.intoLearner(args[0]);
    try {
      return this.toJudgeHandle(made);
    } finally {
      this.decLearner(made);
    }
  }

  /** A full collection in the learner (enabled for it), then the judge's count of unreachable objects. */
  private collect(): Ptr {
    const api = this.api;
    const found = this.ip.inLearner(() => {
      const wasEnabled = api.PyGC_Enable();
      const n = api.PyGC_Collect();
      if (!wasEnabled) api.PyGC_Disable();
      if (api.PyErr_Occurred()) api.PyErr_Clear(); // a learner __del__ or gc callback raised
      return n;
    });
    return api.PyLong_FromLong(found);
  }

  /** `gc(action)`: "disable" | "enable" | "isenabled" for the learner's automatic collector. */
  private gcControl(args: Ptr[]): Ptr {
    const api = this.api;
    const action = api.readStr(args[0]);
    const was = this.ip.inLearner(() => {
      if (action === "disable") return api.PyGC_Disable();
      if (action === "enable") return api.PyGC_Enable();
      const enabled = api.PyGC_Enable();
      if (!enabled) api.PyGC_Disable();
      return enabled;
    });
    return this.bool(was === 1);
  }

  /** `weak_new(hid)`: a weak reference made in the learner by the host (learner code cannot reach it usefully). */
  private weakNew(args: Ptr[]): Ptr {
    const api = this.api;
    const target = this.handleOf(args[0]);
    let failed = false;
    const ref = this.ip.inLearner(() => {
      const r = api.PyWeakref_NewRef(target, 0);
      if (!r) {
        api.PyErr_Clear();
        failed = true;
      }
      return r;
    });
    if (failed) {
      const { qualname } = this.ip.inLearner(() => api.typeName(api.typeOf(target)));
      // CPython's own words; the check library adds which helper and what to do (leakless/_measure.py).
      api.raise(api.exc.TypeError, `cannot create weak reference to '${qualname}' object`);
      return 0;
    }
    const wid = this.nextWid++;
    this.weakrefs.set(wid, ref);
    return api.PyLong_FromLong(wid);
  }

  /** `weak_get(wid)`: a handle to the object if it is alive, else None. */
  private weakGet(args: Ptr[]): Ptr {
    const api = this.api;
    const ref = this.weakrefs.get(api.PyLong_AsLongAndOverflow(args[0], 0));
    if (ref === undefined) return this.none();
    const out = api.malloc(4);
    const alive = this.ip.inLearner(() => api.PyWeakref_GetRef(ref, out));
    const target = api.i32(out);
    api.free(out);
    if (alive !== 1 || !target) return this.none();
    return this.result(target);
  }

  private weakDrop(args: Ptr[]): Ptr {
    const wid = this.api.PyLong_AsLongAndOverflow(args[0], 0);
    const ref = this.weakrefs.get(wid);
    if (ref !== undefined) {
      this.weakrefs.delete(wid);
      this.decLearner(ref);
    }
    return this.none();
  }

  private takeTampering(): Ptr {
    const api = this.api;
    const events = this.ip.takeTampering().map((t) => api.newStr(t.event));
    const list = api.PyList_New(0);
    for (const e of events) {
      api.PyList_Append(list, e);
      api.Py_DecRef(e);
    }
    return list;
  }

  private takeCallbackFailures(): Ptr {
    const api = this.api;
    const list = api.PyList_New(0);
    for (const failure of this.callbackFailures) {
      api.PyList_Append(list, failure);
      api.Py_DecRef(failure);
    }
    this.callbackFailures = [];
    return list;
  }

  private interrupted(): Ptr {
    const reason = this.ip.interrupted;
    return reason === null ? this.none() : this.api.newStr(reason);
  }

  // ================================================================== learner → judge values
  //
  // Conversions run in the interpreter they build objects in (toJudge: the
  // judge's thread state is current; toLearner: the learner's); reading the
  // other interpreter's objects is plain memory reads and reference-count
  // increments, which need no thread state. A decrement that may free a
  // learner object happens in the learner (decLearner), never here.

  /** Takes a new learner reference and returns a new judge reference (copy, counterpart or handle). Judge current. */
  private result(o: Ptr): Ptr {
    try {
      return this.toJudge(o, 0);
    } finally {
      this.decLearner(o);
    }
  }

  /**
   * The judge's view of learner object `o` (borrowed): a copy of an immutable
   * built-in value, a shared static object, the original of a lent judge
   * object, a mirror of a learner exception class, or a handle. Judge current.
   */
  private toJudge(o: Ptr, depth: number): Ptr {
    const api = this.api;
    const t = api.type;
    if (o === api.None || o === api.True || o === api.False || o === api.Ellipsis || o === api.NotImplemented) {
      api.Py_IncRef(o);
      return o;
    }
    const type = api.typeOf(o);
    switch (type) {
      case t.long: {
        const small = this.smallInt(o);
        return small !== null ? api.PyLong_FromLong(small) : this.copyBigInt(o, this.ip.judgeTs);
      }
      case t.float:
        return api.PyFloat_FromDouble(api.f64(o + 8));
      case t.complex:
        return api.PyComplex_FromDoubles(api.f64(o + 8), api.f64(o + 16));
      case t.str:
        return this.copyStr(o);
      case t.bytes:
        return api.PyBytes_FromStringAndSize(o + 16, api.varSize(o));
      case t.tuple:
      case t.frozenset: {
        if (depth > MAX_COPY_DEPTH) return this.toJudgeHandle(o);
        const items = this.items(o);
        const converted: Ptr[] = [];
        try {
          for (const item of items) converted.push(this.toJudge(item, depth + 1));
        } catch (error) {
          converted.forEach((c) => api.Py_DecRef(c));
          throw error;
        } finally {
          this.decAllIn(this.ip.learnerTs, items);
        }
        if (type === t.tuple) return this.tupleOf(converted);
        const list = this.listOf(converted);
        const fs = api.PyFrozenSet_New(list);
        api.Py_DecRef(list);
        if (!fs) throw new PythonErrorSet();
        return fs;
      }
    }
    if (type === this.learner.proxyType) {
      const entry = this.lent.get(this.lentRid(o));
      if (entry) {
        api.Py_IncRef(entry.judge);
        return entry.judge;
      }
    }
    if (api.isTypeObject(o)) {
      if (!api.isHeapType(o)) {
        api.Py_IncRef(o); // a static built-in type: the same object in both interpreters
        return o;
      }
      if (api.isSubtype(o, api.exc.BaseException)) return this.mirrorType(o);
    }
    return this.toJudgeHandle(o);
  }

  /** The value of an int that fits in 32 bits, else null (no allocation, no thread state needed). */
  private smallInt(o: Ptr): number | null {
    const api = this.api;
    const overflow = this.scratch + 16;
    const value = api.PyLong_AsLongAndOverflow(o, overflow);
    return api.i32(overflow) === 0 ? value : null;
  }

  /** A copy of a big int in the interpreter of `targetTs` (through its hexadecimal text). */
  private copyBigInt(o: Ptr, targetTs: Ptr): Ptr {
    const api = this.api;
    const sourceTs = targetTs === this.ip.judgeTs ? this.ip.learnerTs : this.ip.judgeTs;
    const previous = this.ip.swap(sourceTs);
    let hex: string;
    try {
      const s = api.PyNumber_ToBase(o, 16);
      if (!s) {
        api.PyErr_Clear();
        hex = "0";
      } else hex = api.readStrAndDecRef(s);
    } finally {
      this.ip.swap(previous);
    }
    const c = api.cString(hex);
    const value = api.PyLong_FromString(c, 0, 0);
    api.free(c);
    return value;
  }

  /** The rid stored in a learner JudgeObject proxy, read from its slot in memory. */
  private lentRid(proxy: Ptr): number {
    const api = this.api;
    const value = api.i32(proxy + this.learner.ridOffset);
    if (!value || api.typeOf(value) !== api.type.long) return 0;
    return api.PyLong_AsLongAndOverflow(value, 0);
  }

  /**
   * A copy of str `o` made in the current interpreter, read from `o`'s own
   * storage (compact strings; nothing, such as a UTF-8 copy, is cached in `o`).
   */
  private copyStr(o: Ptr): Ptr {
    const api = this.api;
    const state = api.u32(o + 16);
    const kind = (state >> 2) & 7;
    const compact = (state >> 5) & 1;
    const ascii = (state >> 6) & 1;
    const length = api.i32(o + 8);
    if (compact) return api.PyUnicode_FromKindAndData(kind, ascii ? o + 20 : o + 28, length);
    return api.newStr(api.readStr(o)); // a legacy (non-compact) string: rare
  }

  /**
   * New references to the items of a tuple, list, set or frozenset of either
   * interpreter (read from memory and the set's table; no code runs).
   */
  private items(o: Ptr): Ptr[] {
    const api = this.api;
    const out: Ptr[] = [];
    const type = api.typeOf(o);
    if (api.isSubtype(type, api.type.tuple)) {
      const n = api.varSize(o);
      for (let i = 0; i < n; i++) out.push(api.i32(o + 16 + 4 * i));
    } else if (api.isSubtype(type, api.type.list)) {
      const n = api.varSize(o);
      const array = api.i32(o + 12);
      for (let i = 0; i < n; i++) out.push(api.i32(array + 4 * i));
    } else {
      const pos = this.scratch;
      api.setI32(pos, 0);
      while (this.setNextEntry(o, pos, pos + 4, pos + 8) === 1) out.push(api.i32(pos + 4));
    }
    for (const item of out) api.Py_IncRef(item);
    return out;
  }

  /** Drops references to objects of the interpreter whose thread state is `ts` (their finalizers run there). */
  private decAllIn(ts: Ptr, items: Ptr[]): void {
    if (items.length === 0) return;
    const api = this.api;
    const previous = this.ip.swap(ts);
    try {
      for (const item of items) api.Py_DecRef(item);
    } finally {
      this.ip.swap(previous);
    }
  }

  /**
   * A handle (judge LearnerObject) for learner object `o` (borrowed): the same
   * handle while the judge holds it. Made here without running Python: the
   * object is allocated for the handle type and its slots written at the
   * offsets of the type's member table. Judge current.
   */
  private toJudgeHandle(o: Ptr): Ptr {
    const api = this.api;
    let hid = this.handleIds.get(o);
    if (hid === undefined) {
      hid = this.nextHid++;
      api.Py_IncRef(o); // the host's strong reference, released with the handle
      this.handles.set(hid, o);
      this.handleIds.set(o, hid);
    } else {
      const existing = this.judgeHandles.get(hid);
      if (existing !== undefined) {
        api.Py_IncRef(existing);
        return existing;
      }
    }
    const type = api.typeOf(o);
    const handle = api.PyType_GenericAlloc(this.judge.handleType, 0);
    if (!handle) throw new PythonErrorSet();
    const counterpart = this.counterparts.get(type) ?? api.None;
    const staticType = api.isHeapType(type) ? api.None : type;
    api.Py_IncRef(counterpart);
    api.Py_IncRef(staticType);
    const slots = this.judge.slots;
    api.setI32(handle + slots.hid, api.PyLong_FromLong(hid));
    api.setI32(handle + slots.kind, api.PyLong_FromLong(this.kindOf(type)));
    api.setI32(handle + slots.counterpart, counterpart);
    api.setI32(handle + slots.static, staticType);
    api.setI32(handle + slots.address, api.PyLong_FromLong(o));
    this.judgeHandles.set(hid, handle);
    return handle;
  }

  /** The learner object behind a judge handle (borrowed), or an error set in the judge. */
  private targetOf(handle: Ptr): Ptr {
    const api = this.api;
    if (api.typeOf(handle) !== this.judge.handleType) {
      api.raise(api.exc.TypeError, "expected an object of the learner's code");
      throw new PythonErrorSet();
    }
    const target = this.handles.get(this.judgeHid(handle));
    if (target === undefined) {
      api.raise(api.exc.ValueError, "leakless: that learner object is gone");
      throw new PythonErrorSet();
    }
    return target;
  }

  private staticKinds = new Map<Ptr, number>();

  /** The built-in kind of objects of `type` (by its nearest static base type). */
  private kindOf(type: Ptr): number {
    const api = this.api;
    if (!api.isHeapType(type)) {
      const known = this.staticKinds.get(type);
      if (known !== undefined) return known;
    }
    const base = api.staticBase(type);
    const t = api.type;
    let kind: number = KINDS.OTHER;
    if (base === t.bool) kind = KINDS.BOOL;
    else if (base === t.long) kind = KINDS.INT;
    else if (base === t.float) kind = KINDS.FLOAT;
    else if (base === t.complex) kind = KINDS.COMPLEX;
    else if (base === t.str) kind = KINDS.STR;
    else if (base === t.bytes) kind = KINDS.BYTES;
    else if (base === t.bytearray) kind = KINDS.BYTEARRAY;
    else if (base === t.tuple) kind = KINDS.TUPLE;
    else if (base === t.list) kind = KINDS.LIST;
    else if (base === t.dict) kind = KINDS.DICT;
    else if (base === t.set) kind = KINDS.SET;
    else if (base === t.frozenset) kind = KINDS.FROZENSET;
    else if (api.isSubtype(base, t.type)) kind = KINDS.TYPE;
    else if (api.isSubtype(base, t.module)) kind = KINDS.MODULE;
    if (!api.isHeapType(type)) this.staticKinds.set(type, kind);
    return kind;
  }

  /** The judge's mirror class of a learner exception class (a new reference). Judge current. */
  private mirrorType(learnerType: Ptr): Ptr {
    const api = this.api;
    const typeHandle = this.toJudgeHandle(learnerType);
    const base = api.staticBase(learnerType);
    const parent = api.i32(learnerType + TP_BASE);
    let parentMirror: Ptr;
    if (parent && api.isHeapType(parent)) parentMirror = this.mirrorType(parent);
    else {
      parentMirror = base;
      api.Py_IncRef(base);
    }
    try {
      const argv = this.scratch + 32;
      api.setI32(argv, typeHandle);
      api.setI32(argv + 4, parentMirror);
      const mirror = api.PyObject_Vectorcall(this.judge.mirrorType, argv, 2, 0);
      if (!mirror) throw new PythonErrorSet();
      return mirror;
    } finally {
      api.Py_DecRef(typeHandle);
      api.Py_DecRef(parentMirror);
    }
  }

  /**
   * `value(hid)`: the built-in value inside a learner object whose type
   * derives from a built-in one, read with the built-in type's own storage
   * (learner overrides of `__eq__`, `__iter__`, `items` play no part): an int,
   * str, … or a judge list/dict/set/tuple whose elements follow the usual rules.
   * Judge current.
   */
  private value(target: Ptr): Ptr {
    const api = this.api;
    const kind = this.kindOf(api.typeOf(target));
    switch (kind) {
      case KINDS.INT:
      case KINDS.BOOL: {
        const small = this.smallInt(target);
        if (kind === KINDS.BOOL) return this.bool(small !== 0);
        return small !== null ? api.PyLong_FromLong(small) : this.copyBigInt(target, this.ip.judgeTs);
      }
      case KINDS.FLOAT:
        return api.PyFloat_FromDouble(api.f64(target + 8));
      case KINDS.COMPLEX:
        return api.PyComplex_FromDoubles(api.f64(target + 8), api.f64(target + 16));
      case KINDS.STR:
        return this.copyStr(target);
      case KINDS.BYTES:
        return api.PyBytes_FromStringAndSize(target + 16, api.varSize(target));
      case KINDS.BYTEARRAY:
        return api.PyBytes_FromStringAndSize(api.PyByteArray_AsString(target), api.PyByteArray_Size(target));
      case KINDS.TUPLE:
      case KINDS.LIST:
      case KINDS.SET:
      case KINDS.FROZENSET: {
        const items = this.items(target);
        const converted: Ptr[] = [];
        try {
          for (const item of items) converted.push(this.toJudge(item, 1));
        } catch (error) {
          converted.forEach((c) => api.Py_DecRef(c));
          throw error;
        } finally {
          this.decAllIn(this.ip.learnerTs, items);
        }
        if (kind === KINDS.TUPLE) return this.tupleOf(converted);
        const list = this.listOf(converted);
        if (kind === KINDS.LIST) return list;
        const made = kind === KINDS.SET ? api.PySet_New(list) : api.PyFrozenSet_New(list);
        api.Py_DecRef(list);
        if (!made) throw new PythonErrorSet();
        return made;
      }
      case KINDS.DICT: {
        const pairs: Ptr[] = [];
        const pos = this.scratch;
        api.setI32(pos, 0);
        while (api.PyDict_Next(target, pos, pos + 4, pos + 8) === 1) pairs.push(api.i32(pos + 4), api.i32(pos + 8));
        for (const p of pairs) api.Py_IncRef(p);
        const dict = api.PyDict_New();
        try {
          for (let i = 0; i < pairs.length; i += 2) {
            const k = this.toJudge(pairs[i], 1);
            const v = this.toJudge(pairs[i + 1], 1);
            const status = api.PyDict_SetItem(dict, k, v);
            api.Py_DecRef(k);
            api.Py_DecRef(v);
            if (status !== 0) throw new PythonErrorSet();
          }
        } catch (error) {
          api.Py_DecRef(dict);
          throw error;
        } finally {
          this.decAllIn(this.ip.learnerTs, pairs);
        }
        return dict;
      }
      default:
        return this.none();
    }
  }

  // ================================================================== judge → learner values

  /**
   * `toLearner` for a host function the judge called: the learner's thread
   * state is made current for it, and an error it hits goes to the judge.
   */
  private intoLearner(o: Ptr): Ptr {
    const api = this.api;
    const previous = this.ip.swap(this.ip.learnerTs);
    let error = 0;
    try {
      return this.toLearner(o, null, 0);
    } catch (e) {
      if (e instanceof PythonErrorSet) error = api.PyErr_GetRaisedException();
      throw e;
    } finally {
      this.ip.swap(previous);
      if (error) this.raiseLearnerErrorInJudge(error);
    }
  }

  /** A new learner reference for judge object `o` (borrowed). Learner current. */
  private toLearner(o: Ptr, memo: Memo, depth: number): Ptr {
    const api = this.api;
    if (o === api.None || o === api.True || o === api.False || o === api.Ellipsis || o === api.NotImplemented) {
      api.Py_IncRef(o);
      return o;
    }
    const type = api.typeOf(o);
    if (type === this.judge.handleType) {
      const target = this.handles.get(this.judgeHid(o));
      if (target === undefined) {
        api.raise(api.exc.ValueError, "leakless: that learner object is gone");
        throw new PythonErrorSet();
      }
      api.Py_IncRef(target);
      return target;
    }
    this.crossed.add(o);
    const seen = memo?.get(o);
    if (seen !== undefined) {
      api.Py_IncRef(seen);
      return seen;
    }
    if (depth > MAX_COPY_DEPTH) {
      api.raise(api.exc.RecursionError, "a value passed to the learner's code is nested too deeply to copy");
      throw new PythonErrorSet();
    }
    const made = this.copyToLearner(o, type, memo, depth);
    if (!made) throw new PythonErrorSet();
    if (memo && !memo.has(o)) memo.set(o, made);
    return made;
  }

  /** The learner copy (or proxy) of judge object `o`; `toLearner` remembers it in `memo`. Learner current. */
  private copyToLearner(o: Ptr, type: Ptr, memo: Memo, depth: number): Ptr {
    const api = this.api;
    const t = api.type;
    // Containers keep sharing and cycles: one memo per top-level conversion, made when first needed.
    if (
      memo === null &&
      (type === t.tuple || type === t.list || type === t.dict || type === t.set || type === t.frozenset)
    ) {
      memo = new Map();
    }
    switch (type) {
      case t.long: {
        const small = this.smallInt(o);
        return small !== null ? api.PyLong_FromLong(small) : this.copyBigInt(o, this.ip.learnerTs);
      }
      case t.float:
        return api.PyFloat_FromDouble(api.f64(o + 8));
      case t.complex:
        return api.PyComplex_FromDoubles(api.f64(o + 8), api.f64(o + 16));
      case t.str:
        return this.copyStr(o);
      case t.bytes:
        return api.PyBytes_FromStringAndSize(o + 16, api.varSize(o));
      case t.bytearray:
        return api.PyByteArray_FromStringAndSize(api.PyByteArray_AsString(o), api.PyByteArray_Size(o));
      case t.tuple: {
        const n = api.varSize(o);
        const items: Ptr[] = [];
        try {
          for (let i = 0; i < n; i++) items.push(this.toLearner(api.i32(o + 16 + 4 * i), memo, depth + 1));
        } catch (error) {
          items.forEach((item) => api.Py_DecRef(item));
          throw error;
        }
        return this.tupleOf(items);
      }
      case t.list: {
        const n = api.varSize(o);
        // The same allocated size as the original, so sys.getsizeof agrees on both sides.
        const list = api.PyList_New(Math.max(api.i32(o + 16), n));
        if (!list) throw new PythonErrorSet();
        api.setI32(list + 8, 0); // empty until filled: a collection meanwhile sees no NULL items
        memo!.set(o, list);
        for (let i = 0; i < n; i++) {
          const item = this.toLearner(api.i32(api.i32(o + 12) + 4 * i), memo, depth + 1);
          api.setI32(api.i32(list + 12) + 4 * i, item); // PyList_SET_ITEM steals the reference
          api.setI32(list + 8, i + 1);
        }
        return list;
      }
      case t.dict: {
        const dict = api.PyDict_New();
        if (!dict) throw new PythonErrorSet();
        memo!.set(o, dict);
        const pairs: Ptr[] = [];
        const pos = this.scratch;
        api.setI32(pos, 0);
        while (api.PyDict_Next(o, pos, pos + 4, pos + 8) === 1) pairs.push(api.i32(pos + 4), api.i32(pos + 8));
        for (let i = 0; i < pairs.length; i += 2) {
          const k = this.toLearner(pairs[i], memo, depth + 1);
          const v = this.toLearner(pairs[i + 1], memo, depth + 1);
          const status = api.PyDict_SetItem(dict, k, v); // a learner __hash__/__eq__ may run: the learner is current
          api.Py_DecRef(k);
          api.Py_DecRef(v);
          if (status !== 0) throw new PythonErrorSet();
        }
        return dict;
      }
      case t.set:
      case t.frozenset: {
        const judgeItems = this.items(o);
        const learnerItems: Ptr[] = [];
        try {
          for (const item of judgeItems) learnerItems.push(this.toLearner(item, memo, depth + 1));
        } finally {
          this.decAllIn(this.ip.judgeTs, judgeItems);
        }
        const list = this.listOf(learnerItems);
        const made = type === t.set ? api.PySet_New(list) : api.PyFrozenSet_New(list);
        api.Py_DecRef(list);
        return made;
      }
    }
    if (api.isTypeObject(o)) {
      if (!api.isHeapType(o)) {
        api.Py_IncRef(o); // a static built-in type is shared
        return o;
      }
      if (api.isSubtype(o, this.judge.mirrorBase)) {
        // A mirror class goes back as the learner class it mirrors.
        const learnerClass = this.judgeAttribute(o, "__leakless_handle__");
        if (learnerClass) return learnerClass;
      }
    }
    if (api.isException(o)) {
      // A mirror of a learner exception goes back as that very exception.
      const original = this.judgeAttribute(o, "__leakless_handle__");
      if (original) return original;
    }
    return this.lend(o);
  }

  /** The learner object a judge object's `name` attribute is a handle to (new learner reference), or 0. */
  private judgeAttribute(o: Ptr, name: string): Ptr {
    const api = this.api;
    const previous = this.ip.swap(this.ip.judgeTs);
    let handle = 0;
    try {
      handle = api.PyObject_GetAttrString(o, api.staticCString(name));
      if (!handle) api.PyErr_Clear();
    } finally {
      this.ip.swap(previous);
    }
    if (!handle) return 0;
    const target = api.typeOf(handle) === this.judge.handleType ? this.handles.get(this.judgeHid(handle)) : undefined;
    this.decJudge(handle);
    if (target === undefined) return 0;
    api.Py_IncRef(target);
    return target;
  }

  private judgeHid(handle: Ptr): number {
    const value = this.api.i32(handle + this.judge.slots.hid);
    return value ? this.api.PyLong_AsLongAndOverflow(value, 0) : 0;
  }

  /** A JudgeObject proxy in the learner for judge object `o`: the same proxy while it lives. Learner current. */
  private lend(o: Ptr): Ptr {
    const api = this.api;
    let rid = this.lentIds.get(o);
    if (rid !== undefined) {
      const entry = this.lent.get(rid)!;
      const out = this.scratch;
      if (api.PyWeakref_GetRef(entry.proxyRef, out) === 1 && api.i32(out)) return api.i32(out);
      api.Py_DecRef(entry.proxyRef);
    } else {
      rid = this.nextRid++;
      api.Py_IncRef(o);
      this.lentIds.set(o, rid);
    }
    const ridObject = api.PyLong_FromLong(rid);
    const proxy = api.PyObject_CallOneArg(this.learner.proxyType, ridObject);
    api.Py_DecRef(ridObject);
    if (!proxy) throw new PythonErrorSet();
    const proxyRef = api.PyWeakref_NewRef(proxy, 0);
    this.lent.set(rid, { judge: o, proxyRef });
    return proxy;
  }

  // ================================================================== learner → judge calls (lent objects)

  /** `_leakless_judge.lent(code, proxy, *args)`: learner code using a judge object it was lent. */
  private lentOp(args: Ptr[]): Ptr {
    const api = this.api;
    // Arguments come from learner code: check every one.
    if (args.length < 2 || api.typeOf(args[0]) !== api.type.long || api.typeOf(args[1]) !== this.learner.proxyType) {
      api.raise(api.exc.TypeError, "this is Leakless's own function; your code does not need it");
      return 0;
    }
    const code = api.PyLong_AsLongAndOverflow(args[0], 0);
    const entry = this.lent.get(this.lentRid(args[1]));
    if (!entry) {
      api.raise(api.exc.ValueError, "this object of the checks is no longer available");
      return 0;
    }
    const target = entry.judge;
    const rest = args.slice(2);
    switch (code) {
      case LENT.CALL: {
        // Shapes checked here: a call hands CPython exactly a tuple and a dict of str keys, never what learner code claims.
        if (rest.length !== 2 || api.typeOf(rest[0]) !== api.type.tuple) break;
        if (rest[1] !== api.None && api.typeOf(rest[1]) !== api.type.dict) break;
        return this.callJudge(() => {
          const callArgs = this.toJudgeTuple(rest[0]);
          const kwargs = rest[1] !== api.None ? this.toJudgeKwargs(rest[1]) : 0;
          try {
            return api.PyObject_Call(target, callArgs, kwargs);
          } finally {
            api.Py_DecRef(callArgs);
            if (kwargs) api.Py_DecRef(kwargs);
          }
        });
      }
      case LENT.ITER:
        return this.callJudge(() => api.PyObject_GetIter(target));
      case LENT.NEXT:
        return this.callJudge(() => {
          const item = api.iterNext(target);
          if (!item && !api.PyErr_Occurred()) api.PyErr_SetObject(api.exc.StopIteration, api.None);
          return item;
        });
      case LENT.LEN:
        return this.callJudge(() => {
          const n = api.PyObject_Length(target);
          return n < 0 ? 0 : api.PyLong_FromLong(n);
        });
      case LENT.BOOL:
        return this.callJudge(() => {
          const truth = api.PyObject_IsTrue(target);
          return truth < 0 ? 0 : this.bool(truth === 1);
        });
      case LENT.GETITEM:
        if (rest.length !== 1) break;
        return this.callJudge(() => {
          const key = this.toJudge(rest[0], 1);
          try {
            return api.PyObject_GetItem(target, key);
          } finally {
            api.Py_DecRef(key);
          }
        });
      case LENT.CONTAINS:
        if (rest.length !== 1) break;
        return this.callJudge(() => {
          const item = this.toJudge(rest[0], 1);
          try {
            const found = api.PySequence_Contains(target, item);
            return found < 0 ? 0 : this.bool(found === 1);
          } finally {
            api.Py_DecRef(item);
          }
        });
      case LENT.REPR:
      case LENT.STR: {
        // Only the kind of object: a function's name would tell the learner's code which
        // (hidden) check is calling it.
        const type = api.typeOf(target);
        const kind = api.isHeapType(type) ? "object" : this.ip.inJudge(() => api.typeName(type).qualname);
        return api.newStr(`<${kind} of the checks>`);
      }
      case LENT.METHOD: {
        if (rest.length !== 1 || api.typeOf(rest[0]) !== api.type.str) break;
        const name = api.readStr(rest[0]);
        if (!LENT_METHODS.has(name) || !this.ip.inJudge(() => api.isSubtype(api.typeOf(target), api.type.generator))) {
          api.raise(api.exc.AttributeError, `an object of the checks has no attribute '${name}' your code may use`);
          return 0;
        }
        return this.callJudge(() => api.PyObject_GetAttrString(target, api.staticCString(name)));
      }
    }
    api.raise(api.exc.TypeError, "this is Leakless's own function; your code does not need it");
    return 0;
  }

  /**
   * Runs `fn` in the judge (for a lent object) and returns its result to the
   * learner; a judge exception becomes a learner exception of the same
   * built-in class (an assertion failure is also remembered, so learner code
   * that catches it cannot make the check pass).
   */
  private callJudge(fn: () => Ptr): Ptr {
    const api = this.api;
    let result = 0;
    let error = 0;
    const previous = this.ip.swap(this.ip.judgeTs);
    try {
      try {
        result = fn();
      } catch (e) {
        if (!(e instanceof PythonErrorSet)) throw e;
        result = 0;
      }
      if (!result) error = api.PyErr_GetRaisedException();
    } finally {
      this.ip.swap(previous);
    }
    if (error) {
      this.raiseJudgeErrorInLearner(error);
      return 0;
    }
    // Back in the learner (the caller): convert the result here.
    try {
      return this.toLearner(result, null, 0);
    } catch (e) {
      if (e instanceof PythonErrorSet) return 0; // the error is set in the learner
      throw e;
    } finally {
      this.decJudge(result);
    }
  }

  /** A judge dict for a learner dict of keyword arguments (exact str keys, values converted). */
  private toJudgeKwargs(learnerDict: Ptr): Ptr {
    const api = this.api;
    const pairs: Array<[Ptr, Ptr]> = [];
    const pos = this.scratch;
    api.setI32(pos, 0);
    while (api.PyDict_Next(learnerDict, pos, pos + 4, pos + 8) === 1) pairs.push([api.i32(pos + 4), api.i32(pos + 8)]);
    const dict = api.PyDict_New();
    try {
      for (const [key, value] of pairs) {
        if (api.typeOf(key) !== api.type.str) {
          api.raise(api.exc.TypeError, "keywords must be strings");
          throw new PythonErrorSet();
        }
        const k = this.copyStr(key);
        const v = this.toJudge(value, 1);
        const status = api.PyDict_SetItem(dict, k, v);
        api.Py_DecRef(k);
        api.Py_DecRef(v);
        if (status !== 0) throw new PythonErrorSet();
      }
    } catch (error) {
      api.Py_DecRef(dict);
      throw error;
    }
    return dict;
  }

  /** A judge tuple for a learner tuple (judge current). */
  private toJudgeTuple(learnerTuple: Ptr): Ptr {
    const items = this.items(learnerTuple);
    const converted: Ptr[] = [];
    try {
      for (const item of items) converted.push(this.toJudge(item, 1));
    } catch (error) {
      converted.forEach((c) => this.api.Py_DecRef(c));
      throw error;
    } finally {
      this.decAllIn(this.ip.learnerTs, items);
    }
    return this.tupleOf(converted);
  }

  // ================================================================== exceptions

  /** Learner exception (new learner reference) → a judge exception, set in the judge. */
  private raiseLearnerErrorInJudge(exc: Ptr): void {
    const api = this.api;
    const type = api.typeOf(exc);
    const info = this.describeLearnerError(exc);
    const judgeExc = this.ip.inJudge(() => {
      const typeMirror = this.mirrorType(type);
      const excHandle = this.toJudgeHandle(exc);
      const message = api.newStr(info.message);
      const traceback = api.newStr(info.traceback);
      const line = info.line === null ? api.None : api.PyLong_FromLong(info.line);
      if (info.line === null) api.Py_IncRef(api.None);
      const interrupted = this.ip.interrupted !== null && api.isSubtype(type, api.exc.KeyboardInterrupt);
      const argv = api.malloc(24);
      [typeMirror, excHandle, message, traceback, line, interrupted ? api.True : api.False].forEach((p, i) =>
        api.setI32(argv + 4 * i, p),
      );
      const made = api.PyObject_Vectorcall(this.judge.makeError, argv, 6, 0);
      api.free(argv);
      [typeMirror, excHandle, message, traceback, line].forEach((p) => api.Py_DecRef(p));
      return made;
    });
    this.decLearner(exc);
    if (!judgeExc) return; // making the mirror failed: that error is set in the judge
    this.ip.inJudge(() => api.PyErr_SetRaisedException(judgeExc));
  }

  /** Type, message and learner-frames traceback of a learner exception, read without trusting learner code. */
  describeLearnerError(exc: Ptr): { message: string; traceback: string; line: number | null } {
    const api = this.api;
    return this.ip.inLearner(() => {
      let message = "";
      try {
        message = api.strOf(exc);
      } catch {
        api.PyErr_Clear();
        message = "(the exception's str() failed)";
      }
      if (message.length > 4000) message = message.slice(0, 3999) + "…";
      const frames: Array<{ file: string; line: number; name: string }> = [];
      let tb = api.PyException_GetTraceback(exc);
      while (tb && tb !== api.None && api.typeOf(tb) === api.type.traceback) {
        // PyTracebackObject: {HEAD(8), tb_next@8, tb_frame@12, tb_lasti@16, tb_lineno@20}
        const frame = api.i32(tb + 12);
        const lineno = this.tracebackLine(tb);
        const code = (api.m._PyFrame_GetCode as (f: number) => number)(frame);
        const file = this.codeString(code, "co_filename");
        const name = this.codeString(code, "co_qualname");
        api.Py_DecRef(code);
        if (LEARNER_FILES.has(file)) frames.push({ file, line: lineno, name });
        const next = api.i32(tb + 8);
        api.Py_DecRef(tb);
        tb = next;
        if (tb) api.Py_IncRef(tb);
      }
      if (tb) api.Py_DecRef(tb);
      let line = frames.length ? frames[frames.length - 1].line : null;
      const { qualname } = api.typeName(api.typeOf(exc));
      if (api.isSubtype(api.typeOf(exc), api.m._PyExc_SyntaxError ? api.i32(api.m._PyExc_SyntaxError as number) : 0)) {
        const lineno = api.PyObject_GetAttrString(exc, api.staticCString("lineno"));
        if (lineno && api.typeOf(lineno) === api.type.long) line = api.PyLong_AsLongAndOverflow(lineno, 0);
        if (lineno) api.Py_DecRef(lineno);
        else api.PyErr_Clear();
      }
      const parts: string[] = [];
      if (frames.length) {
        parts.push("Traceback (most recent call last):\n");
        for (const f of frames) {
          parts.push(`  File "${f.file}", line ${f.line}, in ${f.name}\n`);
          const source = this.sourceLine(f.file, f.line);
          if (source) parts.push(`    ${source}\n`);
        }
      }
      parts.push(message ? `${qualname}: ${message}\n` : `${qualname}\n`);
      return { message, traceback: parts.join(""), line };
    });
  }

  private tracebackLine(tb: Ptr): number {
    const api = this.api;
    const value = api.PyObject_GetAttrString(tb, api.staticCString("tb_lineno"));
    if (!value) {
      api.PyErr_Clear();
      return 0;
    }
    const n = api.typeOf(value) === api.type.long ? api.PyLong_AsLongAndOverflow(value, 0) : 0;
    api.Py_DecRef(value);
    return n;
  }

  private codeString(code: Ptr, attribute: string): string {
    const api = this.api;
    const value = api.PyObject_GetAttrString(code, api.staticCString(attribute));
    if (!value) {
      api.PyErr_Clear();
      return "?";
    }
    const text = api.typeOf(value) === api.type.str ? api.readStr(value) : "?";
    api.Py_DecRef(value);
    return text;
  }

  private sources = new Map<string, string[]>();

  /** Source lines of learner files, as the host loaded them (not the learner's linecache). */
  rememberSource(file: string, source: string): void {
    this.sources.set(file, source.split("\n"));
  }

  private sourceLine(file: string, line: number): string {
    const lines = this.sources.get(file);
    return lines && line >= 1 && line <= lines.length ? lines[line - 1].trim() : "";
  }

  /** Judge exception (new judge reference) → a learner exception, set in the learner. */
  private raiseJudgeErrorInLearner(exc: Ptr): void {
    const api = this.api;
    // A learner exception that went through a check callback: the learner's own object goes back.
    const handle = this.ip.inJudge(() => {
      const h = api.PyObject_GetAttrString(exc, api.staticCString("__leakless_handle__"));
      if (!h) api.PyErr_Clear();
      return h && api.typeOf(h) === this.judge.handleType ? h : (h && api.Py_DecRef(h), 0);
    });
    if (handle) {
      const original = this.handles.get(this.ip.inJudge(() => this.judgeHid(handle)));
      this.decJudge(handle);
      if (original !== undefined) {
        this.decJudge(exc);
        this.ip.inLearner(() => {
          api.Py_IncRef(original);
          api.PyErr_SetRaisedException(original);
        });
        return;
      }
    }
    const type = api.typeOf(exc);
    const base = api.staticBase(type);
    const { message, isAssertion } = this.ip.inJudge(() => {
      let text = "";
      try {
        text = api.strOf(exc);
      } catch {
        api.PyErr_Clear();
      }
      return { message: text, isAssertion: api.isSubtype(type, api.i32(api.m._PyExc_AssertionError as number)) };
    });
    if (isAssertion) {
      api.Py_IncRef(exc);
      this.callbackFailures.push(exc);
    }
    // A check's assertion text can quote a hidden check: the learner's code gets none of it
    // (the check's own result shows it where the learner may see it).
    const shown = isAssertion ? "a check's assertion failed while it called your code" : message;
    const learnerExc = this.ip.inLearner(() => {
      const text = api.newStr(shown);
      const made = api.PyObject_CallOneArg(base, text);
      api.Py_DecRef(text);
      return made;
    });
    if (!learnerExc) {
      this.decJudge(exc);
      return; // the failure to build it is set in the learner
    }
    // No link back to the judge's exception is kept: it would keep the learner's frames
    // (its traceback) alive for the rest of the run. What comes back is a mirror of the same
    // class and message.
    this.decJudge(exc);
    this.ip.inLearner(() => api.PyErr_SetRaisedException(learnerExc));
  }

  // ================================================================== tracemalloc stand-in

  /**
   * The learner's `_tracemalloc`: tracemalloc's state is one for the whole
   * runtime (the real module refuses subinterpreters), so the learner's
   * calls go to the judge's functions. Traces from the checks' and
   * leakless's own files are not shown to the learner.
   */
  private tracemallocShim(name: string, args: Ptr[]): Ptr {
    const api = this.api;
    const fn = this.tracemalloc.get(name)!;
    if ((VIEWED_FUNCTIONS as readonly string[]).includes(name)) {
      return this.callJudge(() => {
        const judgeArgs = args.map((a) => this.toJudge(a, 1));
        try {
          return this.tmViews.call("learner", name as ViewedFunction, judgeArgs);
        } finally {
          judgeArgs.forEach((a) => api.Py_DecRef(a));
        }
      });
    }
    if (name === "_get_traces" && !this.tmViews.isTracing("learner")) return api.PyList_New(0);
    if (name === "_get_object_traceback") {
      // The judge's function only reads the object's address and type (no code of it runs).
      if (args.length !== 1) {
        api.raise(api.exc.TypeError, "_get_object_traceback() takes exactly one argument");
        return 0;
      }
      return this.callJudge(() => this.filterTraceback(api.PyObject_CallOneArg(fn, args[0])));
    }
    return this.callJudge(() => {
      const judgeArgs = args.map((a) => this.toJudge(a, 1));
      const tuple = this.tupleOf(judgeArgs);
      const result = api.PyObject_Call(fn, tuple, 0);
      api.Py_DecRef(tuple);
      if (!result || name !== "_get_traces") return result;
      return this.filterTraces(result);
    });
  }

  /** Drops frames of judge files from `_get_traces()` output (a list of (domain, size, frames, total_nframe)). */
  private filterTraces(traces: Ptr): Ptr {
    const api = this.api;
    const n = api.varSize(traces);
    const items = api.i32(traces + 12);
    const kept = api.PyList_New(0);
    for (let i = 0; i < n; i++) {
      const trace = api.i32(items + 4 * i);
      const frames = api.i32(trace + 16 + 8);
      const filtered = this.filterTraceback(frames, true);
      if (filtered === api.None) {
        api.Py_DecRef(filtered);
        continue;
      }
      const copy = api.PyTuple_New(4);
      for (let k = 0; k < 4; k++) {
        const value = k === 2 ? filtered : api.i32(trace + 16 + 4 * k);
        if (k !== 2) api.Py_IncRef(value);
        api.PyTuple_SetItem(copy, k, value);
      }
      api.PyList_Append(kept, copy);
      api.Py_DecRef(copy);
    }
    api.Py_DecRef(traces);
    return kept;
  }

  /** A traceback tuple of (filename, lineno) without judge frames; None when nothing is left. */
  private filterTraceback(frames: Ptr, borrowed = false): Ptr {
    const api = this.api;
    if (!frames) return 0;
    if (frames === api.None || api.typeOf(frames) !== api.type.tuple) {
      if (borrowed) api.Py_IncRef(frames);
      return frames;
    }
    const kept: Ptr[] = [];
    const n = api.varSize(frames);
    for (let i = 0; i < n; i++) {
      const frame = api.i32(frames + 16 + 4 * i);
      const file = api.i32(frame + 16);
      const name = api.typeOf(file) === api.type.str ? api.readStr(file) : "";
      if (this.isJudgeFile(name)) continue;
      api.Py_IncRef(frame);
      kept.push(frame);
    }
    if (!borrowed) api.Py_DecRef(frames);
    if (kept.length === 0) {
      api.Py_IncRef(api.None);
      return api.None;
    }
    return this.tupleOf(kept);
  }

  private isJudgeFile(name: string): boolean {
    return this.judgeFiles.has(name) || name.startsWith("/leakless-lib/");
  }

  // ================================================================== small helpers

  private none(): Ptr {
    this.api.Py_IncRef(this.api.None);
    return this.api.None;
  }

  private bool(value: boolean): Ptr {
    const o = value ? this.api.True : this.api.False;
    this.api.Py_IncRef(o);
    return o;
  }

  /** A tuple of the given new references (stolen), in the current interpreter. */
  private tupleOf(items: Ptr[]): Ptr {
    const api = this.api;
    const tuple = api.PyTuple_New(items.length);
    items.forEach((item, i) => api.PyTuple_SetItem(tuple, i, item));
    return tuple;
  }

  /** A list of the given new references (stolen), in the current interpreter. */
  private listOf(items: Ptr[]): Ptr {
    const api = this.api;
    const list = api.PyList_New(items.length);
    items.forEach((item, i) => api.PyList_SetItem(list, i, item));
    return list;
  }

  private errorText(): string {
    const api = this.api;
    const exc = api.PyErr_GetRaisedException();
    if (!exc) return "(no Python exception)";
    try {
      return api.strOf(exc);
    } catch {
      api.PyErr_Clear();
      return "(unprintable)";
    } finally {
      api.Py_DecRef(exc);
    }
  }
}

/** The functions of `_tracemalloc` the learner's stand-in offers (what tracemalloc.py uses). */
const TRACEMALLOC_FUNCTIONS = [
  "_get_object_traceback",
  "_get_traces",
  "clear_traces",
  "get_traceback_limit",
  "get_traced_memory",
  "get_tracemalloc_memory",
  "is_tracing",
  "reset_peak",
  "start",
  "stop",
];

/** Files whose frames are the learner's own (the rest of a learner traceback is the standard library's or ours). */
export const LEARNER_FILES = new Set(["submission.py", "fixtures.py"]);

/** Learner modules whose types have judge counterparts of the same name (for isinstance and type()). */
export const COUNTERPART_TYPES: Array<[string, string[]]> = [
  ["array", ["array"]],
  [
    "collections.abc",
    ["Iterable", "Iterator", "Generator", "Sized", "Container", "Collection", "Hashable", "Callable"],
  ],
  ["collections.abc", ["Sequence", "MutableSequence", "Mapping", "MutableMapping", "Set", "MutableSet"]],
  ["io", ["StringIO", "BytesIO"]],
  ["collections", ["deque", "OrderedDict", "defaultdict", "Counter"]],
  ["decimal", ["Decimal"]],
  ["fractions", ["Fraction"]],
  ["datetime", ["date", "datetime", "time", "timedelta"]],
  ["functools", ["partial"]],
  ["weakref", ["WeakValueDictionary", "WeakKeyDictionary", "WeakSet", "WeakMethod", "finalize"]],
];
