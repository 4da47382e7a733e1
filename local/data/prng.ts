/**
 * Seeded pseudo-random numbers for the dataset generator: sfc32 seeded through splitmix32, so the
 * same seed (and stream number) gives the same sequence on every machine. Normal deviates use a
 * sum of uniforms (Irwin-Hall), so no platform-dependent trigonometry is involved.
 */

function splitmix32(state: number): () => number {
	let s = state >>> 0;
	return () => {
		s = (s + 0x9e3779b9) >>> 0;
		let z = s;
		z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
		z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
		return (z ^ (z >>> 16)) >>> 0;
	};
}

/** 32-bit FNV-1a hash of a string seed. */
export function hashSeed(seed: number | string): number {
	if (typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff) return seed >>> 0;
	const text = String(seed);
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h >>> 0;
}

export class Rng {
	private a: number;
	private b: number;
	private c: number;
	private d: number;

	/** `stream` gives independent sequences for the same seed (one per generator concern). */
	constructor(seed: number | string, stream = 0) {
		const sm = splitmix32(hashSeed(seed) ^ Math.imul(stream + 1, 0x27d4eb2d));
		this.a = sm();
		this.b = sm();
		this.c = sm();
		this.d = sm();
		for (let i = 0; i < 12; i++) this.nextUint32();
	}

	nextUint32(): number {
		const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
		this.d = (this.d + 1) >>> 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) >>> 0;
		this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
		this.c = (this.c + t) >>> 0;
		return t;
	}

	/** Uniform in [0, 1). */
	next(): number {
		return this.nextUint32() / 4294967296;
	}

	/** Uniform in [lo, hi). */
	uniform(lo: number, hi: number): number {
		return lo + (hi - lo) * this.next();
	}

	/** Integer uniform in [lo, hi] (inclusive). */
	int(lo: number, hi: number): number {
		return lo + Math.floor(this.next() * (hi - lo + 1));
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	/** Approximately standard normal (Irwin-Hall sum of 6 uniforms, range ±4.2). */
	normal(): number {
		let s = 0;
		for (let i = 0; i < 6; i++) s += this.next();
		return (s - 3) * 1.4142135623730951;
	}

	/** exp(mu + sigma·N(0,1)). */
	lognormal(mu: number, sigma: number): number {
		return Math.exp(mu + sigma * this.normal());
	}

	/** Exponential with the given mean. */
	exponential(mean: number): number {
		return -mean * Math.log(1 - this.next());
	}

	pick<T>(list: readonly T[]): T {
		return list[Math.floor(this.next() * list.length)] as T;
	}

	/** Index drawn with the given (non-negative) weights. */
	weighted(weights: readonly number[]): number {
		let total = 0;
		for (const w of weights) total += w;
		let x = this.next() * total;
		for (let i = 0; i < weights.length; i++) {
			x -= weights[i] as number;
			if (x < 0) return i;
		}
		return weights.length - 1;
	}
}
