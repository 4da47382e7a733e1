/** How much heap each size's bench process gets (local/bench.ts starts one process per size). */

/**
 * The old-space heap a size's process gets (MB): V8's default (~4 GB on 64-bit) is too small for L
 * (1M invoices, both nights and the naive baselines in one emulator: it ran out there), so the child
 * gets half the machine's memory, at least 4 GB and at most 8 GB unless `--heap-mb` says otherwise.
 */
export function childHeapMb(totalBytes: number, asked?: string): number {
	if (asked !== undefined) {
		const n = Number(asked);
		if (!Number.isInteger(n) || n < 256)
			throw new Error(`--heap-mb must be a whole number of MB, at least 256 (got "${asked}")`);
		return n;
	}
	return Math.max(4096, Math.min(8192, Math.floor(totalBytes / 2 ** 20 / 2)));
}

/**
 * How far V8 lets the heap grow past what the last full collection kept before it collects again:
 * 25 % (V8 picks between 10 % and 300 % itself, and with a heap limit of several GB it took the
 * room: M's pipeline process kept about 0.55 GB alive but peaked at 2.1 GB resident; with 25 %,
 * 0.9 GB). The limit (childHeapMb) stays as it is, so a size that needs more heap still gets it; only
 * the garbage it carries around shrinks, for a little more collection time.
 */
export const CHILD_HEAP_GROWING_PERCENT = 25;
