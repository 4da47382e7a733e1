/**
 * `customrecord_o2c_sub_snapshot`: one record per subsidiary per day, upserted by its text key
 * `<subsidiary>:<YYYY-MM-DD>`. Money goes to CURRENCY fields in the subsidiary's base currency
 * (minor units → decimal once, here); ratios to FLOAT fields (empty when undefined); the terms mix
 * as JSON in a TEXTAREA.
 *
 * Costs: `existing` 5 + 5 per 1,000 records; a new record 2 (create) + 4 (save); an update of an
 * existing one `record.submitFields` 2.
 */
import * as record from 'N/record';
import * as search from 'N/search';
import type { CalendarDate } from '../../domain/calendarDate';
import { money, toDecimal } from '../../domain/money';
import type { SnapshotRepository, SubsidiarySnapshot } from '../../app/snapshot/types';
import { toNsDate, toNsDateValue } from '../nsDate';
import { forEachRow, valueOf } from '../searches/searchKit';

export const SUB_SNAPSHOT = 'customrecord_o2c_sub_snapshot';

const F = {
	key: 'custrecord_o2c_ss_key',
	subsidiary: 'custrecord_o2c_ss_subsidiary',
	date: 'custrecord_o2c_ss_date',
	currency: 'custrecord_o2c_ss_currency',
	source: 'custrecord_o2c_ss_source',
	arBalance: 'custrecord_o2c_ss_ar_balance',
	window: 'custrecord_o2c_ss_window',
	salesThis: 'custrecord_o2c_ss_sales_this',
	salesPrior: 'custrecord_o2c_ss_sales_prior',
	arPrior: 'custrecord_o2c_ss_ar_prior',
	dso: 'custrecord_o2c_ss_dso',
	dsoPrior: 'custrecord_o2c_ss_dso_prior',
	dsoDelta: 'custrecord_o2c_ss_dso_delta',
	countback: 'custrecord_o2c_ss_dso_countback',
	bpdso: 'custrecord_o2c_ss_bpdso',
	add: 'custrecord_o2c_ss_add',
	ceiMtd: 'custrecord_o2c_ss_cei_mtd',
	ceiLastMonth: 'custrecord_o2c_ss_cei_last_month',
	openInvoices: 'custrecord_o2c_ss_open_invoices',
	unapplied: 'custrecord_o2c_ss_unapplied',
	agCurrent: 'custrecord_o2c_ss_ag_current',
	ag1to30: 'custrecord_o2c_ss_ag_1_30',
	ag31to60: 'custrecord_o2c_ss_ag_31_60',
	ag61to90: 'custrecord_o2c_ss_ag_61_90',
	ag90plus: 'custrecord_o2c_ss_ag_90_plus',
	wowCurrent: 'custrecord_o2c_ss_wow_current',
	wow1to30: 'custrecord_o2c_ss_wow_1_30',
	wow31to60: 'custrecord_o2c_ss_wow_31_60',
	wow61to90: 'custrecord_o2c_ss_wow_61_90',
	wow90plus: 'custrecord_o2c_ss_wow_90_plus',
	termsMix: 'custrecord_o2c_ss_terms_mix',
	receipts: 'custrecord_o2c_ss_receipts',
	receiptsUnapplied: 'custrecord_o2c_ss_receipts_unapplied',
	cashAppRate: 'custrecord_o2c_ss_cash_app_rate',
	leadTime: 'custrecord_o2c_ss_lead_time',
	leadTimeOrders: 'custrecord_o2c_ss_lead_time_orders',
} as const;

/** The snapshot's field ids, for readers (portlets, the DSO alert). */
export const SUB_SNAPSHOT_FIELDS = F;

type FieldValue = string | number | boolean | Date;

/** Values of every field that changes with the figures (not the key, subsidiary and date). */
function figures(s: SubsidiarySnapshot): Record<string, FieldValue> {
	const cur = (minor: number): number => toDecimal(money(minor, s.currency));
	const ratio = (x: number | null): number | string => x ?? '';
	return {
		[F.currency]: s.currency,
		[F.source]: s.source,
		[F.arBalance]: cur(s.arBalanceMinor),
		[F.window]: s.windowDays,
		[F.salesThis]: cur(s.salesThisMinor),
		[F.salesPrior]: cur(s.salesPriorMinor),
		[F.arPrior]: cur(s.arPriorMinor),
		[F.dso]: ratio(s.dso),
		[F.dsoPrior]: ratio(s.dsoPrior),
		[F.dsoDelta]: ratio(s.dsoDelta),
		[F.countback]: ratio(s.countbackDso),
		[F.bpdso]: ratio(s.bestPossibleDso),
		[F.add]: ratio(s.averageDaysDelinquent),
		[F.ceiMtd]: ratio(s.ceiMonthToDate),
		[F.ceiLastMonth]: ratio(s.ceiLastMonth),
		[F.openInvoices]: cur(s.openInvoicesMinor),
		[F.unapplied]: cur(s.unappliedMinor),
		[F.agCurrent]: cur(s.aging.current),
		[F.ag1to30]: cur(s.aging['1-30']),
		[F.ag31to60]: cur(s.aging['31-60']),
		[F.ag61to90]: cur(s.aging['61-90']),
		[F.ag90plus]: cur(s.aging['90+']),
		[F.wowCurrent]: cur(s.agingWeekChange.current),
		[F.wow1to30]: cur(s.agingWeekChange['1-30']),
		[F.wow31to60]: cur(s.agingWeekChange['31-60']),
		[F.wow61to90]: cur(s.agingWeekChange['61-90']),
		[F.wow90plus]: cur(s.agingWeekChange['90+']),
		[F.termsMix]: JSON.stringify(
			s.termsMix.map((e) => ({ label: e.label, days: e.days, amount: cur(e.amountMinor) })),
		),
		[F.receipts]: cur(s.receiptsMinor),
		[F.receiptsUnapplied]: cur(s.receiptsUnappliedMinor),
		[F.cashAppRate]: ratio(s.cashApplicationRate),
		[F.leadTime]: ratio(s.leadTimeDays),
		[F.leadTimeOrders]: s.leadTimeOrders,
	};
}

/** The snapshot store the nightly job writes through. */
export const subSnapshotRepository: SnapshotRepository = {
	existing(from: CalendarDate, to: CalendarDate): Map<string, number> {
		const s = search.create({
			type: SUB_SNAPSHOT,
			filters: [[F.date, 'within', toNsDate(from), toNsDate(to)]],
			columns: ['internalid', F.key],
		});
		const out = new Map<string, number>();
		forEachRow(s, (row) => {
			const key = valueOf(row, { name: F.key });
			const id = Number(valueOf(row, { name: 'internalid' }));
			// Two records with one key (a concurrent run): keep updating the lowest id.
			if (!out.has(key) || id < (out.get(key) as number)) out.set(key, id);
		});
		return out;
	},
	save(snapshot: SubsidiarySnapshot, existingId: number | undefined): void {
		const values = figures(snapshot);
		if (existingId !== undefined) {
			record.submitFields({
				type: SUB_SNAPSHOT,
				id: existingId,
				values: values as never,
				options: { enableSourcing: false, ignoreMandatoryFields: true },
			});
			return;
		}
		const rec = record.create({ type: SUB_SNAPSHOT });
		rec.setValue({ fieldId: 'name', value: snapshot.key });
		rec.setValue({ fieldId: F.key, value: snapshot.key });
		rec.setValue({ fieldId: F.subsidiary, value: snapshot.subsidiaryId });
		rec.setValue({ fieldId: F.date, value: toNsDateValue(snapshot.date) });
		for (const [fieldId, value] of Object.entries(values)) rec.setValue({ fieldId, value });
		rec.save();
	},
};
