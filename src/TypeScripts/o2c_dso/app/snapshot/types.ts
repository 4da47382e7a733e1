/**
 * The nightly A/R snapshot's data and ports (interfaces the adapters implement), so the use case
 * runs and is tested without NetSuite. Money is integer minor units of the subsidiary's base
 * currency; ratios are unrounded numbers; undefined ratios are null.
 */
import type { AgingAmounts } from '../../domain/aging';
import type { Minor } from '../../domain/money';
import type { DailyFlow } from '../../domain/arBalance';
import type { CalendarDate } from '../../domain/calendarDate';
import type { TermsMixEntry } from '../../domain/investigation';
import type { OpenItemHistory } from '../../domain/snapshotMath';

export interface SubsidiaryInfo<C extends string = string> {
	readonly id: string;
	readonly name: string;
	/** ISO code of the base currency. */
	readonly currency: C;
}

/** `nightly` for the as-of date itself, `backfill` for earlier days filled by the same run. */
export type SnapshotSource = 'nightly' | 'backfill';

/** One subsidiary's figures for one day (one `customrecord_o2c_sub_snapshot`). */
export interface SubsidiarySnapshot<C extends string = string> {
	/** `<subsidiary id>:<YYYY-MM-DD>`, unique: the upsert key. */
	readonly key: string;
	readonly subsidiaryId: string;
	readonly date: CalendarDate;
	readonly currency: C;
	readonly source: SnapshotSource;
	readonly arBalanceMinor: Minor<C>;
	readonly windowDays: number;
	readonly salesThisMinor: Minor<C>;
	readonly salesPriorMinor: Minor<C>;
	/** A/R at date − window (the prior DSO's numerator). */
	readonly arPriorMinor: Minor<C>;
	readonly dso: number | null;
	readonly dsoPrior: number | null;
	readonly dsoDelta: number | null;
	readonly countbackDso: number | null;
	readonly bestPossibleDso: number | null;
	readonly averageDaysDelinquent: number | null;
	/** CEI (%) from the 1st of the month to the date. */
	readonly ceiMonthToDate: number | null;
	/** CEI (%) of the last full calendar month. */
	readonly ceiLastMonth: number | null;
	readonly aging: AgingAmounts<C>;
	/** aging − aging 7 days earlier, per bucket. */
	readonly agingWeekChange: AgingAmounts<C>;
	/** Σ aging buckets (open invoices). */
	readonly openInvoicesMinor: Minor<C>;
	/** Open invoices − A/R: unapplied payments and credits (and any other A/R credit). */
	readonly unappliedMinor: Minor<C>;
	/** Credit sales of the window by payment terms. */
	readonly termsMix: readonly TermsMixEntry<C>[];
	/** Customer payments dated in the window, and the part of them still unapplied. */
	readonly receiptsMinor: Minor<C>;
	readonly receiptsUnappliedMinor: Minor<C>;
	/** Share (0–1) of the window's receipts applied to invoices; null without receipts. */
	readonly cashApplicationRate: number | null;
	/** Average days from sales order to its last invoice, over orders last invoiced in the window. */
	readonly leadTimeDays: number | null;
	readonly leadTimeOrders: number;
}

/** Invoices of one day by payment terms (credit sales by terms). */
export interface TermsFlow<C extends string = string> {
	readonly date: CalendarDate;
	/** Terms internal id, `''` for invoices without terms. */
	readonly termsId: string;
	readonly amountMinor: Minor<C>;
}

/** Payment terms as the terms mix labels them. */
export interface TermsInfo {
	readonly id: string;
	readonly name: string;
	readonly days: number | null;
}

/** Customer payments of one day: their amount and the part still unapplied. */
export interface ReceiptFlow<C extends string = string> {
	readonly date: CalendarDate;
	readonly amountMinor: Minor<C>;
	readonly unappliedMinor: Minor<C>;
}

/** A fully billed sales order: its date and the date of its last invoice. */
export interface BilledOrder {
	readonly orderDate: CalendarDate;
	readonly lastInvoiceDate: CalendarDate;
}

/** Read side: every figure comes from server-side grouped searches. Keys are subsidiary ids. */
export interface SnapshotSources {
	subsidiaries(): SubsidiaryInfo[];
	/** A/R per subsidiary at the end of `before − 1` (each in its base currency). */
	arOpening(before: CalendarDate, subsidiaries: readonly SubsidiaryInfo[]): Map<string, Minor>;
	/** Daily invoices, payments, credit memos dated in [from, to]. */
	arDailyFlows(
		from: CalendarDate,
		to: CalendarDate,
		subsidiaries: readonly SubsidiaryInfo[],
	): Map<string, DailyFlow[]>;
	/** Open invoices now and applications dated after `coveredAfter`, for invoices dated ≤ asOf. */
	agingHistory(
		asOf: CalendarDate,
		coveredAfter: CalendarDate,
		subsidiaries: readonly SubsidiaryInfo[],
	): OpenItemHistory;
	/** Payment terms: those with these ids (the ones the window's invoices use); every terms when omitted. */
	terms(ids?: readonly string[]): TermsInfo[];
	/** Invoices by day and terms dated in [from, to]. */
	termsFlows(from: CalendarDate, to: CalendarDate, subsidiaries: readonly SubsidiaryInfo[]): Map<string, TermsFlow[]>;
	/** Customer payments by day dated in [from, to]. */
	receiptFlows(
		from: CalendarDate,
		to: CalendarDate,
		subsidiaries: readonly SubsidiaryInfo[],
	): Map<string, ReceiptFlow[]>;
	/** Billed sales orders whose last invoice is dated in [from, to]. */
	billedOrders(from: CalendarDate, to: CalendarDate): Map<string, BilledOrder[]>;
	/** DSO window per subsidiary (the DSO alert's settings: subsidiary row, account row, 30). */
	windowDays(subsidiaries: readonly SubsidiaryInfo[]): Map<string, number>;
}

/** Write side: snapshot records upserted by key. */
export interface SnapshotRepository {
	/** key → internal id of the snapshots dated in [from, to]. */
	existing(from: CalendarDate, to: CalendarDate): Map<string, number>;
	/** Creates the record, or updates `existingId` in place. */
	save(snapshot: SubsidiarySnapshot, existingId: number | undefined): void;
}

/** Where a rescheduled execution resumes. Serialised into the cursor parameter. */
export interface SnapshotCursor {
	readonly v: 1;
	readonly asOf: CalendarDate;
	/** First day of the backfill range. */
	readonly from: CalendarDate;
	/** Recompute every day of the range (else only missing days, plus the as-of date). */
	readonly force: boolean;
	/** Key of the last snapshot written; null before the first. */
	readonly after: string | null;
}

/** Governance: remaining units and the reschedule. */
export interface JobControl {
	remainingUnits(): number;
	/** Queues a fresh execution resuming at `cursor`. */
	checkpoint(cursor: SnapshotCursor): void;
}
