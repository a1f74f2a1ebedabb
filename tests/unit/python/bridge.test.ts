/**
 * How a check sees the learner's objects (lib/judge/bridge.ts and
 * leakless/_bridge.py): every answer a check relies on comes from the
 * object's real type and the platform's measurements, never from what the
 * learner's code chooses to say.
 */
import { check, startPython, statuses, type Python } from "./pyodide";

let py: Python;
beforeAll(async () => {
  py = await startPython();
});

/** Checks `checks` against `code`; every test must pass. */
async function allPass(code: string, checks: string): Promise<void> {
  const result = await check(py, code, checks);
  const failed = result.tests.filter((t) => t.status !== "passed").map((t) => `${t.name}: ${t.message}`);
  expect([result.status, result.message, failed]).toEqual(["passed", expect.any(String), []]);
}

test("reversed() of a learner object uses its __reversed__, or reads a sequence in order", async () => {
  const code = [
    "class Back:",
    "    def __reversed__(self):",
    "        yield from (3, 2, 1)",
    "class Seq:",
    "    def __len__(self):",
    "        return 3",
    "    def __getitem__(self, i):",
    "        if i >= 3:",
    "            raise IndexError(i)",
    "        return i * 10",
  ].join("\n");
  await allPass(
    code,
    [
      "from submission import Back, Seq",
      "def test_reversed():",
      "    assert list(reversed(Back())) == [3, 2, 1]",
      "    assert list(reversed(Seq())) == [20, 10, 0]",
    ].join("\n"),
  );
});

test("next() on what is not an iterator raises TypeError, both ways across, and nothing crashes", async () => {
  // PyIter_Next calls the type's tp_iternext unchecked; a list has none, and the wasm trapped.
  const code = [
    "items = [1, 2, 3]",
    "def pull(thing):",
    "    try:",
    "        next(thing)",
    "    except TypeError as e:",
    "        return str(e)",
    "    return 'no TypeError'",
  ].join("\n");
  await allPass(
    code,
    [
      "import submission",
      "def test_next_on_a_learner_list():",
      "    try:",
      "        next(submission.items)",
      "    except TypeError as e:",
      "        assert \"'list' object is not an iterator\" in str(e)",
      "    else:",
      "        raise AssertionError('no TypeError')",
      "    assert next(iter(submission.items)) == 1",
      "def test_next_in_the_learner_on_a_lent_function():",
      "    def callback():",
      "        pass",
      "    assert 'is not an iterator' in submission.pull(callback)",
    ].join("\n"),
  );
});

test("isinstance against a standard-library class asks the class paired at boot, not the learner's module", async () => {
  const code = [
    "import array",
    "class Hollow(list):",
    "    typecode = 'd'",
    "array.array = Hollow",
    "def profile():",
    "    return Hollow([1.0])",
    "def real():",
    "    return array.ArrayType('d', [1.0])  # the real class, under its other name",
  ].join("\n");
  const result = await check(
    py,
    code,
    [
      "from array import array",
      "from submission import profile, real",
      "def test_hollow_is_not_an_array():",
      "    assert not isinstance(profile(), array)",
      "def test_a_real_array_is():",
      "    assert isinstance(real(), array)",
    ].join("\n"),
  );
  expect(statuses(result)).toEqual({ test_hollow_is_not_an_array: "passed", test_a_real_array_is: "passed" });
});

test("isinstance with a plain class follows the object's real type, not a __class__ property", async () => {
  await allPass(
    "class Real:\n    pass\nclass Liar:\n    @property\n    def __class__(self):\n        return Real\n",
    [
      "from submission import Liar, Real",
      "def test_liar():",
      "    assert not isinstance(Liar(), Real)",
      "    assert isinstance(Real(), Real)",
    ].join("\n"),
  );
});

test("hasattr and getattr in a check see the learner's dunder methods, not the handle's", async () => {
  await allPass(
    "class Plain:\n    pass\nclass Closing:\n    def __del__(self):\n        pass\n    def __len__(self):\n        return 2\n",
    [
      "from submission import Closing, Plain",
      "def test_dunders():",
      "    assert not hasattr(Plain, '__del__') and not hasattr(Plain(), '__len__')",
      "    assert hasattr(Closing, '__del__') and getattr(Closing(), '__len__')() == 2",
      "    assert getattr(Plain(), 'missing', 'default') == 'default'",
    ].join("\n"),
  );
});

test("instance_layout reads __dict__ and __slots__ from the class's C structure", async () => {
  const code = [
    "class Dicty:",
    "    @property",
    "    def __dict__(self):",
    "        raise AttributeError('__dict__')",
    "Dicty.__slots__ = ('lat', 'lon')  # a class attribute after the fact: no slots",
    "class Lean:",
    "    __slots__ = ('lat', 'lon')",
  ].join("\n");
  await allPass(
    code,
    [
      "from leakless import instance_layout",
      "from submission import Dicty, Lean",
      "def test_layout():",
      "    assert instance_layout(Dicty()) == (True, ())",
      "    has_dict, slots = instance_layout(Lean())",
      "    assert not has_dict and sorted(slots) == ['lat', 'lon']",
    ].join("\n"),
  );
});

describe("tracemalloc: the checks' view and the learner's", () => {
  test("learner code that stops, clears or resets tracemalloc changes nothing a check measures", async () => {
    const code = [
      "import tracemalloc",
      "kept = []",
      "def leak():",
      "    kept.append(bytearray(10_000))",
      "    tracemalloc.stop()",
      "    tracemalloc.start()",
      "    tracemalloc.clear_traces()",
      "    tracemalloc.reset_peak()",
    ].join("\n");
    const result = await check(
      py,
      code,
      [
        "import tracemalloc",
        "from leakless import no_leak, peak_memory",
        "from submission import leak",
        "def test_no_leak_sees_the_growth():",
        "    no_leak(leak, repeat=12, warmup=2)",
        "def test_peak_sees_the_allocation():",
        "    assert peak_memory(leak) >= 10_000",
        "def test_a_check_measuring_by_hand():",
        "    tracemalloc.start()",
        "    before = tracemalloc.get_traced_memory()[0]",
        "    leak()",
        "    assert tracemalloc.is_tracing()",
        "    assert tracemalloc.get_traced_memory()[0] - before >= 10_000",
        "    tracemalloc.stop()",
      ].join("\n"),
    );
    expect(statuses(result)).toEqual({
      test_no_leak_sees_the_growth: "failed",
      test_peak_sees_the_allocation: "passed",
      test_a_check_measuring_by_hand: "passed",
    });
  });

  test("learner code measuring with tracemalloc inside a check gets its own exact numbers", async () => {
    const code = [
      "import tracemalloc",
      "def measure(fn):",
      "    started = not tracemalloc.is_tracing()",
      "    if started:",
      "        tracemalloc.start()",
      "    tracemalloc.reset_peak()",
      "    before = tracemalloc.get_traced_memory()[0]",
      "    fn()",
      "    after, peak = tracemalloc.get_traced_memory()",
      "    if started:",
      "        tracemalloc.stop()",
      "    return peak - before, after - before",
    ].join("\n");
    await allPass(
      code,
      [
        "import tracemalloc",
        "from submission import measure",
        "big = []",
        "def test_inside_a_check_that_traces_a_larger_peak_first():",
        "    tracemalloc.start()",
        "    big.append(bytearray(3_000_000))",
        "    big.clear()",
        "    peak, retained = measure(lambda: len(bytearray(200_000)))",
        "    assert 200_000 <= peak < 260_000 and abs(retained) < 10_000, (peak, retained)",
        "    assert tracemalloc.get_traced_memory()[1] >= 3_000_000, 'the check keeps its own peak'",
        "    tracemalloc.stop()",
        "def test_alone():",
        "    assert not tracemalloc.is_tracing()",
        "    peak, _ = measure(lambda: len(bytearray(100_000)))",
        "    assert 100_000 <= peak < 160_000, peak",
      ].join("\n"),
    );
  });
});

test("gc.freeze() is refused, even from a fresh copy of the gc module", async () => {
  await allPass(
    [
      "import gc, importlib, sys",
      "def try_freeze():",
      "    out = []",
      "    for module in (gc, importlib.reload(gc)):",
      "        try:",
      "            module.freeze()",
      "            out.append('frozen')",
      "        except NotImplementedError:",
      "            out.append('refused')",
      "    return out, gc.get_freeze_count()",
    ].join("\n"),
    [
      "from submission import try_freeze",
      "def test_refused():",
      "    refusals, _ = try_freeze()",
      "    assert refusals == ['refused', 'refused']",
    ].join("\n"),
  );
});

test("functions a check lends show the learner's code no name, and its assertion texts stay out", async () => {
  const code = [
    "seen = []",
    "def call(fn):",
    "    seen.append(repr(fn))",
    "    try:",
    "        fn()",
    "    except AssertionError as e:",
    "        seen.append(str(e))",
  ].join("\n");
  const result = await check(
    py,
    code,
    [
      "import submission",
      "def test_secret_name_inside():",
      "    def secret_helper_name():",
      "        assert 1 == 2, 'the secret expected value is 42'",
      "    submission.call(secret_helper_name)",
      "def test_what_the_learner_saw():",
      "    text = ' '.join(submission.seen)",
      "    assert 'secret' not in text and '42' not in text, text",
    ].join("\n"),
  );
  expect(statuses(result)).toEqual({ test_secret_name_inside: "failed", test_what_the_learner_saw: "passed" });
});
