/**
 * The interrupt buffer's layout, as the page writes it and the engine's poll
 * takes it (stopping real Python is tested in session.test.ts).
 */
import { clearInterrupt, createInterruptBuffer, requestInterrupt, takeInterrupt } from "@/lib/runner/interrupt";

test("a request is taken once, with its reason", () => {
  const buffer = createInterruptBuffer()!;
  expect(takeInterrupt(buffer)).toBeNull();
  requestInterrupt(buffer, "stop");
  expect(takeInterrupt(buffer)).toBe("stop");
  expect(takeInterrupt(buffer)).toBeNull();
  requestInterrupt(buffer, "timeout");
  expect(takeInterrupt(buffer)).toBe("timeout");
});

test("a request cleared before a run starts is not taken", () => {
  const buffer = createInterruptBuffer()!;
  requestInterrupt(buffer, "stop");
  clearInterrupt(buffer);
  expect(takeInterrupt(buffer)).toBeNull();
});
