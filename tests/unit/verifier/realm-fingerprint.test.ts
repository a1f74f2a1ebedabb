/**
 * The JavaScript half of the after-job integrity check: what a learner could
 * leave behind through `js` (a replaced function, a new global, a timer) is a
 * difference; an untouched realm is not.
 */
import { captureRealm } from "@/lib/verifier/realm-fingerprint";

function roots() {
  const api = { run: () => 1, nested: { helper: () => 2 }, opaque: { ownKeys: "must not be walked" } };
  const holder = { api, value: Number.NaN };
  return { api, holder };
}

test("an untouched realm (NaN included) checks clean, again and again", () => {
  const { holder } = roots();
  const check = captureRealm([["holder", holder]], () => false);
  expect(check()).toBeNull();
  expect(check()).toBeNull();
});

test("a replaced function, a property added one level down, or a new root property is a difference", () => {
  const { api, holder } = roots();
  const check = captureRealm([["holder", holder]], () => false);
  const original = api.run;
  api.run = () => 42;
  expect(check()).toBe("holder.api.run changed");
  api.run = original;
  expect(check()).toBeNull();

  (api as Record<string, unknown>).extra = 1;
  expect(check()).toBe("a property was added below a root");
  delete (api as Record<string, unknown>).extra;

  (holder as Record<string, unknown>).planted = "x";
  expect(check()).toBe("holder gained or lost a property");
});

test("a timer left running is a difference", () => {
  const check = captureRealm([["holder", {}]], () => false);
  const timer = setInterval(() => {}, 60_000);
  try {
    expect(check()).toMatch(/^active resources changed/);
  } finally {
    clearInterval(timer);
  }
  expect(check()).toBeNull();
});

test("opaque values are compared by identity but never looked into", () => {
  const { api, holder } = roots();
  const seen: string[] = [];
  const proxy = new Proxy(api.opaque, {
    ownKeys(target) {
      seen.push("ownKeys");
      return Reflect.ownKeys(target);
    },
  });
  (holder as Record<string, unknown>).api = { ...api, opaque: proxy };
  const check = captureRealm([["holder", holder]], (value) => value === proxy);
  expect(check()).toBeNull();
  expect(seen).toEqual([]);
});
