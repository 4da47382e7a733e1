/**
 * The payment forecast map/reduce, built, on the emulator over the hand-made account of
 * support/forecastDataset.ts (with extras) at 2026-03-31: every stored prediction and the first
 * weeks of the US forecast worked out by hand, reruns that upsert, records of closed invoices and
 * of customers that left the input removed, governance per customer.
 */
import * as path from 'node:path';
import { Emulator } from '../../local/emulator';
import { accountInfo, buildStore } from '../../local/emulator/account';
import type { RawValue } from '../../local/emulator/store';
import { forecastReportBlock } from '../../local/forecastBlock';
import { loadSdfProject } from '../../local/sdf/objects';
import { forecastDataset } from './support/forecastDataset';

const ROOT = path.join(__dirname, '..', '..');
const D = '2026-03-31';
const PP = 'customrecord_o2c_pay_pred';

function emulator(): Emulator {
	const ds = forecastDataset(true);
	const project = loadSdfProject(path.join(ROOT, 'src'));
	return new Emulator({ projectRoot: ROOT, project, store: buildStore(ds, D, project), account: accountInfo(ds, D) });
}

function predictions(emu: Emulator): Map<number, Record<string, RawValue>> {
	const out = new Map<number, Record<string, RawValue>>();
	for (const r of emu.store.all(PP)) out.set(Number(r.values.custrecord_o2c_pp_invoice), r.values);
	return out;
}

/** A prediction record as an earlier night would have left it. */
function seed(emu: Emulator, invoice: number, customer: number): number {
	const id = emu.store.nextId(PP);
	emu.store.put({
		type: PP,
		id,
		values: {
			name: String(invoice),
			custrecord_o2c_pp_key: String(invoice),
			custrecord_o2c_pp_invoice: invoice,
			custrecord_o2c_pp_customer: customer,
			custrecord_o2c_pp_subsidiary: 1,
			custrecord_o2c_pp_as_of: '2026-03-01',
			custrecord_o2c_pp_date: '2026-03-13',
			isinactive: false,
			internalid: id,
		},
		texts: {},
	});
	return id;
}

describe('customscript_o2c_forecast_mr at 2026-03-31', () => {
	const emu = emulator();
	const closedInvoiceRecord = seed(emu, 8, 100); // A4, paid 03-10
	const dormantRecord = seed(emu, 7, 102); // a customer no longer in the input
	emu.runMapReduce('customscript_o2c_cust_metrics_mr');
	const first = emu.runMapReduce('customscript_o2c_forecast_mr');
	const stored = predictions(emu);
	afterAll(() => {
		emu.close();
	});

	it('runs clean and stores one prediction per invoice open at D', () => {
		expect(first.status).toBe('COMPLETE');
		expect(first.reduce?.every((k) => k.state === 'COMPLETE')).toBe(true);
		expect([...stored.keys()].sort((a, b) => a - b)).toEqual([9, 10, 13, 20, 21]);
	});

	it('removes the record of an invoice paid since, and of a customer that left the input', () => {
		expect(emu.store.get(PP, closedInvoiceRecord)).toBeUndefined();
		expect(emu.store.get(PP, dormantRecord)).toBeUndefined();
	});

	it.each([
		// invoice, source, low, date, high, basis, days late
		// A5: Acme 5, 7, 10, 15 (all later than −4): h = 1 → 5, 2.5 → 8.5 → 9, 4 → 15
		[10, 'customer', '2026-04-09', '2026-04-13', '2026-04-19', 4, 9],
		// disputed, due 04-09: no disputed invoice was ever paid in the subsidiary → the subsidiary's
		// five (0, 5, 7, 10, 15), disputed or not: h = 1.2 → 1, 3 → 7, 4.8 → 14
		[20, 'subsidiary', '2026-04-10', '2026-04-16', '2026-04-23', 5, 7],
		// B2, due 04-01: Bolt has one (0), not later than −1 … the subsidiary's five
		[9, 'subsidiary', '2026-04-02', '2026-04-08', '2026-04-15', 5, 7],
		// B3: promised for 04-08; no resolved promise → kept weight 1/2, broken as the five (all
		// later than −11) 1/10 each: cumulative 0.8 at due + 7 = 04-26
		[13, 'promise', '2026-04-08', '2026-04-08', '2026-04-26', 5, -11],
		// EUR: no paid invoice in the subsidiary: its due date
		[21, 'terms', '2026-04-14', '2026-04-14', '2026-04-14', 0, 0],
	])('invoice %i: %s, %s … %s … %s', (invoice, source, low, date, high, basis, daysLate) => {
		expect(stored.get(invoice)).toMatchObject({
			custrecord_o2c_pp_source: source,
			custrecord_o2c_pp_low: low,
			custrecord_o2c_pp_date: date,
			custrecord_o2c_pp_high: high,
			custrecord_o2c_pp_basis: basis,
			custrecord_o2c_pp_days_late: daysLate,
			custrecord_o2c_pp_as_of: D,
		});
	});

	it('keeps money in base currency with its code, the promise it follows and why', () => {
		expect(stored.get(21)).toMatchObject({ custrecord_o2c_pp_open: 450, custrecord_o2c_pp_currency: 'EUR' });
		expect(stored.get(13)).toMatchObject({ custrecord_o2c_pp_promise: 1, custrecord_o2c_pp_disputed: false });
		expect(stored.get(20)?.custrecord_o2c_pp_disputed).toBe(true);
		expect(stored.get(20)?.custrecord_o2c_pp_why).toBe(
			'Too little history of this customer; from 5 paid invoices of this subsidiary (disputed or not) still unpaid 9 days before due (few): paid 1 day late to 14 days late, median 7 days late.',
		);
	});

	it('stores the US weeks as worked out by hand, adding up to the open invoices', () => {
		const weeks = [...emu.store.all('customrecord_o2c_cash_fc_week')]
			.filter((w) => w.values.custrecord_o2c_fw_subsidiary === 1)
			.sort((a, b) => Number(a.values.custrecord_o2c_fw_week) - Number(b.values.custrecord_o2c_fw_week));
		expect(weeks).toHaveLength(13);
		// week 1: B2's 04-01 and 04-06 (2/5 of 100.00); week 2: A5 3/4, the disputed 2/5, B2 2/5,
		// B3 kept 1/2 → 75 + 40 + 40 + 50; week 3: 25 + 40 + 20 + 10; week 4: 20 + 20; week 5: 20.
		expect(weeks.map((w) => w.values.custrecord_o2c_fw_expected)).toEqual([
			40, 205, 95, 40, 20, 0, 0, 0, 0, 0, 0, 0, 0,
		]);
		// week 2: Acme's spread 100 √(3/16) + 100 √(6/25), Bolt's 100 √(6/25) + 100 √(1/4), customers
		// independent: σ = 135.34 → 205 ± 113.90
		expect(weeks[1]?.values).toMatchObject({
			custrecord_o2c_fw_start: '2026-04-08',
			custrecord_o2c_fw_end: '2026-04-14',
			custrecord_o2c_fw_low: 91.1,
			custrecord_o2c_fw_high: 318.9,
		});
		const us = [...emu.store.all('customrecord_o2c_cash_fc')].find(
			(r) => r.values.custrecord_o2c_fc_subsidiary === 1,
		);
		expect(us?.values).toMatchObject({
			custrecord_o2c_fc_open: 400,
			custrecord_o2c_fc_horizon: 400,
			custrecord_o2c_fc_next4: 380,
			custrecord_o2c_fc_prior4: 200, // payments of 03-10 and 03-12
			custrecord_o2c_fc_beyond: 0,
			custrecord_o2c_fc_currency: 'USD',
		});
		expect(JSON.parse(String(us?.values.custrecord_o2c_fc_sources))).toEqual({
			customer: 1,
			subsidiary: 2,
			promise: 1,
		});
	});

	it('the report forecast block (§6) lists every open invoice', () => {
		const forecast = forecastReportBlock(emu.store, D);
		expect(forecast?.missingInvoices).toEqual([]);
		expect(forecast?.invoices.map((i) => [i.id, i.predictedPaymentDate, i.low, i.high])).toEqual([
			[9, '2026-04-08', '2026-04-02', '2026-04-15'],
			[10, '2026-04-13', '2026-04-09', '2026-04-19'],
			[13, '2026-04-08', '2026-04-08', '2026-04-26'],
			[20, '2026-04-16', '2026-04-10', '2026-04-23'],
			[21, '2026-04-14', '2026-04-14', '2026-04-14'],
		]);
		const eu = forecast?.subsidiaries.find((s) => s.id === 2);
		expect(eu?.weeks).toHaveLength(13);
		expect(eu?.weeks[1]).toMatchObject({ start: '2026-04-08', expected: 450, low: 450, high: 450 });
	});

	it('a rerun upserts: the same records, updated in place, for fewer units', () => {
		const ids = [...emu.store.all(PP)].map((r) => r.id).sort();
		const again = emu.runMapReduce('customscript_o2c_forecast_mr');
		expect([...emu.store.all(PP)].map((r) => r.id).sort()).toEqual(ids);
		expect(predictions(emu)).toEqual(stored);
		expect([...emu.store.all('customrecord_o2c_cash_fc_week')]).toHaveLength(26);
		// One batch of the three customers: their invoice rows (load 5, runPaged 5, one page 5), the
		// as-of date from the cache (1), their segments, promises and existing predictions (5 + 5 for
		// one page each), the pools of their subsidiaries from the cache once each (US and EU: 2 × 1),
		// 2 per update (Acme 2, Bolt 2, Initech 1 prediction): 15 + 1 + 30 + 2 + 10 = 58.
		const reduce = again.governance.find((g) => g.stage === 'reduce');
		expect(reduce).toMatchObject({ invocations: 1, unitsUsed: 58, maxInvocationUnits: 58 });
		const firstReduce = first.governance.find((g) => g.stage === 'reduce');
		expect(firstReduce?.unitsUsed).toBeGreaterThan(58);
	});
});

describe('a customer with more open invoices than one reduce can write', () => {
	// 900 open invoices: creating their records (6 units each) would need 5,400 of the reduce's 5,000.
	const ds = forecastDataset();
	for (let i = 0; i < 900; i++)
		ds.transactions.push({
			id: 1000 + i,
			type: 'CustInvc',
			tranId: `BIG-${String(i)}`,
			entity: 100,
			subsidiary: 1,
			currency: 'USD',
			exchangeRate: 1,
			tranDate: '2026-03-20',
			dueDate: '2026-04-19',
			amount: 10,
		});
	const project = loadSdfProject(path.join(ROOT, 'src'));
	const emu = new Emulator({
		projectRoot: ROOT,
		project,
		store: buildStore(ds, D, project),
		account: accountInfo(ds, D),
	});
	afterAll(() => {
		emu.close();
	});
	emu.runMapReduce('customscript_o2c_cust_metrics_mr');
	const run = emu.runMapReduce('customscript_o2c_forecast_mr');
	const written = [...emu.store.all(PP)].filter((r) => r.values.custrecord_o2c_pp_customer === 100).length;

	it('stops writing at its margin instead of failing, says how many it left, still forecasts them all', () => {
		expect(run.reduce?.find((k) => k.key === '100')?.state).toBe('COMPLETE');
		const reduce = run.governance.find((g) => g.stage === 'reduce');
		expect(reduce?.limitExceeded).toBeUndefined();
		expect(reduce?.maxInvocationUnits).toBeGreaterThan(4800);
		expect(written).toBeGreaterThan(700);
		expect(written).toBeLessThan(901);
		const note = emu.logs.find((l) => l.title === 'Forecast: customer 100 ran short of units');
		expect(note?.details).toBe(
			`${String(901 - written)} prediction records not refreshed tonight (they keep their earlier values and as-of date)`,
		);
		const us = [...emu.store.all('customrecord_o2c_cash_fc')].find(
			(r) => r.values.custrecord_o2c_fc_subsidiary === 1,
		);
		// 900 × 10.00 + A5 100.00 (Acme) + B2 and B3 100.00 each (Bolt)
		expect(us?.values.custrecord_o2c_fc_open).toBe(9300);
		expect(us?.values.custrecord_o2c_fc_invoices).toBe(903);
	});

	it('the next night writes the rest (updates cost 2 units, not 6)', () => {
		emu.runMapReduce('customscript_o2c_forecast_mr');
		expect([...emu.store.all(PP)].filter((r) => r.values.custrecord_o2c_pp_customer === 100)).toHaveLength(901);
	});
});
