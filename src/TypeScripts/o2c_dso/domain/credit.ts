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
 * one place that reads these fields. The currency parameter `K` keeps these amounts apart from the
 * subsidiary's base-currency figures they sit next to. Pure: no `N/*`.
 */
import { assertMinorUnits, Minor } from './money';

/** A customer's credit position, every amount in minor units of the customer's currency `K`. */
export interface CreditPosition<K extends string = string> {
	/** ISO code of the customer's (primary) currency. */
	readonly currency: K;
	/** The credit limit; null when the customer has none (or it is ≤ 0: NetSuite then checks nothing). */
	readonly limitMinor: Minor<K> | null;
	/** A/R balance: open invoices − unapplied payments and credits. */
	readonly balanceMinor: Minor<K>;
	/** Sales orders entered, not yet billed. */
	readonly unbilledOrdersMinor: Minor<K>;
}

/**
 * (balance + unbilled orders) ÷ limit; null without a limit. May exceed 1 (over the limit) or be
 * negative (a credit balance larger than the orders).
 * @example creditUtilisation({ currency: 'USD', limitMinor: 200000, balanceMinor: 110000, unbilledOrdersMinor: 0 }) // 0.55
 */
export function creditUtilisation<K extends string>(p: CreditPosition<K>): number | null {
	assertMinorUnits(p.balanceMinor, 'creditUtilisation: balanceMinor');
	assertMinorUnits(p.unbilledOrdersMinor, 'creditUtilisation: unbilledOrdersMinor');
	if (p.limitMinor === null || p.limitMinor <= 0) return null;
	return (p.balanceMinor + p.unbilledOrdersMinor) / p.limitMinor;
}
