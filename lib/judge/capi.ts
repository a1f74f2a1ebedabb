/**
 * Typed access to the CPython C API of one Pyodide instance, for the host
 * (this JavaScript) to drive both interpreters directly: no Python code of
 * ours runs on these paths, so learner code has nothing of it to patch.
 *
 * Pyodide exports the whole C API from its wasm module (side modules link
 * against it); the names used here are checked when the instance is wrapped,
 * so a Pyodide upgrade that drops one fails at boot, not mid-job.
 *
 * Layout facts (wasm32, CPython 3.14, default build), checked by `selfTest`:
 * a PyObject is `{ob_refcnt, ob_type}` (4 bytes each), a PyVarObject adds
 * `ob_size` at 8.
 */
export type Ptr = number;

/** The Emscripten module of a Pyodide instance: exports are `_Name` functions and data addresses. */
export interface EmscriptenModule {
  HEAPU8: Uint8Array;
  HEAP32: Int32Array;
  HEAPU32: Uint32Array;
  HEAPF64: Float64Array;
  addFunction(fn: (...args: number[]) => number, signature: string): number;
  stringToNewUTF8(text: string): Ptr;
  UTF8ToString(ptr: Ptr, maxBytes?: number): string;
  stackSave(): number;
  stackRestore(pointer: number): void;
  [name: string]: unknown;
}

type Fn0 = () => number;
type Fn1 = (a: number) => number;
type Fn2 = (a: number, b: number) => number;
type Fn3 = (a: number, b: number, c: number) => number;
type Fn4 = (a: number, b: number, c: number, d: number) => number;

/** Rich comparison operators, as CPython numbers them. */
export const Py_LT = 0,
  Py_LE = 1,
  Py_EQ = 2,
  Py_NE = 3,
  Py_GT = 4,
  Py_GE = 5;

export const METH_VARARGS = 0x1;
export const METH_FASTCALL = 0x80;

const Py_TPFLAGS_HEAPTYPE = 1 << 9;
const Py_TPFLAGS_HAVE_GC = 1 << 14;
const Py_TPFLAGS_MANAGED_DICT = 1 << 4;
const Py_TPFLAGS_MANAGED_WEAKREF = 1 << 3;
const Py_TPFLAGS_BASETYPE = 1 << 10;
const Py_TPFLAGS_IMMUTABLETYPE = 1 << 8;
const Py_TPFLAGS_TYPE_SUBCLASS = 1 << 31;
const Py_TPFLAGS_BASE_EXC_SUBCLASS = 1 << 30;

/** sizeof(PyGC_Head) on wasm32. */
const GC_HEAD_BYTES = 8;

export class CApi {
  readonly m: EmscriptenModule;
  // Object protocol
  readonly Py_IncRef: Fn1;
  readonly Py_DecRef: Fn1;
  readonly PyObject_GetAttr: Fn2;
  readonly PyObject_GetAttrString: Fn2;
  readonly PyDict_SetItemString: Fn3;
  readonly PyObject_SetAttr: Fn3;
  readonly PyObject_GetItem: Fn2;
  readonly PyObject_SetItem: Fn3;
  readonly PyObject_DelItem: Fn2;
  readonly PyObject_Call: Fn3;
  readonly PyObject_CallNoArgs: Fn1;
  readonly PyObject_CallOneArg: Fn2;
  readonly PyObject_Vectorcall: Fn4;
  readonly PyObject_Length: Fn1;
  readonly PyObject_IsTrue: Fn1;
  readonly PyObject_Hash: Fn1;
  readonly PyObject_RichCompare: Fn3;
  readonly PyObject_RichCompareBool: Fn3;
  readonly PyObject_Str: Fn1;
  readonly PyObject_Repr: Fn1;
  readonly PyObject_Format: Fn2;
  readonly PyObject_Dir: Fn1;
  readonly PyObject_GetIter: Fn1;
  readonly PyIter_Next: Fn1;
  readonly PyIter_Check: Fn1;
  readonly PyObject_IsInstance: Fn2;
  readonly PyObject_IsSubclass: Fn2;
  readonly PyCallable_Check: Fn1;
  readonly PySequence_Contains: Fn2;
  readonly PyObject_GC_IsTracked: Fn1;
  readonly PyObject_GC_IsFinalized: Fn1;
  // Errors
  readonly PyErr_Occurred: Fn0;
  readonly PyErr_GetRaisedException: Fn0;
  readonly PyErr_SetRaisedException: Fn1;
  readonly PyErr_SetString: Fn2;
  readonly PyErr_SetObject: Fn2;
  readonly PyErr_Clear: Fn0;
  readonly PyErr_NoMemory: Fn0;
  readonly PyException_GetTraceback: Fn1;
  readonly PyException_GetCause: Fn1;
  readonly PyException_GetContext: Fn1;
  readonly PyException_GetArgs: Fn1;
  // Concrete types
  readonly PyLong_FromLong: Fn1;
  readonly PyLong_AsLongAndOverflow: Fn2;
  readonly PyLong_FromString: Fn3;
  readonly PyNumber_ToBase: Fn2;
  readonly PyFloat_FromDouble: (value: number) => number;
  readonly PyFloat_AsDouble: (o: number) => number;
  readonly PyComplex_FromDoubles: (real: number, imag: number) => number;
  readonly PyComplex_RealAsDouble: (o: number) => number;
  readonly PyComplex_ImagAsDouble: (o: number) => number;
  readonly PyUnicode_AsUTF8AndSize: Fn2;
  readonly PyUnicode_DecodeUTF8: Fn3;
  readonly PyUnicode_AsUCS4Copy: Fn1;
  readonly PyUnicode_FromKindAndData: Fn3;
  readonly PyUnicode_GetLength: Fn1;
  readonly PyUnicode_InternFromString: Fn1;
  readonly PyBytes_FromStringAndSize: Fn2;
  readonly PyBytes_AsString: Fn1;
  readonly PyBytes_Size: Fn1;
  readonly PyByteArray_FromStringAndSize: Fn2;
  readonly PyByteArray_AsString: Fn1;
  readonly PyByteArray_Size: Fn1;
  readonly PyTuple_New: Fn1;
  readonly PyTuple_SetItem: Fn3;
  readonly PyList_New: Fn1;
  readonly PyList_SetItem: Fn3;
  readonly PyList_Append: Fn2;
  readonly PyDict_New: Fn0;
  readonly PyDict_SetItem: Fn3;
  readonly PyDict_GetItemRef: Fn3;
  readonly PyDict_Next: Fn4;
  readonly PySet_New: Fn1;
  readonly PySet_Add: Fn2;
  readonly PyFrozenSet_New: Fn1;
  readonly PyType_IsSubtype: Fn2;
  readonly PyType_GenericAlloc: Fn2;
  readonly PyType_GetFlags: Fn1;
  readonly PyType_GetQualName: Fn1;
  readonly PyType_GetModuleName: Fn1;
  readonly PyModule_New: Fn1;
  readonly PyModule_GetDict: Fn1;
  readonly PyModule_AddObjectRef: Fn3;
  readonly PyImport_GetModuleDict: Fn0;
  readonly PyImport_ImportModule: Fn1;
  readonly PyEval_EvalCode: Fn3;
  readonly Py_CompileString: Fn3;
  readonly PyWeakref_NewRef: Fn2;
  readonly PyWeakref_GetRef: Fn2;
  readonly PyCMethod_New: Fn4;
  readonly PySys_AddAuditHook: Fn2;
  // Interpreters and threads
  readonly PyThreadState_Get: Fn0;
  readonly PyThreadState_Swap: Fn1;
  readonly PyInterpreterState_Get: Fn0;
  readonly PyThreadState_SetAsyncExc: Fn2;
  readonly PyThread_get_thread_ident: Fn0;
  readonly Py_NewInterpreterFromConfig: Fn3;
  readonly PyGC_Collect: Fn0;
  readonly PyGC_Enable: Fn0;
  readonly PyGC_Disable: Fn0;
  /** The code object of a function (borrowed). */
  readonly PyFunction_GetCode: Fn1;
  /** The function of a bound method (borrowed). */
  readonly PyMethod_Function: Fn1;
  // Memory
  readonly malloc: Fn1;
  readonly free: Fn1;
  readonly PyMem_Free: Fn1;

  // Static objects (shared by every interpreter of the runtime)
  readonly None: Ptr;
  readonly True: Ptr;
  readonly False: Ptr;
  readonly Ellipsis: Ptr;
  readonly NotImplemented: Ptr;
  readonly type: Record<
    | "long"
    | "float"
    | "complex"
    | "bool"
    | "str"
    | "bytes"
    | "bytearray"
    | "tuple"
    | "list"
    | "dict"
    | "set"
    | "frozenset"
    | "type"
    | "module"
    | "object"
    | "function"
    | "method"
    | "cell"
    | "generator"
    | "coroutine"
    | "asyncGenerator"
    | "frame"
    | "code"
    | "traceback"
    | "cfunction"
    | "range",
    Ptr
  >;
  readonly exc: Record<
    | "BaseException"
    | "Exception"
    | "StopIteration"
    | "KeyboardInterrupt"
    | "SystemError"
    | "TypeError"
    | "ValueError"
    | "RecursionError"
    | "MemoryError"
    | "PermissionError"
    | "AttributeError"
    | "ImportError"
    | "RuntimeError"
    | "NotImplementedError",
    Ptr
  >;

  constructor(module: unknown) {
    const m = module as EmscriptenModule;
    this.m = m;
    const fn = <T>(name: string): T => {
      const f = m[`_${name}`];
      if (typeof f !== "function") throw new Error(`Pyodide does not export ${name}; the judge needs it`);
      return f as T;
    };
    const data = (name: string): Ptr => {
      const address = m[`_${name}`];
      if (typeof address !== "number") throw new Error(`Pyodide does not export ${name}; the judge needs it`);
      return address;
    };
    this.Py_IncRef = fn("Py_IncRef");
    this.Py_DecRef = fn("Py_DecRef");
    this.PyObject_GetAttr = fn("PyObject_GetAttr");
    this.PyObject_GetAttrString = fn("PyObject_GetAttrString");
    this.PyDict_SetItemString = fn("PyDict_SetItemString");
    this.PyObject_SetAttr = fn("PyObject_SetAttr");
    this.PyObject_GetItem = fn("PyObject_GetItem");
    this.PyObject_SetItem = fn("PyObject_SetItem");
    this.PyObject_DelItem = fn("PyObject_DelItem");
    this.PyObject_Call = fn("PyObject_Call");
    this.PyObject_CallNoArgs = fn("PyObject_CallNoArgs");
    this.PyObject_CallOneArg = fn("PyObject_CallOneArg");
    this.PyObject_Vectorcall = fn("PyObject_Vectorcall");
    this.PyObject_Length = fn("PyObject_Length");
    this.PyObject_IsTrue = fn("PyObject_IsTrue");
    this.PyObject_Hash = fn("PyObject_Hash");
    this.PyObject_RichCompare = fn("PyObject_RichCompare");
    this.PyObject_RichCompareBool = fn("PyObject_RichCompareBool");
    this.PyObject_Str = fn("PyObject_Str");
    this.PyObject_Repr = fn("PyObject_Repr");
    this.PyObject_Format = fn("PyObject_Format");
    this.PyObject_Dir = fn("PyObject_Dir");
    this.PyObject_GetIter = fn("PyObject_GetIter");
    this.PyIter_Next = fn("PyIter_Next");
    this.PyIter_Check = fn("PyIter_Check");
    this.PyObject_IsInstance = fn("PyObject_IsInstance");
    this.PyObject_IsSubclass = fn("PyObject_IsSubclass");
    this.PyCallable_Check = fn("PyCallable_Check");
    this.PySequence_Contains = fn("PySequence_Contains");
    this.PyObject_GC_IsTracked = fn("PyObject_GC_IsTracked");
    this.PyObject_GC_IsFinalized = fn("PyObject_GC_IsFinalized");
    this.PyErr_Occurred = fn("PyErr_Occurred");
    this.PyErr_GetRaisedException = fn("PyErr_GetRaisedException");
    this.PyErr_SetRaisedException = fn("PyErr_SetRaisedException");
    this.PyErr_SetString = fn("PyErr_SetString");
    this.PyErr_SetObject = fn("PyErr_SetObject");
    this.PyErr_Clear = fn("PyErr_Clear");
    this.PyErr_NoMemory = fn("PyErr_NoMemory");
    this.PyException_GetTraceback = fn("PyException_GetTraceback");
    this.PyException_GetCause = fn("PyException_GetCause");
    this.PyException_GetContext = fn("PyException_GetContext");
    this.PyException_GetArgs = fn("PyException_GetArgs");
    this.PyLong_FromLong = fn("PyLong_FromLong");
    this.PyLong_AsLongAndOverflow = fn("PyLong_AsLongAndOverflow");
    this.PyLong_FromString = fn("PyLong_FromString");
    this.PyNumber_ToBase = fn("PyNumber_ToBase");
    this.PyFloat_FromDouble = fn("PyFloat_FromDouble");
    this.PyFloat_AsDouble = fn("PyFloat_AsDouble");
    this.PyComplex_FromDoubles = fn("PyComplex_FromDoubles");
    this.PyComplex_RealAsDouble = fn("PyComplex_RealAsDouble");
    this.PyComplex_ImagAsDouble = fn("PyComplex_ImagAsDouble");
    this.PyUnicode_AsUTF8AndSize = fn("PyUnicode_AsUTF8AndSize");
    this.PyUnicode_DecodeUTF8 = fn("PyUnicode_DecodeUTF8");
    this.PyUnicode_AsUCS4Copy = fn("PyUnicode_AsUCS4Copy");
    this.PyUnicode_FromKindAndData = fn("PyUnicode_FromKindAndData");
    this.PyUnicode_GetLength = fn("PyUnicode_GetLength");
    this.PyUnicode_InternFromString = fn("PyUnicode_InternFromString");
    this.PyBytes_FromStringAndSize = fn("PyBytes_FromStringAndSize");
    this.PyBytes_AsString = fn("PyBytes_AsString");
    this.PyBytes_Size = fn("PyBytes_Size");
    this.PyByteArray_FromStringAndSize = fn("PyByteArray_FromStringAndSize");
    this.PyByteArray_AsString = fn("PyByteArray_AsString");
    this.PyByteArray_Size = fn("PyByteArray_Size");
    this.PyTuple_New = fn("PyTuple_New");
    this.PyTuple_SetItem = fn("PyTuple_SetItem");
    this.PyList_New = fn("PyList_New");
    this.PyList_SetItem = fn("PyList_SetItem");
    this.PyList_Append = fn("PyList_Append");
    this.PyDict_New = fn("PyDict_New");
    this.PyDict_SetItem = fn("PyDict_SetItem");
    this.PyDict_GetItemRef = fn("PyDict_GetItemRef");
    this.PyDict_Next = fn("PyDict_Next");
    this.PySet_New = fn("PySet_New");
    this.PySet_Add = fn("PySet_Add");
    this.PyFrozenSet_New = fn("PyFrozenSet_New");
    this.PyType_IsSubtype = fn("PyType_IsSubtype");
    this.PyType_GenericAlloc = fn("PyType_GenericAlloc");
    this.PyType_GetFlags = fn("PyType_GetFlags");
    this.PyType_GetQualName = fn("PyType_GetQualName");
    this.PyType_GetModuleName = fn("PyType_GetModuleName");
    this.PyModule_New = fn("PyModule_New");
    this.PyModule_GetDict = fn("PyModule_GetDict");
    this.PyModule_AddObjectRef = fn("PyModule_AddObjectRef");
    this.PyImport_GetModuleDict = fn("PyImport_GetModuleDict");
    this.PyImport_ImportModule = fn("PyImport_ImportModule");
    this.PyEval_EvalCode = fn("PyEval_EvalCode");
    this.Py_CompileString = fn("Py_CompileString");
    this.PyWeakref_NewRef = fn("PyWeakref_NewRef");
    this.PyWeakref_GetRef = fn("PyWeakref_GetRef");
    this.PyCMethod_New = fn("PyCMethod_New");
    this.PySys_AddAuditHook = fn("PySys_AddAuditHook");
    this.PyThreadState_Get = fn("PyThreadState_Get");
    this.PyThreadState_Swap = fn("PyThreadState_Swap");
    this.PyInterpreterState_Get = fn("PyInterpreterState_Get");
    this.PyThreadState_SetAsyncExc = fn("PyThreadState_SetAsyncExc");
    this.PyThread_get_thread_ident = fn("PyThread_get_thread_ident");
    this.Py_NewInterpreterFromConfig = fn("Py_NewInterpreterFromConfig");
    this.PyGC_Collect = fn("PyGC_Collect");
    this.PyGC_Enable = fn("PyGC_Enable");
    this.PyGC_Disable = fn("PyGC_Disable");
    this.PyFunction_GetCode = fn("PyFunction_GetCode");
    this.PyMethod_Function = fn("PyMethod_Function");
    this.malloc = fn("malloc");
    this.free = fn("free");
    this.PyMem_Free = fn("PyMem_Free");

    this.None = data("_Py_NoneStruct");
    this.True = data("_Py_TrueStruct");
    this.False = data("_Py_FalseStruct");
    this.Ellipsis = data("_Py_EllipsisObject");
    this.NotImplemented = data("_Py_NotImplementedStruct");
    this.type = {
      long: data("PyLong_Type"),
      float: data("PyFloat_Type"),
      complex: data("PyComplex_Type"),
      bool: data("PyBool_Type"),
      str: data("PyUnicode_Type"),
      bytes: data("PyBytes_Type"),
      bytearray: data("PyByteArray_Type"),
      tuple: data("PyTuple_Type"),
      list: data("PyList_Type"),
      dict: data("PyDict_Type"),
      set: data("PySet_Type"),
      frozenset: data("PyFrozenSet_Type"),
      type: data("PyType_Type"),
      module: data("PyModule_Type"),
      object: data("PyBaseObject_Type"),
      function: data("PyFunction_Type"),
      method: data("PyMethod_Type"),
      cell: data("PyCell_Type"),
      generator: data("PyGen_Type"),
      coroutine: data("PyCoro_Type"),
      asyncGenerator: data("PyAsyncGen_Type"),
      frame: data("PyFrame_Type"),
      code: data("PyCode_Type"),
      traceback: data("PyTraceBack_Type"),
      cfunction: data("PyCFunction_Type"),
      range: data("PyRange_Type"),
    };
    // The PyExc_* symbols are pointers to the exception type objects.
    const excType = (name: string) => this.i32(data(`PyExc_${name}`));
    this.exc = {
      BaseException: excType("BaseException"),
      Exception: excType("Exception"),
      StopIteration: excType("StopIteration"),
      KeyboardInterrupt: excType("KeyboardInterrupt"),
      SystemError: excType("SystemError"),
      TypeError: excType("TypeError"),
      ValueError: excType("ValueError"),
      RecursionError: excType("RecursionError"),
      MemoryError: excType("MemoryError"),
      PermissionError: excType("PermissionError"),
      AttributeError: excType("AttributeError"),
      ImportError: excType("ImportError"),
      RuntimeError: excType("RuntimeError"),
      NotImplementedError: excType("NotImplementedError"),
    };
  }

  // ------------------------------------------------------------------ memory

  // Views of the heap, kept (Module.HEAP32 is a property lookup per read); a grown
  // memory detaches the old buffer, whose views then have length 0: refresh then.
  private h32: Int32Array = new Int32Array(0);
  private hu32: Uint32Array = new Uint32Array(0);
  private hf64: Float64Array = new Float64Array(0);

  private refreshViews(): void {
    const buffer = this.m.HEAPU8.buffer;
    this.h32 = new Int32Array(buffer);
    this.hu32 = new Uint32Array(buffer);
    this.hf64 = new Float64Array(buffer);
  }

  i32(address: Ptr): number {
    if (this.h32.length === 0) this.refreshViews();
    return this.h32[address >> 2];
  }

  setI32(address: Ptr, value: number): void {
    if (this.h32.length === 0) this.refreshViews();
    this.h32[address >> 2] = value;
  }

  u32(address: Ptr): number {
    if (this.hu32.length === 0) this.refreshViews();
    return this.hu32[address >> 2];
  }

  f64(address: Ptr): number {
    if (this.hf64.length === 0) this.refreshViews();
    return this.hf64[address >> 3];
  }

  /** Py_TYPE(o). */
  typeOf(o: Ptr): Ptr {
    return this.i32(o + 4);
  }

  /** ob_refcnt, as stored (immortal objects read as a huge number). */
  refcount(o: Ptr): number {
    return this.u32(o);
  }

  /** Py_SIZE(o) of a PyVarObject. */
  varSize(o: Ptr): number {
    return this.i32(o + 8);
  }

  /** tp_flags of a type object. */
  flags(type: Ptr): number {
    return this.u32(type + TP_FLAGS_OFFSET);
  }

  isHeapType(type: Ptr): boolean {
    return (this.flags(type) & Py_TPFLAGS_HEAPTYPE) !== 0;
  }

  isTypeObject(o: Ptr): boolean {
    return (this.flags(this.typeOf(o)) & Py_TPFLAGS_TYPE_SUBCLASS) !== 0;
  }

  isException(o: Ptr): boolean {
    return (this.flags(this.typeOf(o)) & Py_TPFLAGS_BASE_EXC_SUBCLASS) !== 0;
  }

  isSubtype(type: Ptr, base: Ptr): boolean {
    return type === base || this.PyType_IsSubtype(type, base) !== 0;
  }

  /**
   * What `sys.getsizeof` adds before an object (`_PyType_PreHeaderSize`): the
   * GC header, and two words for a managed `__dict__`/`__weakref__`.
   */
  preHeaderBytes(type: Ptr): number {
    const flags = this.flags(type);
    return (
      (flags & Py_TPFLAGS_HAVE_GC ? GC_HEAD_BYTES : 0) +
      (flags & (Py_TPFLAGS_MANAGED_DICT | Py_TPFLAGS_MANAGED_WEAKREF) ? 8 : 0)
    );
  }

  canBeSubclassed(type: Ptr): boolean {
    return (this.flags(type) & Py_TPFLAGS_BASETYPE) !== 0;
  }

  isImmutableType(type: Ptr): boolean {
    return (this.flags(type) & (Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_HEAPTYPE)) !== Py_TPFLAGS_HEAPTYPE;
  }

  /** The first type in `type`'s base chain that is not a heap type: its slots are C code no one can patch. */
  staticBase(type: Ptr): Ptr {
    let t = type;
    while (t && this.isHeapType(t)) t = this.i32(t + TP_BASE_OFFSET);
    return t || this.type.object;
  }

  // ------------------------------------------------------------------ strings

  /** A new C string (malloc); free it with `free`. */
  cString(text: string): Ptr {
    return this.m.stringToNewUTF8(text);
  }

  /** A new Python str in the current interpreter (surrogates survive). */
  newStr(text: string): Ptr {
    const bytes = utf8Encode(text);
    const buffer = this.malloc(bytes.length + 1);
    this.m.HEAPU8.set(bytes, buffer);
    const errors = this.staticCString("surrogatepass");
    const o = this.PyUnicode_DecodeUTF8(buffer, bytes.length, errors);
    this.free(buffer);
    return o;
  }

  private staticStrings = new Map<string, Ptr>();

  /**
   * Forgets C strings made after the boot image was taken: restoring the
   * image returned their memory to the allocator. Call right after a restore.
   */
  forgetStringsSinceImage(): void {
    for (const text of [...this.staticStrings.keys()]) {
      if (!this.imageStrings.has(text)) this.staticStrings.delete(text);
    }
  }

  /** Marks the C strings made so far as part of the boot image. */
  markImage(): void {
    this.imageStrings = new Set(this.staticStrings.keys());
  }

  private imageStrings = new Set<string>();

  /** A C string kept for the life of the instance (error handler names, attribute names). */
  staticCString(text: string): Ptr {
    let ptr = this.staticStrings.get(text);
    if (ptr === undefined) {
      ptr = this.cString(text);
      this.staticStrings.set(text, ptr);
    }
    return ptr;
  }

  /** The text of a Python str, without caching a UTF-8 copy inside it (its size stays what it was). */
  readStr(o: Ptr): string {
    const length = this.PyUnicode_GetLength(o);
    if (length < 0) throw new PythonErrorSet();
    const buffer = this.PyUnicode_AsUCS4Copy(o);
    if (!buffer) throw new PythonErrorSet();
    try {
      const codes = this.m.HEAPU32.subarray(buffer >> 2, (buffer >> 2) + length);
      let text = "";
      for (let i = 0; i < codes.length; i += 8192) {
        text += String.fromCodePoint(...codes.subarray(i, i + 8192));
      }
      return text;
    } finally {
      this.PyMem_Free(buffer);
    }
  }

  /** `str(o)` read as text; learner code may run (a `__str__`). Throws PythonErrorSet on error. */
  strOf(o: Ptr): string {
    const s = this.PyObject_Str(o);
    if (!s) throw new PythonErrorSet();
    try {
      return this.readStr(s);
    } finally {
      this.Py_DecRef(s);
    }
  }

  /** `type(o).__qualname__` and `__module__`, read from the type object (no learner code runs). */
  /**
   * `next(obj)`: the next item (new reference), or 0 at the end (no
   * exception) or on an error (exception set). PyIter_Next alone calls the
   * type's tp_iternext unchecked, and a list has none: the wasm would trap.
   */
  iterNext(obj: Ptr): Ptr {
    if (!this.PyIter_Check(obj)) {
      this.raise(this.exc.TypeError, `'${this.typeName(this.typeOf(obj)).qualname}' object is not an iterator`);
      return 0;
    }
    return this.PyIter_Next(obj);
  }

  typeName(type: Ptr): { qualname: string; module: string } {
    const q = this.PyType_GetQualName(type);
    const qualname = q ? this.readStrAndDecRef(q) : "?";
    if (!q) this.PyErr_Clear();
    const mod = this.PyType_GetModuleName(type);
    let moduleName = "builtins";
    if (mod && this.typeOf(mod) === this.type.str) moduleName = this.readStrAndDecRef(mod);
    else {
      if (mod) this.Py_DecRef(mod);
      this.PyErr_Clear();
    }
    return { qualname, module: moduleName };
  }

  readStrAndDecRef(o: Ptr): string {
    try {
      return this.readStr(o);
    } finally {
      this.Py_DecRef(o);
    }
  }

  // ------------------------------------------------------------------ calls

  /** A method definition in wasm memory, for PyCMethod_New: the function is a table index. */
  methodDef(name: string, tableIndex: number, flags: number): Ptr {
    const def = this.malloc(16);
    this.setI32(def, this.staticCString(name));
    this.setI32(def + 4, tableIndex);
    this.setI32(def + 8, flags);
    this.setI32(def + 12, 0);
    return def;
  }

  /** Sets `exc_type(message)` as the current Python exception. */
  raise(excType: Ptr, message: string): void {
    const text = this.newStr(message);
    if (!text) return; // MemoryError already set
    this.PyErr_SetObject(excType, text);
    this.Py_DecRef(text);
  }
}

/** tp_base in PyTypeObject on wasm32 (checked by selfTest against object/bool). */
export const TP_BASE_OFFSET = 128;
/** tp_flags in PyTypeObject on wasm32 (checked by selfTest against PyType_GetFlags). */
const TP_FLAGS_OFFSET = 84;

/** Thrown by host helpers when a C API call failed and left a Python exception set. */
export class PythonErrorSet extends Error {
  constructor() {
    super("a Python exception is set");
  }
}

function utf8Encode(text: string): Uint8Array {
  // WTF-8: lone surrogates are encoded like scalar values so "surrogatepass" restores them.
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/**
 * Checks the layout facts this module relies on against the running
 * interpreter; throws with a clear message on a Pyodide/CPython that differs.
 */
export function selfTest(api: CApi): void {
  const expect = (what: string, ok: boolean) => {
    if (!ok) throw new Error(`judge C API self-test failed: ${what} (did Pyodide change?)`);
  };
  expect("Py_TYPE(None) is NoneType", api.typeOf(api.None) !== 0 && api.typeOf(api.True) === api.type.bool);
  expect("tp_base of bool is int", api.i32(api.type.bool + TP_BASE_OFFSET) === api.type.long);
  expect("tp_base of int is object", api.i32(api.type.long + TP_BASE_OFFSET) === api.type.object);
  expect("tp_flags of list", api.flags(api.type.list) === api.PyType_GetFlags(api.type.list) >>> 0);
  const t = api.PyTuple_New(3);
  expect("ob_size of a 3-tuple", api.varSize(t) === 3);
  api.Py_DecRef(t);
  const s = api.newStr("héllo ☃ 𝄞");
  expect("str round trip", api.readStr(s) === "héllo ☃ 𝄞");
  api.Py_DecRef(s);
}
