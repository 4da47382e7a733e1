/**
 * local/data/generate.ts: determinism, validity, and realism checked with the independent oracle
 * (__tests__/support/oracle.ts). S is generated here; M once (a few seconds); L is left to the
 * benchmark script.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Dataset, DsTransaction } from '../../local/data/dataset';
import {
	DEFAULT_AS_OF,
	generateDataset,
	GenerationProgress,
	STORY,
	writeGeneratedDataset,
} from '../../local/data/generate';
import { loadDataset, validateDataset, writeDataset } from '../../local/data/load';
import { dayNumber, invoicesAt, oracleReport, OracleResult } from '../support/oracle';

let dir: string;
beforeAll(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'o2c-gen-'));
});
afterAll(() => {
	fs.rmSync(dir, { recursive: true, force: true });
});

const S: Dataset = generateDataset({ size: 'S' });
const byId = new Map(S.transactions.map((t) => [t.id, t]));
const baseCurrency = new Map(S.subsidiaries.map((s) => [s.id, s.currency]));
const ofType = (type: string): DsTransaction[] => S.transactions.filter((t) => t.type === type);
const cents = (x: number): number => Math.round(x * 100);

describe('generator: determinism', () => {
	it('writes byte-identical files for the same seed and size, different ones for another seed', () => {
		const a = writeGeneratedDataset({ size: 'S', seed: 1, out: path.join(dir, 'a.json') });
		writeGeneratedDataset({ size: 'S', seed: 1, out: path.join(dir, 'b.json') });
		writeGeneratedDataset({ size: 'S', seed: 2, out: path.join(dir, 'c.json') });
		const bytes = (f: string): Buffer => fs.readFileSync(path.join(dir, f));
		expect(bytes('a.json').equals(bytes('b.json'))).toBe(true);
		expect(bytes('a.json').equals(bytes('c.json'))).toBe(false);
		expect(a.bytes).toBe(bytes('a.json').length);
		expect(a.counts.transactions).toBe(S.transactions.length);
	});

	it('streams the same bytes that writeDataset writes for the in-memory dataset', () => {
		writeDataset(S, path.join(dir, 'mem.json'));
		writeGeneratedDataset({ size: 'S', out: path.join(dir, 'stream.json') });
		expect(fs.readFileSync(path.join(dir, 'mem.json')).equals(fs.readFileSync(path.join(dir, 'stream.json')))).toBe(
			true,
		);
	});

	it('writes the NDJSON form on request, loading back to the same dataset, with progress reports', () => {
		const progress: GenerationProgress[] = [];
		const r = writeGeneratedDataset({
			size: 'S',
			out: path.join(dir, 'nd.json'),
			ndjson: true,
			onProgress: (p) => progress.push(p),
		});
		expect(r.transactionsFile).toBe(path.join(dir, 'nd.transactions.ndjson'));
		const written = JSON.parse(fs.readFileSync(path.join(dir, 'nd.json'), 'utf8')) as {
			transactionsFile?: unknown;
		};
		expect(written.transactionsFile).toBe('nd.transactions.ndjson');
		expect(loadDataset(path.join(dir, 'nd.json'))).toEqual(S);
		expect(progress.length).toBeGreaterThan(10);
		const last = progress[progress.length - 1]!;
		expect(last.day).toBe(last.days);
		expect(last.date).toBe(DEFAULT_AS_OF);
		expect(last.transactions).toBe(S.transactions.length);
		expect(progress.every((p, i) => i === 0 || p.day > progress[i - 1]!.day)).toBe(true);
	});

	it('refuses to build L in memory', () => {
		expect(() => generateDataset({ size: 'L' })).toThrow(/writeGeneratedDataset/);
	});
});

describe('generator: the S dataset', () => {
	it('validates cleanly', () => {
		expect(() => {
			validateDataset(S);
		}).not.toThrow();
	});

	it('has about 200 customers and 5,000 invoices over the two years ending at suggestedAsOf', () => {
		expect(S.suggestedAsOf).toBe('2026-05-04');
		expect(S.subsidiaries).toHaveLength(1);
		expect(S.customers.length).toBeGreaterThanOrEqual(190);
		expect(S.customers.length).toBeLessThanOrEqual(210);
		const invoices = ofType('CustInvc').length;
		expect(invoices).toBeGreaterThan(4500);
		expect(invoices).toBeLessThan(5500);
		const dates = S.transactions.map((t) => t.tranDate).sort();
		expect(dates[0]).toBe('2024-05-05');
		expect(dates[dates.length - 1]).toBe('2026-05-04');
	});

	it('numbers transactions in date order', () => {
		const outOfOrder = S.transactions.filter((t, i) => i > 0 && t.tranDate < S.transactions[i - 1]!.tranDate);
		expect(outOfOrder).toEqual([]);
		expect(S.transactions.every((t, i) => t.id === i + 1)).toBe(true);
	});

	it('uses Net 15/30/45/60 terms, credit limits and categories', () => {
		expect(S.terms!.map((t) => t.daysUntilDue)).toEqual([15, 30, 45, 60]);
		const used = new Set(S.customers.map((c) => c.terms));
		expect([...used].sort()).toEqual([1, 2, 3, 4]);
		expect(S.customers.filter((c) => typeof c.creditLimit === 'number').length).toBeGreaterThan(150);
		expect(S.customers.some((c) => c.creditLimit === null)).toBe(true);
		for (const inv of ofType('CustInvc')) {
			if (inv.dueDate && inv.terms) {
				const days = S.terms!.find((t) => t.id === inv.terms)!.daysUntilDue;
				expect(dayNumber(inv.dueDate) - dayNumber(inv.tranDate)).toBe(days);
			}
		}
		expect(ofType('CustInvc').some((i) => !i.dueDate)).toBe(true); // a few manual invoices age from their date
	});

	it('invoices sales orders after a lead time, and leaves some orders unbilled', () => {
		const invoices = ofType('CustInvc');
		const fromSo = invoices.filter((i) => i.createdFrom);
		expect(fromSo.length / invoices.length).toBeGreaterThan(0.75);
		const leads = fromSo.map((i) => dayNumber(i.tranDate) - dayNumber(byId.get(i.createdFrom!)!.tranDate));
		expect(Math.min(...leads)).toBe(0);
		expect(Math.max(...leads)).toBeGreaterThanOrEqual(7);
		const billed = new Set(fromSo.map((i) => i.createdFrom));
		expect(ofType('SalesOrd').filter((so) => !billed.has(so.id)).length).toBeGreaterThan(0);
	});

	it('has foreign-currency invoices with exchange rates', () => {
		const fx = ofType('CustInvc').filter((i) => i.currency !== baseCurrency.get(i.subsidiary));
		expect(fx.length / ofType('CustInvc').length).toBeGreaterThan(0.03);
		expect(new Set(fx.map((i) => i.currency)).size).toBeGreaterThanOrEqual(2);
		expect(fx.every((i) => i.exchangeRate !== undefined && i.exchangeRate !== 1)).toBe(true);
	});

	it('has partial payments, payments of several invoices, and unapplied cash', () => {
		const payments = ofType('CustPymt');
		const paymentsPerInvoice = new Map<number, number>();
		for (const p of payments)
			for (const a of p.apply ?? []) paymentsPerInvoice.set(a.doc, (paymentsPerInvoice.get(a.doc) ?? 0) + 1);
		expect([...paymentsPerInvoice.values()].filter((n) => n >= 2).length).toBeGreaterThan(20);
		expect(payments.filter((p) => (p.apply ?? []).length >= 2).length).toBeGreaterThan(20);
		const overpaid = payments.filter(
			(p) => cents(p.amount) > (p.apply ?? []).reduce((s, a) => s + cents(a.amount), 0),
		);
		expect(overpaid.length).toBeGreaterThan(10);
		expect(payments.some((p) => (p.apply ?? []).length === 0)).toBe(true); // a payment on account
	});

	it('has credit memos, some applied and some unapplied', () => {
		const credits = ofType('CustCred');
		expect(credits.filter((c) => (c.apply ?? []).length > 0).length).toBeGreaterThan(50);
		expect(credits.filter((c) => (c.apply ?? []).length === 0).length).toBeGreaterThan(5);
	});

	it('has returns: invoices a credit memo closed, not a payment', () => {
		const returned = invoicesAt(S, S.suggestedAsOf!).filter((i) => i.closedBy === 'credit');
		expect(returned.length).toBeGreaterThan(20);
		// full returns: one credit memo for the whole invoice
		const invoiceAmount = new Map(ofType('CustInvc').map((i) => [i.id, i.amount]));
		const full = ofType('CustCred').filter(
			(c) => (c.apply ?? []).length === 1 && invoiceAmount.get(c.apply![0]!.doc) === c.amount,
		);
		expect(full.length).toBeGreaterThan(20);
	});

	it('invoices on business days only, so 2026-03-01 (a Sunday, in the 90-day backfill) has no invoice', () => {
		const weekendInvoices = ofType('CustInvc').filter((i) =>
			[0, 6].includes(new Date(`${i.tranDate}T00:00:00Z`).getUTCDay()),
		);
		expect(weekendInvoices).toEqual([]);
		expect(new Date('2026-03-01T00:00:00Z').getUTCDay()).toBe(0);
		expect(ofType('CustInvc').filter((i) => i.tranDate === '2026-03-01')).toEqual([]);
		expect(ofType('SalesOrd').some((o) => [0, 6].includes(new Date(`${o.tranDate}T00:00:00Z`).getUTCDay()))).toBe(
			true,
		);
	});

	it('has disputed invoices, some still open at the as-of date', () => {
		const disputed = ofType('CustInvc').filter((i) => i.disputed);
		expect(disputed.length).toBeGreaterThan(40);
		const open = invoicesAt(S, S.suggestedAsOf!).filter((i) => i.disputed && i.open > 0);
		expect(open.length).toBeGreaterThan(0);
	});

	it('has promises to pay, some kept and some broken', () => {
		const invoices = new Map(invoicesAt(S, S.suggestedAsOf!).map((i) => [i.id, i]));
		let kept = 0;
		let broken = 0;
		for (const p of S.promises!) {
			if (p.promisedDate > S.suggestedAsOf!) continue;
			const closed = (p.invoices ?? []).every((id) => {
				const c = invoices.get(id)!.closeDate;
				return c !== null && c <= p.promisedDate;
			});
			if (closed) kept++;
			else broken++;
		}
		expect(kept).toBeGreaterThan(10);
		expect(broken).toBeGreaterThan(10);
	});

	it('has the settings the product needs', () => {
		const st = S.settings!;
		expect(st.alerts).toEqual([
			{
				subsidiary: null,
				thresholdDays: 10,
				floorDays: 30,
				windowDays: 30,
				enabled: true,
				recipients: {
					arClerk: 'ar@harborline-wholesale.example',
					controller: 'controller@harborline-wholesale.example',
					cfo: 'cfo@harborline-wholesale.example',
				},
			},
		]);
		expect(st.seasonality![0]).toEqual({
			subsidiary: null,
			from: '01-01',
			to: '01-31',
			action: 'suppress',
			note: 'January post-holiday delays, 7 to 12 days expected',
		});
		expect(st.seasonality!.filter((r) => r.subsidiary !== null && r.action === 'raise')).toHaveLength(1);
		expect(st.collections).toEqual({ minOverdueAmount: 1000, minDaysOverdue: 15 });
	});

	it('uses made-up names and .example e-mail domains only', () => {
		const text = JSON.stringify(S);
		const emails = text.match(/[\w.+-]+@[\w.-]+/g) ?? [];
		expect(emails.length).toBeGreaterThan(200);
		expect(emails.filter((e) => !e.endsWith('.example'))).toEqual([]);
		expect(new Set(S.customers.map((c) => c.companyName)).size).toBe(S.customers.length);
	});
});

describe('generator: realism measured by the oracle (S)', () => {
	const asOf = S.suggestedAsOf!;
	const story = S.generator!.story!;
	const report: OracleResult = oracleReport(S, asOf);
	const sub = report.subsidiaries.find((s) => s.id === story.subsidiary)!;

	it('tells the story: DSO up more than 10 days over the prior 30 days, and above 30', () => {
		expect(sub.dsoThis).not.toBeNull();
		expect(sub.dsoDelta!).toBeGreaterThan(10);
		expect(sub.dsoThis!).toBeGreaterThan(30);
		expect(sub.dsoPrior!).toBeGreaterThan(35);
		expect(sub.dsoPrior!).toBeLessThan(60);
	});

	it('the story customer stops paying about 60 days before the as-of date and goes on credit hold', () => {
		expect(story.stopDate).toBe('2026-03-05');
		expect(story.holdDate).toBe('2026-04-13');
		const mine = S.transactions.filter((t) => t.entity === story.customer);
		const invoices = mine.filter((t) => t.type === 'CustInvc');
		const late = new Set(invoices.filter((i) => i.tranDate >= story.stopDate).map((i) => i.id));
		expect(late.size).toBeGreaterThan(5);
		const applied = mine
			.filter((t) => t.type === 'CustPymt')
			.flatMap((p) => p.apply ?? [])
			.map((a) => a.doc);
		expect(applied.filter((d) => late.has(d))).toEqual([]);
		expect(invoices.filter((i) => i.tranDate >= story.holdDate)).toEqual([]);
		expect(mine.filter((t) => t.type === 'SalesOrd' && t.tranDate >= story.holdDate).length).toBeGreaterThan(3);
		// its share of the subsidiary's sales over the last year is that of a major customer
		const yearAgo = '2025-05-04';
		const total = ofType('CustInvc')
			.filter((i) => i.tranDate > yearAgo)
			.reduce((s, i) => s + i.amount, 0);
		const its = invoices.filter((i) => i.tranDate > yearAgo).reduce((s, i) => s + i.amount, 0);
		expect(its / total).toBeGreaterThan(0.15);
		const c = report.customers.find((x) => x.id === story.customer)!;
		expect(c.overdue).toBeGreaterThan(0);
		// its oldest unpaid invoice is from the first days after the stop (orders are invoiced 0-10
		// business days after they come in), so it is at least 15 days overdue at D
		const oldestUnpaid = invoices
			.filter((i) => late.has(i.id))
			.sort((a, b) => (a.tranDate < b.tranDate ? -1 : 1))[0]!;
		expect(dayNumber(oldestUnpaid.tranDate) - dayNumber(story.stopDate)).toBeLessThanOrEqual(14);
		expect(c.maxDaysOverdue!).toBeGreaterThanOrEqual(15);
	});

	it('had no such jump a month earlier', () => {
		const earlier = oracleReport(S, '2026-04-04').subsidiaries[0]!;
		expect(Math.abs(earlier.dsoDelta!)).toBeLessThan(10);
	});

	it('January payments arrive later than December ones (amount-weighted days late)', () => {
		const byMonth = new Map<string, { w: number; late: number }>();
		for (const inv of invoicesAt(S, asOf)) {
			if (inv.closeDate === null || inv.closedBy !== 'payment') continue;
			const m = inv.closeDate.slice(5, 7);
			const e = byMonth.get(m) ?? { w: 0, late: 0 };
			e.w += inv.base;
			e.late += inv.base * Math.max(0, dayNumber(inv.closeDate) - dayNumber(inv.agingDate));
			byMonth.set(m, e);
		}
		const avg = (...months: string[]): number => {
			const e = months.map((m) => byMonth.get(m)!);
			return e.reduce((x, y) => x + y.late, 0) / e.reduce((x, y) => x + y.w, 0);
		};
		// the generator delays payments due in January by 7-12 days; closes of a single month are
		// noisy (December holds partial payments and delinquent payers' late closes too), so January
		// is compared with the quarter before it and with December alone
		expect(avg('01') - avg('10', '11', '12')).toBeGreaterThan(5);
		expect(avg('01')).toBeGreaterThan(avg('12'));
	});

	it('customers pay by profile: reliable, slow with a steady margin, deteriorating, delinquent', () => {
		const profiles = S.generator!.profiles!;
		const now = new Map(report.customers.map((c) => [c.id, c]));
		const before = new Map(oracleReport(S, '2025-05-04').customers.map((c) => [c.id, c]));
		const mean = (ids: number[], m: Map<number, { avgDaysLate: number | null }>): number => {
			const v = ids.map((id) => m.get(id)?.avgDaysLate).filter((x): x is number => typeof x === 'number');
			return v.reduce((s, x) => s + x, 0) / v.length;
		};
		expect(mean(profiles.reliable!, now)).toBeLessThan(6);
		expect(mean(profiles.slow!, now)).toBeGreaterThan(10);
		expect(Math.abs(mean(profiles.slow!, now) - mean(profiles.slow!, before))).toBeLessThan(4);
		expect(mean(profiles.deteriorating!, now) - mean(profiles.deteriorating!, before)).toBeGreaterThan(8);
		expect(mean(profiles.delinquent!, now)).toBeGreaterThan(45);
	});

	it('keeps aging and unapplied cash in realistic proportions', () => {
		const open = sub.openInvoices;
		expect(sub.aging.current / open).toBeGreaterThan(0.4);
		expect(sub.aging['90+'] / open).toBeGreaterThan(0.005);
		expect(sub.aging['90+'] / open).toBeLessThan(0.15);
		const unapplied = sub.openInvoices - sub.arBalance;
		expect(unapplied).toBeGreaterThan(0);
		expect(unapplied / sub.arBalance).toBeLessThan(0.05);
	});

	it('calibrates the story for another as-of date too', () => {
		const ds = generateDataset({ size: 'S', seed: 7, asOf: '2025-11-20' });
		expect(ds.suggestedAsOf).toBe('2025-11-20');
		expect(() => {
			validateDataset(ds);
		}).not.toThrow();
		const s = oracleReport(ds, '2025-11-20').subsidiaries[0]!;
		expect(s.dsoDelta!).toBeGreaterThan(10);
		expect(s.dsoThis!).toBeGreaterThan(30);
		expect(ds.generator!.story!.stopDate).toBe('2025-09-21');
		expect(STORY.stopDaysBefore).toBe(60);
	});
});

describe('generator: the M dataset (one test, a few seconds)', () => {
	it('has five subsidiaries in several currencies; only the story subsidiary jumps', () => {
		const M = generateDataset({ size: 'M' });
		expect(() => {
			validateDataset(M);
		}).not.toThrow();
		expect(M.subsidiaries).toHaveLength(5);
		expect(new Set(M.subsidiaries.map((s) => s.currency)).size).toBeGreaterThanOrEqual(4);
		expect(M.customers.length).toBeGreaterThan(4900);
		const invoices = M.transactions.filter((t) => t.type === 'CustInvc').length;
		expect(invoices).toBeGreaterThan(190000);
		expect(invoices).toBeLessThan(210000);
		const story = M.generator!.story!;
		expect(story.subsidiary).toBe(3);
		const r = oracleReport(M, M.suggestedAsOf!);
		for (const s of r.subsidiaries) {
			expect(s.dsoThis!).toBeGreaterThan(30);
			if (s.id === story.subsidiary) {
				expect(s.dsoDelta!).toBeGreaterThan(10);
			} else {
				expect(Math.abs(s.dsoDelta!)).toBeLessThan(5);
			}
		}
	});
});
