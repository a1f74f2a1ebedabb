"""The Memory panel's data: what the learner's code left behind after a run.

This module runs in the learner's interpreter (lib/judge/README.md), loaded
when the interpreter is prepared: the report describes the learner's own
objects, and it is advisory (the Run button's panel; no check ever sees it),
so learner code that tampers with it only changes its own panel. The judge's
harness calls :func:`start` before the learner's module runs and
:meth:`Report.finish` after it; the boot image is put back after the run, so
nothing here outlives it.  The shape is parsed on
the TypeScript side by ``lib/memory/report.ts`` (``MemoryReportSchema``).

What it computes, all in one pass over the run's objects:

* **the object graph** of the learner's data: the module's names and what
  they reach — instances of classes defined in the learner's file,
  containers, functions/closures, bound methods, suspended generators.  Ints,
  strings and other atoms are never nodes below a name (a list of 10 000 ints
  is *one* node), classes other than the learner's and modules are not
  followed.  The drawing is capped (:data:`MAX_NODES` nodes,
  :data:`MAX_EDGES_PER_NODE` edges per node, "+N more"), the walk behind it is
  not (up to :data:`WALK_LIMIT` objects), so cycles, paths and garbage are
  right even where the drawing is cut;
* **reference cycles**: strongly connected components of size > 1 and
  self-loops over strong references (a ``weakref.ref`` is an edge drawn
  dashed, never part of a cycle);
* **"who keeps this alive?"**: for each node, the shortest chain of references
  from a module name (breadth-first, so it is the shortest);
* **garbage waiting for the collector**: with the automatic collector paused,
  instances of the learner's classes (found with ``gc.get_objects()``) that no
  name reaches, and the containers they reach.  Then one full collection with
  ``gc.DEBUG_SAVEALL`` tells *exactly* which of them the collector found
  unreachable (they land in ``gc.garbage`` instead of being freed, so their
  ids can be compared — weakrefs would miss lists and dicts, which cannot be
  weakly referenced); ``gc.garbage`` is emptied and a second collection frees
  them.  Finalizers run once, in the first collection, as they would have;
* **counts**: gc-tracked objects by type before the run, after it, and after
  that collection (the top changes);
* **tracemalloc**: current and peak traced memory of the run, and the learner's
  lines that hold the most memory at the end.

The report holds no reference to learner objects once it returns: the walk
keeps objects in locals of :func:`_walk`, which are gone before the
collection (the tests check that an object the learner dropped is still
freed, and that the next run is unaffected).  It runs no learner code: labels
are built from attribute values, never from a learner's ``__repr__``.
"""

import gc as _gc
import json as _json
import time as _time
import tracemalloc as _tracemalloc
import types as _types
import weakref as _weakref

LEARNER_FILE = "submission.py"
gc_collect = _gc.collect
gc_disable = _gc.disable
gc_enable = _gc.enable
gc_get_objects = _gc.get_objects
gc_get_referents = _gc.get_referents
gc_isenabled = _gc.isenabled
perf_counter = _time.perf_counter
tm_get_traced_memory = _tracemalloc.get_traced_memory
tm_is_tracing = _tracemalloc.is_tracing
tm_stop = _tracemalloc.stop


def safe_repr(value, limit=200):
    """``repr(value)`` that survives a broken ``__repr__``, truncated."""
    try:
        text = repr(value)
    except BaseException:
        try:
            text = f"<{type(value).__name__} object (repr() failed)>"
        except BaseException:
            text = "<object (repr() failed)>"
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


REPORT_VERSION = 1
MAX_NODES = 60  # drawn; a beginner cannot read more
MAX_GARBAGE_NODES = 20  # of those, kept for garbage so a big live graph cannot hide it
MAX_EDGES_PER_NODE = 12
WALK_LIMIT = 20_000  # objects visited behind the drawing; past it "truncated"
MAX_TYPE_ROWS = 15
MAX_TOP_LINES = 5
MAX_CYCLES = 10

_LEARNER_MODULE = "__main__"  # op "run" executes the learner's file as __main__
_DEBUG_SAVEALL = _gc.DEBUG_SAVEALL
_gc_get_debug = _gc.get_debug
_gc_set_debug = _gc.set_debug
_gc_garbage = _gc.garbage  # the interpreter's own list, even if learner code rebinds gc.garbage
_get_traces = __import__("_tracemalloc")._get_traces  # what tracemalloc.take_snapshot() reads
_weak_types = (_weakref.ref, _weakref.ProxyType, _weakref.CallableProxyType)
_deque = __import__("collections").deque

_ModuleType = _types.ModuleType
_FunctionType = _types.FunctionType
_MethodType = _types.MethodType
_GeneratorType = _types.GeneratorType
_CodeType = _types.CodeType
_BuiltinFunctionType = _types.BuiltinFunctionType
_NoneType = type(None)
_object_getattribute = object.__getattribute__
_object_repr = object.__repr__
_ATOMS = (int, float, complex, str, bytes, bytearray, bool, _NoneType, range, type(Ellipsis), type(NotImplemented))
_SEQUENCES = (list, tuple, _deque)
_SETS = (set, frozenset)


# ---------------------------------------------------------------------------
# Entry points (called by the harness)
# ---------------------------------------------------------------------------


def count_objects(exclude_ids=None):
    """gc-tracked objects by type name (learner classes by their name, builtins by theirs)."""
    counts = {}
    objects = gc_get_objects()
    skip = exclude_ids or ()
    for obj in objects:
        if skip and id(obj) in skip:
            continue
        name = _type_name(type(obj))
        counts[name] = counts.get(name, 0) + 1
    del objects
    return counts


def count_objects_before_run():
    """Called right before the learner's code: collect first, so that "what gc.collect() found"
    after the run is the run's own garbage, not the harness's leftovers."""
    gc_collect()
    return count_objects()


def build_report(module, counts_before, source):
    """The report for the Memory panel; call after the learner's code ran, tracemalloc tracing."""
    started = perf_counter()
    was_enabled = gc_isenabled()
    gc_disable()  # garbage must stay garbage while we look at it
    try:
        memory = _tracemalloc_summary(source)
        counts_after = count_objects()
        learner_types = _learner_type_names()
        graph, garbage_ids = _walk(module)  # returns plain data: no learner object survives it
        collection = _collect_and_compare(garbage_ids, graph)
        own = _container_ids((graph, collection, counts_before, counts_after, memory))
        own.add(id(own))
        counts_collected = count_objects(own)
    finally:
        if was_enabled:
            gc_enable()
    return {
        "version": REPORT_VERSION,
        "durationMs": (perf_counter() - started) * 1000.0,
        "graph": graph,
        "cycles": graph.pop("cycles"),
        "garbage": collection,
        "counts": _count_rows(counts_before, counts_after, counts_collected, learner_types),
        "tracemalloc": memory,
    }


def failed_report(message):
    return {"version": REPORT_VERSION, "failed": message[:500]}


class Report:
    """One run's report: made by :func:`start`, completed by :meth:`finish` (a JSON string)."""

    def __init__(self):
        self.counts_before = count_objects_before_run()
        _tracemalloc.start()

    def finish(self, source):
        module = __import__("sys").modules.get(_LEARNER_MODULE)
        try:
            report = build_report(module, self.counts_before, source)
        except BaseException as exc:
            report = failed_report(f"The memory report could not be made: {type(exc).__name__}: {exc}")
        return _json.dumps(report)


def start():
    return Report()


# ---------------------------------------------------------------------------
# tracemalloc and counts
# ---------------------------------------------------------------------------


def _tracemalloc_summary(source):
    if not tm_is_tracing():  # learner code stopped it: say so instead of inventing numbers
        return {"currentBytes": 0, "peakBytes": 0, "topLines": [], "tracing": False}
    current, peak = tm_get_traced_memory()
    # The raw traces, grouped here: Snapshot.filter_traces runs fnmatch per trace in
    # Python and took ~450 ms in Pyodide for a list of 10 000 ints; this loop takes a few.
    traces = _get_traces()
    # Stop now: the rest of the report would otherwise be traced too (and run ~2x slower).
    tm_stop()
    by_line = {}
    for trace in traces:
        frames = trace[2]  # innermost frame first
        if frames and frames[0][0] == LEARNER_FILE:
            entry = by_line.get(frames[0][1])
            if entry is None:
                by_line[frames[0][1]] = [trace[1], 1]
            else:
                entry[0] += trace[1]
                entry[1] += 1
    del traces
    lines = source.splitlines()
    top = []
    for lineno, (size, blocks) in sorted(by_line.items(), key=lambda item: (-item[1][0], item[0]))[:MAX_TOP_LINES]:
        code = lines[lineno - 1].strip() if 0 < lineno <= len(lines) else ""
        top.append({"line": lineno, "bytes": size, "count": blocks, "code": code[:120]})
    return {"currentBytes": current, "peakBytes": peak, "topLines": top, "tracing": True}


def _type_name(cls):
    module = getattr(cls, "__module__", None)
    name = getattr(cls, "__qualname__", None) or getattr(cls, "__name__", "?")
    if module in (_LEARNER_MODULE, "builtins", None):
        return str(name)
    return f"{module}.{name}"


def _learner_type_names():
    names = set()
    for obj in gc_get_objects():
        if isinstance(obj, type) and _defined_by_learner(obj):
            names.add(_type_name(obj))
    return names


def _defined_by_learner(cls):
    try:
        return getattr(cls, "__module__", None) == _LEARNER_MODULE
    except BaseException:
        return False


def _count_rows(before, after, collected, learner):
    rows = []
    for name in set(before) | set(after) | set(collected):
        b, a, c = before.get(name, 0), after.get(name, 0), collected.get(name, 0)
        if a != b or c != a:
            rows.append({"type": name, "before": b, "after": a, "afterCollect": c, "learner": name in learner})
    rows.sort(key=lambda r: (-max(abs(r["after"] - r["before"]), abs(r["afterCollect"] - r["after"])), r["type"]))
    return rows[:MAX_TYPE_ROWS]


def _container_ids(value, ids=None):
    """Ids of the report's own dicts/lists, so the after-collection count leaves them out."""
    ids = set() if ids is None else ids
    if isinstance(value, (dict, list, tuple)):
        ids.add(id(value))
        for item in value.values() if isinstance(value, dict) else value:
            _container_ids(item, ids)
    return ids


# ---------------------------------------------------------------------------
# The graph
# ---------------------------------------------------------------------------


def _kind(obj):
    """What a node is; None for what is never a node (modules, foreign classes, code)."""
    if isinstance(obj, _ATOMS):
        return "value"
    if isinstance(obj, type):
        return "class" if _defined_by_learner(obj) else None
    if isinstance(obj, (_ModuleType, _CodeType)):
        return None
    if isinstance(obj, _weak_types):
        return "weakref"
    if isinstance(obj, _FunctionType):
        return "function"
    if isinstance(obj, _BuiltinFunctionType):
        return "function"
    if isinstance(obj, _MethodType):
        return "method"
    if isinstance(obj, _GeneratorType):
        return "generator"
    if isinstance(obj, (dict,) + _SEQUENCES + _SETS):
        return "container"
    if _defined_by_learner(type(obj)):
        return "instance"
    return "object"


def _children(obj, kind, namespace_ids):
    """``(label, child, drawn)`` for every strong reference worth following.

    ``drawn`` is False for references inside objects we do not explain (a
    ``functools.partial``, a lock): they count for reachability and cycles,
    but drawing an object's internals would only confuse.
    """
    out = []

    def add(label, child, drawn=True):
        if isinstance(child, _ATOMS) or _kind(child) is None or id(child) in namespace_ids:
            return
        out.append((label, child, drawn))

    if kind == "container":
        if isinstance(obj, dict):
            for key, value in list(obj.items()):
                add(("key", key), value)
                add(" (a dict key)", key)
        elif isinstance(obj, _SEQUENCES):
            for index, value in enumerate(list(obj)):
                add(index, value)
        else:
            for value in list(obj):
                add(" (in the set)", value)
    elif kind == "instance":
        namespace = _instance_dict(obj)
        if namespace is not None:
            for name, value in list(namespace.items()):
                add(f".{name}" if isinstance(name, str) else " (attribute)", value)
        for name, value in _slot_values(obj):
            add(f".{name}", value)
    elif kind == "function" and isinstance(obj, _FunctionType):
        if _defined_by_learner(obj):  # obj.__module__: only the learner's functions are opened
            for name, cell in zip(obj.__code__.co_freevars, obj.__closure__ or (), strict=False):
                try:
                    add(f" (closure variable {name})", cell.cell_contents)
                except ValueError:  # an empty cell
                    pass
            for index, value in enumerate(obj.__defaults__ or ()):
                add(f" (default argument {index + 1})", value)
            for name, value in list((obj.__kwdefaults__ or {}).items()):
                add(f" (default argument {name})", value)
    elif kind == "method":
        add(".__self__", obj.__self__)
        add(".__func__", obj.__func__)
    elif kind == "class":
        for name, value in list(obj.__dict__.items()):
            # Data held by the class (``registry = []``) is a classic leak; its methods are noise.
            if not name.startswith("__") and not isinstance(
                value, (_FunctionType, classmethod, staticmethod, property)
            ):
                add(f".{name}", value)
    elif kind == "generator":
        frame = obj.gi_frame
        if frame is not None:
            for name, value in list(frame.f_locals.items()):
                add(f" (local variable {name})", value)
    elif kind == "object":
        try:
            referents = gc_get_referents(obj)
        except BaseException:
            referents = []
        for value in referents:
            add(" (inside)", value, drawn=False)
    return out


def _instance_dict(obj):
    try:
        namespace = _object_getattribute(obj, "__dict__")
    except BaseException:
        return None
    return namespace if isinstance(namespace, dict) else None


def _slot_values(obj):
    values = []
    for klass in type(obj).__mro__:
        slots = klass.__dict__.get("__slots__", ())
        if isinstance(slots, str):
            slots = (slots,)
        for slot in slots:
            if slot in ("__dict__", "__weakref__"):
                continue
            try:
                values.append((slot, _object_getattribute(obj, slot)))
            except BaseException:
                pass
    return values


def _weak_target(obj):
    try:
        return obj() if isinstance(obj, _weakref.ref) else None
    except BaseException:
        return None


def _format_label(label):
    if isinstance(label, int):
        return f"[{label}]"
    if isinstance(label, tuple):
        return f"[{safe_repr(label[1], 40)}]"
    return label


def _short_label(obj, kind):
    """A few words that identify the object without running learner code."""
    try:
        if kind == "value":
            return safe_repr(obj, 40)
        if kind == "container":
            size = len(obj)
            if size <= 6:
                flat = [v for pair in obj.items() for v in pair] if isinstance(obj, dict) else list(obj)
                # Exact atom types only: a str subclass could run learner code in its __repr__.
                if all(type(v) in _ATOMS for v in flat):
                    text = safe_repr(obj, 41)
                    if len(text) <= 40:
                        return text
            unit = "key" if isinstance(obj, dict) else "item"
            return f"{size} {unit}{'' if size == 1 else 's'}"
        if kind == "instance":
            parts = []
            namespace = _instance_dict(obj) or {}
            for name, value in list(namespace.items()) + _slot_values(obj):
                if isinstance(name, str) and isinstance(value, _ATOMS) and len(parts) < 3:
                    parts.append(f"{name}={safe_repr(value, 16)}")
            return f"{type(obj).__name__}({', '.join(parts)})"
        if kind == "function":
            return f"{getattr(obj, '__qualname__', getattr(obj, '__name__', '?'))}()"
        if kind == "method":
            return f"bound method {getattr(obj.__func__, '__qualname__', '?')}"
        if kind == "class":
            return f"class {obj.__name__}"
        if kind == "weakref":
            target = _weak_target(obj)
            return (
                "weakref (dead)"
                if target is None and isinstance(obj, _weakref.ref)
                else f"weakref → {type(target).__name__}"
            )
        if kind == "generator":
            return f"generator {obj.__qualname__}"
    except BaseException:
        pass
    return _type_name(type(obj))


def _walk(module):
    """Walk the learner's objects; return ``(graph data, {node id: object id} of garbage nodes)``.

    Every reference to a learner object lives in this frame and dies with it.
    """
    namespace = module.__dict__
    namespace_ids = {id(namespace)}
    objects = {}  # object id -> object (keeps ids stable while we work)
    kinds = {}
    adjacency = {}  # object id -> [(label, child id, drawn)]
    parent = {}  # object id -> (parent object id | None, label): the shortest chain from a name
    names = {}  # object id -> [module names]
    drawable = set()  # reached through a drawn edge, or a seed: what "+N more" counts
    roots = []
    truncated = False

    for name, value in list(namespace.items()):
        if name.startswith("__") and name.endswith("__"):
            continue
        kind = _kind(value)
        if kind is None or (kind == "function" and not _defined_by_learner(value)):
            continue  # imported modules, classes and functions are not the learner's data
        names.setdefault(id(value), []).append(name)
        if id(value) not in objects:
            objects[id(value)] = value
            kinds[id(value)] = kind
            parent[id(value)] = (None, name)
            roots.append(id(value))
    value = None

    def expand(queue, limit_hit):
        """Breadth-first: fill adjacency (and parent, for the first walk) for every queued object."""
        head = 0
        while head < len(queue):
            if len(objects) >= WALK_LIMIT:
                return limit_hit(queue[head:])
            oid = queue[head]
            head += 1
            edges = []
            for label, child, drawn in _children(objects[oid], kinds[oid], namespace_ids):
                cid = id(child)
                edges.append((label, cid, drawn))
                if drawn:
                    drawable.add(cid)
                if cid not in objects:
                    objects[cid] = child
                    kinds[cid] = _kind(child)
                    if queue is roots_queue:
                        parent[cid] = (oid, label)
                    queue.append(cid)
            adjacency[oid] = edges
        return False

    def stop(rest):
        for oid in rest:
            adjacency.setdefault(oid, [])
        return True

    roots_queue = list(roots)
    truncated = expand(roots_queue, stop)
    reachable = set(objects)

    # Garbage candidates: the learner's instances no name reaches (gc is paused: they stay put).
    # Skipped when the walk was cut short: an unvisited live object would look like garbage.
    seeds = []
    if not truncated:
        for obj in gc_get_objects():
            oid = id(obj)
            if oid not in objects and not isinstance(obj, type) and _defined_by_learner(type(obj)):
                objects[oid] = obj
                kinds[oid] = _kind(obj)
                seeds.append(oid)
        obj = None
    garbage_queue = list(seeds)
    truncated = expand(garbage_queue, stop) or truncated
    drawable.update(roots)
    drawable.update(seeds)

    component = _strongly_connected(adjacency)
    members_of = {}
    for oid, comp in component.items():
        members_of.setdefault(comp, []).append(oid)
    in_cycle = set()
    for members in members_of.values():
        first = members[0]
        if len(members) > 1 or any(child == first for _l, child, _d in adjacency.get(first, ())):
            in_cycle.update(members)

    # What to draw: the names' objects first (breadth-first), then the garbage, within the caps.
    # Plain functions and classes (no data behind them) would only be clutter.
    clutter = {
        oid
        for oid in roots
        if kinds[oid] in ("function", "class") and not any(d for _l, _c, d in adjacency.get(oid, ()))
    }
    drawable -= clutter
    garbage_budget = min(MAX_GARBAGE_NODES, len(garbage_queue))
    drawn_ids = _pick_drawn([oid for oid in roots if oid not in clutter], adjacency, MAX_NODES - garbage_budget, set())
    drawn_ids += _pick_drawn(seeds, adjacency, MAX_NODES - len(drawn_ids), reachable)
    node_ids = {oid: f"n{index}" for index, oid in enumerate(drawn_ids)}

    nodes = []
    edges_out = []
    for oid in drawn_ids:
        obj = objects[oid]
        kind = kinds[oid]
        drawn_edges = total_edges = 0
        for label, child, drawn in adjacency.get(oid, ()):
            if not drawn:
                continue
            total_edges += 1
            if child in node_ids and drawn_edges < MAX_EDGES_PER_NODE:
                drawn_edges += 1
                edges_out.append(
                    {
                        "from": node_ids[oid],
                        "to": node_ids[child],
                        "label": _format_label(label),
                        "weak": False,
                        "inCycle": oid in in_cycle and component.get(child) == component.get(oid),
                    }
                )
        if kind == "weakref":
            target = _weak_target(obj)
            if target is not None and id(target) in node_ids:
                edges_out.append(
                    {
                        "from": node_ids[oid],
                        "to": node_ids[id(target)],
                        "label": "(weak)",
                        "weak": True,
                        "inCycle": False,
                    }
                )
            target = None
        nodes.append(
            {
                "id": node_ids[oid],
                "type": _type_name(type(obj)),
                "kind": kind,
                "label": _short_label(obj, kind),
                "names": names.get(oid, []),
                "items": len(obj) if kind == "container" else None,
                "moreEdges": total_edges - drawn_edges,
                "inCycle": oid in in_cycle,
                "cycle": None,
                "garbage": oid not in reachable,
                "collected": False,
                "keptBy": _chain(oid, parent, objects, node_ids) if oid in reachable else [],
            }
        )
        obj = None

    cycles = _cycles(members_of, in_cycle, adjacency, objects, node_ids, names, nodes)
    graph = {
        "nodes": nodes,
        "edges": edges_out,
        "hiddenNodes": len(drawable - set(drawn_ids)),
        "truncated": truncated,
        "cycles": cycles,
        "unreachableIds": [oid for oid in objects if oid not in reachable],
    }
    garbage_ids = {node_ids[oid]: oid for oid in drawn_ids if oid not in reachable}
    return graph, garbage_ids


def _pick_drawn(seeds, adjacency, budget, exclude):
    """Breadth-first over drawn edges, at most MAX_EDGES_PER_NODE children per node."""
    picked = []
    seen = set(seeds)
    queue = list(seeds)
    head = 0
    while head < len(queue) and len(picked) < budget:
        oid = queue[head]
        head += 1
        picked.append(oid)
        taken = 0
        for _label, child, drawn in adjacency.get(oid, ()):
            if not drawn or taken >= MAX_EDGES_PER_NODE:
                continue
            taken += 1
            if child not in seen and child not in exclude and child in adjacency:
                seen.add(child)
                queue.append(child)
    return picked


def _chain(oid, parent, objects, node_ids):
    steps = []
    while oid is not None:
        up, label = parent[oid]
        steps.append({"label": _format_label(label), "type": _type_name(type(objects[oid])), "node": node_ids.get(oid)})
        oid = up
    steps.reverse()
    return steps


def _strongly_connected(adjacency):
    """Tarjan's algorithm, iterative (a 10 000-node linked list must not hit the recursion limit)."""
    index_of = {}
    low = {}
    on_stack = set()
    stack = []
    component = {}
    counter = 0
    for start in adjacency:
        if start in index_of:
            continue
        work = [(start, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index_of[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            edges = adjacency.get(node, ())
            descended = False
            while position < len(edges):
                child = edges[position][1]
                position += 1
                if child not in adjacency:
                    continue
                if child not in index_of:
                    work.append((node, position))
                    work.append((child, 0))
                    descended = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index_of[child])
            if descended:
                continue
            if low[node] == index_of[node]:
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = node
                    if member == node:
                        break
            if work:
                caller = work[-1][0]
                low[caller] = min(low[caller], low[node])
    return component


def _cycles(cycle_members, in_cycle, adjacency, objects, node_ids, names, nodes):
    """One entry per cycle with at least one drawn member, with a sentence that walks it."""
    by_id = {node["id"]: node for node in nodes}
    cycles = []
    ordered = sorted(
        (members for members in cycle_members.values() if members[0] in in_cycle),
        key=lambda members: min((int(node_ids[m][1:]) for m in members if m in node_ids), default=10**9),
    )
    for members in ordered:
        drawn = sorted((node_ids[m] for m in members if m in node_ids), key=lambda n: int(n[1:]))
        if not drawn or len(cycles) >= MAX_CYCLES:
            continue
        number = len(cycles)
        for node_id in drawn:
            by_id[node_id]["cycle"] = number
        start = next(m for m in members if node_ids.get(m) == drawn[0])
        cycles.append(
            {
                "id": number,
                "nodes": drawn,
                "size": len(members),
                "text": _cycle_text(start, set(members), adjacency, objects, names),
            }
        )
    return cycles


def _cycle_text(start, members, adjacency, objects, names):
    """``a.next.prev is a again``: the shortest way round, inside the cycle."""
    back = {start: None}
    queue = [start]
    head = 0
    found = None
    while head < len(queue) and found is None:
        node = queue[head]
        head += 1
        for label, child, _drawn in adjacency.get(node, ()):
            if child == start:
                found = (node, label)
                break
            if child in members and child not in back:
                back[child] = (node, label)
                queue.append(child)
    who = names.get(start, [None])[0] or f"this {type(objects[start]).__name__}"
    if found is None:
        return f"{who} refers back to itself"
    labels = [found[1]]
    node = found[0]
    while back[node] is not None:
        node, label = back[node][0], back[node][1]
        labels.append(label)
    labels.reverse()
    return f"{who}{''.join(_format_label(label) for label in labels)} is {who} again"


# ---------------------------------------------------------------------------
# The collection
# ---------------------------------------------------------------------------


def _collect_and_compare(garbage_ids, graph):
    """One full collection, with DEBUG_SAVEALL so we see exactly what it found."""
    unreachable_ids = graph.pop("unreachableIds")
    saved_debug = _gc_get_debug()
    saved_garbage = list(_gc_garbage)
    del _gc_garbage[:]
    _gc_set_debug(saved_debug | _DEBUG_SAVEALL)
    try:
        found = gc_collect()
    finally:
        _gc_set_debug(saved_debug)
    found_ids = set()
    found_types = {}
    for obj in _gc_garbage:
        found_ids.add(id(obj))
        name = _type_name(type(obj))
        found_types[name] = found_types.get(name, 0) + 1
    obj = None
    # Only now free them for real; finalizers already ran in the first collection.
    del _gc_garbage[:]
    _gc_garbage.extend(saved_garbage)
    del saved_garbage
    gc_collect()
    for node in graph["nodes"]:
        if node["id"] in garbage_ids:
            node["collected"] = garbage_ids[node["id"]] in found_ids
    by_type = sorted(({"type": t, "count": c} for t, c in found_types.items()), key=lambda r: (-r["count"], r["type"]))
    freed = sum(1 for oid in unreachable_ids if oid in found_ids)
    return {
        "collected": found,
        "unreachable": len(unreachable_ids),
        "freed": freed,
        "foundByType": by_type[:MAX_TYPE_ROWS],
    }
