/**
 * Credit utilisation: ONE definition for the DSO alert's triple-threat test, the customer metrics
 * and the payment-behaviour score.
 *
 *   utilisation = (balance + unbilled orders) ÷ credit limit
 *
 * all three in the CUSTOMER's currency, as NetSuite keeps them on the customer record: the credit
 * limit "uses the customer's primary currency" (Oracle help, Managing Customer Credit Limits and
 * Holds), and the Balance and Unbilled Orders on the customer record are shown in the customer's
 * primary currency (Oracle help, Customer Balances for Assigned Subsidiaries; the Records Browser's
 * customer `balance`: "If you use the Multiple Currencies feature, the amount in this field is
 * shown in the customer's currency"). The orders count as NetSuite's own credit check counts them
 * (preference "Customer Credit Limit Includes Orders"), and as Vortex defines utilisation
 * (ar-domain.md §3: (AR + open SO) ÷ credit limit). `adapters/searches/customerCredit.ts` is the
 * one place that reads these fields. Pure: no `N/*`.
 */

/** A customer's credit position, every amount in minor units of the customer's currency `currency`. */
export interface CreditPosition {
	/** ISO code of the customer's (primary) currency. */
	readonly currency: string;
	/** The credit limit; null when the customer has none (or it is ≤ 0: NetSuite then checks nothing). */
	readonly limitMinor: number | null;
	/** A/R balance: open invoices − unapplied payments and credits. */
	readonly balanceMinor: number;
	/** Sales orders entered, not yet billed. */
	readonly unbilledOrdersMinor: number;
}

/**
 * (balance + unbilled orders) ÷ limit; null without a limit. May exceed 1 (over the limit) or be
 * negative (a credit balance larger than the orders).
 * @example creditUtilisation({ currency: 'USD', limitMinor: 200000, balanceMinor: 110000, unbilledOrdersMinor: 0 }) // 0.55
 */
export function creditUtilisation(p: CreditPosition): number | null {
	for (const [name, v] of [
		['balanceMinor', p.balanceMinor],
		['unbilledOrdersMinor', p.unbilledOrdersMinor],
	] as const) {
		if (!Number.isSafeInteger(v)) throw new RangeError(`creditUtilisation: ${name} must be integer minor units`);
	}
	if (p.limitMinor === null || p.limitMinor <= 0) return null;
	return (p.balanceMinor + p.unbilledOrdersMinor) / p.limitMinor;
}
