/**
 * The built portlets and the drill-down Suitelet on the emulator, after the nightly pipeline: the
 * figures shown equal report.json's (and the independent oracle's open invoices), links lead to
 * the drill-down, the customer and the invoice, a render's governance does not grow with
 * customers or invoices, the CSV export stays whole past 10,000 rows, and hostile names and memos
 * stay text.
 */
import { buildReport, type Report } from '../../local/report';
import type { Dataset, DsTransaction } from '../../local/data/dataset';
import { generateDataset } from '../../local/data/generate';
import { createRuntimeModule } from '../../local/emulator/modules/runtime';
import type { Emulator } from '../../local/emulator';
import {
	formatCents,
	formatDays,
	formatPercent,
	formatWhole,
} from '../../src/TypeScripts/o2c_dso/domain/dashboard/format';
import { emulatorFor } from '../snapshot/support/harness';
import { handDataset, HAND_AS_OF } from '../snapshot/support/handDataset';
import { bucketOf, dayNumber, invoicesAt, type Bucket } from '../support/oracle';

const AGING = 'customscript_o2c_aging_pt';
const TREND = 'customscript_o2c_dso_trend_pt';
const WORKLIST = 'customscript_o2c_worklist_pt';
const KPI = 'customscript_o2c_kpi_pt';
const SL = 'customscript_o2c_drilldown_sl';
const HOSTILE = '<script>alert(1)</script> & Co';

const minor = (x: number): number => Math.round(x * 100);

function nightly(ds: Dataset, asOf: string): { emu: Emulator; report: Report } {
	const emu = emulatorFor(ds, asOf);
	const runs = emu.runNightly();
	expect(runs.map((r) => r.status)).toEqual(runs.map(() => 'COMPLETE'));
	return { emu, report: buildReport(emu, asOf) };
}

/** The visible text of a fragment: tags dropped, entities decoded. */
function text(html: string): string {
	return html
		.replace(/<[^>]+>/g, ' ')
		.replace(/&#x2F;/g, '/')
		.replace(/&#x3D;/g, '=')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ');
}

describe('hand-made account (2 subsidiaries, 4 customers)', () => {
	const ds = handDataset();
	ds.customers[0] = { ...(ds.customers[0] as Dataset['customers'][number]), companyName: HOSTILE };
	let emu: Emulator;
	let report: Report;
	beforeAll(() => {
		({ emu, report } = nightly(ds, HAND_AS_OF));
	});

	test("A/R aging shows each subsidiary's buckets as report.json has them, linked to the drill-down", () => {
		const p = emu.renderPortlet(AGING, undefined, { column: '2' });
		expect(p.error).toBeUndefined();
		expect(p.title).toBe('A/R aging');
		const html = p.html ?? '';
		for (const s of report.subsidiaries) {
			for (const b of ['current', '1-30', '31-60', '61-90', '90+'] as const) {
				const url = `scriptlet.nl?script&#x3D;customscript_o2c_drilldown_sl&amp;deploy&#x3D;customdeploy_o2c_drilldown_sl&amp;subsidiary&#x3D;${String(s.id)}&amp;bucket&#x3D;${encodeURIComponent(b).replace(/%/g, '%')}`;
				expect(html).toContain(url.replace('%2B', '%2B'));
				expect(text(html)).toContain(formatWhole(minor(s.aging[b])));
			}
			expect(text(html)).toContain(`${s.name} (${s.currency})`);
		}
	});

	test("KPIs show each subsidiary's DSO, countback, best possible DSO and average days delinquent from report.json", () => {
		const t = text(emu.renderPortlet(KPI, undefined, { column: '1' }).html ?? '');
		for (const s of report.subsidiaries) {
			expect(t).toContain(`DSO ${formatDays(s.dso.this)} d`);
			expect(t).toContain(`Countback DSO ${formatDays(s.dso.countback)} d`);
			expect(t).toContain(`Best possible DSO ${formatDays(s.dso.bestPossible)} d`);
			expect(t).toContain(`Average days delinquent ${formatDays(s.dso.averageDaysDelinquent)} d`);
		}
		// one promise (Acme, pending, due 05-10) is inside the next 7 days of the day the clerk looks,
		// 05-05 (the business day after the night covering 05-04)
		expect(t).toContain('Due by 2026-05-11 1');
	});

	test('the cash-in forecast panel shows the stored forecast of report.json: next 4 weeks, 13 weeks and the band', () => {
		const t = text(emu.renderPortlet(KPI, undefined, { column: '3' }).html ?? '');
		const forecast = report.forecast as {
			subsidiaries: { id: number; weeks: { expected: number; low: number; high: number }[] }[];
		};
		expect(forecast.subsidiaries.length).toBe(report.subsidiaries.length);
		for (const f of forecast.subsidiaries) {
			const sum = (pick: (w: { expected: number; low: number; high: number }) => number, n = 13): number =>
				f.weeks.slice(0, n).reduce((a, w) => a + minor(pick(w)), 0);
			expect(t).toContain(`Next 4 weeks ${formatWhole(sum((w) => w.expected, 4))}`);
			expect(t).toContain(`13 weeks ${formatWhole(sum((w) => w.expected))}`);
			expect(t).toContain(
				`13 weeks, low–high ${formatWhole(sum((w) => w.low))}–${formatWhole(sum((w) => w.high))}`,
			);
		}
	});

	test('the worklist lists the overdue customers of report.json, largest overdue first, each linked', () => {
		const html = emu.renderPortlet(WORKLIST, undefined, { column: '2' }).html ?? '';
		const overdue = report.customers.filter((c) => c.overdue > 0).sort((a, b) => b.overdue - a.overdue);
		expect(overdue.length).toBeGreaterThan(0);
		const t = text(html);
		let at = -1;
		for (const c of overdue) {
			const name = ds.customers.find((x) => x.id === c.id)?.companyName ?? '';
			const next = t.indexOf(name, at + 1);
			expect(next).toBeGreaterThan(at);
			at = next;
			expect(html).toContain(`custjob.nl?id&#x3D;${String(c.id)}`);
		}
		expect(t).toContain(`${String(overdue.length)} of ${String(overdue.length)} customers with an overdue balance`);
		// Acme (id 100) carries a hostile name: shown as text, never as markup
		expect(t).toContain(HOSTILE);
		expect(html).not.toContain('<script>');
	});

	test('the worklist shows each customer’s last contact attempt the collections RESTlet recorded, newest first', () => {
		const fresh = nightly(ds, HAND_AS_OF).emu;
		try {
			// contact attempts are recorded (none yet): no "not recorded yet" note (narrow column)
			expect(text(fresh.renderPortlet(WORKLIST, undefined, { column: '1' }).html ?? '')).not.toContain(
				'not recorded yet',
			);
			const post = (external_id: string, attempted_on: string, outcome: string): void => {
				const r = fresh.callRestlet(
					'customscript_o2c_collections_rl',
					'customdeploy_o2c_collections_rl',
					'POST',
					{
						type: 'contact_attempt',
						external_id,
						customer_id: 100,
						outcome,
						attempted_on,
					},
				);
				expect(JSON.parse(r.body)).toMatchObject({ ok: true });
			};
			post('ca-1', '2026-05-05', 'left_message');
			post('ca-2', '2026-05-04', 'no_answer'); // recorded later, attempted earlier: not the last contact
			// the wide column (its first render: no cached view); Acme (100, the hostile name) is the only overdue customer
			const t = text(fresh.renderPortlet(WORKLIST, undefined, { column: '2' }).html ?? '');
			const acme = t.slice(t.indexOf(HOSTILE));
			expect(acme).toContain('2026-05-05: left message');
			expect(acme).not.toContain('no answer');
		} finally {
			fresh.close();
		}
	});

	test("the DSO trend draws the stored days and marks today's fired alert (if any)", () => {
		const html = emu.renderPortlet(TREND, undefined, { column: '3' }).html ?? '';
		expect(html.match(/<svg[^>]*role="img"/g)).toHaveLength(report.subsidiaries.length);
		for (const s of report.subsidiaries)
			expect(text(html)).toContain(`DSO ${formatDays(s.dso.this)} days on ${HAND_AS_OF}`);
		const fired = report.subsidiaries.filter((s) => s.alert.fired).length;
		expect((html.match(/Alert fired on 2026-05-04/g) ?? []).length).toBe(fired);
	});

	test('governance per render: a fixed number of searches (aging: one more per subsidiary); a cached render costs 1', () => {
		const units = (id: string, column: string): number => emu.renderPortlet(id, undefined, { column }).unitsUsed;
		// widths not rendered yet, so that the cache misses: today 10, snapshots 10, cache 2 (+ the view's reads)
		expect(units(AGING, '1')).toBe(22 + 10 * report.subsidiaries.length);
		// alert settings 10; no seasonality row and no fired day here: 5 each (runPaged, no page to fetch)
		expect(units(TREND, '2')).toBe(42);
		// + the newest contact attempts of the customers shown: 10
		expect(units(WORKLIST, '1')).toBe(32);
		// + the stored cash-in forecast: 10
		expect(units(KPI, '2')).toBe(52);
		expect(units(AGING, '3')).toBe(1);
	});

	test('the drill-down of each subsidiary and bucket lists exactly the open invoices the oracle ages there, with their total', () => {
		const open = invoicesAt(ds, HAND_AS_OF).filter((i) => i.open > 0);
		const D = dayNumber(HAND_AS_OF);
		for (const s of report.subsidiaries) {
			for (const b of ['current', '1-30', '31-60', '61-90', '90+'] as Bucket[]) {
				const expected = open.filter(
					(i) => i.subsidiary === s.id && bucketOf(D - dayNumber(i.agingDate)) === b,
				);
				const r = emu.callSuitelet(SL, undefined, { params: { subsidiary: String(s.id), bucket: b } });
				expect(r.code).toBe(200);
				const ids = [...r.body.matchAll(/custinvc\.nl\?id&#x3D;(\d+)/g)].map((m) => Number(m[1]));
				expect(ids.sort((x, y) => x - y)).toEqual(expected.map((i) => i.id).sort((x, y) => x - y));
				const total = expected.reduce((t, i) => t + i.openBase, 0);
				expect(total).toBe(minor(s.aging[b]));
				expect(r.body).toContain(`<b>${String(expected.length)}</b> open invoice`);
				if (expected.length > 0)
					expect(r.body).toContain(`open amount <b>${s.currency} ${formatCents(total)}</b>`);
			}
		}
	});

	test('the first page costs the same fixed units whatever the filter', () => {
		const a = emu.callSuitelet(SL, undefined, {});
		const b = emu.callSuitelet(SL, undefined, { params: { customer: '100', bucket: 'overdue', sort: 'amount' } });
		expect(a.unitsUsed).toBe(b.unitsUsed - 1); // the customer's name: search.lookupFields, 1 unit
		expect(a.unitsUsed).toBeLessThanOrEqual(70);
	});

	test("each row shows the payment forecast's predicted date of its invoice, the interval as its title", () => {
		const preds = [...emu.store.all('customrecord_o2c_pay_pred')];
		expect(preds.length).toBeGreaterThan(0);
		const r = emu.callSuitelet(SL, undefined, {});
		for (const p of preds) {
			const v = p.values;
			const row =
				new RegExp(`custinvc\\.nl\\?id&#x3D;${String(v.custrecord_o2c_pp_invoice)}"[^]*?</tr>`).exec(
					r.body,
				)?.[0] ?? '';
			expect(row).toContain(
				`<td title="between ${String(v.custrecord_o2c_pp_low)} and ${String(v.custrecord_o2c_pp_high)}">${String(v.custrecord_o2c_pp_date)}</td>`,
			);
		}
	});

	test('a bad parameter is named on the page, nothing is listed', () => {
		const r = emu.callSuitelet(SL, undefined, { params: { bucket: '<b>120</b>' } });
		expect(r.code).toBe(200);
		expect(r.body).toContain('bucket must be one of');
		expect(r.body).toContain('&quot;&lt;b&gt;120&lt;&#x2F;b&gt;&quot;');
		expect(r.body).not.toContain('<b>120</b>');
	});
});

describe('generated S account', () => {
	let emu: Emulator;
	let report: Report;
	let ds: Dataset;
	beforeAll(() => {
		ds = generateDataset({ size: 'S' });
		({ emu, report } = nightly(ds, '2026-05-04'));
	}, 120_000);

	test('the portlets cost what they cost on the hand-made account: nothing grows with customers or invoices', () => {
		const units = (id: string): number => emu.renderPortlet(id, undefined, { column: '1' }).unitsUsed;
		expect(report.subsidiaries).toHaveLength(1);
		expect(units(AGING)).toBe(32);
		expect(units(TREND)).toBe(52);
		expect(units(WORKLIST)).toBe(32);
	});

	test("segments: the mean of the customers' average days to pay per segment equals report.json's", () => {
		const t = text(emu.renderPortlet(KPI, undefined, { column: '2' }).html ?? '');
		const labels: Record<string, string> = {
			'at-risk': 'At risk',
			deteriorating: 'Deteriorating',
			'slow-but-reliable': 'Slow but reliable',
			reliable: 'Reliable',
			'insufficient-history': 'Not enough history',
		};
		for (const [seg, label] of Object.entries(labels)) {
			const xs = report.customers
				.filter((c) => c.segment === seg && c.avgDaysToPay !== null)
				.map((c) => c.avgDaysToPay as number);
			if (xs.length === 0) continue;
			const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
			expect(t).toContain(`${label} ${String(xs.length)} ${formatDays(mean)}`);
		}
		const cei = report.subsidiaries[0]?.cei as { monthToDate: number | null; lastMonth: number | null };
		expect(t).toContain(`CEI, month to date ${formatPercent(cei.monthToDate)}`);
		expect(t).toContain(`CEI, last full month ${formatPercent(cei.lastMonth)}`);
	});

	test("the open A/R workbook's buckets (base currency, invoices in other currencies included) equal report.json's aging", () => {
		const wb = emu.buildWorkbook('customscript_o2c_wb_open_ar');
		const chart = emu
			.workbookEngine()
			.chart(wb.charts[0] as Extract<(typeof wb.charts)[number], { kind: 'chart' }>);
		const labels = ['1. Current', '2. 1-30 days', '3. 31-60 days', '4. 61-90 days', '5. Over 90 days'];
		const s = report.subsidiaries[0];
		const got = labels.map(
			(l) => chart.values[0]?.[chart.categories.findIndex((c) => c.path[0]?.value === l)]?.[0] ?? 0,
		);
		expect(got).toEqual((['current', '1-30', '31-60', '61-90', '90+'] as const).map((b) => s?.aging[b]));
	});

	test('paging: every open invoice exactly once across the pages, in the asked order', () => {
		const seen: number[] = [];
		let amounts: number[] = [];
		for (let page = 1; ; page++) {
			const r = emu.callSuitelet(SL, undefined, { params: { sort: 'amount', dir: 'desc', page: String(page) } });
			const ids = [...r.body.matchAll(/custinvc\.nl\?id&#x3D;(\d+)/g)].map((m) => Number(m[1]));
			if (ids.length === 0) break;
			seen.push(...ids);
			amounts = amounts.concat(
				[...r.body.matchAll(/<td class="n">USD ([\d,.]+)<\/td>/g)].map((m) =>
					Number((m[1] ?? '').replace(/,/g, '')),
				),
			);
		}
		const open = invoicesAt(ds, '2026-05-04')
			.filter((i) => i.open > 0)
			.map((i) => i.id);
		expect(new Set(seen).size).toBe(seen.length);
		expect(seen.sort((a, b) => a - b)).toEqual(open.sort((a, b) => a - b));
		expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
	});
});

describe('CSV export past 10,000 rows', () => {
	const N = 10_500;
	function bigDataset(): Dataset {
		const ds = handDataset();
		ds.customers = [
			{
				id: 100,
				entityId: 'C-100',
				companyName: '=HYPERLINK("http://evil.example","x")',
				subsidiary: 1,
				currency: 'USD',
				terms: 1,
			},
		];
		ds.promises = [];
		ds.settings = {};
		const tx: DsTransaction[] = [];
		for (let i = 1; i <= N; i++) {
			tx.push({
				id: i,
				type: 'CustInvc',
				tranId: `INV-${String(i)}`,
				entity: 100,
				subsidiary: 1,
				currency: 'USD',
				tranDate: '2026-03-01',
				dueDate: '2026-03-31',
				amount: 1 + (i % 100) / 100,
				...(i === 7 ? { memo: '+SUM(A1:A9)\r\nsecond line, "quoted"' } : {}),
			});
		}
		ds.transactions = tx;
		return ds;
	}

	test('every invoice once, a header, formula cells neutralised, totals equal the invoices; governance 5 per 1,000 rows', () => {
		const { emu } = nightly(bigDataset(), '2026-05-04');
		const r = emu.callSuitelet(SL, undefined, { params: { format: 'csv' } });
		expect(r.code).toBe(200);
		expect(r.headers['Content-Type']).toBe('text/csv; charset=utf-8');
		expect(r.headers['Content-Disposition']).toBe('attachment; filename="open-invoices-2026-05-05.csv"'); // exported 05-05
		expect(r.body.startsWith('\uFEFFInvoice internal id,')).toBe(true);
		// split on CRLF ending a record (the memo's own CRLF is inside quotes)
		const lines = r.body
			.slice(1)
			.split(/\r\n(?=\d+,|$)/)
			.filter((l) => l !== '');
		expect(lines).toHaveLength(N + 1);
		const ids = lines.slice(1).map((l) => Number(l.split(',')[0]));
		expect(new Set(ids).size).toBe(N);
		expect(lines[1]).toContain(',"\'=HYPERLINK(""http://evil.example"",""x"")",');
		expect(lines.find((l) => l.startsWith('7,'))).toContain(',"\'+SUM(A1:A9)\r\nsecond line, ""quoted"""');
		const total = lines.slice(1).reduce((t, l) => t + Math.round(Number(csvFields(l)[9]) * 100), 0);
		let expected = 0;
		for (let i = 1; i <= N; i++) expected += 100 + (i % 100);
		expect(total).toBe(expected);
		// today 10, subsidiaries and currencies ≈ 20, runPaged 5, 11 pages × 5
		expect(r.unitsUsed).toBeLessThan(100);
		expect(r.unitsUsed).toBeGreaterThanOrEqual(5 + 11 * 5);
	}, 120_000);

	test('when the remaining units cannot cover every page, it says so and sends no partial file', () => {
		const { emu } = nightly(bigDataset(), '2026-05-04');
		const tight = emulatorWithRemaining(emu, 40);
		const r = tight.callSuitelet(SL, undefined, { params: { format: 'csv' } });
		expect(r.headers['Content-Type']).toBe('text/html; charset=utf-8');
		expect(r.body).toContain(`${String(N)} invoices match: one export can read about 4000 rows`);
		expect(r.body).not.toContain('Invoice internal id,');
	}, 120_000);
});

/** The fields of one CSV record (RFC 4180 quoting). */
function csvFields(line: string): string[] {
	const out: string[] = [];
	let cur = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const c = line[i] as string;
		if (quoted) {
			if (c === '"' && line[i + 1] === '"') {
				cur += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cur += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			out.push(cur);
			cur = '';
		} else cur += c;
	}
	out.push(cur);
	return out;
}

/** The same account with getRemainingUsage() answering `units` (to reach the export's refusal without 200,000 invoices). */
function emulatorWithRemaining(base: Emulator, units: number): Emulator {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Emulator: E } = require('../../local/emulator') as typeof import('../../local/emulator');
	return new E({
		projectRoot: base.project.root.replace(/\/src$/, ''),
		project: base.project,
		store: base.store,
		account: {
			name: 'Hand Test',
			timezone: 'America/New_York',
			dateFormat: 'M/D/YYYY',
			features: [],
			asOf: '2026-05-04',
		},
		modules: {
			'N/runtime': (ctx) => {
				const real = createRuntimeModule(ctx) as { getCurrentScript: () => object };
				return new Proxy(real, {
					get(t, p, r) {
						if (p !== 'getCurrentScript') return Reflect.get(t, p, r) as unknown;
						return () =>
							new Proxy(t.getCurrentScript(), {
								get: (s, q, rr) =>
									q === 'getRemainingUsage' ? () => units : (Reflect.get(s, q, rr) as unknown),
							});
					},
				});
			},
		},
	});
}
