#!/usr/bin/env node
/**
 * Browser check of the DSO-increase alert email (npm run test:browser).
 *
 * 1. Generates the S dataset, renames two customers to hostile names (the story customer, who is
 *    certain to be the top contributor, and a triple-threat customer), runs the nightly snapshot
 *    and the alert map/reduce in the emulator (BUILT scripts: `npm run build` first), which writes
 *    the email to out/browser-alert/emails/*.html and *.eml.
 * 2. Opens that HTML file in headless Chromium (/usr/bin/chromium, no network: every request other
 *    than the file itself is blocked and counted) and asserts: the key figures are shown, the
 *    hostile names are text (no script, img or event-handler element, no dialog), every link is
 *    https, nothing external was requested.
 * 3. Writes a full-page screenshot to out/dso-alert-email.png.
 *
 * Plain CommonJS so Node runs it as is; exits non-zero on the first failed check.
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
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** A missing browser is a failure with the way to install it, never a skipped check. */
function chromiumPath() {
	if (!fs.existsSync(CHROMIUM))
		throw new Error(
			`Chromium not found at ${CHROMIUM}: on Debian run "sudo apt-get update && sudo apt-get install -y chromium" (README), or set CHROMIUM_PATH to a Chromium or Chrome binary`,
		);
	return CHROMIUM;
}

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

function produceEmail() {
	const { generateDataset, storyFor } = need('local/data/generate.js');
	const { buildStore, accountInfo } = need('local/emulator/account.js');
	const { loadSdfProject } = need('local/sdf/objects.js');
	const { Emulator } = need('local/emulator/index.js');
	if (!fs.existsSync(path.join(ROOT, 'src/FileCabinet/SuiteScripts/o2c_dso/entrypoints/dso_alert_mr.js'))) {
		throw new Error(
			'src/FileCabinet/SuiteScripts/o2c_dso/entrypoints/dso_alert_mr.js is missing: run npm run build first',
		);
	}
	const ds = generateDataset({ size: 'S' });
	const story = storyFor({ size: 'S' });
	const storyCustomer = ds.customers.find((c) => c.id === story.customer);
	storyCustomer.companyName = HOSTILE;
	const project = loadSdfProject(path.join(ROOT, 'src'));
	const outDir = path.join(OUT, 'browser-alert');
	fs.rmSync(outDir, { recursive: true, force: true });
	const store = buildStore(ds, AS_OF, project);
	// a second hostile name on a customer of the triple-threat table: the most delinquent customer over 85% of its limit
	const account = accountInfo(ds, AS_OF);
	let emu = new Emulator({ projectRoot: ROOT, store, account, project });
	const snap = emu.runScheduled('customscript_o2c_ar_snapshot_ss');
	if (snap.status !== 'COMPLETE') throw new Error(`snapshot failed: ${JSON.stringify(snap.error)}`);
	const candidates = [...store.all('customer')]
		.filter(
			(c) =>
				c.id !== story.customer &&
				Number(c.values.creditlimit) > 0 &&
				(Number(c.values.balance) + Number(c.values.unbilledorders || 0)) / Number(c.values.creditlimit) >= 0.9,
		)
		.sort((a, b) => Number(b.values.overduebalance || 0) - Number(a.values.overduebalance || 0));
	if (candidates[0]) candidates[0].values.companyname = HOSTILE_2;
	// the night's order: customer metrics and the payment forecast before the alert (its email shows the forecast)
	for (const script of ['customscript_o2c_cust_metrics_mr', 'customscript_o2c_forecast_mr']) {
		const r = emu.runMapReduce(script);
		if (r.status !== 'COMPLETE') throw new Error(`${script} failed: ${JSON.stringify(r.inputError)}`);
	}
	emu = new Emulator({ projectRoot: ROOT, store, account, project, outDir });
	const run = emu.runMapReduce('customscript_o2c_dso_alert_mr');
	if (run.status !== 'COMPLETE') throw new Error(`alert map/reduce failed: ${JSON.stringify(run)}`);
	if (emu.emails.length !== 1) throw new Error(`expected one alert email, got ${emu.emails.length}`);
	const html = fs.readdirSync(path.join(outDir, 'emails')).filter((f) => f.endsWith('.html'));
	if (html.length !== 1) throw new Error(`expected one .html email in ${outDir}/emails, found ${html.length}`);
	const evaluation = [...store.all('customrecord_o2c_alert_eval')].find(
		(r) => r.values.custrecord_o2c_ae_fired === true,
	);
	const snapshot = [...store.all('customrecord_o2c_sub_snapshot')].find(
		(r) => r.values.custrecord_o2c_ss_key === `${story.subsidiary}:${AS_OF}`,
	);
	const forecast = [...store.all('customrecord_o2c_cash_fc')].find(
		(r) => r.values.custrecord_o2c_fc_key === String(story.subsidiary),
	);
	return {
		file: path.join(outDir, 'emails', html[0]),
		mail: emu.emails[0],
		evaluation,
		snapshot,
		forecast,
		story,
		secondHostile: candidates[0] ? HOSTILE_2 : null,
	};
}

async function main() {
	const { roundTo } = need('src/TypeScripts/o2c_dso/domain/rounding.js');
	const { formatMoney, fromDecimal } = need('src/TypeScripts/o2c_dso/domain/money.js');
	const produced = produceEmail();
	console.log(`email: ${path.relative(ROOT, produced.file)} (${produced.mail.subject})`);

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
	});
	try {
		const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
		const dialogs = [];
		const external = [];
		const pageErrors = [];
		page.on('dialog', (d) => {
			dialogs.push(d.message());
			d.dismiss().catch(() => undefined);
		});
		page.on('pageerror', (e) => pageErrors.push(String(e)));
		const fileUrl = `file://${produced.file}`;
		await page.route('**/*', (route) => {
			const u = route.request().url();
			if (u === fileUrl || u === encodeURI(fileUrl)) return route.continue();
			external.push(u);
			return route.abort();
		});
		await page.goto(fileUrl, { waitUntil: 'load' });

		const text = await page.evaluate(() => document.body.innerText);
		const v = produced.snapshot.values;
		const cur = v.custrecord_o2c_ss_currency;
		const dsoThis = roundTo(Number(v.custrecord_o2c_ss_dso), 2).toFixed(2);
		const dsoPrior = roundTo(Number(v.custrecord_o2c_ss_dso_prior), 2).toFixed(2);
		check(text.includes(dsoThis) && text.includes(dsoPrior), `DSO ${dsoThis} vs ${dsoPrior} shown`);
		// the change shown is the evaluation record's delta (rounded once), in the title, the summary and the table
		const delta = Number(produced.evaluation.values.custrecord_o2c_ae_delta);
		const deltaText = `${delta > 0 ? '+' : ''}${delta.toFixed(2)}`;
		const heading = await page.evaluate(() => document.querySelector('h1').textContent);
		check(
			heading.endsWith(`(${deltaText})`),
			`the title shows the record's delta ${deltaText}: ${JSON.stringify(heading)}`,
		);
		check(
			text.includes(`${dsoThis} days, ${deltaText} on the prior 30 days`),
			`the summary says ${dsoThis} days, ${deltaText} on the prior 30 days`,
		);
		// the A/R / sales split in the first lines, its parts adding up to the delta
		const firstParagraphs = await page.evaluate(() =>
			[...document.querySelectorAll('p')].slice(0, 3).map((p) => p.textContent),
		);
		const why = firstParagraphs
			.map((p) => /Why it moved: ([+-][0-9.]+) days from the A\/R .* and ([+-][0-9.]+) days from sales/.exec(p))
			.find((m) => m !== null);
		check(
			why !== undefined,
			`the A/R / sales split is in the first paragraphs: ${JSON.stringify(firstParagraphs[1])}`,
		);
		if (why) {
			const sum = Math.round(Number(why[1]) * 100) + Math.round(Number(why[2]) * 100);
			check(sum === Math.round(delta * 100), `A/R part ${why[1]} + sales part ${why[2]} = ${deltaText}`);
		}
		const ar = formatMoney(fromDecimal(v.custrecord_o2c_ss_ar_balance, cur));
		const arPrior = formatMoney(fromDecimal(v.custrecord_o2c_ss_ar_prior, cur));
		check(text.includes(ar) && text.includes(arPrior), `A/R ${ar} vs ${arPrior} shown`);
		// the aging reconciles to that balance
		const open = formatMoney(fromDecimal(v.custrecord_o2c_ss_open_invoices, cur));
		const unapplied = formatMoney(fromDecimal(v.custrecord_o2c_ss_unapplied, cur));
		const reconciliation = `Open invoices ${open} − unapplied cash and credits ${unapplied} = A/R balance ${ar}, as above.`;
		check(text.includes(reconciliation), `aging reconciliation: ${reconciliation}`);
		// recommended actions: every customer link appears in one action only
		const actionLinks = await page.evaluate(() =>
			[...document.querySelectorAll('ol li a[href*="custjob.nl"]')].map((a) => a.getAttribute('href')),
		);
		check(
			actionLinks.length > 0 && new Set(actionLinks).size === actionLinks.length,
			`recommended actions name each customer once (${actionLinks.length} customer links)`,
		);
		check(/Daily credit sales/.test(text), 'daily credit sales row shown');
		check(
			text.includes('Which aging bucket grew') && text.includes('Top customers behind the growth'),
			'investigation sections shown',
		);
		check(text.includes('Recommended actions'), 'recommended actions shown');
		// the cash-in forecast: the stored next 4 weeks against the last 4, and its first 4 weeks as rows
		const fc = produced.forecast.values;
		const next4 = formatMoney(fromDecimal(fc.custrecord_o2c_fc_next4, cur));
		const prior4 = formatMoney(fromDecimal(fc.custrecord_o2c_fc_prior4, cur));
		check(
			text.includes(`${next4} in the next 4 weeks, against ${prior4} received in the last 4 weeks`),
			`forecast: ${next4} expected in the next 4 weeks against ${prior4} received`,
		);
		const weekRows = await page.evaluate(() => {
			const h = [...document.querySelectorAll('h2')].find((e) => e.textContent === 'Cash-in forecast');
			let el = h && h.nextElementSibling;
			while (el && el.tagName !== 'TABLE') el = el.nextElementSibling;
			return el ? [...el.querySelectorAll('tr')].slice(1).map((r) => r.querySelector('td').textContent) : [];
		});
		check(weekRows.join(',') === '1,2,3,4', `forecast weeks 1-4 in a table (${weekRows.join(',')})`);
		check(
			text.indexOf('Cash-in forecast') < text.indexOf('Recommended actions'),
			'the forecast comes before the recommended actions',
		);

		const firstContributor = await page.evaluate(() => {
			const h = [...document.querySelectorAll('h2')].find(
				(e) => e.textContent === 'Top customers behind the growth',
			);
			let el = h && h.nextElementSibling;
			while (el && el.tagName !== 'TABLE') el = el.nextElementSibling;
			const row = el && el.querySelectorAll('tr')[1];
			return row ? row.querySelector('td').textContent : null;
		});
		check(
			firstContributor === HOSTILE,
			`top contributor is the story customer, shown as text: ${JSON.stringify(firstContributor)}`,
		);
		const hostileCount = await page.getByText(HOSTILE, { exact: false }).count();
		check(hostileCount >= 1, `hostile name ${JSON.stringify(HOSTILE)} appears as text (${hostileCount} elements)`);
		if (produced.secondHostile) {
			check(text.includes(HOSTILE_2), `hostile name ${JSON.stringify(HOSTILE_2)} appears as text`);
		}
		const markup = await page.evaluate(() => ({
			scripts: document.querySelectorAll('script').length,
			images: document.querySelectorAll('img').length,
			handlers: [...document.querySelectorAll('*')].filter((e) =>
				[...e.attributes].some((a) => /^on/i.test(a.name)),
			).length,
			styles: document.querySelectorAll('style, link').length,
			links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
			tables: document.querySelectorAll('table').length,
		}));
		check(
			markup.scripts === 0 && markup.images === 0 && markup.handlers === 0,
			`no script, img or event handler in the DOM (${JSON.stringify({ scripts: markup.scripts, images: markup.images, handlers: markup.handlers })})`,
		);
		check(markup.styles === 0, 'no <style> or <link>: inline styles only');
		check(
			dialogs.length === 0 && pageErrors.length === 0,
			`no dialog and no page error (${JSON.stringify(dialogs.concat(pageErrors))})`,
		);
		check(external.length === 0, `no external request (${JSON.stringify(external)})`);
		check(
			markup.links.length > 0 && markup.links.every((h) => /^https:\/\//.test(h)),
			`${markup.links.length} links, all https`,
		);
		check(
			markup.links.some((h) => h.includes(`custjob.nl?id=${produced.story.customer}`)),
			'the story customer record is linked',
		);
		check(
			markup.links.some((h) => h.includes('searchresults.nl?searchid=')),
			'the aging saved search is linked',
		);
		check(markup.tables >= 5, `${markup.tables} tables`);

		fs.mkdirSync(OUT, { recursive: true });
		const png = path.join(OUT, 'dso-alert-email.png');
		await page.screenshot({ path: png, fullPage: true });
		check(fs.statSync(png).size > 10000, `screenshot written: ${path.relative(ROOT, png)}`);
	} finally {
		await browser.close();
	}
	if (failures.length > 0) {
		console.error(`\n${failures.length} check(s) failed`);
		process.exit(1);
	}
	console.log('\nall checks passed');
}

main().catch((e) => {
	console.error(e && e.stack ? e.stack : e);
	process.exit(1);
});
