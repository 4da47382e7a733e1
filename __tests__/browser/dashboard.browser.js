#!/usr/bin/env node
/**
 * Browser check of the A/R dashboard and the invoice drill-down (part of npm run test:browser).
 *
 * 1. Generates the S dataset and gives the story customer (the largest overdue balance) a hostile
 *    name, a second customer another, and one of the story customer's open invoices a hostile memo;
 *    starts `serve` (BUILT scripts: `npm run build` first) on 127.0.0.1.
 * 2. As an A/R clerk, opens the published dashboard in headless Chromium (/usr/bin/chromium; every
 *    request that does not go to the local server is blocked and counted) and checks: the four
 *    portlets in their columns; the aging buckets, DSO figures, worklist and segment averages equal
 *    report.json's; the hostile names are text (no script, no event handler, no dialog); the trend
 *    chart is inline SVG that fits its narrow column.
 * 3. Follows links: a bucket to the drill-down (its count and total equal the bucket), an invoice
 *    and a customer to their pages; sorts; downloads the CSV; the hostile memo stays text there.
 * 4. As an outsider: no dashboard, the Suitelet refused. Screenshots: out/dashboard.png,
 *    out/drilldown.png.
 *
 * Plain CommonJS so Node runs it as is; exits non-zero when a check fails.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..', '..');
const BUILD = path.join(ROOT, 'build', 'local');
const OUT = path.join(ROOT, 'out');
const AS_OF = '2026-05-04';
const HOSTILE = '<script>alert(1)</script> & Co';
const HOSTILE_2 = '<img src=x onerror=alert(2)> "Quote" O\'Hare';
const HOSTILE_MEMO = '=HYPERLINK("http://evil.example","<b onmouseover=alert(3)>pay</b>")';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** A missing browser is a failure with the way to install it, never a skipped check. */
function chromiumPath() {
	if (!fs.existsSync(CHROMIUM))
		throw new Error(
			`Chromium not found at ${CHROMIUM}: on Debian run "sudo apt-get update && sudo apt-get install -y chromium" (README), or set CHROMIUM_PATH to a Chromium or Chrome binary`,
		);
	return CHROMIUM;
}
const SL = '/app/site/hosting/scriptlet.nl?script=customscript_o2c_drilldown_sl&deploy=customdeploy_o2c_drilldown_sl';

function need(file) {
	const full = path.join(BUILD, file);
	if (!fs.existsSync(full)) throw new Error(`${path.relative(ROOT, full)} is missing: run npm run build first`);
	return require(full);
}

const failures = [];
function check(ok, what) {
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
	if (!ok) failures.push(what);
}

function dataset() {
	const { generateDataset, storyFor } = need('local/data/generate.js');
	const ds = generateDataset({ size: 'S' });
	const story = storyFor({ size: 'S' });
	const c = ds.customers.find((x) => x.id === story.customer);
	c.companyName = HOSTILE;
	// the second hostile name goes to the next largest overdue balance, so that the worklist shows it
	const open = new Map(
		ds.transactions.filter((t) => t.type === 'CustInvc' && (t.dueDate || t.tranDate) < AS_OF).map((t) => [t.id, t]),
	);
	const owed = new Map();
	for (const t of open.values()) owed.set(t.id, Math.round(t.amount * 100));
	for (const t of ds.transactions) {
		if ((t.type !== 'CustPymt' && t.type !== 'CustCred') || t.tranDate > AS_OF) continue;
		for (const a of t.apply || [])
			if (owed.has(a.doc)) owed.set(a.doc, owed.get(a.doc) - Math.round(a.amount * 100));
	}
	const byCustomer = new Map();
	for (const [id, cents] of owed) {
		const e = open.get(id).entity;
		byCustomer.set(e, (byCustomer.get(e) || 0) + cents);
	}
	const secondId = [...byCustomer.entries()]
		.filter(([id]) => id !== story.customer)
		.sort((a, b) => b[1] - a[1])[0][0];
	const other = ds.customers.find((x) => x.id === secondId);
	other.companyName = HOSTILE_2;
	const inv = ds.transactions.filter(
		(t) => t.type === 'CustInvc' && t.entity === story.customer && t.tranDate <= AS_OF,
	);
	const memoInvoice = inv[inv.length - 1];
	memoInvoice.memo = HOSTILE_MEMO;
	return { ds, story, memoInvoice, secondId: other.id };
}

async function main() {
	const { formatWhole, formatDays, formatCents } = need('src/TypeScripts/o2c_dso/domain/dashboard/format.js');
	const { writeDataset } = need('local/data/load.js');
	const { startServe } = need('local/serve.js');
	const { ds, story, memoInvoice } = dataset();
	const dir = path.join(OUT, 'browser-dashboard');
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	const dataFile = path.join(dir, 'dataset.json');
	writeDataset(ds, dataFile);
	const serve = await startServe({ projectRoot: ROOT, data: dataFile, asOf: AS_OF, out: path.join(dir, 'serve') });
	const report = serve.run.report;
	const minor = (x) => Math.round(x * 100);
	const { chromium } = require('playwright-core');
	const browser = await chromium.launch({
		executablePath: chromiumPath(),
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
		// launch() starts Chromium on a fresh temporary profile of its own (its --user-data-dir)
	});
	try {
		const context = await browser.newContext({
			viewport: { width: 1440, height: 1000 },
			extraHTTPHeaders: { Authorization: `Bearer ${serve.tokens.ar_clerk}` },
			acceptDownloads: true,
		});
		const page = await context.newPage();
		const dialogs = [];
		const external = [];
		const pageErrors = [];
		page.on('dialog', (d) => {
			dialogs.push(d.message());
			d.dismiss().catch(() => undefined);
		});
		page.on('pageerror', (e) => pageErrors.push(String(e)));
		await context.route('**/*', (route) => {
			const u = route.request().url();
			if (u.startsWith(`${serve.url}/`)) return route.continue();
			external.push(u);
			return route.abort();
		});

		/* ---- the dashboard ---- */
		await page.goto(`${serve.url}/`, { waitUntil: 'load' });
		const layout = await page.evaluate(() =>
			[...document.querySelectorAll('[data-column]')].map((c) => ({
				column: c.getAttribute('data-column'),
				width: c.getBoundingClientRect().width,
				portlets: [...c.querySelectorAll('.ns-portlet')].map((p) => ({
					script: p.getAttribute('data-script'),
					title: p.querySelector('.ns-portlet-title').textContent,
					text: p.querySelector('.ns-portlet-body').innerText,
					width: p.getBoundingClientRect().width,
				})),
			})),
		);
		check(
			JSON.stringify(layout.map((c) => [c.column, c.portlets.map((p) => p.title)])) ===
				JSON.stringify([
					['leftcolumn', ['A/R KPIs and promises']],
					['centercolumn', ['A/R aging', 'Collections worklist']],
					['rightcolumn', ['DSO trend (90 days)']],
				]),
			`four portlets in the published dashboard's columns: ${JSON.stringify(layout.map((c) => [c.column, c.portlets.map((p) => p.title)]))}`,
		);
		const portlet = (script) => layout.flatMap((c) => c.portlets).find((p) => p.script === script) || { text: '' };
		const aging = portlet('customscript_o2c_aging_pt').text;
		for (const s of report.subsidiaries) {
			const rows = ['Current', '1–30 days', '31–60 days', '61–90 days', 'Over 90 days'];
			const keys = ['current', '1-30', '31-60', '61-90', '90+'];
			const shown = rows.every((label, i) => aging.includes(`${label}\t${formatWhole(minor(s.aging[keys[i]]))}`));
			check(
				shown,
				`aging of ${s.name} equals report.json (${keys.map((k) => formatWhole(minor(s.aging[k]))).join(', ')})`,
			);
		}
		const kpi = portlet('customscript_o2c_kpi_pt').text;
		for (const s of report.subsidiaries) {
			check(
				kpi.includes(`DSO\t${formatDays(s.dso.this)} d`) &&
					kpi.includes(`Countback DSO\t${formatDays(s.dso.countback)} d`) &&
					kpi.includes(`Best possible DSO\t${formatDays(s.dso.bestPossible)} d`) &&
					kpi.includes(`Average days delinquent\t${formatDays(s.dso.averageDaysDelinquent)} d`),
				`KPIs of ${s.name} equal report.json (DSO ${formatDays(s.dso.this)}, countback ${formatDays(s.dso.countback)})`,
			);
			const means = {};
			for (const c of report.customers.filter((x) => x.subsidiary === s.id && x.avgDaysToPay !== null)) {
				(means[c.segment] = means[c.segment] || []).push(c.avgDaysToPay);
			}
			const labels = {
				'at-risk': 'At risk',
				deteriorating: 'Deteriorating',
				'slow-but-reliable': 'Slow but reliable',
				reliable: 'Reliable',
				'insufficient-history': 'Not enough history',
			};
			const segOk = Object.entries(means).every(([seg, xs]) =>
				kpi.includes(`${labels[seg]}\t${xs.length}\t${formatDays(xs.reduce((a, b) => a + b, 0) / xs.length)}`),
			);
			check(
				segOk,
				`average days to pay by segment equals the mean over report.json's customers (${Object.keys(means).length} segments)`,
			);
		}
		const trend = portlet('customscript_o2c_dso_trend_pt');
		for (const s of report.subsidiaries) {
			check(
				trend.text.includes(`DSO ${formatDays(s.dso.this)} days on ${AS_OF}`),
				`DSO trend states ${s.name}'s DSO ${formatDays(s.dso.this)}`,
			);
		}
		const svg = await page.evaluate(() => {
			const col = document.querySelector('[data-column="rightcolumn"]');
			const s = col && col.querySelector('svg[role="img"]');
			if (!s) return null;
			const r = s.getBoundingClientRect();
			const body = col.querySelector('.ns-portlet-body').getBoundingClientRect();
			return {
				width: r.width,
				height: r.height,
				inside: r.right <= body.right + 0.5,
				paths: s.querySelectorAll('path').length,
				text: s.querySelectorAll('text').length,
			};
		});
		check(
			svg !== null && svg.inside && svg.width >= 250 && svg.paths >= 3 && svg.text >= 6,
			`the trend chart is inline SVG fitting the narrow column (${JSON.stringify(svg)})`,
		);
		const worklist = portlet('customscript_o2c_worklist_pt').text;
		const top = [...report.customers].filter((c) => c.overdue > 0).sort((a, b) => b.overdue - a.overdue)[0];
		const firstRow = worklist.split('\n').find((l) => l.startsWith('1\t')) || '';
		check(
			top.id === story.customer &&
				firstRow.includes(HOSTILE) &&
				firstRow.includes(`USD ${formatWhole(minor(top.overdue))}`),
			`the worklist starts with the largest overdue balance of report.json, the story customer: ${JSON.stringify(firstRow)}`,
		);
		// contact attempts are recorded by the collections RESTlet (none in the generated dataset yet)
		check(
			!worklist.includes('not recorded yet') && /\tNone$/.test(firstRow.trim()),
			`the worklist's Last contact column reads the recorded attempts: None for the first customer (${JSON.stringify(firstRow)})`,
		);
		for (const f of (report.forecast || { subsidiaries: [] }).subsidiaries) {
			const sum = (k, n) => f.weeks.slice(0, n).reduce((a, w) => a + minor(w[k]), 0);
			check(
				kpi.includes(`Next 4 weeks\t${formatWhole(sum('expected', 4))}`) &&
					kpi.includes(`13 weeks\t${formatWhole(sum('expected', 13))}`),
				`the cash-in forecast equals report.json's (next 4 weeks ${formatWhole(sum('expected', 4))}, 13 weeks ${formatWhole(sum('expected', 13))})`,
			);
		}
		check(
			report.forecast && report.forecast.subsidiaries.length > 0,
			'report.json carries a forecast to compare with',
		);
		const dashText = await page.evaluate(() => document.body.innerText);
		check(dashText.includes(HOSTILE), `hostile name ${JSON.stringify(HOSTILE)} appears as text on the dashboard`);
		check(
			dashText.includes(HOSTILE_2),
			`hostile name ${JSON.stringify(HOSTILE_2)} appears as text on the dashboard`,
		);
		const markup = async () =>
			page.evaluate(() => ({
				scripts: document.querySelectorAll('script').length,
				images: document.querySelectorAll('img').length,
				handlers: [...document.querySelectorAll('*')].filter((e) =>
					[...e.attributes].some((a) => /^on/i.test(a.name)),
				).length,
				iframes: document.querySelectorAll('iframe, object, embed').length,
				badLinks: [...document.querySelectorAll('a[href]')]
					.map((a) => a.getAttribute('href'))
					.filter((h) => !h.startsWith('/')),
			}));
		const m1 = await markup();
		check(
			m1.scripts === 0 && m1.images === 0 && m1.handlers === 0 && m1.iframes === 0 && m1.badLinks.length === 0,
			`dashboard: no script, img, event handler or frame; every link is a local NetSuite path (${JSON.stringify(m1)})`,
		);
		fs.mkdirSync(OUT, { recursive: true });
		await page.screenshot({ path: path.join(OUT, 'dashboard.png'), fullPage: true });

		/* ---- links: a bucket to the drill-down ---- */
		const sub = report.subsidiaries.find((s) => s.id === story.subsidiary);
		const bucket = ['90+', '61-90', '31-60', '1-30'].find((b) => sub.aging[b] > 0);
		const label = { '90+': 'Over 90 days', '61-90': '61–90 days', '31-60': '31–60 days', '1-30': '1–30 days' }[
			bucket
		];
		await page.click(`section[data-script="customscript_o2c_aging_pt"] a[title="Open invoices, ${label}"]`);
		await page.waitForLoadState('load');
		check(
			page.url().includes('scriptlet.nl?script=customscript_o2c_drilldown_sl') &&
				page.url().includes(`bucket=${encodeURIComponent(bucket)}`),
			`the ${bucket} amount leads to the drill-down (${page.url()})`,
		);
		const sl = await page.evaluate(() => document.body.innerText);
		check(
			sl.includes(`open amount ${sub.currency} ${formatCents(minor(sub.aging[bucket]))}`),
			`the drill-down's total equals the bucket: ${sub.currency} ${formatCents(minor(sub.aging[bucket]))}`,
		);
		const rows = await page.evaluate(() => document.querySelectorAll('table tr').length - 1);
		const countMatch = /(\d+) open invoices?/.exec(sl);
		check(
			countMatch !== null && rows === Math.min(50, Number(countMatch[1])),
			`the drill-down's first page lists ${rows} rows of ${countMatch && countMatch[1]} invoices (50 a page)`,
		);

		/* ---- sorting and the hostile memo ---- */
		await page.goto(`${serve.url}${SL}&customer=${story.customer}&sort=amount&dir=desc`, { waitUntil: 'load' });
		const amounts = await page.evaluate(() =>
			[...document.querySelectorAll('table tr td:nth-child(8)')].map((td) =>
				Number(td.textContent.replace(/[^\d.]/g, '')),
			),
		);
		check(
			amounts.length > 0 && amounts.every((a, i) => i === 0 || amounts[i - 1] >= a),
			`sorted by open amount, largest first (${amounts.length} rows)`,
		);
		const memoCell = await page.evaluate((id) => {
			const a = document.querySelector(`a[href="/app/accounting/transactions/custinvc.nl?id=${id}"]`);
			return a ? a.closest('tr').lastElementChild.textContent : null;
		}, memoInvoice.id);
		check(memoCell === HOSTILE_MEMO, `the hostile memo is text in its row: ${JSON.stringify(memoCell)}`);
		const m2 = await markup();
		check(
			m2.scripts === 0 && m2.images === 0 && m2.handlers === 0 && m2.badLinks.length === 0,
			`drill-down: no script, img or event handler (${JSON.stringify(m2)})`,
		);
		await page.screenshot({ path: path.join(OUT, 'drilldown.png'), fullPage: false });

		/* ---- CSV ---- */
		const csv = await context.request.get(`${serve.url}${SL}&customer=${story.customer}&format=csv`);
		const csvText = await csv.text();
		const memoLine = csvText.split('\r\n').find((l) => l.startsWith(`${memoInvoice.id},`)) || '';
		check(
			csv.headers()['content-type'] === 'text/csv; charset=utf-8' &&
				/attachment; filename="open-invoices-/.test(csv.headers()['content-disposition'] || ''),
			'the CSV export is a text/csv download',
		);
		check(
			memoLine.endsWith(',"\'=HYPERLINK(""http://evil.example"",""<b onmouseover=alert(3)>pay</b>"")"'),
			`CSV: the formula memo is neutralised with a leading quote: ${JSON.stringify(memoLine.slice(-70))}`,
		);
		check(memoLine.includes(`,${HOSTILE},`), 'CSV: the hostile customer name is its own text');

		/* ---- an invoice and a customer page ---- */
		await page.click(`a[href="/app/accounting/transactions/custinvc.nl?id=${memoInvoice.id}"]`);
		await page.waitForLoadState('load');
		const invoiceText = await page.evaluate(() => document.body.innerText);
		check(invoiceText.includes(memoInvoice.tranId), `the invoice link opens ${memoInvoice.tranId}`);
		await page.goto(`${serve.url}/`, { waitUntil: 'load' });
		await page.click(
			`section[data-script="customscript_o2c_worklist_pt"] a[href="/app/common/entity/custjob.nl?id=${story.customer}"]`,
		);
		await page.waitForLoadState('load');
		check(
			(await page.evaluate(() => document.body.innerText)).includes(HOSTILE),
			"the worklist's customer link opens that customer (its hostile name as text)",
		);

		check(
			dialogs.length === 0 && pageErrors.length === 0,
			`no dialog and no page error (${JSON.stringify(dialogs.concat(pageErrors))})`,
		);
		check(external.length === 0, `no request left the local server (${JSON.stringify(external)})`);

		/* ---- the workbooks ---- */
		await page.goto(`${serve.url}/analytics`, { waitUntil: 'load' });
		const books = await page.evaluate(() =>
			[...document.querySelectorAll('[data-workbook]')].map((w) => ({
				id: w.getAttribute('data-workbook'),
				charts: w.querySelectorAll('svg[role="img"] rect, svg[role="img"] path').length,
				pivots: w.querySelectorAll('[data-pivot]').length,
				failed: w.innerText.includes('does not build'),
			})),
		);
		check(
			books.length === 3 && books.every((b) => b.charts > 0 && b.pivots > 0 && !b.failed),
			`three workbooks with a drawn chart and a pivot each (${JSON.stringify(books)})`,
		);
		const pivotText = await page.evaluate(
			() => document.querySelector('[data-pivot="customers_by_bucket"]').nextElementSibling.innerText,
		);
		check(pivotText.includes(HOSTILE), 'the open A/R pivot lists customers by name (the hostile one as text)');
		const m3 = await markup();
		check(
			m3.scripts === 0 && m3.images === 0 && m3.handlers === 0,
			`analytics page: no script, img or event handler (${JSON.stringify(m3)})`,
		);
		await page.screenshot({ path: path.join(OUT, 'analytics.png'), fullPage: false });

		/* ---- an outsider ---- */
		const outsider = await browser.newContext({
			extraHTTPHeaders: { Authorization: `Bearer ${serve.tokens.outsider}` },
		});
		const op = await outsider.newPage();
		await op.goto(`${serve.url}/`);
		check(
			(await op.evaluate(() => document.body.innerText)).includes('No dashboard is published to your role'),
			'an outsider gets no dashboard',
		);
		const refused = await op.goto(`${serve.url}${SL}`);
		check(refused.status() === 403, `an outsider is refused the drill-down (${refused.status()})`);
		await outsider.close();
	} finally {
		await browser.close();
		await serve.stop();
	}
	if (failures.length > 0) {
		console.error(`\n${failures.length} check(s) failed`);
		process.exit(1);
	}
	console.log('\nall dashboard checks passed');
}

main().catch((e) => {
	console.error(e && e.stack ? e.stack : e);
	process.exit(1);
});
