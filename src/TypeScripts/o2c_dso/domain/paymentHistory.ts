/**
 * One customer's invoices at an as-of date D, from invoice rows with one row per application (as
 * an invoice search with its applying transactions outer-joined returns them): which invoices are
 * open at D, and which were paid, when, and how late.
 *
 * Contract (shared/dataset-format.md §2): the open amount at D is the amount minus the
 * applications dated ≤ D; an invoice is closed on the date of the application that brought it to
 * zero; a due date missing → the invoice date. Only invoices closed by a **payment** have a
 * payment date: when the closing application is a credit memo the invoice was returned, not paid,
 * and it is left out of every lateness history (a payment and a credit memo on the same day: the
 * payment closes it). Open amounts at D are rebuilt as "open now + applications dated after D",
 * so the same rows serve a rerun of a past day. Money in integer minor units. Pure: no `N/*`.
 */
import { CalendarDate, addDays, daysBetween } from './calendarDate';

/** What applied an amount to an invoice. */
export type ApplicationKind = 'payment' | 'credit' | 'other';

/** One row: an invoice and at most one of its applications. */
export interface InvoiceRow {
	readonly invoiceId: string;
	readonly tranDate: CalendarDate;
	readonly dueDate: CalendarDate | null;
	/** Invoice amount, base currency. */
	readonly amountMinor: number;
	/** Open amount now (at the search's run), base currency. */
	readonly openNowMinor: number;
	/** Invoice amount and open amount now in the invoice's (customer's) currency. */
	readonly fxAmountMinor: number;
	readonly fxOpenNowMinor: number;
	readonly disputed: boolean;
	/** One application (date, base amount, kind), or null for an invoice without applications. */
	readonly application: { readonly on: CalendarDate; readonly minor: number; readonly kind: ApplicationKind } | null;
	/** NetSuite's own predicted payment date of the invoice, when the account has it and the job reads it. */
	readonly nativePrediction?: CalendarDate | null;
}

/** An invoice open at D. */
export interface OpenInvoice {
	readonly invoiceId: string;
	readonly tranDate: CalendarDate;
	/** The due date, or the invoice date when it has none (the contract's aging rule). */
	readonly dueDate: CalendarDate;
	readonly hasDueDate: boolean;
	/** Open amount at D, base currency. */
	readonly openMinor: number;
	/** Open amount at D in the invoice's currency (for promises, which are in the customer's). */
	readonly fxOpenMinor: number;
	readonly disputed: boolean;
	readonly nativePrediction: CalendarDate | null;
}

/** An invoice closed by a payment on or before D. */
export interface PaidInvoice {
	readonly invoiceId: string;
	readonly dueDate: CalendarDate;
	readonly paidOn: CalendarDate;
	/** paidOn − dueDate (signed: negative = paid early). */
	readonly lateness: number;
	readonly disputed: boolean;
}

export interface InvoicesAtDate {
	readonly open: readonly OpenInvoice[];
	/** Paid in the look-back window ending D, oldest payment first. */
	readonly paid: readonly PaidInvoice[];
	/** Invoices closed in the window by a credit memo (returns): counted, never used as history. */
	readonly returned: number;
}

interface Acc {
	first: InvoiceRow;
	apps: { on: CalendarDate; minor: number; kind: ApplicationKind }[];
}

/**
 * The customer's open invoices at `asOf` and the invoices paid in the `lookbackDays` ending
 * `asOf` (payment date in [asOf − lookbackDays + 1, asOf]).
 * @example invoicesAt(rows, d('2026-05-04'), 365).open.length
 */
export function invoicesAt(rows: readonly InvoiceRow[], asOf: CalendarDate, lookbackDays: number): InvoicesAtDate {
	if (!Number.isInteger(lookbackDays) || lookbackDays < 1)
		throw new RangeError(`invoicesAt: lookbackDays must be a whole number ≥ 1, got ${String(lookbackDays)}`);
	const byId = new Map<string, Acc>();
	for (const r of rows) {
		if (r.tranDate > asOf) continue;
		let acc = byId.get(r.invoiceId);
		if (acc === undefined) {
			acc = { first: r, apps: [] };
			byId.set(r.invoiceId, acc);
		}
		if (r.application !== null && r.application.kind !== 'other') acc.apps.push(r.application);
	}
	const from = addDays(asOf, 1 - lookbackDays);
	const open: OpenInvoice[] = [];
	const paid: PaidInvoice[] = [];
	let returned = 0;
	for (const { first, apps } of byId.values()) {
		const due = first.dueDate ?? first.tranDate;
		let appliedAfter = 0;
		let closeDate: CalendarDate | null = null;
		for (const a of apps) {
			if (a.on > asOf) appliedAfter += a.minor;
			else if (closeDate === null || a.on > closeDate) closeDate = a.on;
		}
		const openAtD = first.openNowMinor + appliedAfter;
		if (openAtD > 0) {
			// Applied since D, back in the invoice's currency at its own rate.
			const fxAfter =
				appliedAfter === 0 || first.amountMinor === 0
					? 0
					: Math.round((appliedAfter * first.fxAmountMinor) / first.amountMinor);
			open.push({
				invoiceId: first.invoiceId,
				tranDate: first.tranDate,
				dueDate: due,
				hasDueDate: first.dueDate !== null,
				openMinor: openAtD,
				fxOpenMinor: first.fxOpenNowMinor + fxAfter,
				disputed: first.disputed,
				nativePrediction: first.nativePrediction ?? null,
			});
			continue;
		}
		if (closeDate === null || closeDate < from) continue;
		const closing = apps.filter((a) => a.on === closeDate);
		if (!closing.some((a) => a.kind === 'payment')) {
			returned++;
			continue;
		}
		paid.push({
			invoiceId: first.invoiceId,
			dueDate: due,
			paidOn: closeDate,
			lateness: daysBetween(due, closeDate),
			disputed: first.disputed,
		});
	}
	open.sort((a, b) =>
		a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : compareIds(a.invoiceId, b.invoiceId),
	);
	paid.sort((a, b) => (a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : compareIds(a.invoiceId, b.invoiceId)));
	return { open, paid, returned };
}

/** Internal ids in numeric order (text order for ids that are not numbers). */
export function compareIds(a: string, b: string): number {
	const na = Number(a);
	const nb = Number(b);
	if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
	return a < b ? -1 : a > b ? 1 : 0;
}
