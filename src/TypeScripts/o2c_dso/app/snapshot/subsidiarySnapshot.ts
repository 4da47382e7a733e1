/**
 * One subsidiary's snapshot for one day, from data already aggregated on the server. Every
 * formula is the domain core's: A/R, sales and DSO (`arBalance.ts`, `dso.ts`), aging (`aging.ts`),
 * open items at past dates (`snapshotMath.ts`), terms mix, cash application and lead time. This
 * file only decides which dates and windows each figure uses:
 *
 * - DSO this/prior: W-day windows ending D and D − W; countback: calendar months back from D (up
 *   to 12; a month without sales adds its days);
 * - one A/R basis for every "part of the A/R" figure: the ledger balance, aged with the unapplied
 *   cash and credits applied to the oldest open invoices first (`netAging`). Best possible DSO is
 *   its current part at D over the same sales as DSO; ADD = DSO − BPDSO (its overdue part);
 * - CEI month to date: begin A/R at the end of the previous month, sales from the 1st to D, end
 *   A/R and its current part at D (N = 1); CEI last month: the last full calendar month. So
 *   0 ≤ CEI ≤ 100, BPDSO ≤ DSO and ADD ≥ 0 on any account;
 * - aging at D, and its change against D − 7 (week over week);
 * - terms mix, receipts / cash application and SO lead time over the W-day window ending D.
 */
import { ageOpenItems, AgingAmounts, agingChange, AgingItem, netAging } from '../../domain/aging';
import { Minor, minus, plus, zeroMinor } from '../../domain/money';
import { ArLedger, compareDsoWindows, countbackDsoAt } from '../../domain/arBalance';
import { CalendarDate, addDays, startOfMonth } from '../../domain/calendarDate';
import { cashApplicationRate } from '../../domain/cashApplication';
import { averageDaysDelinquent, bestPossibleDso, collectionEffectivenessIndex } from '../../domain/dso';
import type { TermsMixEntry } from '../../domain/investigation';
import { orderToInvoiceLeadTime, SalesOrderBilling } from '../../domain/leadTime';
import { COUNTBACK_MONTHS_FOR_RANGE, WEEK_DAYS_FOR_RANGE } from './constants';
import { windowStart } from './windows';
import type {
	BilledOrder,
	ReceiptFlow,
	SnapshotSource,
	SubsidiaryInfo,
	SubsidiarySnapshot,
	TermsFlow,
	TermsInfo,
} from './types';

const COUNTBACK_MONTHS = COUNTBACK_MONTHS_FOR_RANGE;
const WEEK_DAYS = WEEK_DAYS_FOR_RANGE;

/** What one subsidiary's day needs; `openItemsAt` gives the open invoices at any date needed. */
export interface SubsidiaryDayInput<C extends string = string> {
	readonly subsidiary: SubsidiaryInfo<C>;
	readonly date: CalendarDate;
	readonly source: SnapshotSource;
	readonly windowDays: number;
	readonly ledger: ArLedger<C>;
	openItemsAt(d: CalendarDate): readonly AgingItem<C>[];
	readonly termsFlows: readonly TermsFlow<C>[];
	readonly terms: ReadonlyMap<string, TermsInfo>;
	readonly receipts: readonly ReceiptFlow<C>[];
	readonly billedOrders: readonly BilledOrder[];
}

/** The key of a subsidiary's day: `<subsidiary id>:<YYYY-MM-DD>`. @example snapshotKey('1', d('2026-05-04')) // '1:2026-05-04' */
export function snapshotKey(subsidiaryId: string, date: CalendarDate): string {
	return `${subsidiaryId}:${date}`;
}

function agingOf<C extends string>(items: readonly AgingItem<C>[], at: CalendarDate): AgingAmounts<C> {
	return ageOpenItems(items, at).buckets;
}

/** CEI (%) of the period [first, last] (one month or part of one), on the net basis. */
function ceiOf<C extends string>(input: SubsidiaryDayInput<C>, first: CalendarDate, last: CalendarDate): number | null {
	const endArMinor = input.ledger.arBalanceAt(last);
	const endNet = netAging(agingOf(input.openItemsAt(last), last), endArMinor);
	return collectionEffectivenessIndex({
		beginArMinor: input.ledger.arBalanceAt(addDays(first, -1)),
		creditSalesMinor: input.ledger.invoicesBetween(first, last),
		months: 1,
		endArMinor,
		endCurrentArMinor: endNet.current,
	});
}

/**
 * Credit sales of the window by terms, as the DSO alert's terms-mix entries (one per terms, in
 * ascending days, "no terms" last).
 */
function termsMixEntries<C extends string>(
	flows: readonly TermsFlow<C>[],
	terms: ReadonlyMap<string, TermsInfo>,
	first: CalendarDate,
	last: CalendarDate,
): TermsMixEntry<C>[] {
	const byTerms = new Map<string, Minor<C>>();
	for (const f of flows)
		if (f.date >= first && f.date <= last)
			byTerms.set(f.termsId, plus(byTerms.get(f.termsId) ?? zeroMinor<C>(), f.amountMinor));
	const entries: TermsMixEntry<C>[] = [];
	for (const [id, amountMinor] of byTerms) {
		if (amountMinor === 0) continue;
		const info = terms.get(id);
		entries.push({
			label: id === '' ? '(no terms)' : (info?.name ?? `terms ${id}`),
			days: id === '' ? null : (info?.days ?? null),
			amountMinor,
		});
	}
	entries.sort((a, b) =>
		a.days === null ? 1 : b.days === null ? -1 : a.days - b.days || (a.label < b.label ? -1 : 1),
	);
	return entries;
}

/**
 * Computes the snapshot of `input.subsidiary` at `input.date`.
 * @example computeSubsidiarySnapshot({ subsidiary, date, source: 'nightly', windowDays: 30, ledger, openItemsAt, ... }).dso
 */
export function computeSubsidiarySnapshot<C extends string>(input: SubsidiaryDayInput<C>): SubsidiarySnapshot<C> {
	const { date: d, windowDays: w, ledger } = input;
	const dso = compareDsoWindows(ledger, d, w);
	const agedNow = ageOpenItems(input.openItemsAt(d), d);
	const aging = agedNow.buckets;
	const weekAgo = addDays(d, -WEEK_DAYS);
	const agedWeekAgo = ageOpenItems(input.openItemsAt(weekAgo), weekAgo);
	const openInvoicesMinor = agedNow.totalMinor;
	const bpdso = bestPossibleDso(netAging(aging, dso.this.arMinor).current, dso.this.creditSalesMinor, w);
	const monthStart = startOfMonth(d);
	const lastMonthEnd = addDays(monthStart, -1);
	const first = windowStart(d, w);

	const cash = cashApplicationRate(input.receipts, first, d);
	const orders: SalesOrderBilling[] = input.billedOrders.map((o) => ({
		soDate: o.orderDate,
		soAmountMinor: 0,
		invoices: [{ tranDate: o.lastInvoiceDate, amountMinor: 0 }],
		fullyInvoiced: true,
	}));
	const lead = orderToInvoiceLeadTime(orders, first, d);

	return {
		key: snapshotKey(input.subsidiary.id, d),
		subsidiaryId: input.subsidiary.id,
		date: d,
		currency: input.subsidiary.currency,
		source: input.source,
		arBalanceMinor: dso.this.arMinor,
		windowDays: w,
		salesThisMinor: dso.this.creditSalesMinor,
		salesPriorMinor: dso.prior.creditSalesMinor,
		arPriorMinor: dso.prior.arMinor,
		dso: dso.this.dso,
		dsoPrior: dso.prior.dso,
		dsoDelta: dso.delta,
		countbackDso: countbackDsoAt(ledger, d, COUNTBACK_MONTHS).dso,
		bestPossibleDso: bpdso,
		averageDaysDelinquent: averageDaysDelinquent(dso.this.dso, bpdso),
		ceiMonthToDate: ceiOf(input, monthStart, d),
		ceiLastMonth: ceiOf(input, startOfMonth(lastMonthEnd), lastMonthEnd),
		aging,
		agingWeekChange: agingChange(aging, agedWeekAgo.buckets),
		openInvoicesMinor,
		unappliedMinor: minus(openInvoicesMinor, dso.this.arMinor),
		termsMix: termsMixEntries(input.termsFlows, input.terms, first, d),
		receiptsMinor: cash.receivedMinor,
		receiptsUnappliedMinor: cash.unappliedMinor,
		cashApplicationRate: cash.appliedShare,
		leadTimeDays: lead.averageDays,
		leadTimeOrders: lead.orderCount,
	};
}
