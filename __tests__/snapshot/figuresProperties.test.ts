/**
 * The figures that compare part of the A/R with all of it, on ANY account (fast-check): random
 * invoices, partial and full payments, credit memos, cash on account and returns, at a random
 * as-of date. On the one basis (`netAging`: unapplied cash and credits pay the oldest open
 * invoices first) CEI stays within 0-100 %, best possible DSO never exceeds DSO and average days
 * delinquent is never negative; and the use case agrees with the independent oracle on BPDSO,
 * ADD, countback and both CEIs. Then the probes, worked out by hand.
 *
 * The use case (`computeSubsidiarySnapshot`) is fed the way the adapters feed it: daily flows of
 * the ledger, and open invoices now plus the applications dated after a past date.
 */
import fc from 'fast-check';
import type { Dataset, DsTransaction } from '../../local/data/dataset';
import { computeSubsidiarySnapshot } from '../../src/TypeScripts/o2c_dso/app/snapshot/subsidiarySnapshot';
import type { SubsidiarySnapshot } from '../../src/TypeScripts/o2c_dso/app/snapshot/types';
import { buildArLedger, DailyFlow } from '../../src/TypeScripts/o2c_dso/domain/arBalance';
import { addDays, CalendarDate, parseCalendarDate } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import {
	ApplicationGroup,
	buildOpenItemHistory,
	openItemsAt,
	OpenInvoiceGroup,
} from '../../src/TypeScripts/o2c_dso/domain/snapshotMath';
import { m } from '../support/minor';
import { dateOf, dayNumber, oracleReport, toCents } from '../support/oracle';

const W = 30;

function dueOf(inv: DsTransaction): CalendarDate | null {
	const due = inv.dueDate ?? null;
	return due === null ? null : parseCalendarDate(due);
}

/** The snapshot of the dataset's only subsidiary (USD, rate 1) at `asOf`, as the adapters would feed it. */
function snapshotOf(ds: Dataset, asOf: string): SubsidiarySnapshot {
	const D = parseCalendarDate(asOf);
	const txs = ds.transactions.filter((t) => t.tranDate <= asOf);
	const byDay = new Map<string, { invoices: number; payments: number; credits: number }>();
	const invoices = new Map<number, DsTransaction>();
	for (const t of txs) {
		const f = byDay.get(t.tranDate) ?? { invoices: 0, payments: 0, credits: 0 };
		byDay.set(t.tranDate, f);
		if (t.type === 'CustInvc') {
			f.invoices += toCents(t.amount);
			invoices.set(t.id, t);
		} else if (t.type === 'CustPymt') f.payments += toCents(t.amount);
		else if (t.type === 'CustCred') f.credits += toCents(t.amount);
	}
	const flows: DailyFlow[] = [...byDay.entries()].map(([date, f]) => ({
		date: parseCalendarDate(date),
		invoicesMinor: m(f.invoices),
		paymentsMinor: m(f.payments),
		creditsMinor: m(f.credits),
	}));
	const appliedTo = new Map<number, number>();
	const apps: ApplicationGroup[] = [];
	for (const t of txs) {
		for (const a of t.apply ?? []) {
			const inv = invoices.get(a.doc);
			if (inv === undefined) continue;
			appliedTo.set(a.doc, (appliedTo.get(a.doc) ?? 0) + toCents(a.amount));
			const due = dueOf(inv);
			apps.push({
				key: '1',
				tranDate: parseCalendarDate(inv.tranDate),
				dueDate: due,
				appliedOn: parseCalendarDate(t.tranDate),
				appliedMinor: m(toCents(a.amount)),
			});
		}
	}
	const open: OpenInvoiceGroup[] = [...invoices.values()].map((inv) => ({
		key: '1',
		tranDate: parseCalendarDate(inv.tranDate),
		dueDate: dueOf(inv),
		openMinor: m(toCents(inv.amount) - (appliedTo.get(inv.id) ?? 0)),
	}));
	const history = buildOpenItemHistory(open, apps, addDays(D, -800));
	return computeSubsidiarySnapshot({
		subsidiary: { id: '1', name: 'US', currency: 'USD' },
		date: D,
		source: 'nightly',
		windowDays: W,
		ledger: buildArLedger(flows),
		openItemsAt: (at: CalendarDate) => openItemsAt(history, at).get('1') ?? [],
		termsFlows: [],
		terms: new Map(),
		receipts: [],
		billedOrders: [],
	});
}

function account(transactions: DsTransaction[]): Dataset {
	return {
		format: 'o2c-dataset/1',
		account: { name: 'Random', timezone: 'UTC' },
		subsidiaries: [{ id: 1, name: 'US', currency: 'USD', parent: null }],
		customers: [{ id: 100, entityId: 'C', companyName: 'C', subsidiary: 1, currency: 'USD' }],
		transactions,
	};
}

function tx(t: Partial<DsTransaction> & Pick<DsTransaction, 'id' | 'type' | 'tranDate' | 'amount'>): DsTransaction {
	return { tranId: `T-${t.id}`, entity: 100, subsidiary: 1, currency: 'USD', exchangeRate: 1, ...t };
}

const START = dayNumber('2025-10-01');

/** A random account: invoices over ~7 months, payments and credit memos applied to some of them (never more than open), cash on account. */
const arbAccount = fc
	.record({
		invoices: fc.array(
			fc.record({
				day: fc.integer({ min: 0, max: 220 }),
				cents: fc.integer({ min: 1, max: 2_000_000 }),
				terms: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
			}),
			{ minLength: 1, maxLength: 25 },
		),
		receipts: fc.array(
			fc.record({
				after: fc.integer({ min: 0, max: 120 }),
				invoice: fc.nat(),
				share: fc.double({ min: 0, max: 1, noNaN: true }),
				extraCents: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 500_000 })),
				credit: fc.boolean(),
			}),
			{ maxLength: 25 },
		),
		asOf: fc.integer({ min: 60, max: 260 }),
	})
	.map(({ invoices, receipts, asOf }) => {
		const txs: DsTransaction[] = [];
		const open: { id: number; day: number; left: number }[] = [];
		let id = 1;
		for (const i of invoices) {
			const tranDate = dateOf(START + i.day);
			txs.push(
				tx({
					id,
					type: 'CustInvc',
					tranDate,
					amount: i.cents / 100,
					...(i.terms === null ? {} : { dueDate: dateOf(START + i.day + i.terms) }),
				}),
			);
			open.push({ id, day: i.day, left: i.cents });
			id++;
		}
		for (const r of receipts) {
			const inv = open[r.invoice % open.length]!;
			const applied = Math.min(inv.left, Math.round(inv.left * r.share));
			inv.left -= applied;
			const total = applied + r.extraCents;
			if (total === 0) continue;
			txs.push(
				tx({
					id: id++,
					type: r.credit ? 'CustCred' : 'CustPymt',
					tranDate: dateOf(START + inv.day + r.after),
					amount: total / 100,
					apply: applied === 0 ? [] : [{ doc: inv.id, amount: applied / 100 }],
				}),
			);
		}
		return { ds: account(txs), asOf: dateOf(START + asOf) };
	});

describe('on any account (property)', () => {
	it('0 ≤ CEI ≤ 100, BPDSO ≤ DSO, ADD ≥ 0, and the use case equals the oracle', () => {
		fc.assert(
			fc.property(arbAccount, ({ ds, asOf }) => {
				const s = snapshotOf(ds, asOf);
				for (const cei of [s.ceiMonthToDate, s.ceiLastMonth]) {
					if (cei === null) continue;
					expect(cei).toBeGreaterThanOrEqual(0);
					expect(cei).toBeLessThanOrEqual(100);
				}
				if (s.dso !== null) {
					expect(s.bestPossibleDso).not.toBeNull();
					expect(s.bestPossibleDso as number).toBeLessThanOrEqual(s.dso);
					expect(s.averageDaysDelinquent as number).toBeGreaterThanOrEqual(0);
				}
				const o = oracleReport(ds, asOf, W).subsidiaries[0]!;
				const same = (a: number | null, b: number | null): void => {
					if (a === null || b === null) expect([a, b]).toEqual([null, null]);
					else expect(Math.abs(a - b)).toBeLessThan(1e-9 * Math.max(1, Math.abs(b)));
				};
				expect(s.arBalanceMinor).toBe(o.arBalance);
				same(s.bestPossibleDso, o.bestPossibleDso);
				same(s.averageDaysDelinquent, o.averageDaysDelinquent);
				same(s.countbackDso, o.countbackDso);
				same(s.ceiMonthToDate, o.ceiMonthToDate);
				same(s.ceiLastMonth, o.ceiLastMonth);
			}),
			{ numRuns: 300 },
		);
	});
});

describe("the issue's probes, worked out by hand", () => {
	it('invoices of 50 (overdue) and 100 (not due) with 60 on account: CEI month to date 100 %, not 120 %; ADD 0, not −2', () => {
		// April: an invoice of 50 (due 04-20). May: one of 100 (due 06-01) and 60 received on account.
		// At 05-04: A/R 150 − 60 = 90. The 60 pays the oldest first: the 50 overdue and 10 of the 100,
		// so 90 is current and nothing is delinquent.
		// CEI: begin 50, sales 100, end 90, end current 90: (50 + 100 − 90) / (50 + 100 − 90) = 100 %
		// (the gross current bucket, 100, gave 60 / 50 = 120 %).
		// DSO = 90 × 30 / 150 = 18 = BPDSO; ADD 0 (gross: BPDSO 100 × 30 / 150 = 20, ADD −2).
		const ds = account([
			tx({ id: 1, type: 'CustInvc', tranDate: '2026-04-10', dueDate: '2026-04-20', amount: 50 }),
			tx({ id: 2, type: 'CustInvc', tranDate: '2026-05-02', dueDate: '2026-06-01', amount: 100 }),
			tx({ id: 3, type: 'CustPymt', tranDate: '2026-05-03', amount: 60, apply: [] }),
		]);
		const s = snapshotOf(ds, '2026-05-04');
		expect(s.arBalanceMinor).toBe(9000);
		expect(s.ceiMonthToDate).toBe(100);
		expect(s.dso).toBe(18);
		expect(s.bestPossibleDso).toBe(18);
		expect(s.averageDaysDelinquent).toBe(0);
	});
	it('a 100 invoice not due with 50 unapplied: DSO 15 and BPDSO 15 (not 30), ADD 0 (not −15)', () => {
		// A/R 100 − 50 = 50; sales of the window 100: DSO = 50 × 30 / 100 = 15. Nothing is overdue, so
		// the whole A/R is current: BPDSO 15.
		const ds = account([
			tx({ id: 1, type: 'CustInvc', tranDate: '2026-04-20', dueDate: '2026-05-20', amount: 100 }),
			tx({ id: 2, type: 'CustPymt', tranDate: '2026-04-25', amount: 50, apply: [] }),
		]);
		const s = snapshotOf(ds, '2026-05-04');
		expect([s.dso, s.bestPossibleDso, s.averageDaysDelinquent]).toEqual([15, 15, 0]);
	});
	it('countback on the 1st of a month with no invoice yet is 46.0 (was null), and 47.0 the next day', () => {
		// March 3,100 (31 days), April 3,000 (30 days); A/R at 05-01 (a Friday with no invoice) 4,500:
		// May so far adds 1 day and no sales; April covers 3,000 (30 days); March the last 1,500:
		// 1 + 30 + 1,500/3,100 × 31 = 46.0. On 05-02 (still no invoice): 2 + 30 + 15 = 47.0.
		const ds = account([
			tx({ id: 1, type: 'CustInvc', tranDate: '2026-03-10', dueDate: '2026-04-09', amount: 3100 }),
			tx({ id: 2, type: 'CustInvc', tranDate: '2026-04-10', dueDate: '2026-05-10', amount: 3000 }),
			tx({ id: 3, type: 'CustPymt', tranDate: '2026-04-15', amount: 1600, apply: [{ doc: 1, amount: 1600 }] }),
		]);
		expect(snapshotOf(ds, '2026-05-01').countbackDso).toBeCloseTo(46, 12);
		expect(snapshotOf(ds, '2026-05-02').countbackDso).toBeCloseTo(47, 12);
	});
});
