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

test('snapshot floor: first run 2 subsidiaries × 90 days created; steady night 2 records', () => {
	const day = dayFacts(ds, '2026-05-04');
	const first = snapshotFloor({ day, previous: null });
	// grouped rows 2 × 120 = 240 (10) and 2 × 90 × 5 = 900 (10); 180 × 6; settings 2 × 10; submit 20
	expect(first.units).toBe(10 + 10 + 1080 + 20 + 20);
	expect(first).toMatchObject({ records: 180, executions: 1 });
	const steady = snapshotFloor({ day: dayFacts(ds, '2026-05-05'), previous: day });
	expect(steady.units).toBe(10 + 10 + 12 + 20 + 20);
});

test('a scheduled floor above 10,000 units needs more executions, each paying its submit and reads again', () => {
	const many = { ...dayFacts(ds, '2026-05-04'), subsidiaries: 20 };
	const f = snapshotFloor({ day: many, previous: null });
	// 20 × 90 × 6 = 10,800 records + rows 2,400 (20) and 9,000 (50) + settings 20 + submit 20 = 10,910
	// → 2 executions; the second pays submit 20 + settings 20 + rows 70 = 110
	expect(f.executions).toBe(2);
	expect(f.units).toBe(10_910 + 110);
	expect(f.parts.reschedules).toBe(110);
});

test('customer metrics floor: created on the first night, updated after (the one that left updated once more)', () => {
	const d4 = dayFacts(ds, '2026-05-04');
	const first = customerMetricsFloor({ day: d4, previous: null });
	// rows 2 open + 1 closed + 2 customers + 1 promise = 6 (10); 2 × 6 created; submit 20
	expect(first.units).toBe(10 + 12 + 20);
	const steady = customerMetricsFloor({ day: dayFacts(ds, '2026-05-05'), previous: d4 });
	// rows 1 + 2 + 2 + 1 (10); 2 updated (4); ids of 2 records (10); submit 20
	expect(steady.units).toBe(10 + 4 + 10 + 20);
	expect(steady.records).toBe(2);
});

test('forecast floor: predictions created, updated, deleted; 14 subsidiary records per subsidiary', () => {
	const d4 = dayFacts(ds, '2026-05-04');
	const first = forecastFloor({ day: d4, previous: null });
	// rows 2 + 1 + 1 (10); 2 predictions × 6; 2 subsidiaries × 14 × 6 = 168; submit 20
	expect(first.units).toBe(10 + 12 + 168 + 20);
	const steady = forecastFloor({ day: dayFacts(ds, '2026-05-05'), previous: d4 });
	// rows 1 + 2 + 1 (10); 1 updated (2), 1 deleted (4); 28 updated (56); ids 2 + 28 (10); submit 20
	expect(steady.units).toBe(10 + 2 + 4 + 56 + 10 + 20);
});

test('alert floor: snapshots of two windows, settings, one evaluation per subsidiary, the emails', () => {
	const f = alertFloor({ day: dayFacts(ds, '2026-05-04'), previous: null }, 1);
	expect(f.units).toBe(10 + 20 + 12 + 20);
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
