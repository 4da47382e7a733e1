/**
 * `npm run screenshots`: serves the sample account (the generated S dataset at 2026-05-04) and
 * photographs it in headless Chromium (Debian's /usr/bin/chromium or CHROMIUM_PATH, driven by
 * playwright-core; nothing but the local server is reachable): the A/R clerk's dashboard, the
 * drill-down of the oldest bucket, the workbooks page, and each portlet in a narrow column.
 * Writes out/screenshots/*.png; `--docs` also copies the dashboard to docs/img/dashboard.png.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { generateDataset } from './data/generate';
import { writeDataset } from './data/load';
import { checkRunFolder, markRunFolder, OutputError } from './outputs';
import { startServe } from './serve';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const OUT = path.join(ROOT, 'out', 'screenshots');
const AS_OF = '2026-05-04';
const SL = '/app/site/hosting/scriptlet.nl?script=customscript_o2c_drilldown_sl&deploy=customdeploy_o2c_drilldown_sl';

async function main(): Promise<void> {
	const docs = process.argv.includes('--docs');
	// replaced only when new, empty or written by an earlier `npm run screenshots` (its mark lists
	// every file it wrote): a file someone put there is never deleted
	checkRunFolder(OUT, { keep: [{ path: ROOT, what: 'the project' }], label: path.relative(ROOT, OUT) });
	fs.rmSync(OUT, { recursive: true, force: true });
	fs.mkdirSync(OUT, { recursive: true });
	try {
		await photograph(docs);
	} finally {
		markRunFolder(OUT, { tool: 'o2c-dso screenshots' });
	}
}

async function photograph(docs: boolean): Promise<void> {
	const data = path.join(OUT, 'dataset.json');
	writeDataset(generateDataset({ size: 'S', asOf: AS_OF }), data);
	const serve = await startServe({ projectRoot: ROOT, data, asOf: AS_OF, out: path.join(OUT, 'serve') });
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
	const written: string[] = [];
	try {
		const context = await browser.newContext({
			viewport: { width: 1440, height: 900 },
			extraHTTPHeaders: { Authorization: `Bearer ${serve.tokens.ar_clerk ?? ''}` },
		});
		await context.route('**/*', (route) =>
			route.request().url().startsWith(`${serve.url}/`) ? route.continue() : route.abort(),
		);
		const page = await context.newPage();
		const shot = async (url: string, name: string, fullPage: boolean): Promise<void> => {
			await page.goto(`${serve.url}${url}`, { waitUntil: 'load' });
			const file = path.join(OUT, name);
			await page.screenshot({ path: file, fullPage });
			written.push(file);
		};
		await shot('/', 'dashboard.png', true);
		await shot(`${SL}&bucket=overdue&sort=amount&dir=desc`, 'drilldown.png', false);
		await shot('/analytics', 'analytics.png', false);
		await page.goto(`${serve.url}/`, { waitUntil: 'load' });
		for (const el of await page.$$('section.ns-portlet')) {
			const id = (await el.getAttribute('data-script')) ?? 'portlet';
			const file = path.join(OUT, `${id}.png`);
			await el.screenshot({ path: file });
			written.push(file);
		}
	} finally {
		await browser.close();
		await serve.stop();
	}
	if (docs) {
		const target = path.join(ROOT, 'docs', 'img', 'dashboard.png');
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.copyFileSync(path.join(OUT, 'dashboard.png'), target);
		written.push(target);
	}
	for (const f of written)
		console.log(`${path.relative(ROOT, f)} (${String(Math.round(fs.statSync(f).size / 1024))} KB)`);
}

main().catch((e: unknown) => {
	// a refused folder is the user's to sort out: its message, not a stack
	console.error(e instanceof OutputError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e));
	process.exitCode = 1;
});
