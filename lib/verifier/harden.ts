/**
 * Freezes the JavaScript intrinsics of the verifier process after Pyodide has
 * loaded and before learner code runs, so learner Python (which reaches JS
 * through `js`) cannot change how the process builds its reply: e.g. replace
 * `JSON.stringify`, add a `toJSON` to `Object.prototype`, or patch
 * `Array.prototype.join`.
 *
 * Freezing a prototype has a known side effect, the "override mistake": once
 * `Object.prototype.constructor` is a frozen data property, `obj.constructor
 * = X` on an ordinary object throws in strict code instead of creating an own
 * property. Pyodide does such assignments (async Python broke with a plain
 * freeze). As in SES's `enablePropertyOverrides`, each data property of a
 * frozen prototype becomes an accessor whose setter defines the own property
 * on the receiver, and refuses only when the receiver is the prototype itself.
 *
 * `Error` keeps writable statics: Pyodide writes `Error.stackTraceLimit`.
 */

/** Constructors and namespaces frozen together with their prototypes. */
const INTRINSIC_NAMES = [
  "Object",
  "Function",
  "Array",
  "String",
  "Number",
  "Boolean",
  "Symbol",
  "BigInt",
  "Promise",
  "JSON",
  "Reflect",
  "Math",
  "Atomics",
  "Proxy",
  "Date",
  "RegExp",
  "Map",
  "Set",
  "WeakMap",
  "WeakSet",
  "WeakRef",
  "FinalizationRegistry",
  "ArrayBuffer",
  "SharedArrayBuffer",
  "DataView",
  "Int8Array",
  "Uint8Array",
  "Uint8ClampedArray",
  "Int16Array",
  "Uint16Array",
  "Int32Array",
  "Uint32Array",
  "Float32Array",
  "Float64Array",
  "BigInt64Array",
  "BigUint64Array",
  "TextEncoder",
  "TextDecoder",
  "Buffer",
  "WebAssembly",
] as const;

/** Their statics stay writable (see above); only their prototypes are frozen. */
const PROTOTYPE_ONLY_NAMES = [
  "Error",
  "TypeError",
  "RangeError",
  "SyntaxError",
  "ReferenceError",
  "EvalError",
  "URIError",
  "AggregateError",
] as const;

type AnyRecord = Record<PropertyKey, unknown>;

export function hardenIntrinsics(): void {
  const global = globalThis as unknown as AnyRecord;
  const prototypes = new Set<object>();
  const others = new Set<object>();

  const addConstructor = (value: unknown, freezeStatics: boolean) => {
    if ((typeof value !== "function" && typeof value !== "object") || value === null) return;
    if (freezeStatics) others.add(value);
    const proto = (value as { prototype?: unknown }).prototype;
    if (proto && typeof proto === "object") prototypes.add(proto);
  };
  for (const name of INTRINSIC_NAMES) addConstructor(global[name], true);
  for (const name of PROTOTYPE_ONLY_NAMES) addConstructor(global[name], false);

  // Intrinsics without a global name.
  const typedArray = Object.getPrototypeOf(Uint8Array) as object;
  addConstructor(typedArray, true);
  for (const fn of [function* () {}, async function () {}, async function* () {}]) {
    const ctorProto = Object.getPrototypeOf(fn) as object;
    prototypes.add(ctorProto);
  }
  prototypes.add(Object.getPrototypeOf([][Symbol.iterator]()) as object);
  prototypes.add(Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())) as object);
  for (const key of Object.getOwnPropertyNames(WebAssembly))
    addConstructor((WebAssembly as unknown as AnyRecord)[key], true);

  for (const proto of prototypes) tameOverrides(proto);
  for (const proto of prototypes) Object.freeze(proto);
  for (const other of others) Object.freeze(other);
}

/** Turn each writable data property into an accessor that lets instances shadow it. */
function tameOverrides(proto: object): void {
  for (const key of Reflect.ownKeys(proto)) {
    const desc = Object.getOwnPropertyDescriptor(proto, key);
    if (!desc || !("value" in desc) || !desc.writable || !desc.configurable) continue;
    const value: unknown = desc.value;
    Object.defineProperty(proto, key, {
      configurable: false,
      enumerable: desc.enumerable,
      get() {
        return value;
      },
      set(this: object, newValue: unknown) {
        if (this === proto) throw new TypeError(`Cannot assign to frozen intrinsic property ${String(key)}`);
        Object.defineProperty(this, key, { value: newValue, writable: true, enumerable: true, configurable: true });
      },
    });
  }
}
