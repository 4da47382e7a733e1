/**
 * Runners: RESTlet requests and responses, portlets, the nightly schedule, the N/task queue and
 * the records every execution leaves (governanceLog, logs, emails).
 */
import { ACCOUNT, FIXTURE_ROOT, makeStore, mrLogged, newEmulator } from './helpers';
import { EmulatorRuntime } from '../../local/emulator/runners';

/** A RESTlet's response body for an error: {"error": {code, message}}. */
interface RestletErrorBody {
	error: { code: string; message: string };
}

const errorBody = (body: string): RestletErrorBody => JSON.parse(body) as RestletErrorBody;

describe('callRestlet', () => {
	const RL = 'customscript_t_rl';
	const DEP = 'customdeploy_t_rl';

	test('GET passes the query parameters (plus script and deploy) as an object; the return value is stringified', () => {
		const emu = newEmulator();
		const r = emu.callRestlet(RL, DEP, 'GET', { customer: 100, q: 'x' });
		expect(r.code).toBe(200);
		expect(r.contentType).toBe('application/json');
		expect(JSON.parse(r.body)).toEqual({
			params: { script: RL, deploy: DEP, customer: '100', q: 'x' },
			ctx: 'RESTLET',
			isObject: true,
		});
	});

	test('POST with a JSON content type hands the entry point a parsed object of the script realm', () => {
		const emu = newEmulator();
		const r = emu.callRestlet(RL, DEP, 'POST', '{"a":[1,2],"b":"x"}');
		expect(JSON.parse(r.body)).toEqual({
			type: 'object',
			isObject: true,
			echo: { a: [1, 2], b: 'x' },
			remaining: 5000,
		});
	});

	test('POST with text/plain hands over the string; an object returned to a text request is INVALID_RETURN_DATA_FORMAT', () => {
		const emu = newEmulator();
		const r = emu.callRestlet(RL, DEP, 'POST', '{"a":1}', { contentType: 'text/plain' });
		// the entry point ran with the string (it logs nothing, so its remaining usage is not visible): the
		// response format follows the request, and the RESTlet returned an object to a text request
		expect(r).toMatchObject({
			code: 400,
			contentType: 'text/plain',
			body: 'error code: INVALID_RETURN_DATA_FORMAT\nerror message: Invalid data format. You should return text.',
		});
	});

	test('no Content-Type: a GET is answered as plain text, a POST is refused with 415', () => {
		const emu = newEmulator();
		const get = emu.callRestlet(RL, DEP, 'GET', {}, { contentType: null });
		expect(get).toMatchObject({ code: 400, contentType: 'text/plain' });
		expect(get.body).toContain('INVALID_RETURN_DATA_FORMAT');
		const post = emu.callRestlet(RL, DEP, 'POST', '{}', { contentType: null });
		expect(post.code).toBe(415);
		expect(emu.governanceLog).toHaveLength(1); // the refused POST never ran
	});

	test('a thrown SuiteScriptError is an HTTP 400 with {"error": {code, message}}', () => {
		const emu = newEmulator();
		const r = emu.callRestlet(RL, DEP, 'PUT', '{}');
		expect(r.code).toBe(400);
		expect(JSON.parse(r.body)).toEqual({ error: { code: 'T_PUT_REFUSED', message: 'no puts' } });
		expect(emu.logs.filter((l) => l.system).map((l) => l.title)).toEqual(['T_PUT_REFUSED']);
	});

	test('a JavaScript error is an HTTP 400 with code JS_EXCEPTION', () => {
		const r = newEmulator().callRestlet(RL, DEP, 'DELETE', {});
		expect(r.code).toBe(400);
		const body = errorBody(r.body);
		expect(body.error.code).toBe('JS_EXCEPTION');
		expect(body.error.message).toMatch(/^TypeError: /);
	});

	test('malformed JSON is an HTTP 400 SYNTAX_ERROR; a text/plain error body is text', () => {
		const emu = newEmulator();
		const bad = emu.callRestlet(RL, DEP, 'POST', '{not json');
		expect(bad.code).toBe(400);
		expect(errorBody(bad.body).error.code).toBe('SYNTAX_ERROR');
		const text = emu.callRestlet(RL, DEP, 'PUT', 'x', { contentType: 'text/plain' });
		expect(text).toMatchObject({ code: 400, body: 'error code: T_PUT_REFUSED\nerror message: no puts' });
	});

	test('a method without an entry point is refused', () => {
		const r = newEmulator().callRestlet(RL, DEP, 'PATCH', {});
		expect(r.code).toBe(405);
		expect(errorBody(r.body).error.code).toBe('METHOD_NOT_ALLOWED');
	});

	test('each request is one governed execution of 5,000 units', () => {
		const emu = newEmulator();
		emu.callRestlet(RL, DEP, 'POST', { burn: 7 });
		// a RESTlet is called in the business day after the night of the as-of date: noon in New York
		expect(emu.governanceLog).toEqual([
			{
				script: RL,
				deployment: DEP,
				night: '2026-01-15',
				unitsUsed: 7,
				unitsLimit: 5000,
				startedAt: '2026-01-16T17:00:00.000Z',
				// the calls behind the units (the benchmark counts pages and record writes from them)
				calls: { 'Cache.put': { calls: 7, units: 7 } },
				wallMs: expect.any(Number) as number,
			},
		]);
	});
});

describe('renderPortlet', () => {
	test('HTML portlet: title and html, params.column a string (docs: "1" left, "2" centre, "3" right), params.entity the user', () => {
		const p = newEmulator().renderPortlet('customscript_t_html_pt', undefined, { column: 3 });
		expect(p).toMatchObject({
			portletType: 'HTML',
			title: 'A/R at a glance',
			html: '<div class="o2c">column 3 (string) for 1 in PORTLET</div>',
			unitsLimit: 1000,
		});
		expect(p.error).toBeUndefined();
	});

	test('LIST portlet: addColumn / addRow / addRows', () => {
		const p = newEmulator().renderPortlet('customscript_t_list_pt');
		expect(p.title).toBe('Top overdue');
		expect(p.columns).toEqual([
			{ id: 'customer', label: 'Customer', type: 'text', align: 'LEFT' },
			{ id: 'overdue', label: 'Overdue', type: 'currency' },
		]);
		expect(p.rows).toEqual([
			{ customer: 'Premier', overdue: '1200.5' },
			{ customer: 'Acme', overdue: '10' },
			{ customer: 'Zed', overdue: '' },
		]);
	});

	test('a LIST method on an HTML portlet fails the render with SSS_INVALID_UI_OBJECT_TYPE', () => {
		const p = newEmulator().renderPortlet('customscript_t_bad_pt');
		expect(p.error).toMatchObject({ name: 'SSS_INVALID_UI_OBJECT_TYPE' });
		expect(p.title).toBe('wrong kind');
	});
});

describe('runNightly', () => {
	test('the night covering the as-of date: every SCHEDULED deployment firing on the next day at its UTC start time converted to the account zone, in start order, tasks drained after each run', () => {
		// Oracle help, "Date and Time Formats in SDF Custom Objects": starttime HH:mm:ssZ is UTC and is
		// converted to the account's time zone when deployed. In New York (UTC-5 in January):
		// 05:30:00Z = 00:30, 01:00:00Z = 20:00 the evening before, 03:00:00Z = 22:00 the evening before.
		// The night covering Thursday 2026-01-15 is Friday 2026-01-16 in New York.
		const emu = newEmulator();
		const night = emu.runNight();
		expect(night.night).toBe('2026-01-15');
		const results = night.runs;
		// weekly (00:30:00Z on Mondays = Sundays 19:30 in New York) does not fire on a Friday; NOTSCHEDULED never runs
		expect(results.map((r) => [r.scriptId, r.deploymentId, r.startedAt])).toEqual([
			['customscript_t_probe_ss', 'customdeploy_t_probe_audit', '2026-01-16T05:30:00.000Z'],
			['customscript_t_nightly_ss', 'customdeploy_t_nightly_ss', '2026-01-17T01:00:00.000Z'],
			['customscript_t_mr', 'customdeploy_t_mr', '2026-01-17T03:00:00.000Z'],
		]);
		expect(results.every((r) => r.status === 'COMPLETE')).toBe(true);
		// the map/reduce submitted by the 20:00 script ran right after it, before the 22:00 one
		expect(results[1]!.tasks.map((t) => [t.kind, t.task.deploymentId, t.task.status, t.result.status])).toEqual([
			['MAP_REDUCE', 'customdeploy_t_mr_od', 'COMPLETE', 'COMPLETE'],
		]);
		expect(emu.governanceLog.map((g) => [g.script, g.deployment, g.stage ?? null])).toEqual([
			['customscript_t_probe_ss', 'customdeploy_t_probe_audit', null],
			['customscript_t_nightly_ss', 'customdeploy_t_nightly_ss', null],
			['customscript_t_mr', 'customdeploy_t_mr_od', 'getInputData'],
			['customscript_t_mr', 'customdeploy_t_mr_od', 'map'],
			['customscript_t_mr', 'customdeploy_t_mr_od', 'reduce'],
			['customscript_t_mr', 'customdeploy_t_mr_od', 'summarize'],
			['customscript_t_mr', 'customdeploy_t_mr', 'getInputData'],
			['customscript_t_mr', 'customdeploy_t_mr', 'map'],
			['customscript_t_mr', 'customdeploy_t_mr', 'reduce'],
			['customscript_t_mr', 'customdeploy_t_mr', 'summarize'],
		]);
		expect(night.governance).toEqual(emu.governanceLog);
		// the task ran with its params (mode 'object'), the scheduled deployment with its own (mode 'basic')
		const summaries = mrLogged(emu.logs, 'summary');
		expect(summaries.map((s) => s.output.map((o) => o[0]))).toEqual([
			['first', 'second', 'third'],
			['A', 'B', 'C'],
		]);
		expect(emu.logs.find((l) => l.title === 'nightly')).toMatchObject({ details: '2026-01-17T01:00:00.000Z' });
	});
});

describe('the N/task queue', () => {
	test('runScheduled drains the tasks its run submitted, in submission order; checkStatus follows the task', () => {
		const emu = newEmulator();
		const r = emu.runScheduled('customscript_t_probe_ss', undefined, { params: { custscript_t_mode: 'tasks' } });
		expect(r.tasks.map((t) => [t.task.taskId, t.kind])).toEqual([
			['MAPREDUCETASK_0000000001', 'MAP_REDUCE'],
			['SCHEDSCRIPT_0000000002', 'SCHEDULED_SCRIPT'],
		]);
		expect(emu.tasks.every((t) => t.status === 'COMPLETE')).toBe(true);
		expect(emu.tasks[0]!.params).toEqual({ custscript_t_mr_mode: 'basic' });
		expect(emu.tasks[0]!.submittedBy).toEqual({
			scriptId: 'customscript_t_probe_ss',
			deploymentId: 'customdeploy_t_probe_ss',
		});
	});

	test('once a deployment finished it can be submitted again', () => {
		const emu = newEmulator();
		emu.runScheduled('customscript_t_probe_ss', undefined, { params: { custscript_t_mode: 'tasks' } });
		const again = emu.runScheduled('customscript_t_probe_ss', undefined, {
			params: { custscript_t_mode: 'tasks' },
		});
		expect(again.status).toBe('COMPLETE');
		expect(again.tasks).toHaveLength(2);
		expect(emu.tasks.map((t) => t.taskId)).toEqual([
			'MAPREDUCETASK_0000000001',
			'SCHEDSCRIPT_0000000002',
			'MAPREDUCETASK_0000000003',
			'SCHEDSCRIPT_0000000004',
		]);
	});
});

describe('nights and days (README "Nights and days")', () => {
	test('start times are converted with the offset of the deploy day and then kept as local time', () => {
		// deployed in July (EDT, UTC-4): 01:00:00Z became 21:00 local, which the January night keeps (02:00Z in EST)
		const emu = newEmulator({ deployedOn: '2026-07-01' });
		const night = emu.runNight();
		expect(night.runs.find((r) => r.scriptId === 'customscript_t_nightly_ss')?.startedAt).toBe(
			'2026-01-17T02:00:00.000Z',
		);
	});

	test('a local start time that a daylight-saving change skips runs when the clocks resume (the hour after)', () => {
		// 07:30:00Z deployed in January is 02:30 in New York; on 2026-03-08 02:30 does not exist: 03:30 EDT = 07:30Z
		const rt = new EmulatorRuntime({
			projectRoot: FIXTURE_ROOT,
			store: makeStore(),
			account: { ...ACCOUNT, asOf: '2026-03-07' },
			deployedOn: '2026-01-15',
		});
		const rec = { kind: 'daily', starttime: '07:30:00Z', startdate: '2026-01-01' } as const;
		expect(rt.localStart(rec)).toEqual({ hour: 2, minute: 30, second: 0, dayShift: 0 });
		expect(new Date(rt.nightStartMs(rec)).toISOString()).toBe('2026-03-08T07:30:00.000Z');
	});

	test('advancing the account: refused while tasks are queued; afterwards runs and calls happen a day later', () => {
		const emu = newEmulator();
		emu.submitTask('SCHEDULED_SCRIPT', 'customscript_t_probe_ss', 'customdeploy_t_probe_od2', {
			custscript_t_mode: 'noop',
		});
		expect(() => emu.advanceDay(makeStore())).toThrow(/tasks are still queued/);
		emu.drainTasks();
		expect(emu.advanceDay(makeStore())).toBe('2026-01-16');
		expect(emu.asOf).toBe('2026-01-16');
		emu.callRestlet('customscript_t_rl', 'customdeploy_t_rl', 'POST', { burn: 1 });
		expect(emu.governanceLog.at(-1)).toMatchObject({ night: '2026-01-16', startedAt: '2026-01-17T17:00:00.000Z' });
		expect(() => newEmulator().advanceDay()).toThrow(/created without `dataset`/);
	});
});
