/**
 * Data and ports of the DSO-increase alert's per-subsidiary evaluation (`evaluateSubsidiary.ts`),
 * so the use case runs and is tested without NetSuite. The N/* implementations live beside this
 * file. Money is integer minor units of the subsidiary's base currency `C` (customers' credit
 * positions: of each customer's own currency).
 */
import type { CashOutlook } from '../../domain/cashForecast';
import type { AgingAmounts, AgingItem } from '../../domain/aging';
import type { Minor } from '../../domain/money';
import type { AlertEmailStatus } from '../../domain/alertPeriod';
import type { AlertSettingRow } from '../../domain/alertSettings';
import type { CalendarDate } from '../../domain/calendarDate';
import type { CreditPosition } from '../../domain/credit';
import type { TermsMixEntry } from '../../domain/investigation';
import type { SeasonalityRow } from '../../domain/seasonality';

export interface AlertSubsidiary<C extends string = string> {
	readonly id: number;
	readonly name: string;
	/** ISO code of the base currency. */
	readonly currency: C;
}

/** What one reduce invocation is given (serialised by map; built once in getInputData). */
export interface SubsidiaryJob<C extends string = string> {
	readonly subsidiary: AlertSubsidiary<C>;
	readonly asOf: CalendarDate;
	/** Every active alert setting row (the use case resolves this subsidiary's). */
	readonly settingsRows: readonly AlertSettingRow[];
	/** Every valid active seasonality row. */
	readonly seasonalityRows: readonly SeasonalityRow[];
	/** Problems with seasonality rows that would apply to this subsidiary (the evaluation fails with them). */
	readonly seasonalityErrors: readonly string[];
	/**
	 * Absolute URL of the A/R aging saved search, or null; undefined: asked of the ports
	 * (`agingSearchUrl`) only when an email is composed.
	 */
	readonly agingSearchUrl?: string | null;
	/**
	 * The stored snapshots at `dates` (D, D − W, D − 2W for the subsidiary's window), read for every
	 * subsidiary in one search before the reduces; used when the window the evaluation resolves
	 * asks for the same dates, else the ports are asked.
	 */
	readonly preloadedSnapshots?: {
		readonly dates: readonly CalendarDate[];
		readonly snapshots: readonly AlertSnapshot<C>[];
	};
	/**
	 * The period's evaluation records of this subsidiary, read for every subsidiary in one search
	 * before the reduces. Left out (the ports are asked) when the reduce of this subsidiary runs
	 * again after a restart: the interrupted run may have written its claim since.
	 */
	readonly periodEvaluations?: readonly StoredEvaluation[];
}

/** The stored daily snapshot figures the alert reads (`customrecord_o2c_sub_snapshot`). */
export interface AlertSnapshot<C extends string = string> {
	readonly date: CalendarDate;
	readonly windowDays: number;
	readonly currency: C;
	readonly arMinor: Minor<C>;
	readonly arPriorMinor: Minor<C>;
	/** Unapplied cash and credits at the date: open invoices − A/R (the snapshot's own figure). */
	readonly unappliedMinor: Minor<C>;
	readonly salesThisMinor: Minor<C>;
	readonly salesPriorMinor: Minor<C>;
	readonly dso: number | null;
	readonly dsoPrior: number | null;
	readonly aging: AgingAmounts<C>;
	/** Credit sales of the window by terms; null when not recorded. */
	readonly termsMix: readonly TermsMixEntry<C>[] | null;
	/** Share (0–1) of the window's receipts applied; null without receipts. */
	readonly cashApplicationRate: number | null;
	readonly leadTimeDays: number | null;
}

/** A customer of the subsidiary: its name and credit position (customer record, customer's currency). */
export interface CustomerCredit {
	readonly id: number;
	readonly name: string;
	readonly credit: CreditPosition;
}

/** An evaluation record of the alert period, as the email decision reads it. */
export interface StoredEvaluation {
	readonly id: number;
	readonly key: string;
	/** An {@link AlertEmailStatus}, or whatever text the record holds (read back as is). */
	readonly emailStatus: string;
}

/** Everything an evaluation record holds except the email outcome. */
export interface EvaluationValues {
	readonly name: string;
	readonly key: string;
	readonly subsidiaryId: number;
	readonly asOf: CalendarDate;
	readonly period: string;
	readonly windowDays: number | null;
	readonly dsoThis: number | null;
	readonly dsoPrior: number | null;
	readonly delta: number | null;
	readonly thresholdApplied: number | null;
	readonly floorDays: number | null;
	/** '' when the evaluation failed before a reason was known. */
	readonly reason: string;
	readonly fired: boolean;
	readonly ruleMet: boolean;
	readonly season: string;
	readonly seasonNote: string;
	readonly escalated: boolean;
	readonly escalation: string;
	readonly settings: string;
	readonly error: string;
}

/** The email outcome fields of an evaluation record. */
export interface EmailFields {
	readonly emailStatus: AlertEmailStatus;
	readonly emailRef?: number | null;
	readonly recipients?: number | null;
	readonly error?: string;
	readonly emailText?: string;
}

/** A message to send (HTML body; the plain text is stored on the evaluation record). */
export interface AlertMessage {
	readonly to: readonly string[];
	readonly subject: string;
	readonly html: string;
}

/** I/O the use case needs. */
export interface AlertPorts<C extends string = string> {
	/** Snapshots of the subsidiary at these dates (missing dates are absent from the map). */
	snapshots(subsidiaryId: number, dates: readonly CalendarDate[]): Map<CalendarDate, AlertSnapshot<C>>;
	/** Open invoices per customer at `asOf` and at `priorAsOf` (historical: today's open amounts plus later applications). */
	customerOpenItems(
		subsidiary: AlertSubsidiary<C>,
		asOf: CalendarDate,
		priorAsOf: CalendarDate,
	): Map<number, { readonly this: AgingItem<C>[]; readonly prior: AgingItem<C>[] }>;
	/** Credit figures of the subsidiary's customers (each in the customer's own currency). */
	customers(subsidiary: AlertSubsidiary<C>): Map<number, CustomerCredit>;
	/** Evaluation records of the subsidiary in the alert period. */
	periodEvaluations(subsidiaryId: number, period: string): StoredEvaluation[];
	/** Creates (id null) or updates the evaluation record; `email` omitted leaves the email fields as they are. Returns the id. */
	saveEvaluation(id: number | null, values: EvaluationValues, email?: EmailFields): number;
	/** Updates only the email fields. */
	setEmail(id: number, email: EmailFields): void;
	/** Sends the alert (throws when N/email refuses it). */
	send(message: AlertMessage, evaluationId: number): void;
	/** Absolute URL of a customer record, or null. */
	customerUrl(customerId: number): string | null;
	/** Absolute URL of an evaluation record, or null. */
	evaluationUrl(evaluationId: number): string | null;
	/**
	 * The subsidiary's stored cash-in forecast (the payment forecast runs before the alert), null
	 * when none is stored; read only for an email. Optional: a port without it sends emails without
	 * the forecast section.
	 */
	forecast?(subsidiaryId: number): CashOutlook | null;
	/**
	 * Absolute URL of the A/R aging saved search (prepared on first use), null when it cannot be
	 * made; asked only when an email is composed and the job carries no URL. Optional.
	 */
	agingSearchUrl?(): string | null;
}

/** What one subsidiary's evaluation came to (written by reduce, read by summarize and the report). */
export interface SubsidiaryOutcome {
	readonly subsidiaryId: number;
	readonly asOf: CalendarDate;
	readonly period: string;
	readonly evaluationId: number | null;
	readonly reason: string;
	readonly fired: boolean;
	readonly escalated: boolean;
	readonly emailStatus: AlertEmailStatus | null;
	readonly recipients: number;
}
