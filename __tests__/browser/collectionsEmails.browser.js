#!/usr/bin/env node
/**
 * Browser check of the collections emails (npm run test:browser): the broken-promise escalation,
 * the due-date digest and the customer reminders, produced by the BUILT scripts on the generated S
 * account with every customer renamed to a hostile name.
 *
 * 1. Night 2026-05-04 (the digest lists the invoices due 05-05..05-11 of risky customers); on the
 *    business day 05-05 the calling system posts a promise with a hostile note for 05-05 on one open
 *    invoice, nothing is paid toward it, and the nights of 05-05 and 05-06 run: the promise is
 *    broken on night 05-06 and escalated. Customer reminders are turned on (an account-wide
 *    reminder setting) with an admin's template per level whose subject and body hold markup of
 *    their own. The emails are written to out/browser-collections/emails.
 * 2. Each email opens in headless Chromium (no network: every other request is blocked and
 *    counted): the hostile names are text (no script, img or event-handler element, no dialog),
 *    the figures are shown, nothing external was requested, links are https.
 *
 * Plain CommonJS so Node runs it as is; exits non-zero on the first failed check.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..', '..');
const BUILD = path.join(ROOT, 'build', 'local');
const OUT = path.join(ROOT, 'out', 'browser-collections');
const AS_OF = '2026-05-04';
const HOSTILE = '<script>alert(1)</script> & <img src=x onerror=alert(2)> Co';
const ADMIN_MARKUP = '<b onclick="alert(3)">Pay</b> <a href="http://evil.example/">here</a>';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

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

function produceEmails() {
	const { generateDataset } = need('local/data/generate.js');
	const { buildStore, accountInfo } = need('local/emulator/account.js');
	const { loadSdfProject } = need('local/sdf/objects.js');
	const { Emulator } = need('local/emulator/index.js');
	const ds = generateDataset({ size: 'S' });
	for (const c of ds.customers) c.companyName = `${HOSTILE} ${c.id}`;
	const project = loadSdfProject(path.join(ROOT, 'src'));
	fs.rmSync(OUT, { recursive: true, force: true });
	const emu = new Emulator({
		projectRoot: ROOT,
		project,
		dataset: ds,
		store: buildStore(ds, AS_OF, project),
		account: accountInfo(ds, AS_OF),
		outDir: OUT,
	});
	// the admin turns reminders on and writes a template per default level, with markup of their own
	const admin = (type, values) => {
		const id = emu.store.nextId(type);
		emu.store.put({ type, id, values: { name: `${type} ${id}`, isinactive: false, ...values }, texts: {} });
	};
	admin('customrecord_o2c_reminder_setting', {
		custrecord_o2c_rs_subsidiary: null,
		custrecord_o2c_rs_enabled: true,
		custrecord_o2c_rs_levels: '',
	});
	for (const level of [-3, 7, 21, 45])
		admin('customrecord_o2c_reminder_tpl', {
			custrecord_o2c_rt_level: level,
			custrecord_o2c_rt_subsidiary: null,
			custrecord_o2c_rt_subject: `Level ${level} reminder {customer} ${ADMIN_MARKUP}`,
			custrecord_o2c_rt_body: `Dear {customer},\n${ADMIN_MARKUP}\n\n{invoices}\n\n{total} is open.`,
		});
	let promise = null;
	try {
		emu.runDays({
			through: '2026-05-06',
			betweenNights: (e, day) => {
				if (day !== '2026-05-05') return;
				// an open invoice no payment in the dataset touches on 05-05
				const paidLater = new Set();
				for (const t of ds.transactions)
					if (t.tranDate >= '2026-05-05' && t.tranDate <= '2026-05-06')
						for (const a of t.apply || []) paidLater.add(a.doc);
				const inv = [...e.store.all('invoice')].find(
					(r) => Number(r.values.amountremaining) > 100 && !paidLater.has(r.id) && r.values.entity === 1001,
				);
				if (!inv) throw new Error('no open invoice of customer 1001 to promise');
				const r = e.callRestlet('customscript_o2c_collections_rl', 'customdeploy_o2c_collections_rl', 'POST', {
					type: 'promise',
					external_id: 'browser-p-1',
					customer_id: 1001,
					amount: '100.00',
					currency: 'USD',
					promised_date: '2026-05-05',
					invoice_ids: [inv.id],
					note: HOSTILE,
				});
				promise = JSON.parse(r.body);
				if (!promise.ok) throw new Error(`promise refused: ${r.body}`);
			},
		});
		const files = fs.readdirSync(path.join(OUT, 'emails')).filter((f) => f.endsWith('.html'));
		const of = (re) => files.filter((f) => re.test(f)).map((f) => path.join(OUT, 'emails', f));
		const reminders = emu.emails.filter((m) => m.script === 'customscript_o2c_reminder_ss');
		const rows = (m) => (m.body.match(/<tr><td>/g) || []).length;
		const single = reminders.find((m) => rows(m) === 1);
		const multi = reminders.find((m) => rows(m) >= 2);
		return {
			digest: of(/invoices-due/)[0],
			escalation: of(/broken-promise/)[0],
			reminder: single && single.files && single.files.html,
			multiReminder: multi && multi.files && multi.files.html,
			emails: emu.emails,
		};
	} finally {
		emu.close();
	}
}

async function inspect(browser, file, expectTexts, opts = {}) {
	const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
	const dialogs = [];
	const external = [];
	page.on('dialog', (d) => {
		dialogs.push(d.message());
		d.dismiss().catch(() => undefined);
	});
	const fileUrl = `file://${file}`;
	await page.route('**/*', (route) => {
		const u = route.request().url();
		if (u === fileUrl || u === encodeURI(fileUrl)) return route.continue();
		external.push(u);
		return route.abort();
	});
	await page.goto(fileUrl, { waitUntil: 'load' });
	const name = path.basename(file);
	const text = await page.evaluate(() => document.body.innerText);
	for (const t of expectTexts) check(text.includes(t), `${name}: shows ${JSON.stringify(t)}`);
	check(text.includes(HOSTILE), `${name}: the hostile name is text`);
	if (opts.adminMarkup) {
		check(text.includes(ADMIN_MARKUP), `${name}: the admin's markup is text`);
		const title = await page.title();
		check(
			/^Level -?\d+ reminder /.test(title) && title.includes(HOSTILE) && title.includes(ADMIN_MARKUP),
			`${name}: the subject (the page title) is the admin's template with the hostile name, as text`,
		);
	}
	const markup = await page.evaluate(() => ({
		scripts: document.querySelectorAll('script').length,
		images: document.querySelectorAll('img').length,
		handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name)))
			.length,
		links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
	}));
	check(
		markup.scripts === 0 && markup.images === 0 && markup.handlers === 0,
		`${name}: no script, img or event handler (${JSON.stringify(markup)})`,
	);
	check(dialogs.length === 0, `${name}: no dialog`);
	check(external.length === 0, `${name}: no external request (${JSON.stringify(external)})`);
	check(
		markup.links.every((h) => /^https:\/\//.test(h)),
		`${name}: ${markup.links.length} link(s), all https`,
	);
	await page.screenshot({ path: file.replace(/\.html$/, '.png'), fullPage: true });
	await page.close();
}

async function main() {
	const produced = produceEmails();
	check(produced.digest !== undefined, 'a due-date digest was written');
	check(produced.escalation !== undefined, 'a broken-promise escalation was written');
	check(
		produced.emails.filter((m) => m.subject.startsWith('Broken promise')).length === 1,
		'the broken promise was escalated once over the nights',
	);
	check(produced.reminder !== undefined, 'a customer reminder of one invoice was written');
	check(produced.multiReminder !== undefined, 'a customer reminder listing several invoices was written');
	const reminders = produced.emails.filter((m) => m.script === 'customscript_o2c_reminder_ss');
	const perDay = new Set(reminders.map((m) => `${m.to.join(',')} ${m.at.slice(0, 10)}`));
	check(perDay.size === reminders.length, `${reminders.length} reminders, at most one per customer per day`);
	const { chromium } = require('playwright-core');
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
	});
	try {
		if (produced.digest)
			await inspect(browser, produced.digest, [
				'fall due from 2026-05-05 to 2026-05-11',
				'Due',
				'Customer',
				'Invoice',
			]);
		if (produced.escalation)
			await inspect(browser, produced.escalation, ['USD 100.00 promised for 2026-05-05', 'Paid by then']);
		if (produced.reminder)
			await inspect(browser, produced.reminder, ['Dear', 'Invoice', 'Due', 'Open', 'is open.'], {
				adminMarkup: true,
			});
		if (produced.multiReminder)
			await inspect(browser, produced.multiReminder, ['Dear', 'days overdue', 'is open.'], { adminMarkup: true });
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
