"""Move the classes of an exercise's check files into checks/fixtures.py.

Checks run in the judge's interpreter and the learner's code in another one
(lib/judge/README.md). An object of a class defined in a check file, handed
to the learner's code, arrives there as a stand-in: the learner's code cannot
read its attributes, and whether it keeps the object cannot be measured. A
class defined in checks/fixtures.py lives in the learner's interpreter, so
its objects behave as before. This module does that move for one exercise:

- every top-level ``class`` of ``test_visible.py`` and ``test_hidden.py`` goes
  to ``fixtures.py`` (once, when both files define the same class the same
  way; two different definitions of one name are an error);
- the imports a moved class needs go with it;
- each check file imports the moved names back: ``from fixtures import A, B``.

A class moved out of ``test_hidden.py`` becomes readable by learners (so is
everything in fixtures.py): :func:`convert` reports which.

Entry point: ``convert(files) -> json`` with ``files`` a dict of file name to
source (``test_visible.py``, ``test_hidden.py``, optionally ``fixtures.py``);
the JSON holds the new sources, what moved, and problems.
"""

import ast
import json

CHECK_FILES = ("test_visible.py", "test_hidden.py")
FIXTURES = "fixtures.py"


def _names_used(node):
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | {
        n.value.id for n in ast.walk(node) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
    }


def _imported_names(node):
    return {(alias.asname or alias.name).split(".")[0] for alias in node.names}


def _shape(cls):
    """A class's definition without docstring and `pass`: two copies that differ only there are the same class."""
    body = cls.body
    if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
        body = body[1:]
    body = [statement for statement in body if not isinstance(statement, ast.Pass)]
    return ast.dump(ast.ClassDef(cls.name, cls.bases, cls.keywords, body, cls.decorator_list, []))


def _segment(source, node):
    lines = source.splitlines(keepends=True)
    start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])]) - 1
    return "".join(lines[start : node.end_lineno])


def convert(files_json):
    files = json.loads(files_json)
    moved = {}  # class name -> (source segment, from file)
    shapes = {}  # class name -> _shape
    needed_imports = []  # import statement sources the moved classes use
    problems = []
    new_sources = {}
    for name in CHECK_FILES:
        source = files.get(name)
        if source is None:
            continue
        tree = ast.parse(source, filename=name)
        imports = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        classes = [n for n in tree.body if isinstance(n, ast.ClassDef)]
        if not classes:
            new_sources[name] = source
            continue
        for cls in classes:
            segment = _segment(source, cls)
            if cls.name in moved and shapes[cls.name] != _shape(cls):
                problems.append(
                    f"{name}: class {cls.name} is defined differently in {moved[cls.name][1]}; rename one of them"
                )
                continue
            moved.setdefault(cls.name, (segment, name))
            shapes.setdefault(cls.name, _shape(cls))
            used = _names_used(cls)
            for imp in imports:
                if _imported_names(imp) & used:
                    text = ast.get_source_segment(source, imp)
                    if text not in needed_imports:
                        needed_imports.append(text)
        # Drop the classes, import them back right after the file's last top-level import.
        lines = source.splitlines(keepends=True)
        drop = set()
        for cls in classes:
            start = min([cls.lineno] + [d.lineno for d in cls.decorator_list]) - 1
            drop.update(range(start, cls.end_lineno))
        kept = [line for index, line in enumerate(lines) if index not in drop]
        insert_at = 0
        for imp in imports:
            insert_at = imp.end_lineno - len([i for i in drop if i < imp.end_lineno])
        names = ", ".join(cls.name for cls in classes)
        kept.insert(insert_at, f"from fixtures import {names}\n")
        text = "".join(kept)
        while "\n\n\n\n" in text:
            text = text.replace("\n\n\n\n", "\n\n\n")
        new_sources[name] = text
    if not moved:
        return json.dumps({"sources": {}, "moved": [], "problems": problems})
    existing = files.get(FIXTURES)
    parts = (
        [existing.rstrip() + "\n\n\n"]
        if existing
        else [
            '"""Objects the checks hand to the learner\'s code; this file runs beside it '
            '(learners can read it)."""\n\n\n'
        ]
    )
    if needed_imports:
        parts.append("\n".join(needed_imports) + "\n\n\n")
    parts.append("\n\n".join(segment.rstrip() + "\n" for segment, _ in moved.values()))
    new_sources[FIXTURES] = "".join(parts)
    return json.dumps(
        {
            "sources": new_sources,
            "moved": [{"name": name, "from": origin} for name, (_segment_text, origin) in moved.items()],
            "problems": problems,
        }
    )
