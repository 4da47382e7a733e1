/**
 * The backtest command on the tiny account of support/forecastDataset.ts, every figure worked
 * out by hand (the lateness samples, percentiles and week shares are spelled out below). It runs
 * the BUILT scripts: `npx tsc -p tsconfig.build.json` first (npm test does).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
	BACKTEST_FORMAT,
	backtest,
	checkBacktestFile,
	disputesKnownAt,
	figures,
	formatBacktest,
} from '../../local/backtest';
import type { Dataset, DsTransaction } from '../../local/data/dataset';
import { forecastDataset } from './support/forecastDataset';

const ROOT = path.join(__dirname, '..', '..');

describe('backtest on a hand-made history (2026-03-01 and 2026-03-31)', () => {
	const result = backtest({
		projectRoot: ROOT,
		data: forecastDataset(),
		from: '2026-03-01',
		to: '2026-03-31',
		step: 30,
	});
	const [d1, d2] = result.dates;

	it('replays the two dates and knows where the data ends', () => {
		expect(result.dates.map((d) => d.asOf)).toEqual(['2026-03-01', '2026-03-31']);
		expect(result.lastDataDate).toBe('2026-04-14');
		expect(d1?.failures).toEqual([]);
		expect(d2?.failures).toEqual([]);
	});

	it('2026-03-01: predicted days against the payments that followed', () => {
		// A4 (due 03-03): Acme paid 5, 10, 15 days late, all later than −2 → median 10 → 03-13, paid
		//   03-10: error 3; baseline due date 03-03: 7; inside [03-08, 03-18].
		// B1 (due 03-12): Bolt has no history → the subsidiary's few (5, 10, 15) → 03-22, paid 03-12:
		//   error 10; baseline 0; outside [03-17, 03-27].
		expect(d1).toMatchObject({ open: 2, scored: 2, errorDays: 13, baselineDays: 7, dueDateDays: 7, inside: 1 });
		expect(d1?.bySource).toEqual({
			customer: { scored: 1, errorDays: 3, inside: 1 },
			subsidiary: { scored: 1, errorDays: 10, inside: 0 },
		});
	});

	it('2026-03-01: weekly receipts against the forecast and the due-date baseline', () => {
		// Forecast (cents): A4 thirds in weeks 1, 2, 3 → 3,334 / 3,333 / 3,333; B1 two thirds in week 3,
		// one third in week 4 → 6,667 / 3,333. Expected 3,334 | 3,333 | 10,000 | 3,333 | 0 | 0.
		// Actual: both paid in week 2 (03-09 … 03-15): 0 | 20,000 | 0 | 0 | 0 | 0.
		// Errors 3,334 + 16,667 + 10,000 + 3,333 = 33,334. Baseline (A4 in week 1, B1 in week 2):
		// 10,000 + 10,000 = 20,000. Six weeks end by 04-14, the data's last day.
		// Band ± 0.8416 σ: week 1 [0, 7,301] holds 0; week 2 [0, 7,300] misses 20,000; week 3
		// σ = √2 × 4,714 → [4,389, 15,611] misses 0; weeks 4–6 hold 0: 4 of 6.
		expect(d1).toMatchObject({
			weeks: 6,
			weeksBeyondData: 7,
			weekError: 33334,
			weekBaselineError: 20000,
			weekActual: 20000,
			weekInside: 4,
		});
	});

	it('2026-03-31: a return and an unpaid invoice are counted, not scored', () => {
		// A5 (due 04-04): Acme 5, 7, 10, 15 → median h = 2.5 → 8.5 → 9 → 04-13, paid 04-14: error 1,
		//   baseline 10, inside [04-09, 04-19]. B2 closed by a credit memo; B3 never paid.
		expect(d2).toMatchObject({
			open: 3,
			scored: 1,
			returned: 1,
			unresolved: 1,
			errorDays: 1,
			baselineDays: 10,
			inside: 1,
		});
		// Weeks 1–2 only (week 3 ends 04-21). Forecast: B2 from the subsidiary's 0, 5, 7, 10, 15 →
		// 2/5, 2/5, 1/5 → 4,000 | 4,000; A5 3/4 in week 2 → 7,500. Expected 4,000 | 11,500; actual
		// 0 | 10,000 (A5; B2 was credited): errors 4,000 + 1,500. Baseline: A5 and B2 both due in week
		// 1: |20,000 − 0| + |0 − 10,000|. Band week 1 [0, 8,123] holds 0, week 2 [5,997, 17,003] holds 10,000.
		expect(d2).toMatchObject({
			weeks: 2,
			weekError: 5500,
			weekBaselineError: 30000,
			weekActual: 10000,
			weekInside: 2,
		});
	});

	it('pools the dates into the overall figures', () => {
		const f = figures(result.overall);
		expect(result.overall).toMatchObject({
			open: 5,
			scored: 3,
			errorDays: 14,
			baselineDays: 17,
			inside: 2,
			weeks: 8,
		});
		expect(f.mae).toBeCloseTo(14 / 3, 12);
		expect(f.baselineMae).toBeCloseTo(17 / 3, 12);
		expect(f.maeRatio).toBeCloseTo(14 / 17, 12);
		expect(f.inside).toBeCloseTo(2 / 3, 12);
		expect(f.weekMae).toBeCloseTo(38834 / 8 / 100, 12);
		expect(f.weekBaselineMae).toBeCloseTo(50000 / 8 / 100, 12);
		expect(f.weekBandInside).toBeCloseTo(6 / 8, 12);
		expect(formatBacktest(result)).toMatch(
			/\| \*\*overall\*\* \| 5 \| 3 \| 4\.7 \| 5\.7 \| 0\.82 \| 5\.7 \| 67% \| 8 \| 49 \| 63 \| 0\.78 \| 75% \|/,
		);
	});

	it('refuses bad dates and steps with a message', () => {
		const data = forecastDataset();
		expect(() => backtest({ projectRoot: ROOT, data, from: '2026-02-30', to: '2026-03-31' })).toThrow(
			/--from 2026-02-30/,
		);
		expect(() => backtest({ projectRoot: ROOT, data, from: '2026-03-31', to: '2026-03-01' })).toThrow(
			/before --from/,
		);
		expect(() => backtest({ projectRoot: ROOT, data, from: '2026-03-01', to: '2026-03-31', step: 0 })).toThrow(
			/--step/,
		);
	});
});

describe('backtest --json never overwrites what it did not write', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'o2c-bt-'));
	afterAll(() => {
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('accepts a new file and one an earlier backtest wrote', () => {
		const file = path.join(dir, 'bt.json');
		expect(() => {
			checkBacktestFile(file, []);
		}).not.toThrow();
		fs.writeFileSync(file, `${JSON.stringify({ format: BACKTEST_FORMAT, dates: [] }, null, 2)}\n`);
		expect(() => {
			checkBacktestFile(file, []);
		}).not.toThrow();
	});

	it('refuses another file, a folder and the dataset it reads', () => {
		const other = path.join(dir, 'notes.json');
		fs.writeFileSync(other, '{"mine": true}');
		expect(() => {
			checkBacktestFile(other, []);
		}).toThrow(/not a backtest this tool wrote; nothing was changed/);
		expect(() => {
			checkBacktestFile(dir, []);
		}).toThrow(/is a folder/);
		expect(() => {
			checkBacktestFile(other, [other]);
		}).toThrow(/is the input file/);
		expect(fs.readFileSync(other, 'utf8')).toBe('{"mine": true}');
	});
});

describe('backtest hides disputes not yet known at D', () => {
	// Cobalt's disputed invoices were paid 40, 45 and 50 days late, its undisputed ones 5, 10 and 15.
	// Invoice 13 (due 03-03) is disputed in the data and paid 04-12 (40 days late). At 03-01 it is
	// still open: the flag has no date, so the dispute may be raised only after 03-01.
	const tx = (
		id: number,
		type: 'CustInvc' | 'CustPymt',
		tranDate: string,
		o: Partial<DsTransaction>,
	): DsTransaction => ({
		id,
		type,
		tranId: `${type}-${String(id)}`,
		entity: 100,
		subsidiary: 1,
		currency: 'USD',
		exchangeRate: 1,
		tranDate,
		amount: 100,
		...o,
	});
	const invoice = (id: number, tranDate: string, dueDate: string, disputed: boolean): DsTransaction =>
		tx(id, 'CustInvc', tranDate, { dueDate, terms: 1, disputed });
	const payment = (id: number, tranDate: string, doc: number): DsTransaction =>
		tx(id, 'CustPymt', tranDate, { apply: [{ doc, amount: 100 }] });
	const data: Dataset = {
		format: 'o2c-dataset/1',
		account: { name: 'Dispute Test', timezone: 'America/New_York', features: ['SUBSIDIARIES'] },
		subsidiaries: [{ id: 1, name: 'US', currency: 'USD', parent: null }],
		terms: [{ id: 1, name: 'Net 30', daysUntilDue: 30 }],
		customers: [{ id: 100, entityId: 'C-100', companyName: 'Cobalt', subsidiary: 1, currency: 'USD', terms: 1 }],
		transactions: [
			invoice(1, '2025-09-01', '2025-10-01', true),
			payment(2, '2025-11-10', 1),
			invoice(3, '2025-10-01', '2025-10-31', true),
			payment(4, '2025-12-15', 3),
			invoice(5, '2025-11-01', '2025-12-01', true),
			payment(6, '2026-01-20', 5),
			invoice(7, '2025-10-16', '2025-11-15', false),
			payment(8, '2025-11-20', 7),
			invoice(9, '2025-11-15', '2025-12-15', false),
			payment(10, '2025-12-25', 9),
			invoice(11, '2025-12-16', '2026-01-15', false),
			payment(12, '2026-01-30', 11),
			invoice(13, '2026-02-01', '2026-03-03', true),
			payment(14, '2026-04-12', 13),
		],
	};
	const run = (disputes?: 'closed' | 'as-dataset') =>
		backtest({ projectRoot: ROOT, data, from: '2026-03-01', to: '2026-03-01', disputes }).dates[0];

	it('shows a flag at D only on invoices closed by D, without changing the dataset', () => {
		const closedOn = new Map([
			[1, { closedOn: '2025-11-10' }],
			[3, { closedOn: '2025-12-15' }],
			[5, { closedOn: '2026-01-20' }],
			[13, { closedOn: '2026-04-12' }],
		]);
		const flags = (ds: Dataset) => ds.transactions.filter((t) => t.disputed === true).map((t) => t.id);
		expect(flags(disputesKnownAt(data, '2026-03-01', closedOn))).toEqual([1, 3, 5]);
		expect(flags(disputesKnownAt(data, '2026-04-12', closedOn))).toEqual([1, 3, 5, 13]);
		expect(flags(data)).toEqual([1, 3, 5, 13]);
		// an invoice the map does not know as closed (never closed) shows no flag
		expect(flags(disputesKnownAt(data, '2026-04-12', new Map([[1, { closedOn: '2025-11-10' }]])))).toEqual([1]);
		expect(disputesKnownAt(data, '2026-04-12', closedOn)).toBe(data);
	});

	it('by default predicts the open invoice from the undisputed habit (no leak)', () => {
		// Undisputed 5, 10, 15, all later than −2 days → median 10 → 03-13 (interval 03-08 … 03-18);
		// paid 04-12: error 30 days, outside; baseline (due date 03-03) 40.
		expect(run()).toMatchObject({ scored: 1, errorDays: 30, baselineDays: 40, inside: 0 });
		expect(run()?.bySource).toEqual({ customer: { scored: 1, errorDays: 30, inside: 0 } });
	});

	it('with disputes as-dataset, the future dispute leaks in and the error drops', () => {
		// Disputed 40, 45, 50 → median 45 → 04-17 (interval 04-12 … 04-22): error 5, inside.
		expect(run('as-dataset')).toMatchObject({ scored: 1, errorDays: 5, baselineDays: 40, inside: 1 });
		expect(() =>
			backtest({
				projectRoot: ROOT,
				data,
				from: '2026-03-01',
				to: '2026-03-01',
				disputes: 'sometimes' as 'closed',
			}),
		).toThrow(/--disputes must be closed or as-dataset/);
	});
});
