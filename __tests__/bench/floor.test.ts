/**
 * The benchmark's floor and ratios (local/bench/floor.ts, stages.ts) on a hand-made account: every
 * figure worked out by hand from the emulator's unit costs (search 5, page 5, custom record create
 * 2 + save 4, submitFields 2, delete 4, email 20, submit 20).
 */
import type { Dataset } from '../../local/data/dataset';
import {
	alertFloor,
	customerMetricsFloor,
	dayFacts,
	forecastFloor,
	investigatedCustomers,
	savedSearchUnits,
	searchUnits,
	snapshotFloor,
} from '../../local/bench/floor';
import { floorRatio, naiveRatio, scriptTotals, stageStats } from '../../local/bench/stages';
import type { GovernanceEntry } from '../../local/emulator';

const tx = (
	t: Partial<Dataset['transactions'][number]> & { id: number; type: string },
): Dataset['transactions'][number] => ({
	tranId: String(t.id),
	entity: 1,
	subsidiary: 1,
	currency: 'USD',
	tranDate: '2026-01-01',
	amount: 100,
	...t,
});

// customer 1: invoice 10 paid on 2026-04-01 (closed in the history), invoice 11 open;
// customer 2: invoice 20 paid on 2026-05-05 (open on the 4th, closed on the 5th);
// customer 3: invoice 30 paid in 2024 (outside the 365 days: not active)
const ds: Dataset = {
	format: 'o2c-dataset/1',
	account: { name: 'Floor test', timezone: 'UTC' },
	subsidiaries: [
		{ id: 1, name: 'One', currency: 'USD', parent: null },
		{ id: 2, name: 'Two', currency: 'USD', parent: null },
	],
	customers: [1, 2, 3].map((id) => ({
		id,
		entityId: String(id),
		companyName: `C${String(id)}`,
		subsidiary: 1,
		currency: 'USD',
	})),
	transactions: [
		tx({ id: 10, type: 'CustInvc' }),
		tx({ id: 11, type: 'CustInvc', tranDate: '2026-03-01' }),
		tx({ id: 12, type: 'CustPymt', tranDate: '2026-04-01', apply: [{ doc: 10, amount: 100 }] }),
		tx({ id: 20, type: 'CustInvc', entity: 2 }),
		tx({ id: 21, type: 'CustPymt', entity: 2, tranDate: '2026-05-05', apply: [{ doc: 20, amount: 100 }] }),
		tx({ id: 30, type: 'CustInvc', entity: 3, tranDate: '2024-01-01' }),
		tx({ id: 31, type: 'CustPymt', entity: 3, tranDate: '2024-02-01', apply: [{ doc: 30, amount: 100 }] }),
	],
	promises: [{ id: 1, entity: 1, madeOn: '2026-04-20', promisedDate: '2026-05-10', amount: 100 }],
};

test('facts of a day: open invoices, invoices closed in the 365 days, active customers', () => {
	const d4 = dayFacts(ds, '2026-05-04');
	expect([...d4.openInvoices].sort()).toEqual([11, 20]);
	expect(d4.closedInHistory).toBe(1); // invoice 10
	expect([...d4.activeCustomers].sort()).toEqual([1, 2]);
	expect(d4.promises).toBe(1);
	const d5 = dayFacts(ds, '2026-05-05');
	expect([...d5.openInvoices]).toEqual([11]);
	expect(d5.closedInHistory).toBe(2);
});

test('one paged search costs 5 + 5 a page of 1,000 rows, at least one page', () => {
	expect([searchUnits(0), searchUnits(1000), searchUnits(1001)]).toEqual([10, 10, 15]);
});

test('a saved search also pays its load: 5 + 5 + 5 a page', () => {
	expect([savedSearchUnits(0), savedSearchUnits(1000), savedSearchUnits(1001)]).toEqual([15, 15, 20]);
});

test('snapshot floor: first run 2 subsidiaries × 90 days created; steady night 2 records', () => {
	const day = dayFacts(ds, '2026-05-04');
	const first = snapshotFloor({ day, previous: null });
	// grouped rows (saved searches) 2 × 120 = 240 (15) and 2 × 90 × 5 = 900 (15); no billed order
	// (15); no snapshot yet (10); 180 × 6; settings: subsidiaries (saved, 15) + alert settings (10);
	// submit 20
	expect(first.units).toBe(15 + 15 + 15 + 10 + 1080 + 25 + 20);
	expect(first).toMatchObject({ records: 180, executions: 1 });
	expect(first.parts).toMatchObject({ 'billed orders read': 15, 'existing snapshots read': 10 });
	const steady = snapshotFloor({ day: dayFacts(ds, '2026-05-05'), previous: day });
	// rows 62 (15) and 10 (15); billed orders (15); the 2 × 89 records of the range (10); 2 × 6; 25; 20
	expect(steady.units).toBe(15 + 15 + 15 + 10 + 12 + 25 + 20);
});

test('snapshot floor: one row per sales order billed in the windows of the days due', () => {
	const order = (id: number, tranDate: string): Dataset['transactions'][number] =>
		tx({ id, type: 'SalesOrd', tranDate });
	const billed: Dataset = {
		...ds,
		transactions: [
			...ds.transactions,
			order(40, '2026-03-01'),
			tx({ id: 41, type: 'CustInvc', tranDate: '2026-03-10', createdFrom: 40 }),
			tx({ id: 42, type: 'CustInvc', tranDate: '2026-04-20', createdFrom: 40 }), // its last invoice
			order(50, '2026-01-01'),
			tx({ id: 51, type: 'CustInvc', tranDate: '2026-01-20', createdFrom: 50 }),
			...Array.from({ length: 1000 }, (_, i) => order(1000 + i, '2026-04-01')),
			...Array.from({ length: 1000 }, (_, i) =>
				tx({ id: 3000 + i, type: 'CustInvc', tranDate: '2026-04-30', createdFrom: 1000 + i }),
			),
		],
	};
	const day = dayFacts(billed, '2026-05-04');
	expect(day.ordersLastInvoiced.filter((d) => d === '2026-04-20')).toHaveLength(1);
	expect(day.ordersLastInvoiced).toHaveLength(1002);
	// steady night: the window 04-05 to 05-04 holds order 40 (04-20) and the 1,000 of 04-30: 2 pages
	expect(snapshotFloor({ day, previous: day }).parts['billed orders read']).toBe(5 + 5 + 10);
	// first run: the windows from 01-06 hold order 50 (01-20) too: 1,002 rows, still 2 pages
	expect(snapshotFloor({ day, previous: null }).parts['billed orders read']).toBe(5 + 5 + 10);
});

test('a scheduled floor above 10,000 units needs more executions, each paying its submit and reads again', () => {
	const many = { ...dayFacts(ds, '2026-05-04'), subsidiaries: 20 };
	const f = snapshotFloor({ day: many, previous: null });
	// 20 × 90 × 6 = 10,800 records + rows 2,400 (25) and 9,000 (55) + billed orders 15 + existing 10 +
	// settings 25 + submit 20 = 10,950 → 2 executions; the second pays submit 20 + settings 25 + rows
	// 80 + billed orders 15 + existing 10 = 150
	expect(f.executions).toBe(2);
	expect(f.units).toBe(10_950 + 150);
	expect(f.parts.reschedules).toBe(150);
});

test('customer metrics floor: created on the first night, updated after (the one that left updated once more)', () => {
	const d4 = dayFacts(ds, '2026-05-04');
	const first = customerMetricsFloor({ day: d4, previous: null });
	// rows 2 open + 1 closed + 2 customers + 1 promise = 6 (saved search, 15); 2 × 6 created; submit 20
	expect(first.units).toBe(15 + 12 + 20);
	const steady = customerMetricsFloor({ day: dayFacts(ds, '2026-05-05'), previous: d4 });
	// rows 1 + 2 + 2 + 1 (15); 2 updated (4); ids of 2 records (10); submit 20
	expect(steady.units).toBe(15 + 4 + 10 + 20);
	expect(steady.records).toBe(2);
});

test('forecast floor: predictions created, updated, deleted; 14 subsidiary records per subsidiary', () => {
	const d4 = dayFacts(ds, '2026-05-04');
	const first = forecastFloor({ day: d4, previous: null });
	// rows 2 + 1 + 1 (saved search, 15); 2 predictions × 6; 2 subsidiaries × 14 × 6 = 168; submit 20
	expect(first.units).toBe(15 + 12 + 168 + 20);
	const steady = forecastFloor({ day: dayFacts(ds, '2026-05-05'), previous: d4 });
	// rows 1 + 2 + 1 (15); 1 updated (2), 1 deleted (4); 28 updated (56); ids 2 + 28 (10); submit 20
	expect(steady.units).toBe(15 + 2 + 4 + 56 + 10 + 20);
});

test('alert floor: 3 snapshots a subsidiary, settings and calendar, the period, an evaluation per subsidiary, emails, investigations, the next job', () => {
	const d4 = dayFacts(ds, '2026-05-04');
	const quiet = alertFloor({ day: d4, previous: null }, { emails: 0, investigated: [] });
	// snapshots 2 × 3 (10); subsidiaries (saved, 15), settings (10), calendar (10); the period's
	// records (none yet: 10); 2 evaluations × 6; submit 20
	expect(quiet.units).toBe(10 + 35 + 10 + 12 + 20);
	// customers open at 05-04 or 04-04 in subsidiary 1: 1 (invoice 11) and 2 (invoice 20); none in 2
	expect([investigatedCustomers(ds, '2026-05-04', 1), investigatedCustomers(ds, '2026-05-04', 2)]).toEqual([2, 0]);
	const fired = alertFloor({ day: d4, previous: null }, { emails: 1, investigated: [2] });
	// + the email (20), the forecast it shows (14 rows, 10) + subsidiary 1's customers read (saved search, 15)
	expect(fired.units).toBe(quiet.units + 20 + 10 + 15);
	expect(fired.parts['forecasts read']).toBe(10);
	expect(fired.parts['investigations read']).toBe(15);
	// a steady night on the 5th: the period holds 2 × 4 records (10)
	expect(alertFloor({ day: dayFacts(ds, '2026-05-05'), previous: d4 }, { emails: 0, investigated: [] }).units).toBe(
		quiet.units,
	);
});

test('stage figures from governance rows: pages, records, executions; ratios against floor and naive', () => {
	const rows: GovernanceEntry[] = [
		{
			script: 'customscript_x_ss',
			deployment: 'd',
			unitsUsed: 9_000,
			unitsLimit: 10_000,
			calls: { 'PagedData.fetch': { calls: 4, units: 20 }, 'Record.save.custom': { calls: 3, units: 12 } },
			wallMs: 10,
		},
		{ script: 'customscript_x_ss', deployment: 'd', unitsUsed: 1_000, unitsLimit: 10_000, wallMs: 5 },
		{
			script: 'customscript_y_mr',
			deployment: 'd',
			stage: 'reduce',
			unitsUsed: 300,
			unitsLimit: 5_000,
			invocations: 10,
			maxInvocationUnits: 40,
			maxInvocationMs: 3,
			wallMs: 20,
			calls: {
				'record.submitFields.custom': { calls: 10, units: 20 },
				'ResultSet.getRange': { calls: 10, units: 100 },
			},
		},
	];
	const stages = stageStats(rows);
	expect(
		stages.map((s) => [s.script, s.units, s.maxUnits, s.executions, s.pages, s.records, s.maxExecutionMs]),
	).toEqual([
		['customscript_x_ss', 10_000, 9_000, 2, 4, 3, 10],
		['customscript_y_mr', 300, 40, 10, 10, 10, 3],
	]);
	// where the units went, per API over the stage
	expect(stages[1]?.calls).toEqual({
		'record.submitFields.custom': { calls: 10, units: 20 },
		'ResultSet.getRange': { calls: 10, units: 100 },
	});
	expect(scriptTotals(stages).map((t) => [t.script, t.units, t.executions])).toEqual([
		['customscript_x_ss', 10_000, 2],
		['customscript_y_mr', 300, 1],
	]);
	const floor = { units: 8_000, pages: 0, records: 0, executions: 1, parts: {} };
	expect(floorRatio(10_000, floor)).toBe(1.25);
	expect(naiveRatio(200_000, 10_000)).toBe(20);
});
