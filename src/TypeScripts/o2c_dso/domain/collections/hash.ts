/**
 * A short, stable, non-cryptographic fingerprint of a text (two 32-bit FNV-1a lanes with different
 * offsets, 16 hex digits): for change detection and idempotency keys, never for secrets.
 * Pure: no `N/*`.
 */

function fnv1a(text: string, offset: number): number {
	let h = offset >>> 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		h = Math.imul(h ^ (c & 0xff), 0x01000193) >>> 0;
		h = Math.imul(h ^ (c >>> 8), 0x01000193) >>> 0;
	}
	return h >>> 0;
}

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

/** @example fingerprintOf('abc') // 16 hex digits, the same on every call */
export function fingerprintOf(text: string): string {
	return hex8(fnv1a(text, 0x811c9dc5)) + hex8(fnv1a(text, 0x050c5d1f));
}

/**
 * A number in [0, 1) drawn from a text (for jitter that is the same on every rerun).
 * @example unitInterval('o2c-100-20260504-…|3') // 0.42…
 */
export function unitInterval(text: string): number {
	return fnv1a(text, 0x2f6b1d3a) / 0x100000000;
}
