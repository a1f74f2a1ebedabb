"""pytest-style ``assert`` messages for check files (an AST rewrite).

A plain ``assert total == 10`` fails with an empty AssertionError, which
teaches nothing.  Check files are compiled through :func:`compile_check`,
which rewrites every ``assert`` statement so that a failure says what was
compared::

    assert count_instances(Node) == 0
    # -> AssertionError: assert 3 == 0
    #      where 3 = count_instances(Node)

Only check files are rewritten; learner code is compiled as written.

How: each ``assert`` becomes "evaluate the operands into temporaries, test,
raise with an explanation, delete the temporaries".  Temporaries are named
``@ll_<n>`` — not a valid Python identifier, so they can never clash with a
check author's names — and are deleted right after a passing assert, because
in a memory course a temporary that keeps an object alive would change the
outcome of the next line (``del obj; assert ref() is None``).
``assert a and b, msg`` is split into ``assert a, msg`` and ``assert b, msg``
(same semantics) so the explanation names the part that failed.
"""

import ast

from ._tracebacks import safe_repr, safe_str

_COMPARE_SYMBOLS = {
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.In: "in",
    ast.NotIn: "not in",
}

EXPLAIN_COMPARE = "@leakless_explain_compare"
EXPLAIN_VALUE = "@leakless_explain_value"


def _with_message(explanation, msg):
    if msg is None:
        return explanation
    return f"{safe_str(msg)}\n{explanation}"


def _where(source, value_repr):
    """``where 3 = count(x)`` when the operand is an expression worth explaining."""
    if source is None or source == value_repr:
        return ""
    return f"\n  where {value_repr} = {source}"


def explain_compare(left, symbol, right, msg, left_source, right_source):
    left_repr, right_repr = safe_repr(left), safe_repr(right)
    text = f"assert {left_repr} {symbol} {right_repr}"
    text += _where(left_source, left_repr) + _where(right_source, right_repr)
    return _with_message(text, msg)


def explain_value(value, msg, source):
    text = f"assert {source}"
    value_repr = safe_repr(value)
    if value_repr != source:
        text += f"\n  where the expression was {value_repr}"
    return _with_message(text, msg)


def _is_self_explaining(node):
    """Literals and plain names need no ``where`` line."""
    if isinstance(node, (ast.Constant, ast.Name)):
        return True
    try:
        ast.literal_eval(node)
    except BaseException:
        return False
    return True


class _AssertRewriter(ast.NodeTransformer):
    def __init__(self, source):
        self._source = source
        self._counter = 0

    def _temp(self):
        self._counter += 1
        return f"@ll_{self._counter}"

    def _segment(self, node):
        text = ast.get_source_segment(self._source, node)
        return text if text is not None else ast.unparse(node)

    def visit_Assert(self, node):
        test = node.test
        if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
            parts = []
            for value in test.values:
                part = ast.Assert(test=value, msg=node.msg)
                ast.copy_location(part, node)
                parts.extend(self.visit_Assert(part))
            return parts
        if isinstance(test, ast.Compare) and len(test.ops) == 1 and type_of(test.ops[0]) in _COMPARE_SYMBOLS:
            return self._rewrite_compare(node, test)
        return self._rewrite_value(node, test)

    def _rewrite_compare(self, node, test):
        left_name, right_name = self._temp(), self._temp()
        left, right = test.left, test.comparators[0]
        statements = [
            _assign(left_name, left, node),
            _assign(right_name, right, node),
        ]
        compare = ast.Compare(left=_load(left_name), ops=[test.ops[0]], comparators=[_load(right_name)])
        explanation = ast.Call(
            func=_load(EXPLAIN_COMPARE),
            args=[
                _load(left_name),
                ast.Constant(_COMPARE_SYMBOLS[type_of(test.ops[0])]),
                _load(right_name),
                node.msg if node.msg is not None else ast.Constant(None),
                ast.Constant(None if _is_self_explaining(left) else self._segment(left)),
                ast.Constant(None if _is_self_explaining(right) else self._segment(right)),
            ],
            keywords=[],
        )
        statements.append(_raise_unless(compare, explanation, node))
        statements.append(_delete([left_name, right_name], node))
        return [ast.fix_missing_locations(ast.copy_location(s, node)) for s in statements]

    def _rewrite_value(self, node, test):
        name = self._temp()
        explanation = ast.Call(
            func=_load(EXPLAIN_VALUE),
            args=[
                _load(name),
                node.msg if node.msg is not None else ast.Constant(None),
                ast.Constant(self._segment(test)),
            ],
            keywords=[],
        )
        statements = [
            _assign(name, test, node),
            _raise_unless(_load(name), explanation, node),
            _delete([name], node),
        ]
        return [ast.fix_missing_locations(ast.copy_location(s, node)) for s in statements]


def type_of(node):
    return node.__class__


def _load(name):
    return ast.Name(id=name, ctx=ast.Load())


def _assign(name, value, at):
    return ast.copy_location(ast.Assign(targets=[ast.Name(id=name, ctx=ast.Store())], value=value), at)


def _delete(names, at):
    return ast.copy_location(ast.Delete(targets=[ast.Name(id=n, ctx=ast.Del()) for n in names]), at)


def _raise_unless(condition, explanation, at):
    raise_ = ast.Raise(
        exc=ast.Call(func=_load("@leakless_AssertionError"), args=[explanation], keywords=[]), cause=None
    )
    return ast.copy_location(
        ast.If(test=ast.UnaryOp(op=ast.Not(), operand=condition), body=[ast.copy_location(raise_, at)], orelse=[]),
        at,
    )


def compile_check(source, filename):
    """Compile a check file with rewritten asserts. Raises SyntaxError like ``compile``."""
    tree = ast.parse(source, filename=filename)
    tree = _AssertRewriter(source).visit(tree)
    # Every statement the rewriter makes already has its locations (see
    # _rewrite_compare/_rewrite_value), so the walk over the whole tree is only
    # a fallback: it was half of this function's time in Pyodide.
    try:
        return compile(tree, filename, "exec", dont_inherit=True)
    except (TypeError, ValueError):  # a node without a location
        ast.fix_missing_locations(tree)
        return compile(tree, filename, "exec", dont_inherit=True)


def check_namespace_helpers():
    """Globals a rewritten check module needs (names no check author can write)."""
    return {
        EXPLAIN_COMPARE: explain_compare,
        EXPLAIN_VALUE: explain_value,
        # The genuine AssertionError, even if a learner replaced builtins.AssertionError.
        "@leakless_AssertionError": AssertionError,
    }
