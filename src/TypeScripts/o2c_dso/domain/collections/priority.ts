/**
 * Who to call first: the collections priority of a customer, its overdue amount weighted by risk.
 *
 *   priority = overdue × (200 − score) / 100        (score 0–100, higher is better; SCORING.md)
 *
 * so a customer with the worst score counts double its overdue amount and one with a perfect score
 * counts it once: a small debt of an at-risk customer overtakes a larger one of a reliable customer
 * only when it is at least half as big. A customer without a score (not enough history) is weighed
 * as a middling one (score 50, × 1.5). Amounts are in the subsidiary's base currency, so priorities
 * compare within a subsidiary (the worklist filters by one); across subsidiaries with different
 * currencies the order is only indicative. Stored nightly on the customer metrics record
 * (`custrecord_o2c_cm_priority`, base currency units) so the RESTlet sorts and pages in the search.
 */
export const UNSCORED_AS = 50;

/** @example collectionPriorityMinor(100000, 20) // 180000 (1,000.00 overdue, score 20 → 1,800.00) */
export function collectionPriorityMinor(overdueMinor: number, score: number | null): number {
	if (overdueMinor <= 0) return 0;
	const s = score === null ? UNSCORED_AS : Math.min(100, Math.max(0, score));
	return Math.round((overdueMinor * (200 - s)) / 100);
}
