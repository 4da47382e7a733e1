/**
 * Unit layer (Oracle's stubs): how the forecast cuts an L-shaped input into batches
 * (adapters/forecastJob.ts forecastModel, adapters/customerRun.ts planBatches). The input is the
 * shape that made the busiest forecast reduce of the L bench use 96.6 % of its 5,000 units before
 * this model: 20 subsidiaries whose pools are large (40,000 paid rows and 2,500 metrics records
 * each, L has ~50,000 invoices per subsidiary), 2,500 customers each, and an input search that
 * sorts customers by name, so consecutive customers alternate between subsidiaries. Every figure
 * below is worked out by hand from the model's terms.
 */
import { planBatches, CustomerLoad } from '../../src/TypeScripts/o2c_dso/adapters/customerRun';
import { forecastModel, predictionWriteUnits } from '../../src/TypeScripts/o2c_dso/adapters/forecastJob';

const SUBSIDIARIES = Array.from({ length: 20 }, (_, i) => String(i + 1));
const POOL_ROWS = new Map(SUBSIDIARIES.map((s) => [s, 40_000]));
const METRICS_RECORDS = new Map(SUBSIDIARIES.map((s) => [s, 2_500]));
const MODEL = forecastModel(POOL_ROWS, METRICS_RECORDS);

/** 50,000 customers, ids 1001…51000, customer i in subsidiary 1 + (i mod 20): input order mixes them. */
function customers(load: (id: string) => Pick<CustomerLoad, 'reads' | 'writeUnits'>): CustomerLoad[] {
	return Array.from({ length: 50_000 }, (_, i) => {
		const id = String(1001 + i);
		return { customerId: id, subsidiaryIds: [SUBSIDIARIES[i % 20] ?? '1'], rows: 20, ...load(id) };
	});
}

describe('the forecast batch model on an L-shaped input with large pools', () => {
	it('one subsidiary costs 235 units: its cache read 1, building its pools 19 + 40 pages + 3 pages', () => {
		// 1 + (2 miss + 5 load + 5 run + 5 segments run + 2 currency lookups) + 5 × 40 + 5 × 3
		expect(MODEL.subsidiaryUnits('7')).toBe(235);
		expect(MODEL.fixedUnits).toBe(26);
		expect(MODEL.maxUnits).toBe(2000);
	});

	it('write units: 6 per invoice created, 2 per updated, 4 per record deleted', () => {
		expect(predictionWriteUnits(new Set(['1', '2']), new Set())).toBe(12);
		expect(predictionWriteUnits(new Set(['1', '2']), new Set(['1', '2']))).toBe(4);
		expect(predictionWriteUnits(new Set(['1', '2']), new Set(['2', '3']))).toBe(6 + 2 + 4);
		expect(predictionWriteUnits(new Set(), new Set(['3']))).toBe(4);
	});

	it('first night (2 open invoices a customer, no records): 143 customers of one subsidiary a batch, every batch within 2,000', () => {
		const plan = planBatches(
			customers(() => ({ reads: [20, 1, 0, 0], writeUnits: 12 })),
			MODEL,
		);
		// 26 + 235 + 12 × 143 + 5 × ⌈2,860 rows / 1,000⌉ + 5 × ⌈143 segments / 1,000⌉ = 1,997; a 144th makes 2,009
		expect(plan[0]).toEqual({
			key: Array.from({ length: 143 }, (_, k) => String(1001 + 20 * k)).join(','),
			customers: 143,
			rows: 2860,
			subsidiaries: ['1'],
			units: 1997,
		});
		expect(Math.max(...plan.map((b) => b.units))).toBeLessThanOrEqual(2000);
		expect(Math.max(...plan.map((b) => b.subsidiaries.length))).toBe(2);
		// subsidiary 1: 17 batches of 143, then its last 69 customers open a batch the first of
		// subsidiary 2 join: 26 + 2 × 235 + 12 × 123 + 5 × ⌈2,460 / 1,000⌉ + 5 = 1,992; a 124th makes 2,004
		expect(plan.slice(0, 17).every((b) => b.customers === 143 && b.subsidiaries.join() === '1')).toBe(true);
		expect([plan[17]?.customers, plan[17]?.subsidiaries, plan[17]?.units]).toEqual([123, ['1', '2'], 1992]);
		expect(plan.reduce((n, b) => n + b.customers, 0)).toBe(50_000);
	});

	it('steady night (2 open invoices on record, 1 record to delete): 213 customers a batch', () => {
		const plan = planBatches(
			customers(() => ({ reads: [20, 1, 0, 3], writeUnits: 2 * 2 + 4 })),
			MODEL,
		);
		// 26 + 235 + 8 × 213 + 5 × ⌈4,260 / 1,000⌉ + 5 × ⌈213 / 1,000⌉ + 5 × ⌈639 / 1,000⌉ = 2,000
		expect([plan[0]?.customers, plan[0]?.units]).toEqual([213, 2000]);
		expect(Math.max(...plan.map((b) => b.units))).toBeLessThanOrEqual(2000);
	});

	it('the same customers in input order, the way batches were cut before, would touch all 20 subsidiaries', () => {
		// Before: 250 consecutive customers of the input a batch. The model prices that first batch at
		// 26 + 20 × 235 + 250 × 12 + 5 × ⌈5,000 / 1,000⌉ + 5 = 7,756: its pools alone are 4,700 units.
		const first250 = customers(() => ({ reads: [20, 1, 0, 0], writeUnits: 12 })).slice(0, 250);
		const oneBatch = planBatches(first250, { ...MODEL, maxUnits: 1e9 });
		expect(oneBatch).toHaveLength(1);
		expect([oneBatch[0]?.subsidiaries.length, oneBatch[0]?.units]).toEqual([20, 7756]);
	});
});
