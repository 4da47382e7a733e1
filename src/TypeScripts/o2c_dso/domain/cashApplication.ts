/**
 * Cash application rate: of the customer receipts dated in a period, how much is still unapplied
 * (on account, not matched to an invoice) at the as-of date, and how much is applied. Unapplied
 * cash lowers the A/R balance but no invoice's open amount, so a high unapplied share makes aging
 * and collections look worse than the ledger. Pure: no `N/*`.
 */
import { CalendarDate, compareDates } from './calendarDate';
import { Minor, minorUnits } from './money';

/** One customer payment: its amount and the part not applied to any invoice at D (minor units). */
export interface Receipt<C extends string = string> {
	readonly date: CalendarDate;
	readonly amountMinor: Minor<C>;
	readonly unappliedMinor: Minor<C>;
}

/** Result of {@link cashApplicationRate}; shares are 0–1, null when nothing was received. */
export interface CashApplication<C extends string = string> {
	readonly receiptCount: number;
	readonly receivedMinor: Minor<C>;
	readonly appliedMinor: Minor<C>;
	readonly unappliedMinor: Minor<C>;
	/** applied ÷ received, by amount. */
	readonly appliedShare: number | null;
	/** unapplied ÷ received, by amount (= 1 − appliedShare). */
	readonly unappliedShare: number | null;
	/** Receipts with nothing left unapplied ÷ receipts. */
	readonly fullyAppliedCountShare: number | null;
}

/**
 * Applied and unapplied share of receipts dated in [from, to]. Throws when a receipt's unapplied
 * part is negative or larger than the receipt.
 * @example cashApplicationRate([{ date, amountMinor: 130000, unappliedMinor: 10000 }], from, to).unappliedShare // 0.0769…
 */
export function cashApplicationRate<C extends string>(
	receipts: readonly Receipt<C>[],
	from: CalendarDate,
	to: CalendarDate,
): CashApplication<C> {
	if (compareDates(from, to) > 0) throw new RangeError(`cashApplicationRate: period ${from} to ${to} is reversed`);
	let count = 0;
	let fullyApplied = 0;
	let received = 0;
	let unapplied = 0;
	for (const r of receipts) {
		if (
			!Number.isSafeInteger(r.amountMinor) ||
			!Number.isSafeInteger(r.unappliedMinor) ||
			r.amountMinor < 0 ||
			r.unappliedMinor < 0 ||
			r.unappliedMinor > r.amountMinor
		) {
			throw new RangeError(
				`cashApplicationRate: receipt of ${r.date} has amount ${String(r.amountMinor)} and unapplied ${String(r.unappliedMinor)}`,
			);
		}
		if (r.date < from || r.date > to) continue;
		count++;
		received += r.amountMinor;
		unapplied += r.unappliedMinor;
		if (r.unappliedMinor === 0) fullyApplied++;
	}
	const applied = received - unapplied;
	return {
		receiptCount: count,
		receivedMinor: minorUnits<C>(received),
		appliedMinor: minorUnits<C>(applied),
		unappliedMinor: minorUnits<C>(unapplied),
		appliedShare: received > 0 ? applied / received : null,
		unappliedShare: received > 0 ? unapplied / received : null,
		fullyAppliedCountShare: count > 0 ? fullyApplied / count : null,
	};
}
