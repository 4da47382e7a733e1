/**
 * How far a customer's own payment history can be trusted against its segment's: Bühlmann–Straub
 * credibility (empirical Bayes for a mean), estimated from the subsidiary's own paid invoices.
 *
 * Each customer i has n_i paid invoices with lateness x_ij and mean x̄_i; each belongs to a group g
 * (its segment; the subsidiary when it has none) with mean x̄_g over the group's invoices.
 * - Within-customer variance (the noise of one invoice): EPV = Σ_i Σ_j (x_ij − x̄_i)² / Σ_i (n_i − 1),
 *   over the customers with at least 2 invoices.
 * - Between-customer variance inside a group (how much customers really differ): VHM =
 *   Σ_g [Σ_{i∈g} n_i (x̄_i − x̄_g)² − (r_g − 1) EPV] / Σ_g [n_g − Σ_{i∈g} n_i² / n_g], r_g customers.
 * - k = EPV / VHM; a customer with n invoices gets the weight Z = n / (n + k) and its group 1 − Z.
 *   Null when the data cannot tell (fewer than 2 customers with 2 invoices, or VHM ≤ 0: customers
 *   differ no more than chance says), and the caller keeps its fixed rules.
 * Pure: no `N/*`, no clock.
 */

/** One customer's paid-invoice lateness and the group it is compared with. */
export interface CredibilityInput {
	readonly group: string;
	readonly values: readonly number[];
}

/**
 * The credibility constant k (in invoices), rounded to 2 decimals, or null.
 * @example credibilityK([{ group: 'a', values: [0, 2] }, { group: 'a', values: [10, 12] }]) // 0.04
 */
export function credibilityK(customers: readonly CredibilityInput[]): number | null {
	let within = 0;
	let dof = 0;
	let withTwo = 0;
	const groups = new Map<string, { n: number; sum: number; customers: { n: number; mean: number }[] }>();
	for (const c of customers) {
		const n = c.values.length;
		if (n === 0) continue;
		let sum = 0;
		for (const v of c.values) sum += v;
		const mean = sum / n;
		if (n >= 2) {
			for (const v of c.values) within += (v - mean) ** 2;
			dof += n - 1;
			withTwo++;
		}
		const g = groups.get(c.group) ?? { n: 0, sum: 0, customers: [] };
		g.n += n;
		g.sum += sum;
		g.customers.push({ n, mean });
		groups.set(c.group, g);
	}
	if (withTwo < 2 || dof === 0) return null;
	const epv = within / dof;
	let num = 0;
	let den = 0;
	for (const g of groups.values()) {
		if (g.customers.length < 2) continue;
		const mean = g.sum / g.n;
		let between = 0;
		let squares = 0;
		for (const c of g.customers) {
			between += c.n * (c.mean - mean) ** 2;
			squares += c.n * c.n;
		}
		num += between - (g.customers.length - 1) * epv;
		den += g.n - squares / g.n;
	}
	if (den <= 0 || num <= 0) return null;
	if (epv === 0) return 0;
	return Math.round((100 * epv) / (num / den)) / 100;
}

/**
 * The customer's credibility weight Z = n / (n + k), 0–1.
 * @example credibilityWeight(3, 1) // 0.75
 */
export function credibilityWeight(n: number, k: number): number {
	return n + k === 0 ? 1 : n / (n + k);
}
