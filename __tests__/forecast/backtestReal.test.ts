/**
 * The backtest on the real A/R history (../shared/data, skipped with a message when absent), every
 * 90 days from 2012-07-01 (6 dates, a few seconds): a guard that the README's figures still hold.
 * Measured (README "Forecast"), disputes shown only once the invoice closed (no leak of disputes
 * raised after D): MAE 6.5 days against 8.7 for the due-date baseline (0.75), 56 % of payments
 * inside the 20–80 interval, weekly error 0.73 of the baseline's, 78 % of weeks in band.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { backtest, type BacktestResult, figures } from '../../local/backtest';
import { importCsv } from '../../local/data/importCsv';

const ROOT = path.join(__dirname, '..', '..');
const REAL_CSV = path.join(ROOT, '..', 'shared', 'data', 'ar-late-payment-histories.csv');
const present = fs.existsSync(REAL_CSV);
if (!present) console.warn(`SKIPPED real-data backtest: ${REAL_CSV} is not here (it lives in ../shared)`);

(present ? describe : describe.skip)('backtest on the real A/R history', () => {
	// Run in beforeAll, not in the describe body: jest collects a skipped describe's body too, and
	// without ../shared the import would throw there and fail the suite instead of skipping it.
	let r: BacktestResult;
	let f: ReturnType<typeof figures>;
	beforeAll(() => {
		r = backtest({
			projectRoot: ROOT,
			data: importCsv(REAL_CSV),
			from: '2012-07-01',
			to: '2013-12-01',
			step: 90,
		});
		f = figures(r.overall);
	}, 600_000); // six emulated nights on a shared machine: more than jest's default per hook

	it('scores every invoice open at the six dates (all were paid by the end of the file)', () => {
		expect(r.dates).toHaveLength(6);
		expect(r.overall).toMatchObject({ open: 568, scored: 568, returned: 0, unresolved: 0, weeks: 390 });
		expect(r.dates.every((d) => d.failures.length === 0)).toBe(true);
	});

	it('beats the due-date baseline on dates and on weekly amounts', () => {
		expect(f.maeRatio).toBeLessThan(0.8);
		expect(f.weekRatio).toBeLessThan(0.78);
	});

	it('has about 60 % of payments inside the 20–80 interval, and a band that is not too narrow', () => {
		expect(f.inside).toBeGreaterThan(0.5);
		expect(f.inside).toBeLessThan(0.7);
		expect(f.weekBandInside).toBeGreaterThan(0.6);
	});
});
