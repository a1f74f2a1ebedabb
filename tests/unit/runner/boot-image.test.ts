/**
 * The boot image's heap copy (SparseHeap) puts back every byte, zero pages
 * included, whatever a run wrote where; and holds only the non-zero pages.
 */
import { SparseHeap } from "@/lib/judge/boot-image";

const PAGE = 64 * 1024;

function heapOf(pages: number, fill: (heap: Uint8Array) => void): Uint8Array {
  const heap = new Uint8Array(new ArrayBuffer(pages * PAGE));
  fill(heap);
  return heap;
}

test("restores every byte: written pages, zero pages a run dirtied, and bytes at page edges", () => {
  const boot = heapOf(8, (h) => {
    h[0] = 1; // page 0: data at its first byte
    h[3 * PAGE - 1] = 7; // page 2: data at its last byte
    h.fill(9, 5 * PAGE, 6 * PAGE); // page 5: full
  });
  const image = new SparseHeap(boot);
  expect(image.storedBytes).toBe(3 * PAGE);

  const live = boot.slice();
  live[1] = 5; // a non-zero page changed
  live[PAGE + 123] = 4; // a zero page dirtied
  live[7 * PAGE] = 1; // the last zero page dirtied at its first byte
  live.fill(0, 5 * PAGE, 6 * PAGE); // a full page wiped
  image.restoreInto(live);
  expect(Buffer.from(live).equals(Buffer.from(boot))).toBe(true);
});

test("a heap of zeros costs nothing to keep", () => {
  expect(new SparseHeap(heapOf(4, () => {})).storedBytes).toBe(0);
});
