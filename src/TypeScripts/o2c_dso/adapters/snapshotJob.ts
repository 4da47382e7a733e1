/**
 * Wiring of the nightly A/R snapshot: its script parameters, the saved-search adapters behind the
 * use case's read port, the snapshot records behind its write port, and governance (remaining
 * units, reschedule on the on-demand deployment with the cursor). Every id here is declared in
 * src/Objects/customscript_o2c_ar_snapshot_ss.xml.
 */
import * as log from 'N/log';
import { DEFAULT_ALERT_SETTINGS, resolveAlertSettings } from '../domain/alertSettings';
import type { CalendarDate } from '../domain/calendarDate';
import type { JobControl, ReceiptFlow, SnapshotCursor, SnapshotSources, SubsidiaryInfo } from '../app/snapshot/types';
import { parseCursor, serializeCursor, SnapshotJobOptions } from '../app/snapshot/runSnapshot';
import { nightOf } from './nightlyChain';
import { SUBMIT_COST, remainingUsage, rescheduleScheduled } from './governance';
import { boolParam, intParam, textParam } from './scriptParams';
import { loadArDailyFlows, loadArOpening } from './searches/arFlows';
import { loadAgingHistory } from './searches/agingHistory';
import { loadSubsidiaries } from './searches/subsidiaries';
import { loadBilledOrders, loadReceiptFlows, loadTerms, loadTermsFlows, RECEIPTS_DAILY } from './searches/windowFlows';
import { readAlertSettingRows } from './alerts/configReaders';

export const SNAPSHOT_SCRIPT = 'customscript_o2c_ar_snapshot_ss';
/** NOTSCHEDULED deployment that reschedules and on-demand runs use (the daily one is SCHEDULED). */
export const SNAPSHOT_ON_DEMAND_DEPLOYMENT = 'customdeploy_o2c_ar_snapshot_od';

export const P = {
	night: 'custscript_o2c_ss_night',
	asOf: 'custscript_o2c_as_of',
	backfillDays: 'custscript_o2c_backfill_days',
	forceBackfill: 'custscript_o2c_force_backfill',
	marginUnits: 'custscript_o2c_margin_units',
	cursor: 'custscript_o2c_cursor',
	windowDays: 'custscript_o2c_dso_window',
	arOpening: 'custscript_o2c_srch_ar_opening',
	arDaily: 'custscript_o2c_srch_ar_daily',
	openInvoices: 'custscript_o2c_srch_open_inv',
	applications: 'custscript_o2c_srch_inv_apps',
	subsidiaries: 'custscript_o2c_srch_subsidiaries',
	termsDaily: 'custscript_o2c_srch_terms_daily',
	receipts: 'custscript_o2c_srch_receipts',
	billedOrders: 'custscript_o2c_srch_billed_orders',
} as const;

/** Defaults when a parameter is empty. */
export const DEFAULT_BACKFILL_DAYS = 90;
/** Units kept back: a snapshot costs ≤ 6, the reschedule 20; the rest is headroom. */
export const DEFAULT_MARGIN_UNITS = 200;

/**
 * The use case's options from the parameters: the day is the cursor's when resuming, else the
 * night's, the as-of override's, or yesterday (nightOf).
 */
export function snapshotOptions(): SnapshotJobOptions {
	const cursor = parseCursor(textParam(P.cursor));
	const today: CalendarDate = cursor !== null ? cursor.asOf : nightOf(P.asOf).asOf;
	const margin = intParam(P.marginUnits) ?? DEFAULT_MARGIN_UNITS;
	return {
		today,
		cursor,
		backfillDays: intParam(P.backfillDays) ?? DEFAULT_BACKFILL_DAYS,
		forceBackfill: boolParam(P.forceBackfill),
		marginUnits: Math.max(margin, SUBMIT_COST + 10),
		windowDays: intParam(P.windowDays) ?? null,
	};
}

/**
 * DSO window per subsidiary as the DSO alert resolves it (subsidiary row, account row, default;
 * domain/alertSettings.ts over the alert's own reader). An invalid setting row does not stop the
 * snapshot: that subsidiary gets the default window and the problem is logged (the alert reports
 * it too).
 */
function alertWindows(subsidiaries: readonly SubsidiaryInfo[]): Map<string, number> {
	const rows = readAlertSettingRows();
	const out = new Map<string, number>();
	for (const sub of subsidiaries) {
		try {
			out.set(sub.id, resolveAlertSettings(rows, Number(sub.id)).windowDays);
		} catch (e) {
			log.error({
				title: `A/R snapshot: alert setting of subsidiary ${sub.id} is invalid, DSO window ${DEFAULT_ALERT_SETTINGS.windowDays} days used`,
				details: String((e as { message?: unknown } | null)?.message ?? e),
			});
			out.set(sub.id, DEFAULT_ALERT_SETTINGS.windowDays);
		}
	}
	return out;
}

/** The read port over the saved searches (ids from the parameters, default ours). */
export function snapshotSources(): SnapshotSources {
	const currencies = new Map<string, string>();
	/** Receipts the daily-flows reads of this execution brought (their ranges). */
	const receiptsRead: { from: CalendarDate; to: CalendarDate; receipts: Map<string, ReceiptFlow[]> }[] = [];
	const currencyOf = (id: string): string => {
		const c = currencies.get(id);
		if (c === undefined) throw new Error(`Subsidiary ${id} is not in the snapshot's subsidiary search`);
		return c;
	};
	return {
		subsidiaries: () => {
			const list = loadSubsidiaries(textParam(P.subsidiaries));
			for (const s of list) currencies.set(s.id, s.currency);
			return list;
		},
		arOpening: (before) => loadArOpening(before, currencyOf, textParam(P.arOpening)),
		arDailyFlows: (from, to) => {
			const read = loadArDailyFlows(from, to, currencyOf, textParam(P.arDaily));
			if (read.receipts !== null) receiptsRead.push({ from, to, receipts: read.receipts });
			return read.flows;
		},
		agingHistory: (asOf, coveredAfter) =>
			loadAgingHistory(
				{
					asOf,
					coveredAfter,
					openSearchId: textParam(P.openInvoices),
					applicationsSearchId: textParam(P.applications),
				},
				currencyOf,
			),
		terms: loadTerms,
		termsFlows: (from, to) => loadTermsFlows(from, to, currencyOf, textParam(P.termsDaily)),
		receiptFlows: (from, to) => {
			// the payments' rows of a daily-flows read covering the range, unless the parameter names
			// an admin's own receipts search
			const own = textParam(P.receipts);
			const read = receiptsRead.find((r) => r.from <= from && r.to >= to);
			if (read !== undefined && (own === undefined || own === RECEIPTS_DAILY.id))
				return new Map(
					[...read.receipts].map(([sub, list]) => [sub, list.filter((x) => x.date >= from && x.date <= to)]),
				);
			return loadReceiptFlows(from, to, currencyOf, own);
		},
		billedOrders: (from, to) => loadBilledOrders(from, to, textParam(P.billedOrders)),
		windowDays: alertWindows,
	};
}

/** Governance port: remaining units, and a reschedule carrying the cursor and the run's parameters. */
export function snapshotControl(): JobControl {
	return {
		remainingUnits: remainingUsage,
		checkpoint: (cursor: SnapshotCursor) => {
			const params: Record<string, string | number | boolean> = { [P.cursor]: serializeCursor(cursor) };
			// the resumed execution belongs to the same night and continues it when done
			const night = textParam(P.night);
			if (night !== undefined) params[P.night] = night;
			const window = intParam(P.windowDays);
			if (window !== undefined) params[P.windowDays] = window;
			const margin = intParam(P.marginUnits);
			if (margin !== undefined) params[P.marginUnits] = margin;
			for (const id of [
				P.arOpening,
				P.arDaily,
				P.openInvoices,
				P.applications,
				P.subsidiaries,
				P.termsDaily,
				P.receipts,
				P.billedOrders,
			]) {
				const v = textParam(id);
				if (v !== undefined) params[id] = v;
			}
			rescheduleScheduled(SNAPSHOT_SCRIPT, SNAPSHOT_ON_DEMAND_DEPLOYMENT, params);
		},
	};
}
