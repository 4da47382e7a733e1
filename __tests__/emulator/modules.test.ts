/**
 * The emulated N/* modules, each behaviour against the platform fact it copies.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { htmlToText } from '../../local/emulator/modules/email';
import { logged, newEmulator, probe } from './helpers';

describe('N/runtime', () => {
	test('getParameter is typed by the parameter fieldtype; unknown -> null; empty -> ""; SDF references -> script id', () => {
		const p = probe(newEmulator(), 'params');
		expect(p).toMatchObject({
			int: 42,
			float: 2.5,
			money: 1200.5,
			pct: 12.5,
			flag: true,
			date: '2026-03-01T05:00:00.000Z', // midnight in New York
			url: 'https://collections.example.com/v1',
			search: 'customsearch_t_open',
			empty: '',
			unknown: null,
			types: ['number', 'boolean', 'string'],
		});
	});

	test('run params override deployment values and are typed too', () => {
		const p = probe(newEmulator(), 'params', {
			custscript_t_int: '7',
			custscript_t_flag: false,
			custscript_t_date: '2/3/2026',
		});
		expect(p).toMatchObject({ int: 7, flag: false, date: '2026-02-03T05:00:00.000Z', mode: 'params' });
	});

	test('script, user, executionContext, accountId, envType, features (dataset features + the manifest required ones)', () => {
		const r = probe(newEmulator(), 'runtime');
		expect(r).toMatchObject({
			id: 'customscript_t_probe_ss',
			deploymentId: 'customdeploy_t_probe_ss',
			logLevel: 'DEBUG',
			ctx: 'SCHEDULED',
			isScheduled: true,
			accountId: 'ACME_WHOLESALE',
			envType: 'PRODUCTION',
			prod: 'PRODUCTION',
			user: { id: 1, email: 'admin@acme.example', role: 3, roleId: 'administrator', subsidiary: 1 },
			multi: true,
			subs: true,
			scripting: true,
			advanced: false,
			helper: 42,
		});
	});

	test('members the emulator does not implement throw EMULATOR_UNSUPPORTED instead of returning undefined', () => {
		const r = probe(newEmulator(), 'runtime');
		expect(r.version.name).toBe('EMULATOR_UNSUPPORTED');
		expect(r.session.name).toBe('EMULATOR_UNSUPPORTED');
		expect(r.unknownMember).toMatchObject({
			name: 'EMULATOR_UNSUPPORTED',
			message: 'The local emulator does not support N/runtime.notAThing.',
		});
	});
});

describe('N/log', () => {
	test('entries below the deployment log level are dropped; both call forms; objects JSON-stringified', () => {
		const emu = newEmulator();
		emu.runScheduled('customscript_t_probe_ss', 'customdeploy_t_probe_audit');
		const entries = emu.logs.map((l) => [l.level, l.title, l.details]);
		expect(entries).toEqual([
			['AUDIT', 'a-title', '{"n":1}'],
			['ERROR', 'e-title', 'error details'],
			['EMERGENCY', 'x-title', 'emergency details'],
		]);
		expect(emu.logs[0]).toMatchObject({
			script: 'customscript_t_probe_ss',
			deployment: 'customdeploy_t_probe_audit',
			at: '2026-01-16T05:30:00.000Z', // 05:30:00Z in the night after the as-of date
		});
	});

	test('nothing is echoed to stdout, stderr or the console', () => {
		const out = jest.spyOn(process.stdout, 'write');
		const err = jest.spyOn(process.stderr, 'write');
		const cons = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => jest.spyOn(console, m));
		try {
			const emu = newEmulator();
			emu.runScheduled('customscript_t_probe_ss', 'customdeploy_t_probe_ss', {
				params: { custscript_t_mode: 'loglevels' },
			});
			emu.runScheduled('customscript_t_probe_ss', undefined, { params: { custscript_t_mode: 'throw' } });
			expect(emu.logs.length).toBe(5);
			expect(out).not.toHaveBeenCalled();
			expect(err).not.toHaveBeenCalled();
			for (const c of cons) expect(c).not.toHaveBeenCalled();
		} finally {
			out.mockRestore();
			err.mockRestore();
			for (const c of cons) c.mockRestore();
		}
	});

	test('at DEBUG everything is kept', () => {
		const emu = newEmulator();
		emu.runScheduled('customscript_t_probe_ss', 'customdeploy_t_probe_ss', {
			params: { custscript_t_mode: 'loglevels' },
		});
		expect(emu.logs.map((l) => l.level)).toEqual(['DEBUG', 'AUDIT', 'ERROR', 'EMERGENCY']);
	});
});

describe('N/error', () => {
	test('error.create gives a SuiteScriptError with NetSuite serialisation', () => {
		const r = probe(newEmulator(), 'errorShape');
		expect(r.json).toMatchObject({
			type: 'error.SuiteScriptError',
			name: 'T_CODE',
			message: 'details here',
			cause: { name: 'T_CODE', message: 'details here' },
			notifyOff: false,
		});
		expect(r.json.stack[0]).toBe('createError(N/error)');
		expect(r.json.stack[1]).toMatch(/^errorShape\(\/SuiteScripts\/o2c_dso\/probe_ss\.js:\d+\)$/);
		expect(r.json.id).toMatch(/^[0-9a-f]{20}$/);
		expect(r).toMatchObject({
			str: 'T_CODE: details here',
			name: 'T_CODE',
			type: 'error.SuiteScriptError',
			stackIsArray: true,
			idType: 'string',
		});
		expect(r.missing).toMatchObject({
			name: 'SSS_MISSING_REQD_ARGUMENT',
			message: 'error.create: Missing a required argument: name',
		});
	});

	test('a thrown error.create fails the scheduled run with that error, logged as a system ERROR entry', () => {
		const emu = newEmulator();
		const r = emu.runScheduled('customscript_t_probe_ss', undefined, { params: { custscript_t_mode: 'throw' } });
		expect(r.status).toBe('FAILED');
		expect(r.error).toMatchObject({ name: 'T_FAIL', message: 'probe failed on purpose', notifyOff: true });
		expect(emu.logs.filter((l) => l.system).map((l) => [l.level, l.title, l.details])).toEqual([
			['ERROR', 'T_FAIL', 'probe failed on purpose'],
		]);
	});
});

describe('N/format', () => {
	const f = probe(newEmulator(), 'format');
	test('DATE: user format M/D/YYYY in the account zone; parse gives midnight there; round trip', () => {
		expect(f.parsedIso).toBe('2026-01-05T05:00:00.000Z');
		expect(f.isDate).toBe(true);
		expect(f.back).toBe('1/5/2026');
		expect(f.dateNY).toBe('1/14/2026'); // 03:30Z on the 15th is 22:30 on the 14th in New York
	});
	test('DATETIME / DATETIMETZ with and without timezone; Timezone values are IANA ids', () => {
		expect(f.datetimeNY).toBe('1/14/2026 10:30 pm');
		expect(f.datetimeLA).toBe('1/14/2026 7:30 pm');
		expect(f.dateTokyo).toBe('1/15/2026 12:30:00 pm');
		expect(f.tzValue).toBe('America/New_York');
		expect(f.parsedDt).toBe('2026-01-15T14:05:09.000Z');
	});
	test('numbers, parse of invalid text returns it unchanged, unsupported types refused', () => {
		expect([f.currency, f.integer, f.float]).toEqual(['1,234,567.50', '1,235', '-1,234.125']);
		expect([f.pCurrency, f.pInteger, f.pBad, f.pBadDate]).toEqual([1234.5, 1234, 'abc', '31/31/2026']);
		expect(f.typeDate).toBe('date');
		expect(f.unsupported.name).toBe('EMULATOR_UNSUPPORTED');
	});
	test('another user date format (DD.MM.YYYY, Paris): parse and format follow the preference', () => {
		const emu = newEmulator({
			account: {
				name: 'EU',
				timezone: 'Europe/Paris',
				dateFormat: 'DD.MM.YYYY',
				features: [],
				asOf: '2026-01-15',
			},
		});
		expect(probe(emu, 'dateFormat')).toEqual({
			parsed: '2026-01-14T23:00:00.000Z', // midnight in Paris (UTC+1)
			usFormat: '1/15/2026', // not a date in this format: returned unchanged
			formatted: '15.01.2026',
			pref: 'DD.MM.YYYY',
		});
	});
});

describe('N/cache', () => {
	test('values are stored as strings, get(loader) stores the loaded value, caches outlive an execution', () => {
		const emu = newEmulator();
		const u = probe(emu, 'usage');
		expect([u.hit, u.miss, u.loaded]).toEqual(['{"a":1}', null, '7']);
		const cost = (r: number[]): number[] => r.slice(1, 6).map((v, i) => r[i]! - v);
		expect(cost(u.remaining)).toEqual([1, 1, 2, 2, 1]); // put, hit, miss, miss+loader, remove
		// second execution: 'lazy' is now a hit (1 unit), the loader does not run
		const again = probe(emu, 'usage');
		expect(cost(again.remaining)).toEqual([1, 1, 2, 1, 1]);
		expect(again.loaded).toBe('7');
		// a fresh emulator has fresh caches
		expect(cost(probe(newEmulator(), 'usage').remaining)).toEqual([1, 1, 2, 2, 1]);
	});
});

describe('N/email', () => {
	test('11 recipients (to + cc + bcc) are refused with SSS_MAXIMUM_NUMBER_RECIPIENTS_EXCEEDED and cost nothing; 10 pass', () => {
		const emu = newEmulator();
		const r = probe(emu, 'email11');
		expect(r.eleven).toMatchObject({
			name: 'SSS_MAXIMUM_NUMBER_RECIPIENTS_EXCEEDED',
			message: 'You may have a maximum number of 10 recipients.',
		});
		expect(r.ten).toEqual({});
		expect(r.charged).toBe(20);
		expect(emu.emails).toHaveLength(1);
	});

	test('author required and must be an employee; addresses validated', () => {
		const r = probe(newEmulator(), 'emailErrors');
		expect(r.noAuthor).toMatchObject({
			name: 'SSS_MISSING_REQD_ARGUMENT',
			message: 'email.send: Missing a required argument: author',
		});
		expect(r.notEmployee.name).toBe('SSS_AUTHOR_MUST_BE_EMPLOYEE');
		expect(r.badTo.name).toBe('SSS_INVALID_TO_EMAIL');
		expect(r.badCc.name).toBe('SSS_INVALID_CC_EMAIL');
		expect(r.noBody.name).toBe('SSS_MISSING_REQD_ARGUMENT');
	});

	test('captured, and written to outDir/emails as NNN-slug.eml (multipart/alternative) and .html; nothing else', () => {
		const out = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-out-'));
		const emu = newEmulator({ outDir: out });
		expect(
			emu.runScheduled('customscript_t_probe_ss', undefined, { params: { custscript_t_mode: 'email' } }).status,
		).toBe('COMPLETE');
		expect(emu.emails.map((e) => [e.seq, e.subject, e.to, e.cc, e.bcc, e.isHtml, e.authorEmail])).toEqual([
			[
				1,
				'DSO alert: US Wholesale',
				['ar@acme.example', 'ap@premier.example'],
				['cfo@acme.example'],
				['audit@acme.example'],
				true,
				'admin@acme.example',
			],
			[2, 'Plain note', ['ar@acme.example'], [], [], false, 'admin@acme.example'],
		]);
		expect(emu.emails[0]!.relatedRecords).toEqual({ entityId: 100 });
		const files = fs.readdirSync(path.join(out, 'emails')).sort();
		expect(files).toEqual([
			'001-dso-alert-us-wholesale.eml',
			'001-dso-alert-us-wholesale.html',
			'002-plain-note.eml',
			'002-plain-note.html',
		]);
		expect(fs.readdirSync(out)).toEqual(['emails']);
		const eml = fs.readFileSync(path.join(out, 'emails', '001-dso-alert-us-wholesale.eml'), 'utf8');
		expect(eml).toMatch(/^From: admin@acme\.example\r\n/);
		expect(eml).toContain('\r\nTo: ar@acme.example, ap@premier.example\r\n');
		expect(eml).toContain('\r\nCc: cfo@acme.example\r\n');
		expect(eml).toContain('\r\nSubject: DSO alert: US Wholesale\r\n');
		expect(eml).toContain('\r\nDate: Fri, 16 Jan 2026 07:00:00 +0000\r\n');
		const boundary = /boundary="([^"]+)"/.exec(eml)![1]!;
		expect(eml).toContain('MIME-Version: 1.0');
		const parts = eml.split(`--${boundary}`);
		expect(parts).toHaveLength(4); // preamble, text, html, closing "--"
		expect(parts[3]!.startsWith('--')).toBe(true);
		const decode = (part: string): string =>
			Buffer.from(part.split('\r\n\r\n')[1]!.replace(/\r\n/g, ''), 'base64').toString('utf8');
		expect(parts[1]).toContain('Content-Type: text/plain; charset=UTF-8');
		expect(decode(parts[1]!)).toBe('DSO up\nFrom 47.2 to 58.4 days');
		expect(parts[2]).toContain('Content-Type: text/html; charset=UTF-8');
		expect(decode(parts[2]!)).toContain('<p>From 47.2 to <b>58.4</b> days</p>');
		expect(fs.readFileSync(path.join(out, 'emails', '002-plain-note.html'), 'utf8')).toContain(
			'<pre>Just text\nsecond line</pre>',
		);
	});

	test('without outDir nothing is written', () => {
		const emu = newEmulator();
		expect(
			emu.runScheduled('customscript_t_probe_ss', undefined, { params: { custscript_t_mode: 'email' } }).status,
		).toBe('COMPLETE');
		expect(emu.emails).toHaveLength(2);
		expect(emu.emails.every((e) => e.files === undefined)).toBe(true);
	});
});

describe('N/record', () => {
	test('custom record round trip: typed values, select text, Date fields, read-only standard records', () => {
		const r = probe(newEmulator(), 'recordRoundTrip');
		expect(r).toMatchObject({
			idType: 'number',
			amount: 600.46, // CURRENCY keeps cents
			days: 30,
			date: '3/1/2026',
			dateText: '3/1/2026',
			customer: '100',
			customerText: 'Premier Construction Inc',
			flag: true,
			note: '',
			name: 'Promise A',
			invTranid: 'INV-12',
			invEntity: '100',
			invEntityText: 'Premier Construction Inc',
			invAmount: 1200,
			invDisputed: false,
			invDate: '1/5/2026',
		});
	});

	test('the saved record is in the shared store with raw values', () => {
		const emu = newEmulator();
		const r = probe(emu, 'recordRoundTrip');
		const stored = emu.store.get('customrecord_t_promise', r.id)!;
		expect(stored.values).toMatchObject({
			name: 'Promise A',
			custrecord_t_pr_amount: 600.46,
			custrecord_t_pr_date: '2026-03-01',
			custrecord_t_pr_customer: 100,
			custrecord_t_pr_flag: true,
			isinactive: false,
			created: '2026-01-16', // the clock's day in the account: the night after the as-of date
		});
		expect(stored.texts.custrecord_t_pr_customer).toBe('Premier Construction Inc');
	});

	test("NetSuite's error codes for types, fields and values", () => {
		const r = probe(newEmulator(), 'recordErrors');
		expect(r.badType).toMatchObject({
			name: 'INVALID_RCRD_TYPE',
			message: 'The record type [CUSTOMRECORD_T_NOPE] is invalid.',
		});
		expect(r.loadBadType.name).toBe('INVALID_RCRD_TYPE');
		expect(r.missing).toMatchObject({ name: 'RCRD_DSNT_EXIST', message: 'That record does not exist.' });
		expect(r.badField.name).toBe('INVALID_FLD');
		expect(r.getBadField.name).toBe('INVALID_FLD');
		expect(r.currencyString).toMatchObject({
			name: 'INVALID_FLD_VALUE',
			message: 'You have entered an Invalid Field Value 12.50 for the following field: custrecord_t_pr_amount',
		});
		expect(r.floatString.name).toBe('INVALID_FLD_VALUE');
		expect(r.intFraction.name).toBe('INVALID_FLD_VALUE');
		expect(r.dateString.name).toBe('INVALID_FLD_VALUE');
		expect(r.checkboxString.name).toBe('INVALID_FLD_VALUE');
		expect(r.badRef).toMatchObject({
			name: 'INVALID_KEY_OR_REF',
			message: 'Invalid custrecord_t_pr_customer reference key 999.',
		});
		expect(r.longText.name).toBe('THE_FIELD_1_CONTAINED_MORE_THAN_THE_MAXIMUM_NUMBER__2__OF_CHARACTERS_ALLOWED');
		expect(r.mandatory).toMatchObject({ name: 'USER_ERROR', message: 'Please enter value(s) for: Rate' });
		expect(r.standardWrite.name).toBe('EMULATOR_UNSUPPORTED');
		expect(r.standardUnknown.name).toBe('EMULATOR_UNSUPPORTED');
		expect(r.bodyFieldUndeclared.name).toBe('INVALID_FLD');
		expect(r.sublist.name).toBe('EMULATOR_UNSUPPORTED');
		expect(r.transform.name).toBe('EMULATOR_UNSUPPORTED');
	});
});

describe('N/url and N/config', () => {
	test('paths as NetSuite returns them, full URLs for external ones, account domains; unknown script refused; company information', () => {
		const r = probe(newEmulator(), 'urls');
		expect(r.rec).toBe('/app/common/custom/custrecordentry.nl?rectype=1000&id=5');
		expect(r.inv).toBe('/app/accounting/transactions/custinvc.nl?id=12&e=T');
		expect(r.rl).toBe('/app/site/hosting/restlet.nl?script=customscript_t_rl&deploy=customdeploy_t_rl');
		expect(r.rlExternal).toBe(
			'https://acme-wholesale.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=customscript_t_rl&deploy=customdeploy_t_rl&a=b%20c&compid=ACME_WHOLESALE',
		);
		expect(r.domain).toBe('acme-wholesale.app.netsuite.com');
		expect(r.formatted).toBe('https://acme-wholesale.app.netsuite.com/app/x.nl?id=5&q=a%26b');
		expect(r.bad.name).toBe('SSS_INVALID_SCRIPT_ID_1');
		expect([r.company, r.tz]).toEqual(['Acme Wholesale', 'America/New_York']);
	});
});

describe('N/task', () => {
	test('submit rules: unfinished deployment refused (MAP_REDUCE_ALREADY_RUNNING), SCHEDULED deployment refused, self-resubmission deferred without id', () => {
		const emu = newEmulator();
		const r = probe(emu, 'tasks');
		expect(r.first.ok).toBe('MAPREDUCETASK_0000000001');
		expect(r.second.name).toBe('MAP_REDUCE_ALREADY_RUNNING');
		expect(r.scheduledDep.name).toBe('FAILED_TO_SUBMIT_JOB_REQUEST_1');
		expect(r.badScript.name).toBe('SSS_INVALID_SCRIPT_ID_1');
		expect(r.wrongKind.name).toBe('INVALID_TASK_TYPE');
		expect(r.self).toEqual({ ok: null });
		expect(r.selfAgain.name).toBe('FAILED_TO_SUBMIT_JOB_REQUEST_1');
		expect(r.status).toBe('PENDING');
		expect(r.csv.name).toBe('EMULATOR_UNSUPPORTED');
		// both queued tasks ran after the probe, in submission order
		expect(emu.tasks.map((t) => [t.taskId, t.scriptId, t.deploymentId, t.status])).toEqual([
			['MAPREDUCETASK_0000000001', 'customscript_t_mr', 'customdeploy_t_mr_od', 'COMPLETE'],
			['SCHEDSCRIPT_0000000002', 'customscript_t_probe_ss', 'customdeploy_t_probe_ss', 'COMPLETE'],
		]);
		expect(logged(emu.logs, 'summary')).toHaveLength(1);
		expect(emu.logs.filter((l) => l.title === 'noop').map((l) => l.details)).toEqual(['customdeploy_t_probe_ss']);
	});
});

describe('plain-text part of captured emails', () => {
	it('decodes named and numeric entities once, so escaped text reads as the sender wrote it', () => {
		expect(htmlToText('<p>A&#x2F;R &amp; DSO</p><p>&lt;script&gt; &#39;x&#39; &#8364;5</p>')).toBe(
			"A/R & DSO\n<script> 'x' €5",
		);
		expect(htmlToText('&amp;lt;b&amp;gt;')).toBe('&lt;b&gt;');
		expect(htmlToText('&unknown; &#xZZ;')).toBe('&unknown; &#xZZ;');
	});

	it('puts table cells on one line and rows on their own lines', () => {
		expect(htmlToText('<table><tr><td>DSO</td><td>58.4</td></tr><tr><td>A/R</td><td>7.82m</td></tr></table>')).toBe(
			'DSO\t58.4\nA/R\t7.82m',
		);
	});
});
