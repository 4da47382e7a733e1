/**
 * The SuiteAnalytics plug-ins (src/Objects customscript_o2c_ds_* / customscript_o2c_wb_*) built on
 * the emulator after the nightly pipeline: the datasets hold the columns and conditions described,
 * the workbooks the pivots, charts and tables described, and their figures equal report.json's
 * (open A/R in base currency per bucket), the stored snapshots' (DSO per day) and the customer
 * metrics' (customers per segment).
 */
import { buildReport, type Report } from '../../local/report';
import type { Emulator, WbSpec } from '../../local/emulator';
import { emulatorFor } from '../snapshot/support/harness';
import { handDataset, HAND_AS_OF } from '../snapshot/support/handDataset';
import { bucketOf, dayNumber, invoicesAt } from '../support/oracle';

type Of<K extends WbSpec['kind']> = Extract<WbSpec, { kind: K }>;

const BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
const LABELS = ['1. Current', '2. 1-30 days', '3. 31-60 days', '4. 61-90 days', '5. Over 90 days'];

describe('analytics plug-ins on the hand-made account', () => {
	let emu: Emulator;
	let report: Report;
	const ds = handDataset();
	beforeAll(() => {
		emu = emulatorFor(ds, HAND_AS_OF);
		emu.runNightly();
		report = buildReport(emu, HAND_AS_OF);
	});

	test('open A/R dataset: invoice-level columns, open invoices on their main line', () => {
		const spec = emu.buildDataset('customscript_o2c_ds_open_ar');
		expect(spec.type).toBe('transaction');
		expect(spec.columns.map((c) => c.alias)).toEqual([
			'invoice',
			'customer',
			'subsidiary',
			'date',
			'due',
			'days',
			'bucket',
			'openfx',
			'currency',
			'open',
			'type',
			'status',
			'mainline',
		]);
		expect(spec.columns.find((c) => c.alias === 'subsidiary')?.join).toEqual({ fieldId: 'transactionlines' });
		expect(spec.columns.find((c) => c.alias === 'open')).toMatchObject({
			formula: 'ROUND({foreignamountunpaid} * {exchangerate}, 2)',
			type: 'FLOAT',
		});
		expect(spec.condition).toMatchObject({
			operator: 'AND',
			children: [
				{ operator: 'ANY_OF', values: ['CustInvc'], column: { alias: 'type' } },
				{ operator: 'ANY_OF', values: ['CustInvc:A'], column: { alias: 'status' } },
				{ operator: 'IS', values: [true], column: { alias: 'mainline' } },
			],
		});
	});

	test("open A/R workbook: customers (within subsidiaries) by aging bucket; the buckets equal report.json's aging", () => {
		const wb = emu.buildWorkbook('customscript_o2c_wb_open_ar');
		expect(wb.pivots.map((p) => (p as Of<'pivot'>).id)).toEqual(['customers_by_bucket']);
		expect(wb.charts.map((c) => [(c as Of<'chart'>).id, (c as Of<'chart'>).type])).toEqual([
			['open_by_bucket', 'COLUMN'],
		]);
		expect(wb.tables.map((t) => (t as Of<'table'>).id)).toEqual(['open_invoices']);
		const engine = emu.workbookEngine();
		const pivot = engine.pivot(wb.pivots[0] as Of<'pivot'>);
		expect(pivot.columns.map((c) => [c.path.map((m) => m.value).join(), c.measure?.label])).toEqual(
			LABELS.filter((l) => pivot.columns.some((c) => c.path[0]?.value === l)).map((l) => [
				l,
				'Open amount (base currency)',
			]),
		);
		// rows: subsidiary then customer, by the names the Workbook UI shows
		expect(pivot.rows.map((r) => r.path.map((m) => m.display))).toEqual([
			['US', 'Acme'],
			['US', 'Globex'],
			['EU', 'Initech GmbH'],
		]);
		const chart = engine.chart(wb.charts[0] as Of<'chart'>);
		for (const s of report.subsidiaries) {
			const li = chart.legend.findIndex((l) => l.path[0]?.value === s.id);
			BUCKETS.forEach((b, i) => {
				const ci = chart.categories.findIndex((c) => c.path[0]?.value === LABELS[i]);
				const v = ci < 0 || li < 0 ? null : (chart.values[0]?.[ci]?.[li] ?? null);
				expect([s.id, b, v ?? 0]).toEqual([s.id, b, s.aging[b]]);
			});
		}
	});

	test("the open invoices table lists the oracle's open invoices with their bucket", () => {
		const wb = emu.buildWorkbook('customscript_o2c_wb_open_ar');
		const t = emu.workbookEngine().table(wb.tables[0] as Of<'table'>);
		expect(t.headers).toEqual([
			'Invoice',
			'Customer',
			'Subsidiary',
			'Due date',
			'Days overdue',
			'Aging bucket',
			'Open amount',
			'Currency',
			'Open amount (base currency)',
		]);
		const D = dayNumber(HAND_AS_OF);
		const open = invoicesAt(ds, HAND_AS_OF).filter((i) => i.open > 0);
		expect(t.rows.map((r) => [r[0], r[5]]).sort()).toEqual(
			open
				.map((i) => [
					ds.transactions.find((x) => x.id === i.id)?.tranId,
					LABELS[BUCKETS.indexOf(bucketOf(D - dayNumber(i.agingDate)))],
				])
				.sort(),
		);
	});

	test('DSO trend workbook: a line chart of every stored day per subsidiary, values from the snapshots', () => {
		const wb = emu.buildWorkbook('customscript_o2c_wb_dso_trend');
		const ch = wb.charts[0] as Of<'chart'>;
		expect(ch.type).toBe('LINE');
		const c = emu.workbookEngine().chart(ch);
		const snaps = [...emu.store.all('customrecord_o2c_sub_snapshot')];
		expect(c.categories).toHaveLength(new Set(snaps.map((r) => r.values.custrecord_o2c_ss_date)).size);
		for (const r of snaps) {
			const ci = c.categories.findIndex((x) => x.path[0]?.value === r.values.custrecord_o2c_ss_date);
			const li = c.legend.findIndex((x) => x.path[0]?.value === r.values.custrecord_o2c_ss_subsidiary);
			expect(c.values[0]?.[ci]?.[li] ?? null).toBe(r.values.custrecord_o2c_ss_dso ?? null);
		}
	});

	test('payment behaviour workbook: customers per segment and subsidiary, from the metrics records', () => {
		const wb = emu.buildWorkbook('customscript_o2c_wb_pay_behaviour');
		const pivot = emu.workbookEngine().pivot(wb.pivots[0] as Of<'pivot'>);
		expect(pivot.columns.map((c) => c.measure?.label)).toEqual([
			'Customers',
			'Average score',
			'Average days to pay',
		]);
		const recs = [...emu.store.all('customrecord_o2c_cust_metrics')];
		for (const row of pivot.rows) {
			const [sub, seg] = row.path.map((m) => m.value);
			const n = recs.filter(
				(r) => r.values.custrecord_o2c_cm_subsidiary === sub && r.values.custrecord_o2c_cm_segment === seg,
			).length;
			const cell = pivot.cells.find((x) => x.row === row && x.measure.label === 'Customers');
			expect([sub, seg, cell?.value]).toEqual([sub, seg, n]);
		}
		expect(pivot.rows.length).toBeGreaterThan(0);
	});
});
