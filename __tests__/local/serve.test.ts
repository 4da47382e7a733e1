/**
 * `npm run local -- serve` end to end: started as a user starts it (the CLI, a real process),
 * called over HTTP with the tokens of serve.json, stopped with SIGTERM (report.json written, exit
 * 0); and, in process, any deployed RESTlet answered as NetSuite answers (status codes, content
 * types, error bodies, audiences) using the emulator fixture project's RESTlet.
 * Needs the build (`npm test` builds first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeDataset } from '../../local/data/load';
import { readReceived } from '../../local/collectionsReceiver';
import { startServe, startServer, type ServerHandle } from '../../local/serve';
import { D as PUSH_DAY, pushDataset } from '../collections/support/pushDataset';
import { handDataset, HAND_AS_OF } from '../snapshot/support/handDataset';
import { newEmulator } from '../emulator/helpers';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'build', 'local', 'local', 'cli.js');
const SL = '/app/site/hosting/scriptlet.nl?script=customscript_o2c_drilldown_sl&deploy=customdeploy_o2c_drilldown_sl';

function tmp(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'o2c-serve-'));
}

interface ServeJson {
	url: string;
	tokens: Record<string, string>;
}

async function waitFor<T>(what: string, fn: () => T | null, ms = 60_000): Promise<T> {
	const until = Date.now() + ms;
	for (;;) {
		const v = fn();
		if (v !== null) return v;
		if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

async function get(
	url: string,
	headers: Record<string, string> = {},
	init: RequestInit = {},
): Promise<{ status: number; type: string; body: string; headers: Headers }> {
	const r = await fetch(url, { redirect: 'manual', ...init, headers });
	return { status: r.status, type: r.headers.get('content-type') ?? '', body: await r.text(), headers: r.headers };
}

describe('serve as a user runs it (CLI process)', () => {
	let child: ChildProcess;
	let out: string;
	let s: ServeJson;
	let exit: Promise<number | null>;
	const bearer = (role: string): Record<string, string> => ({
		Authorization: `Bearer ${s.tokens[role] ?? 'missing'}`,
	});

	beforeAll(async () => {
		const dir = tmp();
		out = path.join(dir, 'out');
		const data = path.join(dir, 'hand.json');
		writeDataset(handDataset(), data);
		child = spawn(process.execPath, [CLI, 'serve', '--data', data, '--as-of', HAND_AS_OF, '--out', out], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let log = '';
		child.stdout?.on('data', (c: Buffer) => (log += c.toString()));
		child.stderr?.on('data', (c: Buffer) => (log += c.toString()));
		exit = new Promise((resolve) =>
			child.on('exit', (code) => {
				resolve(code);
			}),
		);
		const file = path.join(out, 'serve.json');
		s = await waitFor(`serve.json (${log})`, () =>
			fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as ServeJson) : null,
		);
	}, 90_000);

	afterAll(() => {
		if (child.exitCode === null) child.kill('SIGKILL');
	});

	test("serve.json: a 127.0.0.1 URL and one token per role (administrator, the audiences' roles, an outsider)", () => {
		expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		// the collections RESTlet's audience adds the calling system's integration role
		expect(Object.keys(s.tokens).sort()).toEqual([
			'accountant',
			'administrator',
			'ar_clerk',
			'customrole_o2c_collections',
			'outsider',
		]);
		expect(new Set(Object.values(s.tokens)).size).toBe(5);
	});

	test('no token or an unknown one: 401', async () => {
		expect((await get(`${s.url}/`)).status).toBe(401);
		expect((await get(`${s.url}/`, { Authorization: 'Bearer nope' })).status).toBe(401);
		expect((await get(`${s.url}${SL}`)).status).toBe(401);
	});

	test('an A/R clerk gets the published dashboard: its four portlets in their columns, each with a title bar', async () => {
		const r = await get(`${s.url}/`, bearer('ar_clerk'));
		expect(r.status).toBe(200);
		expect(r.type).toBe('text/html; charset=utf-8');
		const order = [...r.body.matchAll(/data-column="(\w+)"|data-script="(\w+)"/g)].map((m) => m[1] ?? m[2]);
		expect(order).toEqual([
			'leftcolumn',
			'customscript_o2c_kpi_pt',
			'centercolumn',
			'customscript_o2c_aging_pt',
			'customscript_o2c_worklist_pt',
			'rightcolumn',
			'customscript_o2c_dso_trend_pt',
		]);
		for (const title of ['A/R KPIs and promises', 'A/R aging', 'Collections worklist', 'DSO trend (90 days)']) {
			expect(r.body).toContain(`<div class="ns-portlet-title">${title}</div>`);
		}
	});

	test('the administrator previews it; an outsider has no dashboard and is refused the Suitelet', async () => {
		expect((await get(`${s.url}/`, bearer('administrator'))).body).toContain(
			'Administrator preview of the published dashboard',
		);
		const o = await get(`${s.url}/`, bearer('outsider'));
		expect(o.body).toContain('No dashboard is published to your role (Sales Person)');
		const sl = await get(`${s.url}${SL}`, bearer('outsider'));
		expect(sl.status).toBe(403);
		expect(sl.body).toContain('INSUFFICIENT_PERMISSION');
	});

	test('the Suitelet answers the clerk and the accountant; its CSV is a download; an unknown Suitelet is 404', async () => {
		const page = await get(`${s.url}${SL}&bucket=1-30`, bearer('accountant'));
		expect(page.status).toBe(200);
		// Acme's INV-1 (200 of 600 open, due 04-19) and INV-3 (1,000, due 04-30): the 1-30 bucket of US
		expect(page.body).toContain('<b>2</b> open invoices, open amount <b>USD 1,200.00</b>');
		const csv = await get(`${s.url}${SL}&format=csv`, bearer('ar_clerk'));
		expect(csv.type).toBe('text/csv; charset=utf-8');
		// exported the day after the night of 05-04 (the emulator's business day after a night)
		expect(csv.headers.get('content-disposition')).toBe('attachment; filename="open-invoices-2026-05-05.csv"');
		// the header and the four open invoices: Acme's two, Globex's 300 and Initech's 450 EUR
		expect(csv.body.split('\r\n').filter((l) => l !== '')).toHaveLength(5);
		expect(
			(await get(`${s.url}/app/site/hosting/scriptlet.nl?script=customscript_nope&deploy=x`, bearer('ar_clerk')))
				.status,
		).toBe(404);
	});

	test('/login sets a session cookie, and links lead to the customer and invoice pages', async () => {
		const login = await get(`${s.url}/login?token=${encodeURIComponent(s.tokens.ar_clerk ?? '')}`);
		expect(login.status).toBe(302);
		const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
		expect(cookie).toMatch(/^o2c_session=/);
		expect((await get(`${s.url}/`, { Cookie: cookie })).status).toBe(200);
		const customer = await get(`${s.url}/app/common/entity/custjob.nl?id=100`, { Cookie: cookie });
		expect(customer.body).toContain('<td>Acme</td>');
		const invoice = await get(`${s.url}/app/accounting/transactions/custinvc.nl?id=1`, { Cookie: cookie });
		expect(invoice.status).toBe(200);
		expect((await get(`${s.url}/app/common/entity/custjob.nl?id=999`, { Cookie: cookie })).status).toBe(404);
	});

	test('/analytics shows the three workbook plug-ins, each with its pivots and charts', async () => {
		const r = await get(`${s.url}/analytics`, bearer('accountant'));
		expect(r.status).toBe(200);
		const books = [...r.body.matchAll(/data-workbook="(\w+)"/g)].map((m) => m[1]);
		expect(books).toEqual([
			'customscript_o2c_wb_dso_trend',
			'customscript_o2c_wb_open_ar',
			'customscript_o2c_wb_pay_behaviour',
		]);
		for (const id of ['customers_by_bucket', 'dso_by_day', 'segments'])
			expect(r.body).toContain(`data-pivot="${id}"`);
		for (const id of ['open_by_bucket', 'dso_line', 'segment_bar']) expect(r.body).toContain(`data-chart="${id}"`);
		expect(r.body).not.toContain('does not build');
		expect((await get(`${s.url}/analytics`)).status).toBe(401);
	});

	test('SIGTERM: exit 0 and report.json, whose governance includes the requests served', async () => {
		child.kill('SIGTERM');
		expect(await exit).toBe(0);
		const report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as {
			format: string;
			governance: { script: string }[];
		};
		expect(report.format).toBe('o2c-report/1');
		const scripts = new Set(report.governance.map((g) => g.script));
		for (const id of ['customscript_o2c_kpi_pt', 'customscript_o2c_aging_pt', 'customscript_o2c_drilldown_sl'])
			expect(scripts.has(id)).toBe(true);
		expect(fs.existsSync(path.join(out, 'portlets', 'customscript_o2c_aging_pt.html'))).toBe(true);
	});
});

describe('serve runs the collections push as `run` does', () => {
	test("without --collections-url the night's payloads reach serve's own receiver, none stopped on an empty endpoint", async () => {
		const out = path.join(tmp(), 'out');
		const h = await startServe({ projectRoot: ROOT, data: pushDataset(), asOf: PUSH_DAY, out });
		await h.stop();
		const c = h.run.report.collections as { selected: number; acknowledged: number; stopped?: string[] };
		expect(c.stopped).toBeUndefined();
		const received = readReceived(path.join(out, 'collections', 'received.ndjson'));
		// the push account's night selects Premier (100: 2,000.00 USD, 55 days) and Kessler (102:
		// 2,450.00 EUR, 75 days); Bolt is below the minimum, Dormant has nothing open
		expect(c).toMatchObject({ selected: 2, acknowledged: 2 });
		const posts = received.filter((r) => r.method === 'POST');
		expect(posts.map((r) => (r.body as { customer_id: string }).customer_id).sort()).toEqual(['100', '102']);
	}, 90_000);
});

describe("any deployed RESTlet (the emulator fixture project's)", () => {
	let h: ServerHandle;
	const RL = '/app/site/hosting/restlet.nl?script=customscript_t_rl';
	const auth = (role: string, extra: Record<string, string> = {}): Record<string, string> => ({
		Authorization: `Bearer ${h.tokens[role] ?? ''}`,
		...extra,
	});

	beforeAll(async () => {
		h = await startServer({ emulator: newEmulator(), accountName: 'Acme Wholesale' });
	});
	afterAll(async () => h.stop());

	test("GET with JSON: 200, the query as an object, the request's content type back", async () => {
		const r = await get(
			`${h.url}${RL}&deploy=customdeploy_t_rl_clerk&customer=100`,
			auth('ar_clerk', { 'Content-Type': 'application/json' }),
		);
		expect(r.status).toBe(200);
		expect(r.type).toBe('application/json');
		expect(JSON.parse(r.body)).toMatchObject({
			params: { script: 'customscript_t_rl', deploy: 'customdeploy_t_rl_clerk', customer: '100' },
			ctx: 'RESTLET',
		});
	});

	test('a role outside the audience: 403 with an error body; no token: 401 INVALID_LOGIN_ATTEMPT', async () => {
		const r = await get(
			`${h.url}${RL}&deploy=customdeploy_t_rl_clerk`,
			auth('accountant', { 'Content-Type': 'application/json' }),
		);
		expect(r.status).toBe(403);
		expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'INSUFFICIENT_PERMISSION' } });
		const n = await get(`${h.url}${RL}&deploy=customdeploy_t_rl`, { 'Content-Type': 'application/json' });
		expect(n.status).toBe(401);
		expect(JSON.parse(n.body)).toEqual({
			error: { code: 'INVALID_LOGIN_ATTEMPT', message: 'Invalid login attempt.' },
		});
	});

	test('POST without Content-Type: 415; GET with a body: 400; an unknown deployment: 404', async () => {
		expect(
			(
				await get(`${h.url}${RL}&deploy=customdeploy_t_rl`, auth('outsider'), {
					method: 'POST',
					body: new TextEncoder().encode('{}'),
				})
			).status,
		).toBe(415);
		const body = await get(
			`${h.url}${RL}&deploy=customdeploy_t_rl`,
			auth('outsider', { 'Content-Type': 'application/json' }),
			{ method: 'DELETE', body: 'x' },
		);
		expect(body.status).toBe(400);
		const nf = await get(
			`${h.url}${RL}&deploy=customdeploy_nope`,
			auth('outsider', { 'Content-Type': 'application/json' }),
		);
		expect(nf.status).toBe(404);
		expect(JSON.parse(nf.body)).toMatchObject({ error: { code: 'SSS_INVALID_SCRIPTLET_ID' } });
	});

	test('a thrown error: 400 {"error": {code, message}}; text without Content-Type refuses an object', async () => {
		const put = await get(
			`${h.url}${RL}&deploy=customdeploy_t_rl`,
			auth('outsider', { 'Content-Type': 'application/json' }),
			{ method: 'PUT', body: '{}' },
		);
		expect(put.status).toBe(400);
		expect(JSON.parse(put.body)).toEqual({ error: { code: 'T_PUT_REFUSED', message: 'no puts' } });
		const text = await get(`${h.url}${RL}&deploy=customdeploy_t_rl`, auth('outsider'));
		expect(text.status).toBe(400);
		expect(text.type).toBe('text/plain');
		expect(text.body).toBe(
			'error code: INVALID_RETURN_DATA_FORMAT\nerror message: Invalid data format. You should return text.',
		);
	});
});
