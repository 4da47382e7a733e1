/**
 * Sales-order-to-invoice lead time: days from a sales order's date to the LAST invoice created
 * from it, over orders that became fully invoiced in a period. Slow billing delays the start of
 * every payment clock, so it shows up in cash before it shows up in DSO. Pure: no `N/*`.
 */
import { CalendarDate, compareDates, daysBetween } from './calendarDate';

/** A sales order and the invoices created from it (amounts in minor units). */
export interface SalesOrderBilling {
	readonly soDate: CalendarDate;
	readonly soAmountMinor: number;
	readonly invoices: readonly { readonly tranDate: CalendarDate; readonly amountMinor: number }[];
	/** Billing status known at the period end (e.g. NetSuite "Billed"); default: invoices dated ≤ the period end total ≥ the order amount. */
	readonly fullyInvoiced?: boolean;
}

/** Result of {@link orderToInvoiceLeadTime}; averages null when no order qualifies. */
export interface LeadTime {
	readonly orderCount: number;
	readonly averageDays: number | null;
	/** Weighted by order amount. */
	readonly amountWeightedAverageDays: number | null;
	readonly maxDays: number | null;
}

/**
 * Average days from order date to last invoice over orders fully invoiced with their last invoice
 * dated in [from, to]; invoices dated after `to` are not seen (they do not exist yet at `to`).
 * @example orderToInvoiceLeadTime([{ soDate: d('2026-04-01'), soAmountMinor: 1000, invoices: [{ tranDate: d('2026-04-06'), amountMinor: 1000 }] }], from, to).averageDays // 5
 */
export function orderToInvoiceLeadTime(
	orders: readonly SalesOrderBilling[],
	from: CalendarDate,
	to: CalendarDate,
): LeadTime {
	if (compareDates(from, to) > 0) throw new RangeError(`orderToInvoiceLeadTime: period ${from} to ${to} is reversed`);
	let count = 0;
	let sumDays = 0;
	let weighted = 0;
	let weight = 0;
	let maxDays: number | null = null;
	for (const order of orders) {
		if (!Number.isSafeInteger(order.soAmountMinor))
			throw new RangeError(
				`orderToInvoiceLeadTime: soAmountMinor must be an integer, got ${String(order.soAmountMinor)}`,
			);
		let last: CalendarDate | null = null;
		let invoiced = 0;
		for (const inv of order.invoices) {
			if (inv.tranDate > to) continue;
			invoiced += inv.amountMinor;
			if (last === null || inv.tranDate > last) last = inv.tranDate;
		}
		const full = order.fullyInvoiced ?? (order.soAmountMinor > 0 && invoiced >= order.soAmountMinor);
		if (!full || last === null || last < from) continue;
		const days = daysBetween(order.soDate, last);
		count++;
		sumDays += days;
		if (order.soAmountMinor > 0) {
			weighted += order.soAmountMinor * days;
			weight += order.soAmountMinor;
		}
		maxDays = maxDays === null ? days : Math.max(maxDays, days);
	}
	return {
		orderCount: count,
		averageDays: count > 0 ? sumDays / count : null,
		amountWeightedAverageDays: weight > 0 ? weighted / weight : null,
		maxDays,
	};
}
