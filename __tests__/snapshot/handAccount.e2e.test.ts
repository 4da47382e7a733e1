/**
 * The built snapshot scripts on the emulator over a hand-made account (support/handDataset.ts),
 * every figure worked out by hand, then compared with the oracle as well.
 */
import type { Emulator } from '../../local/emulator';
import { oracleReport } from '../support/oracle';
import { handDataset, HAND_AS_OF } from './support/handDataset';
import {
	customerDiffs,
	emulatorFor,
	METRICS_SCRIPT,
	recordsBy,
	SNAPSHOT_SCRIPT,
	subsidiaryDiffs,
} from './support/harness';

const SS = 'customrecord_o2c_sub_snapshot';
const CM = 'customrecord_o2c_cust_metrics';

describe('hand-made account on the emulator', () => {
	let emu: Emulator;
	beforeAll(() => {
		emu = emulatorFor(handDataset(), HAND_AS_OF);
		expect(emu.runScheduled(SNAPSHOT_SCRIPT).status).toBe('COMPLETE');
		expect(emu.runMapReduce(METRICS_SCRIPT).status).toBe('COMPLETE');
	});

	it('backfills 90 days for both subsidiaries on the first run', () => {
		const snaps = recordsBy(emu, SS, 'custrecord_o2c_ss_key');
		expect(snaps.size).toBe(180);
		expect(snaps.get('1:2026-05-04')?.custrecord_o2c_ss_source).toBe('nightly');
		expect(snaps.get('1:2026-02-04')?.custrecord_o2c_ss_source).toBe('backfill');
		expect(snaps.has('1:2026-02-03')).toBe(false);
	});

	it('stores the US figures of 05-04 as worked out by hand', () => {
		const us = recordsBy(emu, SS, 'custrecord_o2c_ss_key').get('1:2026-05-04');
		// Invoices 100 + 200 + 150 + 600 + 1,000 + 300 = 2,350; payments and credits 100 + 200 + 150 (the
		// return) + 400 + 100 (on account) = 950: A/R 1,400. Sales 04-05..05-04 = 1,000 + 300 = 1,300;
		// 03-06..04-04 = 600. A/R at 04-04: 1,050 − 300 = 750 (the 150 not yet credited).
		expect(us).toMatchObject({
			custrecord_o2c_ss_currency: 'USD',
			custrecord_o2c_ss_ar_balance: 1400,
			custrecord_o2c_ss_sales_this: 1300,
			custrecord_o2c_ss_sales_prior: 600,
			custrecord_o2c_ss_ar_prior: 750,
			custrecord_o2c_ss_dso_prior: 37.5, // 750 × 30 / 600
			custrecord_o2c_ss_ag_current: 300,
			custrecord_o2c_ss_ag_1_30: 1200, // Acme 200 (15 days) + 1,000 (4 days)
			custrecord_o2c_ss_ag_31_60: 0,
			custrecord_o2c_ss_open_invoices: 1500,
			custrecord_o2c_ss_unapplied: 100, // 1,500 open − 1,400 A/R: the payment on account
			custrecord_o2c_ss_wow_current: -700, // 04-27: 1,000 not yet due
			custrecord_o2c_ss_wow_1_30: 1000, // 04-27: 200 eight days late
			custrecord_o2c_ss_receipts: 500, // 400 (04-25) + 100 (05-01)
			custrecord_o2c_ss_cash_app_rate: 0.8, // 400 of 500 applied
			custrecord_o2c_ss_lead_time: 9,
			custrecord_o2c_ss_lead_time_orders: 1,
		});
		expect(us?.custrecord_o2c_ss_dso).toBeCloseTo((1400 * 30) / 1300, 9); // 32.31
		// One basis: the 100 on account pays the oldest open invoice first, so 1,100 of the 1,200 overdue
		// is left; the current part of the A/R is 1,400 − 1,100 = 300.
		expect(us?.custrecord_o2c_ss_bpdso).toBeCloseTo((300 * 30) / 1300, 9); // 6.92
		expect(us?.custrecord_o2c_ss_add).toBeCloseTo((1100 * 30) / 1300, 9); // 25.38
		// May 1-4: 300 → 1,100 left (4 days); April: 1,000 → 100 left (34 days); March 750 (600 + 150):
		// 100 / 750 of its 31 days.
		expect(us?.custrecord_o2c_ss_dso_countback).toBeCloseTo(34 + (100 / 750) * 31, 9);
		// May to date: begin 1,200 (04-30), sales 300, end 1,400, current part 300: 100 / 1,200.
		expect(us?.custrecord_o2c_ss_cei_mtd).toBeCloseTo((100 / 1200) * 100, 9);
		// April: begin 750, sales 1,000, end 1,200, current at 04-30 1,000 (nothing unapplied then):
		// (750 + 1,000 − 1,200) / (750 + 1,000 − 1,000) = 550 / 750.
		expect(us?.custrecord_o2c_ss_cei_last_month).toBeCloseTo((550 / 750) * 100, 9);
		expect(JSON.parse(String(us?.custrecord_o2c_ss_terms_mix))).toEqual([
			{ label: 'Net 20', days: 20, amount: 1000 },
			{ label: 'Net 30', days: 30, amount: 300 },
		]);
	});

	it('on the 1st of a month that starts on a weekend (2026-03-01, a Sunday, no invoice): countback 29.0, the next day 30.0', () => {
		const snaps = recordsBy(emu, SS, 'custrecord_o2c_ss_key');
		// 03-01: A/R 200 (Globex's February invoice); March so far has no sales: +1 day; February's 200
		// covers the rest: 1 + 28 = 29. No collections yet, nothing overdue: CEI has no denominator.
		expect(snaps.get('1:2026-03-01')).toMatchObject({
			custrecord_o2c_ss_ar_balance: 200,
			custrecord_o2c_ss_dso_countback: 29,
			custrecord_o2c_ss_cei_mtd: null,
		});
		// 03-02: the 150 invoice: A/R 350; March 1-2 covers 150 (2 days), February the 200: 2 + 28 = 30.
		expect(snaps.get('1:2026-03-02')).toMatchObject({
			custrecord_o2c_ss_ar_balance: 350,
			custrecord_o2c_ss_dso_countback: 30,
		});
	});

	it('keeps the EU subsidiary in EUR (a USD customer at 0.9) and uses its 45-day alert window', () => {
		const eu = recordsBy(emu, SS, 'custrecord_o2c_ss_key').get('2:2026-05-04');
		// Invoice 500 USD = 450 EUR, payment on account 100 USD = 90 EUR: A/R 360, DSO 360 × 45 / 450.
		// Nothing is overdue, so the whole A/R is current: BPDSO = DSO = 36, ADD 0 (the gross current
		// bucket, 450, would have given BPDSO 45 > DSO and ADD −9).
		expect(eu).toMatchObject({
			custrecord_o2c_ss_bpdso: 36,
			custrecord_o2c_ss_add: 0,
			custrecord_o2c_ss_currency: 'EUR',
			custrecord_o2c_ss_window: 45,
			custrecord_o2c_ss_ar_balance: 360,
			custrecord_o2c_ss_sales_this: 450,
			custrecord_o2c_ss_dso: 36,
			custrecord_o2c_ss_dso_prior: null,
			custrecord_o2c_ss_ag_current: 450,
			custrecord_o2c_ss_unapplied: 90,
			custrecord_o2c_ss_receipts: 90,
			custrecord_o2c_ss_receipts_unapplied: 90,
			custrecord_o2c_ss_cash_app_rate: 0,
		});
		expect(JSON.parse(String(eu?.custrecord_o2c_ss_terms_mix))).toEqual([
			{ label: '(no terms)', days: null, amount: 450 },
		]);
	});

	it('reconstructs a backfilled day: US on 04-27', () => {
		const us = recordsBy(emu, SS, 'custrecord_o2c_ss_key').get('1:2026-04-27');
		// A/R 600 + 1,000 − 400 = 1,200; open: March 200 (8 days late), April 1,000 (due 04-30).
		expect(us).toMatchObject({
			custrecord_o2c_ss_ar_balance: 1200,
			custrecord_o2c_ss_ag_current: 1000,
			custrecord_o2c_ss_ag_1_30: 200,
			custrecord_o2c_ss_source: 'backfill',
		});
		// 04-20: March invoice still 600 open and 1 day late.
		expect(recordsBy(emu, SS, 'custrecord_o2c_ss_key').get('1:2026-04-20')).toMatchObject({
			custrecord_o2c_ss_ag_1_30: 600,
			custrecord_o2c_ss_ag_current: 1000,
		});
	});

	it('stores the customer metrics as worked out by hand', () => {
		const m = recordsBy(emu, CM, 'custrecord_o2c_cm_key');
		expect(m.size).toBe(4);
		// Acme: (balance 1,200 − 100 on account + 0 unbilled: the order is billed) / 2,000 = 0.55
		expect(m.get('100')).toMatchObject({
			custrecord_o2c_cm_as_of: '2026-05-04',
			custrecord_o2c_cm_currency: 'USD',
			custrecord_o2c_cm_open_balance: 1200,
			custrecord_o2c_cm_overdue: 1200,
			custrecord_o2c_cm_unapplied: 100,
			custrecord_o2c_cm_ag_1_30: 1200,
			custrecord_o2c_cm_max_days_overdue: 15,
			custrecord_o2c_cm_oldest_open: '2026-03-20',
			custrecord_o2c_cm_credit_currency: 'USD',
			custrecord_o2c_cm_credit_util: 0.55,
			custrecord_o2c_cm_paid_count: 0,
			custrecord_o2c_cm_segment: 'insufficient-history',
			custrecord_o2c_cm_promises_open: 1,
			custrecord_o2c_cm_promised_amount: 500,
			custrecord_o2c_cm_next_promise: '2026-05-10',
		});
		// Globex: 200 invoiced 02-01, due 03-03, paid 03-10: 37 days to pay, 7 late. The 150 credited
		// in full after 44 days is a return, not a payment: counting it would give
		// (200 × 37 + 150 × 44) / 350 = 40 days to pay and (200 × 7 + 150 × 14) / 350 = 10 late.
		expect(m.get('101')).toMatchObject({
			custrecord_o2c_cm_open_balance: 300,
			custrecord_o2c_cm_ag_current: 300,
			custrecord_o2c_cm_max_days_overdue: 0,
			custrecord_o2c_cm_avg_days_to_pay: 37,
			custrecord_o2c_cm_avg_days_late: 7,
			custrecord_o2c_cm_paid_count: 1,
			custrecord_o2c_cm_returned_count: 1,
			custrecord_o2c_cm_returned_amount: 150,
		});
		// Initech: EUR figures; credit use in its own currency, as its customer record keeps it:
		// balance (500 − 100) USD / limit 1,000 USD.
		expect(m.get('200')).toMatchObject({
			custrecord_o2c_cm_currency: 'EUR',
			custrecord_o2c_cm_open_balance: 450,
			custrecord_o2c_cm_unapplied: 90,
			custrecord_o2c_cm_credit_currency: 'USD',
			custrecord_o2c_cm_credit_limit: 1000,
			custrecord_o2c_cm_credit_util: 0.4,
		});
		// Hooli: paid 19 days after the invoice, on time; nothing open.
		expect(m.get('102')).toMatchObject({
			custrecord_o2c_cm_open_balance: 0,
			custrecord_o2c_cm_max_days_overdue: null,
			custrecord_o2c_cm_avg_days_to_pay: 19,
			custrecord_o2c_cm_avg_days_late: 0,
			custrecord_o2c_cm_paid_count: 1,
			custrecord_o2c_cm_reasons: 'too-few-invoices',
		});
	});

	it('marks a customer that left the input as having nothing at the new date', () => {
		const later = emulatorFor(handDataset(), HAND_AS_OF);
		expect(later.runMapReduce(METRICS_SCRIPT).status).toBe('COMPLETE');
		// A year on, Hooli's only invoice closed more than 365 days ago: not in the input any more.
		expect(
			later.runMapReduce(METRICS_SCRIPT, undefined, { params: { custscript_o2c_cm_as_of: '2027-01-15' } }).status,
		).toBe('COMPLETE');
		const m = recordsBy(later, CM, 'custrecord_o2c_cm_key');
		expect(m.size).toBe(4);
		expect(m.get('102')).toMatchObject({
			custrecord_o2c_cm_as_of: '2027-01-15',
			custrecord_o2c_cm_open_balance: 0,
			custrecord_o2c_cm_paid_count: 0,
			custrecord_o2c_cm_avg_days_to_pay: null,
			custrecord_o2c_cm_segment: 'insufficient-history',
		});
		expect(m.get('100')?.custrecord_o2c_cm_as_of).toBe('2027-01-15');
		const history: unknown = JSON.parse(String(m.get('100')?.custrecord_o2c_cm_history));
		expect(history).toMatchObject([{ d: '2026-05-04' }, { d: '2027-01-15' }]);
	});

	it('agrees with the oracle at the as-of date and on backfilled days', () => {
		const snaps = recordsBy(emu, SS, 'custrecord_o2c_ss_key');
		for (const day of [
			'2026-05-04',
			'2026-05-01',
			'2026-04-30',
			'2026-04-27',
			'2026-04-01',
			'2026-03-02',
			'2026-03-01',
			'2026-02-04',
		]) {
			const us = oracleReport(handDataset(), day).subsidiaries.find((s) => s.id === 1);
			const eu = oracleReport(handDataset(), day, 45).subsidiaries.find((s) => s.id === 2);
			expect(subsidiaryDiffs(snaps.get(`1:${day}`), us as NonNullable<typeof us>)).toEqual([]);
			expect(subsidiaryDiffs(snaps.get(`2:${day}`), eu as NonNullable<typeof eu>)).toEqual([]);
		}
		expect(
			customerDiffs(
				recordsBy(emu, CM, 'custrecord_o2c_cm_key'),
				oracleReport(handDataset(), HAND_AS_OF).customers,
				HAND_AS_OF,
			),
		).toEqual([]);
	});

	it('replaces the day on a rerun instead of adding records', () => {
		expect(emu.runScheduled(SNAPSHOT_SCRIPT).status).toBe('COMPLETE');
		const mr = emu.runMapReduce(METRICS_SCRIPT);
		expect(mr.status).toBe('COMPLETE');
		// one reduce per batch of customers (the key names them); none failed inside it (no `failed:` output)
		expect((mr.reduce ?? []).map((k) => [k.key, k.state, k.errors.length])).toEqual([
			['100,101,102,200', 'COMPLETE', 0],
		]);
		expect(mr.output).toEqual([]);
		expect(recordsBy(emu, SS, 'custrecord_o2c_ss_key').size).toBe(180);
		expect(recordsBy(emu, CM, 'custrecord_o2c_cm_key').size).toBe(4);
	});
});
