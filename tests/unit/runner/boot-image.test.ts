/**
 * The boot image's heap copies put back every byte, whatever a run wrote
 * where: SparseHeap (zero pages included) holds only the non-zero pages;
 * FlatHeap keeps its copy in memory it was handed, and what does not fit.
 */
import { FlatHeap, SparseHeap } from "@/lib/judge/boot-image";

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

test.each([
  ["smaller than the heap (the snapshot's bytes are)", 3 * PAGE - 100],
  ["larger than the heap", 6 * PAGE],
])("a flat copy in handed-over memory %s restores every byte", (_label, spareBytes) => {
  const boot = heapOf(4, (h) => {
    for (let i = 0; i < h.length; i += 997) h[i] = (i % 251) + 1;
    h[h.length - 1] = 3; // past the end of the smaller spare
  });
  const spare = new Uint8Array(spareBytes).fill(0xee); // what the snapshot held before
  const image = new FlatHeap(boot, spare);
  const live = boot.slice();
  live.fill(0x55, PAGE, 2 * PAGE);
  live[live.length - 1] = 0;
  live[0] = 0;
  image.restoreInto(live);
  expect(Buffer.from(live).equals(Buffer.from(boot))).toBe(true);
});
