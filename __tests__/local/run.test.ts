/**
 * The local run end to end, as a user runs it: the built scripts through the emulator on the
 * generated S account and on the real CSV, report.json checked by the contract's own checker and
 * against the independent oracle, and bad input refused with nothing written.
 * Needs the build (`npm test` builds first).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runLocal, type RunResult } from '../../local/run';
import { DEFAULT_AS_OF, generateDataset, storyFor } from '../../local/data/generate';
import { importCsv } from '../../local/data/importCsv';
import { writeDataset } from '../../local/data/load';
import { BUCKETS, oracleReport } from '../support/oracle';
import type { Dataset } from '../../local/data/dataset';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'build', 'local', 'local', 'cli.js');
const CHECKER = path.join(ROOT, '..', 'shared', 'tools', 'check-report.py');
const REAL_CSV = path.join(ROOT, '..', 'shared', 'data', 'ar-late-payment-histories.csv');

function tmp(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'o2c-run-'));
}

function cents(x: number): number {
	return Math.round(x * 100);
}

/** Every figure of the report that the contract defines, against the oracle (cents exact, days to 0.01). */
function diffsWithOracle(result: RunResult, ds: Dataset): string[] {
	const o = oracleReport(ds, result.report.asOf);
	const out: string[] = [];
	const near = (a: number | null, b: number | null): boolean =>
		a === null || b === null ? a === b : Math.abs(a - b) <= 0.01;
	for (const os_ of o.subsidiaries) {
		const s = result.report.subsidiaries.find((x) => x.id === os_.id);
		if (!s) {
			out.push(`subsidiary ${os_.id} missing`);
			continue;
		}
		if (cents(s.arBalance) !== os_.arBalance)
			out.push(`sub ${s.id} arBalance ${s.arBalance} vs ${os_.arBalance / 100}`);
		if (cents(s.creditSales.thisWindow) !== os_.creditSalesThis) out.push(`sub ${s.id} sales this`);
		if (cents(s.creditSales.priorWindow) !== os_.creditSalesPrior) out.push(`sub ${s.id} sales prior`);
		if (!near(s.dso.this, os_.dsoThis)) out.push(`sub ${s.id} dso.this ${s.dso.this} vs ${os_.dsoThis}`);
		if (!near(s.dso.prior, os_.dsoPrior)) out.push(`sub ${s.id} dso.prior ${s.dso.prior} vs ${os_.dsoPrior}`);
		for (const b of BUCKETS) if (cents(s.aging[b]) !== os_.aging[b]) out.push(`sub ${s.id} aging ${b}`);
	}
	const byId = new Map(result.report.customers.map((c) => [c.id, c]));
	if (byId.size !== o.customers.length) out.push(`customers: report ${byId.size}, oracle ${o.customers.length}`);
	for (const oc of o.customers) {
		const c = byId.get(oc.id);
		if (!c) {
			out.push(`customer ${oc.id} missing`);
			continue;
		}
		if (cents(c.openBalance) !== oc.openBalance) out.push(`customer ${oc.id} openBalance`);
		if (cents(c.overdue) !== oc.overdue) out.push(`customer ${oc.id} overdue`);
		for (const b of BUCKETS) if (cents(c.aging[b]) !== oc.aging[b]) out.push(`customer ${oc.id} aging ${b}`);
		if (!near(c.maxDaysOverdue, oc.maxDaysOverdue)) out.push(`customer ${oc.id} maxDaysOverdue`);
		if (!near(c.avgDaysToPay, oc.avgDaysToPay))
			out.push(`customer ${oc.id} avgDaysToPay ${c.avgDaysToPay} vs ${oc.avgDaysToPay}`);
		if (!near(c.avgDaysLate, oc.avgDaysLate)) out.push(`customer ${oc.id} avgDaysLate`);
	}
	return out;
}

const hasChecker = fs.existsSync(CHECKER);
if (!hasChecker) {
	console.warn(`SKIPPED contract-checker runs: ${CHECKER} is not here (it lives in ../shared beside the repository)`);
}
const withChecker = hasChecker ? it : it.skip;

function checkReport(reportFile: string, datasetFile: string): string {
	return execFileSync('python3', [CHECKER, reportFile, datasetFile], { encoding: 'utf8' });
}

/** The DSO alert's emails of a run (the due-date digest sends its own). */
function alertEmails(r: RunResult): RunResult['emails'] {
	return r.emails.filter((e) => e.subject.includes('DSO alert'));
}

describe('local run of the generated S account', () => {
	const ds = generateDataset({ size: 'S' });
	const dir = tmp();
	const dataFile = path.join(dir, 'dataset.json');
	writeDataset(ds, dataFile);
	const out = path.join(dir, 'out');
	let result: RunResult;

	beforeAll(() => {
		result = runLocal({ projectRoot: ROOT, data: dataFile, asOf: DEFAULT_AS_OF, out });
	});
	afterAll(() => {
		fs.rmSync(dir, { recursive: true, force: true });
	});

	withChecker('writes a report the contract checker accepts (../shared/tools/check-report.py)', () => {
		expect(checkReport(path.join(out, 'report.json'), dataFile)).toContain('report conforms to o2c-report/1');
	});

	it('matches the independent oracle to the cent and to 0.01 day', () => {
		expect(diffsWithOracle(result, ds)).toEqual([]);
	});

	it('fires the DSO alert for the story subsidiary and writes its email', () => {
		const story = storyFor({ size: 'S' });
		const sub = result.report.subsidiaries.find((s) => s.id === story.subsidiary);
		expect(sub?.alert.reason).toBe('threshold');
		expect(sub?.alert.fired).toBe(true);
		expect(alertEmails(result)).toHaveLength(1);
		const html = fs.readFileSync(alertEmails(result)[0]?.file as string, 'utf8');
		expect(html).toContain(story.customerName.replace(/&/g, '&amp;'));
	});

	it('runs the nightly chain in order, renders the portlets, and reports the governance of every execution within its limits', () => {
		// the schedule starts the chain; each job starts the next (app/nightly/chain.ts); the portlets render after the night
		const order = [...new Set(result.report.governance.map((g) => g.script))];
		expect(order).toEqual([
			'customscript_o2c_nightly_ss',
			'customscript_o2c_ar_snapshot_ss',
			'customscript_o2c_promise_match_ss',
			'customscript_o2c_cust_metrics_mr',
			'customscript_o2c_forecast_mr',
			'customscript_o2c_dso_alert_mr',
			'customscript_o2c_collections_push_mr',
			'customscript_o2c_digest_ss',
			'customscript_o2c_reminder_ss',
			'customscript_o2c_aging_pt',
			'customscript_o2c_dso_trend_pt',
			'customscript_o2c_kpi_pt',
			'customscript_o2c_worklist_pt',
		]);
		// and wrote each portlet's page
		expect(result.portlets.map((p) => [p.scriptId, path.basename(p.file), p.error])).toEqual(
			['aging', 'dso_trend', 'kpi', 'worklist'].map((n) => [
				`customscript_o2c_${n}_pt`,
				`customscript_o2c_${n}_pt.html`,
				undefined,
			]),
		);
		for (const p of result.portlets)
			expect(fs.readFileSync(p.file, 'utf8')).toContain('<section class="ns-portlet"');
		for (const g of result.report.governance) expect(g.unitsUsed).toBeLessThanOrEqual(g.unitsLimit);
	});

	it('carries a forecast for every open invoice, after D, adding up to the open A/R (§6)', () => {
		const f = result.report.forecast;
		expect(f?.missingInvoices).toEqual([]);
		expect(f?.invoices.length).toBeGreaterThan(100);
		for (const i of f?.invoices ?? []) {
			expect(i.low > result.report.asOf && i.low <= i.predictedPaymentDate).toBe(true);
			expect(i.predictedPaymentDate <= i.high).toBe(true);
		}
		const open = result.report.customers.reduce((s, c) => s + Math.round(c.openBalance * 100), 0);
		for (const sub of f?.subsidiaries ?? []) {
			expect(sub.weeks).toHaveLength(13);
			expect(sub.weeks[0]?.start).toBe('2026-05-05');
			const cents = sub.weeks.reduce((s, w) => s + Math.round(w.expected * 100), 0);
			expect(cents + Math.round(Number(sub.beyondHorizon) * 100)).toBe(Math.round(Number(sub.open) * 100));
		}
		expect(f?.subsidiaries.reduce((s, x) => s + Math.round(Number(x.open) * 100), 0)).toBe(open);
		// the alert email of the fired subsidiary shows the same forecast: next 4 weeks against the last 4
		const usd = (x: unknown): string =>
			`USD ${Number(x).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
		const html = fs.readFileSync(alertEmails(result)[0]?.file as string, 'utf8');
		const fired = f?.subsidiaries.find((x) => x.id === storyFor({ size: 'S' }).subsidiary);
		expect(html).toContain(
			`${usd(fired?.next4Weeks)} in the next 4 weeks, against ${usd(fired?.prior4Weeks)} received in the last 4 weeks`,
		);
	});

	it('holds at most 2,000 bytes of map/reduce data per customer, so L (50,000 customers) stays under half of the 200 MB', () => {
		// Oracle help, "Map/Reduce Governance": "The total persisted data used by a map/reduce script
		// cannot exceed 200MB at any one time" (keys and values not yet processed, plus reduce output;
		// the emulator counts UTF-8 bytes). Inputs are one grouped row per customer, never one per
		// invoice or application: S has about 25 invoices and 70 transactions a customer, which as
		// detail rows would be several kilobytes a customer.
		const peaks = new Map<string, number>();
		const walk = (r: RunResult['runs'][number]): void => {
			if ('persistedPeakBytes' in r)
				peaks.set(r.scriptId, Math.max(peaks.get(r.scriptId) ?? 0, r.persistedPeakBytes));
			for (const t of r.tasks) walk(t.result);
		};
		for (const r of result.runs) walk(r);
		expect([...peaks.keys()].sort()).toEqual([
			'customscript_o2c_collections_push_mr',
			'customscript_o2c_cust_metrics_mr',
			'customscript_o2c_dso_alert_mr',
			'customscript_o2c_forecast_mr',
		]);
		// half the limit (100,000,000 bytes) shared by L's 50,000 customers: 2,000 bytes each
		// this run has no collections endpoint: the push stops in getInputData and persists nothing
		expect(peaks.get('customscript_o2c_collections_push_mr')).toBe(0);
		peaks.delete('customscript_o2c_collections_push_mr');
		for (const [script, bytes] of peaks) {
			const perCustomer = bytes / ds.customers.length;
			expect({ script, perCustomer: perCustomer > 0 && perCustomer <= 2_000 }).toEqual({
				script,
				perCustomer: true,
			});
		}
	});
});

describe('a multi-day local run (--through) of the generated S account', () => {
	// dataset-format.md §4: every night from --as-of to --through on one account; report.json describes --through
	const ds = generateDataset({ size: 'S' });
	const dir = tmp();
	const dataFile = path.join(dir, 'dataset.json');
	writeDataset(ds, dataFile);
	let multi: RunResult;
	let single: RunResult;
	beforeAll(() => {
		multi = runLocal({
			projectRoot: ROOT,
			data: dataFile,
			asOf: '2026-05-01',
			through: DEFAULT_AS_OF,
			out: path.join(dir, 'multi'),
		});
		single = runLocal({ projectRoot: ROOT, data: dataFile, asOf: DEFAULT_AS_OF, out: path.join(dir, 'single') });
	});
	afterAll(() => {
		fs.rmSync(dir, { recursive: true, force: true });
	});

	withChecker('writes a report the contract checker accepts', () => {
		expect(checkReport(path.join(dir, 'multi', 'report.json'), dataFile)).toContain(
			'report conforms to o2c-report/1',
		);
	});

	it('describes the last day with the figures a single night at that day computes, and matches the oracle', () => {
		expect(multi.nights.map((n) => n.night)).toEqual(['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04']);
		expect(multi.report.asOf).toBe(DEFAULT_AS_OF);
		const figures = (r: RunResult): unknown =>
			r.report.subsidiaries.map((sub) => ({
				...sub,
				alert: { fired: sub.alert.fired, reason: sub.alert.reason },
			}));
		expect(figures(multi)).toEqual(figures(single));
		expect(multi.report.customers).toEqual(single.report.customers);
		expect(diffsWithOracle(multi, ds)).toEqual([]);
	});

	it('sends the month’s alert email once, on the first night it fires; later nights record duplicate', () => {
		expect(alertEmails(multi)).toHaveLength(1);
		// besides it, the AR clerk's due-date digest, once each night
		expect(
			multi.emails.filter((e) => !alertEmails(multi).includes(e)).map((e) => [e.to, e.subject.split(':')[0]]),
		).toEqual(
			multi.nights.map(() => [
				['ar@harborline-wholesale.example'],
				'Invoices due in the next 7 days from risky customers',
			]),
		);
		const story = storyFor({ size: 'S' });
		expect(multi.report.subsidiaries.find((x) => x.id === story.subsidiary)?.alert.emailStatus).toBe('duplicate');
	});

	it('reports the governance of every night, each row with its night', () => {
		const nights = new Set(multi.report.governance.map((g) => g.night));
		expect(nights).toEqual(new Set(['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04']));
	});
});

const realData = fs.existsSync(REAL_CSV);
if (!realData) {
	console.warn(`SKIPPED real-data run: ${REAL_CSV} is not here (it lives in ../shared beside the repository)`);
}
(realData ? describe : describe.skip)('local run of the real A/R history (../shared/data)', () => {
	it('imports the CSV and runs it at a date with open A/R, matching the oracle', () => {
		const ds = importCsv(REAL_CSV);
		const dir = tmp();
		try {
			const dataFile = path.join(dir, 'real.json');
			writeDataset(ds, dataFile);
			const result = runLocal({
				projectRoot: ROOT,
				data: dataFile,
				asOf: '2013-06-30',
				out: path.join(dir, 'out'),
			});
			expect(result.report.subsidiaries).toHaveLength(5);
			expect(checkReport(path.join(dir, 'out', 'report.json'), dataFile)).toContain('report conforms');
			expect(diffsWithOracle(result, ds)).toEqual([]);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('the CLI refuses bad input and writes nothing', () => {
	it('names the record and field of a broken dataset and leaves --out absent', () => {
		const dir = tmp();
		try {
			const ds = generateDataset({ size: 'S' });
			const broken = JSON.parse(JSON.stringify(ds)) as Dataset;
			const invoice = broken.transactions.find((t) => t.type === 'CustInvc');
			if (!invoice) throw new Error('the S dataset has invoices');
			invoice.dueDate = '2026-02-30';
			const dataFile = path.join(dir, 'broken.json');
			fs.writeFileSync(dataFile, JSON.stringify(broken));
			const out = path.join(dir, 'out');
			const r = spawnSync('node', [CLI, 'run', '--data', dataFile, '--as-of', DEFAULT_AS_OF, '--out', out], {
				encoding: 'utf8',
			});
			expect(r.status).toBe(1);
			expect(r.stderr).toContain(`transactions[id=${invoice.id}].dueDate`);
			expect(r.stderr).toContain('nothing was written');
			expect(fs.existsSync(out)).toBe(false);
			expect(fs.readdirSync(dir)).toEqual(['broken.json']);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('rejects a malformed as-of date and unknown options with the usage', () => {
		const bad = spawnSync('node', [CLI, 'run', '--data', 'x.json', '--as-of', '2026-13-01', '--out', 'o'], {
			encoding: 'utf8',
		});
		expect(bad.status).toBe(1);
		expect(bad.stderr).toContain('--as-of 2026-13-01 is not a calendar date');
		const unknown = spawnSync('node', [CLI, 'generate', '--size', 'S', '--out', 'x.json', '--colour', 'red'], {
			encoding: 'utf8',
		});
		expect(unknown.status).toBe(2);
		expect(unknown.stderr).toContain('unknown option --colour');
	});
});
