/**
 * Interpreter integrity for a verifier process that serves many jobs.
 *
 * A warm process may only take the next job if nothing the previous learner
 * did can change that job's verdict. The `leakless` harness already puts the
 * interpreter back after every run (lib/python/leakless/_isolation.py); this
 * module is the verifier's second line: it checks, after every job, that the
 * interpreter really is as it was at boot, and it refuses up front the few
 * changes that could neither be undone nor seen afterwards.
 *
 * Refused at boot, for the life of the process (a Python audit hook):
 * - `sys.addaudithook`: a learner's audit hook could never be removed and would
 *   observe (and could alter) every later job;
 * - changing the code, defaults or closure of the guard's own functions.
 *
 * Checked after every job (`fingerprint differs` → the process is recycled):
 * - `sys.modules`: the same names bound to the same module objects;
 * - every module's namespace: the same names bound to the same objects
 *   (builtins, gc, sys, tracemalloc, weakref, leakless, unittest, json, re …);
 * - every class defined in one of those modules: the same class dictionary;
 *   every function defined there: the same `__code__`, defaults, kwdefaults;
 * - `sys.meta_path`, `sys.path_hooks`, `sys.path`, `gc.callbacks`: same items;
 * - trace and profile functions unset, no `sys.monitoring` tool registered,
 *   no `atexit` callback added, recursion limit, int digit limit, switch
 *   interval, gc enabled/thresholds/debug/freeze count, tracemalloc stopped,
 *   `gc.garbage` empty;
 * - no object survived the job: after a full collection the number of
 *   gc-tracked objects outside the frozen boot generation is what it was at
 *   boot. Anything a learner stashes somewhere (a `__del__` that would print a
 *   fake marker later, a callback hidden in a stdlib container) is an object
 *   that survived.
 *
 * The boot fingerprint is kept in tuples (immutable) bound as default
 * arguments of the checking function, whose `__defaults__`/`__code__` the audit
 * hook refuses to change; it uses no globals, so rebinding builtins cannot
 * blind it. This is defence in depth against Python-level tampering; code that
 * reaches JavaScript through `js` can write the wasm heap directly, which no
 * Python-level check can see: see lib/verifier/README.md for how the JS side
 * is covered and what is left.
 */
import type { PyodideAPI } from "pyodide";
import type { CheckFile } from "../grading/result";

/**
 * Runs once per process, after the session (and the harness) is loaded and
 * before any learner code: installs the audit hook and returns the checking
 * function. Executed in a private namespace, never registered in sys.modules.
 */
export const INTEGRITY_GUARD_SOURCE = String.raw`
def _make_integrity_guard(DEEP_MODULES):
    import atexit, builtins, gc, operator, sys, tracemalloc, types, weakref

    # weakref.finalize registers its atexit hook on first use: do it now, so
    # the first learner to use it does not look like an atexit registration.
    class _Probe:
        pass
    _probe = _Probe()
    weakref.finalize(_probe, int)
    del _probe

    FunctionType = types.FunctionType
    ModuleType = types.ModuleType
    HEAPTYPE = 1 << 9
    monitoring = getattr(sys, "monitoring", None)
    # The C-level descriptors: a class or module whose __class__ was swapped for
    # one with a __dict__ property still answers with its real dictionary.
    module_dict = ModuleType.__dict__["__dict__"].__get__
    class_dict = type.__dict__["__dict__"].__get__
    function_parts = tuple(map(operator.attrgetter, ("__code__", "__defaults__", "__kwdefaults__")))

    # Boot: which classes and functions the deep-checked modules define.
    # Identities are compared through id() (C-level map, int tuples compared
    # with ==), which is safe because the boot tuples below hold every original
    # alive: no address can be reused, and no learner __eq__ is ever called.
    def is_deep(name, DEEP=DEEP_MODULES):
        return name in DEEP or name.split(".")[0] in DEEP
    modules = tuple(sys.modules.values())
    classes = []
    functions = []
    for name, module in tuple(sys.modules.items()):
        if type(module) is not ModuleType or not is_deep(name):
            continue
        for value in tuple(module_dict(module).values()):
            if type(value) is FunctionType and value.__module__ == name:
                functions.append(value)
            elif isinstance(value, type) and value.__flags__ & HEAPTYPE and getattr(value, "__module__", None) == name:
                classes.append(value)
                for member in tuple(class_dict(value).values()):
                    if type(member) is FunctionType:
                        functions.append(member)
    classes = tuple(classes)
    functions = tuple(functions)
    plain_modules = tuple(m for m in modules if type(m) is ModuleType)

    def identity_parts(modules=plain_modules, classes=classes, functions=functions, sys=sys, gc=gc, map=map,
                       tuple=tuple, module_dict=module_dict, class_dict=class_dict, function_parts=function_parts):
        """Everything whose identity must not change, as a list of sized sequences of objects, in a fixed order."""
        parts = [sys.modules.keys(), sys.modules.values()]
        append = parts.append
        for namespace in map(module_dict, modules):
            append(namespace.keys())
            append(namespace.values())
        for namespace in map(class_dict, classes):
            append(namespace.keys())
            append(namespace.values())
        for getter in function_parts:
            append(tuple(map(getter, functions)))
        for hooks in (sys.meta_path, sys.path_hooks, sys.path, gc.callbacks):
            append(hooks)
        return parts

    # The boot objects themselves, held for the life of the process. Compared
    # with "is" (operator.is_, element by element, in C): no learner __eq__ is
    # ever called, nothing is allocated per element (id() makes an int per
    # object: building and comparing a 35,000-int list was most of this
    # check's time), and since every original is held, no address can be
    # reused by an impostor.
    boot_parts = tuple(map(tuple, identity_parts()))

    def same_identities(boot_parts=boot_parts, identity_parts=identity_parts, zip=builtins.zip, len=builtins.len,
                        all=builtins.all, map=builtins.map, is_=operator.is_):
        parts = identity_parts()
        if len(parts) != len(boot_parts):
            return False
        for now, boot in zip(parts, boot_parts):
            # Lengths first: map() stops at the shorter sequence.
            if len(now) != len(boot) or not all(map(is_, now, boot)):
                return False
        return True

    def scalars(sys=sys, gc=gc, tracemalloc=tracemalloc, atexit=atexit, monitoring=monitoring, tuple=builtins.tuple,
                range=builtins.range, getattr=builtins.getattr, len=builtins.len, id=builtins.id):
        tools = tuple(id(monitoring.get_tool(i)) for i in range(6)) if monitoring is not None else ()
        digits = sys.get_int_max_str_digits() if getattr(sys, "get_int_max_str_digits", None) else -1
        return (
            ("trace function", id(sys.gettrace())),
            ("profile function", id(sys.getprofile())),
            ("recursion limit", sys.getrecursionlimit()),
            ("int digit limit", digits),
            ("switch interval", sys.getswitchinterval()),
            ("gc enabled", gc.isenabled()),
            ("gc thresholds", gc.get_threshold()),
            ("gc debug flags", gc.get_debug()),
            ("gc.garbage", len(gc.garbage)),
            ("tracemalloc", tracemalloc.is_tracing()),
            ("atexit callbacks", atexit._ncallbacks()),
            ("sys.monitoring tools", tools),
        )

    # Caches that legitimately keep what a job made: emptied back to their boot
    # content before the count (the harness's source lines of the learner's
    # file and the check files would otherwise show the next learner this
    # learner's code).
    sources = sys.modules["leakless._tracebacks"]._sources
    boot_sources = tuple(sources.items())
    re_module = sys.modules.get("re")
    purge = re_module.purge if re_module is not None else (lambda: None)

    # State the standard library keeps on the side, which a job fills without
    # doing anything wrong, cleared after every job (and once at boot, before
    # the boot count, so both counts see the same state). Without this, a
    # process whose job merely failed an assertion (isinstance(None, SomeABC)
    # on the way fills an ABC's negative cache) or left a weakref.finalize
    # behind had to be replaced: a 2-4 s boot, for state that holds nothing of
    # the learner's or that this puts back. What is cleared:
    # - every ABC's positive/negative subclass cache (C-level sets of weakrefs;
    #   the ABC list is taken now, the ABCs a job defines die with it);
    # - weakref.finalize's registry, back to its boot entries: a finalizer the
    #   job registered is detached, never called (no learner code runs for it),
    #   so the objects it kept alive are freed and counted as gone;
    # - typing's and linecache's caches (typing keeps generics of a job's
    #   classes, linecache the lines of files a traceback showed).
    # Only boot-time objects are used here (bound methods of boot containers,
    # tuples taken now): rebinding a module attribute during a job changes
    # nothing below, and the fingerprint reports the rebinding anyway.
    abc_module = sys.modules["abc"]
    try:
        from _abc import _reset_caches as reset_abc_caches
    except ImportError:  # the pure-Python ABC implementation
        def reset_abc_caches(cls):
            cls._abc_caches_clear()
    abc_classes = []
    seen_classes = set()
    pending_classes = [object]
    subclasses_of = type.__subclasses__
    while pending_classes:
        cls = pending_classes.pop()
        if id(cls) in seen_classes:
            continue
        seen_classes.add(id(cls))
        if isinstance(cls, abc_module.ABCMeta):
            abc_classes.append(cls)
        pending_classes.extend(subclasses_of(cls))
    abc_classes = tuple(abc_classes)
    del seen_classes, pending_classes, cls

    # An ABC creates its registry and cache sets on first use, and they stay:
    # create all of them now (a throwaway class registered, checked, and let
    # go), so that a job touching an ABC for the first time adds no object.
    class _RegisteredProbe:
        pass

    class _OtherProbe:
        pass

    class _UnhashableProbe:  # not a Hashable, where _OtherProbe is one: fills Hashable's negative cache
        __hash__ = None

    for cls in abc_classes:
        try:
            cls.register(_RegisteredProbe)
            issubclass(_RegisteredProbe, cls)
            issubclass(_OtherProbe, cls)
            issubclass(_UnhashableProbe, cls)
        except Exception:  # e.g. a protocol that is not runtime-checkable
            pass
        reset_abc_caches(cls)
    # Dropping the probes' last references removes them from every registry (weakrefs with callbacks).
    del _RegisteredProbe, _OtherProbe, _UnhashableProbe, cls
    gc.collect()
    finalize_registry = weakref.finalize._registry
    boot_finalizers = tuple(finalize_registry.items())
    boot_finalizer_ids = tuple(map(id, finalize_registry))
    typing_module = sys.modules.get("typing")
    typing_cleanups = tuple(getattr(typing_module, "_cleanups", ())) if typing_module is not None else ()
    linecache_module = sys.modules.get("linecache")
    clear_linecache = linecache_module.cache.clear if linecache_module is not None else (lambda: None)

    def clean_side_state(abc_classes=abc_classes, reset_abc_caches=reset_abc_caches,
                         finalize_registry=finalize_registry, boot_finalizers=boot_finalizers,
                         boot_finalizer_ids=boot_finalizer_ids, typing_cleanups=typing_cleanups,
                         clear_linecache=clear_linecache, sources=sources, boot_sources=boot_sources, purge=purge,
                         tuple=builtins.tuple, map=builtins.map, id=builtins.id):
        sources.clear()
        sources.update(boot_sources)
        purge()
        for cls in abc_classes:
            reset_abc_caches(cls)
        if tuple(map(id, finalize_registry)) != boot_finalizer_ids:
            # clear(), not del: deleting a key would call a learner subclass's __hash__.
            finalize_registry.clear()
            finalize_registry.update(boot_finalizers)
        for clear_cache in typing_cleanups:
            clear_cache()
        clear_linecache()

    def live_objects(gc=gc, len=builtins.len, clean_side_state=clean_side_state):
        clean_side_state()
        gc.collect()
        return len(gc.get_objects())

    boot_scalars = scalars()

    def check(boot_scalars=boot_scalars, same_identities=same_identities, scalars=scalars, live_objects=live_objects,
              zip=builtins.zip,
              BaseException=builtins.BaseException, repr=builtins.repr, type=builtins.type):
        """The number of live objects when the interpreter is as it was at boot, else what differs."""
        try:
            live = live_objects()  # first: the check's own temporaries must not be counted
            for (name, before), (_, after) in zip(boot_scalars, scalars()):
                if before != after:
                    return name + " changed"
            if not same_identities():
                return "a module, namespace, class, function or import hook changed"
            return live
        except BaseException as exc:  # a MemoryError, a recursion error from a tampered object …
            return "the integrity check failed: " + repr(type(exc))[:200]

    boot_objects = []

    def survivors(boot_objects=boot_objects, gc=gc, id=id, type=builtins.type, sorted=builtins.sorted,
                  set=builtins.set, frozenset=frozenset, map=map):
        """For the log when objects outlived a job: their type names (never their contents)."""
        known = frozenset(map(id, boot_objects[0])) if boot_objects else frozenset()
        names = set(type(o).__name__ for o in gc.get_objects() if id(o) not in known)
        return ", ".join(sorted(names)[:8])

    def remember_boot_objects(boot_objects=boot_objects, gc=gc, tuple=tuple):
        boot_objects.append(tuple(gc.get_objects()))

    protected = (check, same_identities, identity_parts, scalars, live_objects, clean_side_state, survivors, remember_boot_objects)

    def audit(event, args, protected=protected, RuntimeError=builtins.RuntimeError):
        if event == "sys.addaudithook":
            raise RuntimeError("sys.addaudithook is not allowed in the verifier")
        if event == "object.__setattr__":
            target = args[0]
            for function in protected:
                if target is function:
                    raise RuntimeError("the verifier's integrity guard cannot be changed")

    sys.addaudithook(audit)
    return check, survivors, remember_boot_objects
`;

/**
 * Modules whose classes and functions are checked too, not only their
 * namespace: the check library, the test framework and the standard library
 * that checks and the harness use. Every module's namespace is checked; going
 * deep everywhere (900 classes, 5 000 functions) would cost more than a job.
 */
export const DEEP_CHECKED_MODULES = [
  "leakless",
  "unittest",
  // The harness rewrites every check file's asserts through ast.NodeTransformer.
  "ast",
  "builtins",
  "gc",
  "sys",
  "tracemalloc",
  "weakref",
  "_weakrefset",
  "json",
  "re",
  "collections",
  "functools",
  "abc",
  "contextlib",
  "copy",
  "dataclasses",
  "enum",
  "typing",
  "traceback",
  "linecache",
  "io",
  "itertools",
  "operator",
  "types",
  "warnings",
  "random",
  "math",
  "reprlib",
];

/**
 * Run once at boot before the guard is installed: the first run of the harness
 * and of the check library fills lazy caches (abc/weakref caches, the harness
 * dropping `leakless.harness` from its package namespace); the fingerprint is
 * taken after that, so a learner's first run does not look like tampering.
 */
export const WARM_UP_JOB: { code: string; checks: CheckFile[] } = {
  code: [
    "import collections.abc, dataclasses, weakref",
    "class Node:",
    "    def __init__(self):",
    "        self.children = []",
    "        self.parent = None",
    "@dataclasses.dataclass",
    "class Point:",
    "    x: int = 0",
    "def make():",
    "    return Node()",
    "",
  ].join("\n"),
  checks: [
    {
      name: "test_warm_up.py",
      visibility: "visible",
      source: [
        "import collections.abc, unittest, weakref",
        "from leakless import (assert_not_in_cycle, collectable, count_instances, freed_by_refcount, needs_cycle_collector,",
        "                      no_leak, peak_memory, referrer_chain, deep_size, finalizer_calls)",
        "from submission import Node, Point, make",
        "",
        "def test_helpers():",
        "    freed_by_refcount(make)",
        "    collectable(make)",
        "    def cycle():",
        "        node = Node()",
        "        node.parent = node",
        "        return node",
        "    needs_cycle_collector(cycle)",
        "    no_leak(make, repeat=6, warmup=1)",
        "    assert peak_memory(lambda: [0] * 100) >= 0",
        "    assert count_instances(Node) >= 0",
        "    assert referrer_chain(Point()) == []",
        "    assert_not_in_cycle(Point())",
        "    assert deep_size([1, 2]) > 0",
        "    assert finalizer_calls(make) == 0",
        "    assert isinstance([], collections.abc.Sequence) and not isinstance(1, collections.abc.Mapping)",
        "    weakref.WeakSet([Node()])",
        "",
        "class WarmUp(unittest.TestCase):",
        "    def test_case(self):",
        "        self.assertEqual(Point(1), Point(1))",
        "",
      ].join("\n"),
    },
  ],
};

export type IntegrityCheck = () => string | null;

/**
 * Installs the guard (audit hook + boot fingerprint) and returns the after-job
 * check: null when the interpreter is as it was at boot, else what differs.
 * Call it after a warm-up job (the first run settles lazily bound names, e.g.
 * the harness restores `leakless.harness` away), before any learner code;
 * `settle` runs the warm-up job once more before the boot count is taken.
 * The boot count of live objects is kept here, on the JavaScript side, out of
 * reach of Python code.
 */
export async function installIntegrityGuard(pyodide: PyodideAPI, settle: () => Promise<void>): Promise<IntegrityCheck> {
  const namespace = pyodide.globals.get("dict")();
  const deep = JSON.stringify(DEEP_CHECKED_MODULES);
  const install = `\n_check, _survivors, _remember = _make_integrity_guard(frozenset(${deep}))\n`;
  pyodide.runPython(INTEGRITY_GUARD_SOURCE + install, { globals: namespace });
  const check = namespace.get("_check") as () => unknown;
  const survivors = namespace.get("_survivors") as () => unknown;
  const remember = namespace.get("_remember") as (() => void) & { destroy(): void };
  remember(); // before the boot count: the tuple it keeps is then part of the boot state
  remember.destroy();
  namespace.destroy();
  // One more harmless job between installing the guard and counting: whatever
  // the first job after the install creates lazily is part of the boot state.
  await settle();
  const bootLive = check();
  if (typeof bootLive !== "number") {
    throw new Error(`integrity guard: the boot state does not check: ${String(bootLive)}`);
  }
  return () => {
    const outcome = check();
    if (typeof outcome === "string") return outcome;
    if (typeof outcome !== "number") return "the integrity check returned something unexpected";
    if (outcome === bootLive) return null;
    let types = "";
    try {
      types = ` (${String(survivors())})`;
    } catch {
      // only a detail for the log
    }
    return `${outcome - bootLive} objects outlived the job${types}`;
  };
}
