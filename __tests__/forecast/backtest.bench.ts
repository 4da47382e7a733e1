/**
 * Benchmark, not part of `npm test`: the payment-forecast backtest behind the README's table.
 * - the real A/R history (../shared/data; skipped when absent), every 30 days from 2012-07-01 to
 *   2013-12-01 (18 dates, about 30 s);
 * - the generated M account (5,000 customers, ~200,000 invoices), every 30 days from 2025-05-04 to
 *   2026-01-29 (10 dates, about 15 minutes on 2 cores: each date rebuilds the account and runs the
 *   customer metrics and the forecast map/reduce).
 * Prints the tables; asserts only that the forecast beats the due-date baseline (no times).
 *
 *   npx tsc -p tsconfig.build.json && npx tsc -p tsconfig.local.json && npx jest --testMatch '**\/*.bench.ts' __tests__/forecast
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { backtest, figures, formatBacktest } from '../../local/backtest';
import { generateDataset } from '../../local/data/generate';
import { importCsv } from '../../local/data/importCsv';

const ROOT = path.join(__dirname, '..', '..');
const REAL_CSV = path.join(ROOT, '..', 'shared', 'data', 'ar-late-payment-histories.csv');

(fs.existsSync(REAL_CSV) ? it : it.skip)('real history: backtest every 30 days', () => {
	const r = backtest({
		projectRoot: ROOT,
		data: importCsv(REAL_CSV),
		from: '2012-07-01',
		to: '2013-12-01',
		step: 30,
	});
	console.log(formatBacktest(r));
	const f = figures(r.overall);
	expect(f.maeRatio).toBeLessThan(1);
	expect(f.weekRatio).toBeLessThan(1);
});

it('generated M: backtest every 30 days', () => {
	const t = Date.now();
	const r = backtest({
		projectRoot: ROOT,
		data: generateDataset({ size: 'M' }),
		from: '2025-05-04',
		to: '2026-01-29',
		step: 30,
		progress: (line) => process.stderr.write(`${line}\n`),
	});
	console.log(`${formatBacktest(r)}\n\n(${((Date.now() - t) / 60000).toFixed(1)} minutes)`);
	const f = figures(r.overall);
	expect(f.maeRatio).toBeLessThan(1);
	expect(f.weekRatio).toBeLessThan(1);
});
