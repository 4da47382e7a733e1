/**
 * The snapshot use case over fake ports: figures checked by hand on a small account, then the
 * backfill, rerun and checkpoint/resume rules.
 */
import { CalendarDate, parseCalendarDate as d } from '../../src/TypeScripts/o2c_dso/domain/calendarDate';
import type { DailyFlow } from '../../src/TypeScripts/o2c_dso/domain/arBalance';
import {
	ApplicationGroup,
	OpenInvoiceGroup,
	buildOpenItemHistory,
} from '../../src/TypeScripts/o2c_dso/domain/snapshotMath';
import {
	parseCursor,
	runSnapshotJob,
	serializeCursor,
	SnapshotJobOptions,
} from '../../src/TypeScripts/o2c_dso/app/snapshot/runSnapshot';
import { dataRanges } from '../../src/TypeScripts/o2c_dso/app/snapshot/windows';
import type {
	BilledOrder,
	JobControl,
	ReceiptFlow,
	SnapshotCursor,
	SnapshotRepository,
	SnapshotSources,
	SubsidiaryInfo,
	SubsidiarySnapshot,
	TermsFlow,
} from '../../src/TypeScripts/o2c_dso/app/snapshot/types';
import { m } from '../support/minor';

const D = d('2026-05-04');
const US: SubsidiaryInfo = { id: '1', name: 'US', currency: 'USD' };
const EU: SubsidiaryInfo = { id: '2', name: 'EU', currency: 'EUR' };

/**
 * Subsidiary 1 (USD), everything in cents:
 * - invoice 2026-03-20, 600.00, due 04-19, Net 20 (terms 1)
 * - invoice 2026-04-10, 1,000.00, due 04-30, Net 20 (terms 1), from a sales order dated 04-01
 * - payment 2026-04-25, 400.00, applied to the March invoice
 * - invoice 2026-05-02, 300.00, due 06-01, Net 30 (terms 2)
 * Subsidiary 2 (EUR): one invoice 2026-04-20, 500.00, due 05-20, no terms; nothing paid.
 */
function fakeSources(calls: string[] = [], olderFlows: DailyFlow[] = []): SnapshotSources {
	const flows: Record<string, DailyFlow[]> = {
		'1': [
			...olderFlows,
			{ date: d('2026-03-20'), invoicesMinor: m(60000), paymentsMinor: m(0), creditsMinor: m(0) },
			{ date: d('2026-04-10'), invoicesMinor: m(100000), paymentsMinor: m(0), creditsMinor: m(0) },
			{ date: d('2026-04-25'), invoicesMinor: m(0), paymentsMinor: m(40000), creditsMinor: m(0) },
			{ date: d('2026-05-02'), invoicesMinor: m(30000), paymentsMinor: m(0), creditsMinor: m(0) },
		],
		'2': [{ date: d('2026-04-20'), invoicesMinor: m(50000), paymentsMinor: m(0), creditsMinor: m(0) }],
	};
	const open: OpenInvoiceGroup[] = [
		{ key: '1', tranDate: d('2026-03-20'), dueDate: d('2026-04-19'), openMinor: m(20000) },
		{ key: '1', tranDate: d('2026-04-10'), dueDate: d('2026-04-30'), openMinor: m(100000) },
		{ key: '1', tranDate: d('2026-05-02'), dueDate: d('2026-06-01'), openMinor: m(30000) },
		{ key: '2', tranDate: d('2026-04-20'), dueDate: d('2026-05-20'), openMinor: m(50000) },
	];
	const apps: ApplicationGroup[] = [
		{
			key: '1',
			tranDate: d('2026-03-20'),
			dueDate: d('2026-04-19'),
			appliedOn: d('2026-04-25'),
			appliedMinor: m(40000),
		},
	];
	const terms: TermsFlow[] = [
		{ date: d('2026-03-20'), termsId: '1', amountMinor: m(60000) },
		{ date: d('2026-04-10'), termsId: '1', amountMinor: m(100000) },
		{ date: d('2026-05-02'), termsId: '2', amountMinor: m(30000) },
	];
	const receipts: ReceiptFlow[] = [{ date: d('2026-04-25'), amountMinor: m(40000), unappliedMinor: m(0) }];
	const orders: BilledOrder[] = [{ orderDate: d('2026-04-01'), lastInvoiceDate: d('2026-04-10') }];
	const within = <T extends { date: CalendarDate }>(list: T[], from: CalendarDate, to: CalendarDate): T[] =>
		list.filter((x) => x.date >= from && x.date <= to);
	return {
		subsidiaries: () => [US, EU],
		arOpening: (before) => {
			calls.push(`opening<${before}`);
			// the A/R of the flows dated before `before`
			const net = (list: DailyFlow[]): number =>
				list
					.filter((f) => f.date < before)
					.reduce((n, f) => n + f.invoicesMinor - f.paymentsMinor - f.creditsMinor, 0);
			return new Map(Object.entries(flows).map(([k, v]) => [k, m(net(v))]));
		},
		arDailyFlows: (from, to) => {
			calls.push(`daily ${from}..${to}`);
			return new Map(Object.entries(flows).map(([k, v]) => [k, within(v, from, to)]));
		},
		agingHistory: (asOf, coveredAfter) => {
			calls.push(`aging>${coveredAfter}`);
			return buildOpenItemHistory(
				open.filter((g) => g.tranDate <= asOf),
				apps.filter((a) => a.tranDate <= asOf),
				coveredAfter,
			);
		},
		terms: () => [
			{ id: '1', name: 'Net 20', days: 20 },
			{ id: '2', name: 'Net 30', days: 30 },
		],
		termsFlows: (from, to) => new Map([['1', within(terms, from, to)]]),
		receiptFlows: (from, to) => new Map([['1', within(receipts, from, to)]]),
		billedOrders: (from, to) =>
			new Map([['1', orders.filter((o) => o.lastInvoiceDate >= from && o.lastInvoiceDate <= to)]]),
		windowDays: () => new Map([['2', 45]]),
	};
}

class FakeRepo implements SnapshotRepository {
	readonly records = new Map<number, SubsidiarySnapshot>();
	private nextId = 1;
	creates = 0;
	updates = 0;
	existing(from: CalendarDate, to: CalendarDate): Map<string, number> {
		const out = new Map<string, number>();
		for (const [id, s] of this.records) if (s.date >= from && s.date <= to) out.set(s.key, id);
		return out;
	}
	save(snapshot: SubsidiarySnapshot, existingId: number | undefined): void {
		if (existingId === undefined) {
			this.creates++;
			this.records.set(this.nextId++, snapshot);
		} else {
			this.updates++;
			this.records.set(existingId, snapshot);
		}
	}
	byKey(): Map<string, SubsidiarySnapshot> {
		return new Map([...this.records.values()].map((s) => [s.key, s]));
	}
}

/** Budget of `units`, each save costing `perSave`; records checkpoints instead of rescheduling. */
function fakeControl(repo: FakeRepo, units: number, perSave: number): JobControl & { cursors: SnapshotCursor[] } {
	const cursors: SnapshotCursor[] = [];
	return {
		cursors,
		remainingUnits: () => units - perSave * (repo.creates + repo.updates),
		checkpoint: (c) => cursors.push(c),
	};
}

const base: SnapshotJobOptions = {
	today: D,
	cursor: null,
	backfillDays: 1,
	forceBackfill: false,
	marginUnits: 100,
	windowDays: 30,
};

describe('DSO window', () => {
	it('comes from the alert settings per subsidiary unless the parameter fixes it', () => {
		const repo = new FakeRepo();
		runSnapshotJob({ ...base, windowDays: null }, fakeSources(), repo, fakeControl(repo, 10000, 6));
		expect(repo.byKey().get('1:2026-05-04')?.windowDays).toBe(30); // no setting: the default
		const eu = repo.byKey().get('2:2026-05-04') as SubsidiarySnapshot;
		expect(eu.windowDays).toBe(45);
		// 500 invoiced 04-20 is inside the 45 days ending 05-04: DSO = 500 × 45 / 500.
		expect(eu.dso).toBe(45);
	});
});

describe('subsidiary figures, checked by hand', () => {
	const repo = new FakeRepo();
	const result = runSnapshotJob(base, fakeSources(), repo, fakeControl(repo, 10000, 6));
	const us = repo.byKey().get('1:2026-05-04') as SubsidiarySnapshot;
	const eu = repo.byKey().get('2:2026-05-04') as SubsidiarySnapshot;

	it('writes one snapshot per subsidiary for the day', () => {
		expect(result).toMatchObject({ status: 'complete', written: 2, remaining: 0 });
		expect([...repo.byKey().keys()]).toEqual(['1:2026-05-04', '2:2026-05-04']);
		expect(us).toMatchObject({ subsidiaryId: '1', currency: 'USD', source: 'nightly', windowDays: 30 });
	});

	it('A/R, credit sales and DSO this and prior window', () => {
		// A/R = 600 + 1,000 + 300 − 400 = 1,500; sales 04-05..05-04 = 1,300; prior window 03-06..04-04 = 600, A/R 600.
		expect(us.arBalanceMinor).toBe(150000);
		expect(us.salesThisMinor).toBe(130000);
		expect(us.salesPriorMinor).toBe(60000);
		expect(us.arPriorMinor).toBe(60000);
		expect(us.dso).toBeCloseTo((1500 * 30) / 1300, 10); // 34.615…
		expect(us.dsoPrior).toBeCloseTo(30, 10);
		expect(us.dsoDelta).toBeCloseTo((1500 * 30) / 1300 - 30, 10);
	});

	it('aging, best possible DSO and average days delinquent', () => {
		// Open at D: March 200 (15 days late), April 1,000 (4 days late), May 300 (current).
		expect(us.aging).toEqual({ current: 30000, '1-30': 120000, '31-60': 0, '61-90': 0, '90+': 0 });
		expect(us.openInvoicesMinor).toBe(150000);
		expect(us.unappliedMinor).toBe(0);
		expect(us.bestPossibleDso).toBeCloseTo((300 * 30) / 1300, 10);
		expect(us.averageDaysDelinquent).toBeCloseTo((1200 * 30) / 1300, 10);
	});

	it('week-over-week change against the aging of 04-27', () => {
		// 04-27: March 200 (8 days late), April 1,000 not yet due.
		expect(us.agingWeekChange).toEqual({
			current: 30000 - 100000,
			'1-30': 120000 - 20000,
			'31-60': 0,
			'61-90': 0,
			'90+': 0,
		});
	});

	it('countback DSO walks back through calendar months', () => {
		// May 1-4: 300 (4 days) → 1,200 left; April: 1,000 (30 days) → 200 left; March: 200/600 × 31.
		expect(us.countbackDso).toBeCloseTo(4 + 30 + (200 / 600) * 31, 10);
	});

	it('CEI month to date and last month', () => {
		// MTD: begin 1,200, sales 300, end 1,500, end current 300 → 0 / 1,200 = 0.
		expect(us.ceiMonthToDate).toBe(0);
		// April: begin 600, sales 1,000, end 1,200, end current (04-30) 1,000 → 400 / 600.
		expect(us.ceiLastMonth).toBeCloseTo((400 / 600) * 100, 10);
	});

	it('terms mix, cash application and lead time over the window', () => {
		expect(us.termsMix).toEqual([
			{ label: 'Net 20', days: 20, amountMinor: m(100000) },
			{ label: 'Net 30', days: 30, amountMinor: m(30000) },
		]);
		expect(us.receiptsMinor).toBe(40000);
		expect(us.receiptsUnappliedMinor).toBe(0);
		expect(us.cashApplicationRate).toBe(1);
		expect(us.leadTimeDays).toBe(9);
		expect(us.leadTimeOrders).toBe(1);
	});

	it('keeps each subsidiary in its own currency', () => {
		expect(eu).toMatchObject({
			currency: 'EUR',
			arBalanceMinor: m(50000),
			salesThisMinor: m(50000),
			dso: 30,
			termsMix: [],
			cashApplicationRate: null,
			leadTimeDays: null,
		});
		expect(eu.aging.current).toBe(50000);
	});
});

describe('backfill, reruns and checkpoints', () => {
	const days5: SnapshotJobOptions = { ...base, backfillDays: 5 };

	it('reads every search once, over the range the earliest due day needs', () => {
		const calls: string[] = [];
		const repo = new FakeRepo();
		runSnapshotJob(days5, fakeSources(calls), repo, fakeControl(repo, 10000, 6));
		// the flows from the first of the countback's two months before April (the prior window of
		// 04-30 starts later, 03-02)
		const r = dataRanges(d('2026-04-30'), D, 30);
		expect(calls).toEqual([
			`opening<${r.ledgerFrom}`,
			`daily ${r.ledgerFrom}..${D}`,
			`aging>${r.agingCoveredAfter}`,
		]);
		expect(r).toEqual({
			ledgerFrom: '2026-02-01',
			countbackFrom: '2025-05-01',
			agingCoveredAfter: '2026-03-31',
			windowFrom: '2026-04-01',
			latest: D,
		});
		// every countback stays within the months read (the US one ends in March): nothing older is read
		expect(repo.byKey().get('1:2026-05-04')?.countbackDso).toBeCloseTo(4 + 30 + (20000 / 60000) * 31, 6);
	});

	it("reads the countback's older months, in one more search, only when a day's countback reaches them", () => {
		// an unpaid invoice of 5,000.00 on 2025-12-15, before the first read (02-01): A/R 6,500.00 at
		// 05-04 is used up by May 300, April 1,000, March 600, February and January nothing, and
		// 4,600 of December's 5,000
		const calls: string[] = [];
		const repo = new FakeRepo();
		const dec: DailyFlow = {
			date: d('2025-12-15'),
			invoicesMinor: m(500000),
			paymentsMinor: m(0),
			creditsMinor: m(0),
		};
		runSnapshotJob(days5, fakeSources(calls, [dec]), repo, fakeControl(repo, 10000, 6));
		expect(calls).toEqual([
			'opening<2026-02-01',
			`daily 2026-02-01..${D}`,
			'daily 2025-05-01..2026-01-31',
			'aging>2026-03-31',
		]);
		const us = repo.byKey().get('1:2026-05-04');
		expect(us?.arBalanceMinor).toBe(650000);
		expect(us?.countbackDso).toBeCloseTo(4 + 30 + 31 + 28 + 31 + (460000 / 500000) * 31, 6);
		// the window's sales (04-05 to 05-04) are the same as without the older read
		expect(us?.salesThisMinor).toBe(130000);
	});

	it('fills the whole range on the first run, then only the day itself on a rerun', () => {
		const repo = new FakeRepo();
		const first = runSnapshotJob(days5, fakeSources(), repo, fakeControl(repo, 10000, 6));
		expect(first.written).toBe(10);
		expect(repo.records.size).toBe(10);
		expect(repo.byKey().get('1:2026-04-30')?.source).toBe('backfill');
		const again = runSnapshotJob(days5, fakeSources(), repo, fakeControl(repo, 10000, 6));
		expect(again.written).toBe(2);
		expect(repo.records.size).toBe(10); // replaced, not duplicated
		expect(repo.updates).toBe(2);
		const forced = runSnapshotJob(
			{ ...days5, forceBackfill: true },
			fakeSources(),
			repo,
			fakeControl(repo, 10000, 6),
		);
		expect(forced.written).toBe(10);
		expect(repo.records.size).toBe(10);
	});

	it('fills a missing day of the range on the next run', () => {
		const repo = new FakeRepo();
		runSnapshotJob(days5, fakeSources(), repo, fakeControl(repo, 10000, 6));
		for (const [id, s] of repo.records) if (s.date === '2026-05-02') repo.records.delete(id);
		const r = runSnapshotJob(days5, fakeSources(), repo, fakeControl(repo, 10000, 6));
		expect(r.written).toBe(4); // two missing + the as-of day for both subsidiaries
		expect(repo.records.size).toBe(10);
	});

	it.each([1, 3, 7])('checkpoints after %i snapshots and resumes to the same result as one run', (perExecution) => {
		const reference = new FakeRepo();
		runSnapshotJob({ ...days5, forceBackfill: true }, fakeSources(), reference, fakeControl(reference, 10000, 6));

		const repo = new FakeRepo();
		let cursor: SnapshotCursor | null = null;
		let executions = 0;
		for (;;) {
			executions++;
			const saved = repo.creates + repo.updates;
			// margin 100: this execution's budget lets exactly `perExecution` saves through.
			const control = fakeControl(repo, 0, 0);
			control.remainingUnits = () => (repo.creates + repo.updates - saved < perExecution ? 1000 : 99);
			const result = runSnapshotJob({ ...days5, forceBackfill: true, cursor }, fakeSources(), repo, control);
			if (result.status === 'complete') break;
			expect(control.cursors).toHaveLength(1);
			cursor = parseCursor(serializeCursor(result.cursor as SnapshotCursor));
			expect(executions).toBeLessThan(20);
		}
		expect(executions).toBe(Math.ceil(10 / perExecution));
		expect(repo.byKey()).toEqual(reference.byKey());
		expect(repo.records.size).toBe(10);
	});

	it('stops with a clear error instead of rescheduling forever when reading left no units', () => {
		const repo = new FakeRepo();
		expect(() => runSnapshotJob(days5, fakeSources(), repo, fakeControl(repo, 29, 0))).toThrow(
			/only 29 usage units left/,
		);
		expect(repo.records.size).toBe(0);
	});

	it('refuses a bad cursor or backfill length', () => {
		expect(() => parseCursor('{"v":2}')).toThrow(/Invalid snapshot cursor/);
		expect(parseCursor('')).toBeNull();
		expect(() =>
			runSnapshotJob(
				{ ...base, backfillDays: 0 },
				fakeSources(),
				new FakeRepo(),
				fakeControl(new FakeRepo(), 1, 1),
			),
		).toThrow(/backfill days/);
	});
});
