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
