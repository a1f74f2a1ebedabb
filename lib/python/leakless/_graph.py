"""Walking the object graph: who refers to what, and is there a cycle.

Both searches follow *data* references between objects and deliberately do
not walk through:

* classes (``type`` objects) — every instance refers to its class, and a class
  refers to everything in its namespace, so following classes would find a
  "cycle" from any instance to any other.  Classes *defined by the learner*
  are followed when searching from the learner's globals (a class attribute
  such as ``Node.registry = []`` is a classic leak), never for cycles;
* modules and module namespaces (a function's ``__globals__``);
* code objects and built-in functions.

Instances (their ``__dict__`` and ``__slots__``), containers, cells,
closures, default arguments, bound methods and suspended generators/frames
are followed.  Searches are bounded (:data:`MAX_NODES`) so a huge object graph
costs time proportional to that bound, not to the heap.
"""

import sys as _sys
import types as _types

import _leakless_host as _host

from ._facades import get_referents as gc_get_referents
from ._facades import id, isinstance, type
from ._measure import is_learner
from ._tracebacks import safe_repr

MAX_NODES = 50_000
# Searches that only explain a failure (labelled paths) stop sooner: each node costs host calls.
MAX_EXPLAIN_NODES = 5_000

_ModuleType = _types.ModuleType
_CodeType = _types.CodeType
_FunctionType = _types.FunctionType
_MethodType = _types.MethodType
_CellType = _types.CellType
_GeneratorType = _types.GeneratorType
_CoroutineType = _types.CoroutineType
_BuiltinFunctionType = _types.BuiltinFunctionType
_FrameType = _types.FrameType

LEARNER_MODULE = "submission"


def _object_getattribute(obj, name):
    return getattr(obj, name) if is_learner(obj) else object.__getattribute__(obj, name)


def _module_namespace_ids():
    """Addresses of every module namespace in both interpreters (``id()`` of a handle is the learner address)."""
    ids = set(_host.module_dict_addresses())
    for module in list(_sys.modules.values()):
        if is_learner(module):
            continue  # the learner's modules are in the host's list
        namespace = getattr(module, "__dict__", None)
        if isinstance(namespace, dict):
            ids.add(id(namespace))
    return ids


def _is_learner_class(obj):
    return isinstance(obj, type) and getattr(obj, "__module__", None) == LEARNER_MODULE


class _Walker:
    """Skip rules shared by both searches."""

    def __init__(self, follow_learner_classes):
        self.skip_ids = _module_namespace_ids()
        self.follow_learner_classes = follow_learner_classes

    def skipped(self, obj):
        if isinstance(obj, type):
            return not (self.follow_learner_classes and _is_learner_class(obj))
        return isinstance(obj, (_ModuleType, _CodeType, _BuiltinFunctionType)) or id(obj) in self.skip_ids

    def referents(self, obj):
        """Unlabelled edges: everything the object's tp_traverse reports."""
        try:
            found = gc_get_referents(obj)
        except BaseException:
            return []
        return [r for r in found if not self.skipped(r)]

    def labelled_referents(self, obj):
        """``(label, target)`` edges; labels read like Python (``['alice']``, ``.next``)."""
        edges = []
        seen = set()

        def add(label, target):
            if id(target) not in seen and not self.skipped(target):
                seen.add(id(target))
                edges.append((label, target))

        if isinstance(obj, dict):
            for key, value in list(obj.items()):
                add(f"[{safe_repr(key, 60)}]", value)
                add(" (a dict key)", key)
        elif isinstance(obj, (list, tuple)):
            for index in range(len(obj)):
                add(f"[{index}]", obj[index])
        elif isinstance(obj, (set, frozenset)):
            for element in list(obj):
                add(" (a set element)", element)
        elif isinstance(obj, _FunctionType):
            closure = obj.__closure__ or ()
            for name, cell in zip(obj.__code__.co_freevars, closure, strict=False):
                try:
                    add(f" (closure variable '{name}' of {obj.__qualname__})", cell.cell_contents)
                except ValueError:  # an empty cell
                    pass
            for index, value in enumerate(obj.__defaults__ or ()):
                add(f" (default argument #{index + 1} of {obj.__qualname__})", value)
            for name, value in (obj.__kwdefaults__ or {}).items():
                add(f" (default argument '{name}' of {obj.__qualname__})", value)
            seen.add(id(obj.__globals__))
        elif isinstance(obj, _MethodType):
            add(".__self__", obj.__self__)
            add(".__func__", obj.__func__)
        elif isinstance(obj, _CellType):
            try:
                add(".cell_contents", obj.cell_contents)
            except ValueError:
                pass
        elif isinstance(obj, (_GeneratorType, _CoroutineType)):
            frame = getattr(obj, "gi_frame", None) or getattr(obj, "cr_frame", None)
            if frame is not None:
                for name, value in list(frame.f_locals.items()):
                    add(f" (local variable '{name}' of the suspended {obj.__qualname__})", value)
        elif isinstance(obj, _FrameType):
            for name, value in list(obj.f_locals.items()):
                add(f" (local variable '{name}' of {obj.f_code.co_name})", value)
        elif isinstance(obj, type):  # a learner class, when following those
            for name, value in list(obj.__dict__.items()):
                if not name.startswith("__"):
                    add(f".{name}", value)
        else:
            try:
                namespace = _object_getattribute(obj, "__dict__")
            except BaseException:
                namespace = None
            if isinstance(namespace, dict):
                seen.add(id(namespace))
                for name, value in list(namespace.items()):
                    add(f".{name}" if isinstance(name, str) else f".__dict__[{safe_repr(name, 60)}]", value)
            for klass in type(obj).__mro__:
                slots = klass.__dict__.get("__slots__", ())
                if isinstance(slots, str):
                    slots = (slots,)
                for slot in slots:
                    try:
                        add(f".{slot}", _object_getattribute(obj, slot))
                    except (AttributeError, TypeError):
                        pass
        # Anything tp_traverse knows about that the readable views above missed.
        for target in self.referents(obj):
            add(f" (referenced internally by a {type(obj).__name__})", target)
        return edges


def in_reference_cycle(obj):
    """True if ``obj`` can reach itself by following references (see the module docstring)."""
    walker = _Walker(follow_learner_classes=False)
    target = id(obj)
    seen = set()
    frontier = walker.referents(obj)
    visited = 0
    while frontier and visited < MAX_NODES:
        next_frontier = []
        for node in frontier:
            if id(node) == target:
                return True
            if id(node) in seen:
                continue
            seen.add(id(node))
            visited += 1
            next_frontier.extend(walker.referents(node))
        frontier = next_frontier
    return False


def find_path(roots, target, max_depth, follow_learner_classes=True):
    """Shortest labelled path from one of ``roots`` (name -> object) to ``target``.

    Returns ``[(label, obj), ...]`` starting with ``(root name, root object)``
    and ending with ``target``, or ``[]``.
    """
    walker = _Walker(follow_learner_classes)
    target_id = id(target)
    parents = {}  # id -> (parent id, label)
    objects = {}  # id -> object, to keep the path's objects alive while searching
    frontier = []
    for name, root in list(roots.items()):
        if id(root) == target_id:
            return [(name, root)]
        if walker.skipped(root) and not _is_learner_class(root) and not isinstance(root, _FunctionType):
            continue
        if id(root) not in objects:
            objects[id(root)] = root
            parents[id(root)] = (None, name)
            frontier.append(root)
    depth = 0
    while frontier and depth < max_depth and len(objects) < MAX_EXPLAIN_NODES:
        depth += 1
        next_frontier = []
        for node in frontier:
            for label, child in walker.labelled_referents(node):
                if id(child) in objects:
                    continue
                objects[id(child)] = child
                parents[id(child)] = (id(node), label)
                if id(child) == target_id:
                    return _unwind(parents, objects, target_id)
                next_frontier.append(child)
        frontier = next_frontier
    return []


def find_cycle_path(obj, max_depth=8):
    """Labelled path from ``obj`` (called ``x``) back to itself, e.g. ``x.next.prev``; or ``[]``."""
    walker = _Walker(follow_learner_classes=False)
    for label, child in walker.labelled_referents(obj):
        if child is obj:
            return [(f"x{label}", obj)]
    roots = {f"x{label}": child for label, child in walker.labelled_referents(obj)}
    return find_path(roots, obj, max_depth, follow_learner_classes=False)


def _unwind(parents, objects, node_id):
    path = []
    while node_id is not None:
        parent_id, label = parents[node_id]
        path.append((label, objects[node_id]))
        node_id = parent_id
    path.reverse()
    return path


def render_path(path):
    """``submission.cache['a'].next`` from a labelled path."""
    return "".join(label for label, _ in path)


def learner_roots():
    """The learner module's globals, named ``submission.<name>``."""
    module = _sys.modules.get(LEARNER_MODULE)
    if not is_learner(module):
        return {}
    namespace = module.__dict__
    return {
        f"{LEARNER_MODULE}.{name}": value
        for name, value in list(namespace.items())
        if not (name.startswith("__") and name.endswith("__"))
    }
