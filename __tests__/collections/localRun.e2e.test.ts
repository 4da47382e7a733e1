/**
 * `npm run local -- run` with the collections endpoint (../shared/dataset-format.md §4), through
 * runWithCollections as the CLI calls it, on the push account for four nights (2026-03-31 to
 * 04-03):
 * - without --collections-url the run's own receiver gets the pushes, with the bearer token from
 *   O2C_COLLECTIONS_TOKEN, and <out>/collections/received.ndjson holds them (no Authorization);
 * - report.collections counts the whole run's outbox and passes ../shared/tools/check-report.py;
 * - the token's value appears in no file the run wrote, no log line, no record, no email, not in
 *   the summary printed: grepped everywhere (and it did reach the endpoint: the receiver saw it);
 * - an endpoint that refuses the token stops the push before it writes anything, naming the API
 *   secret, while the other scripts run on.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readReceived, spawnReceiver } from '../../local/collectionsReceiver';
import { writeDataset } from '../../local/data/load';
import { runWithCollections, type RunResult } from '../../local/run';
import { formatSummary } from '../../local/summary';
import { D, pushDataset } from './support/pushDataset';
import { OUTBOX, ROOT, testToken, tmpDir } from './support/pushHarness';

const CHECKER = path.join(ROOT, '..', 'shared', 'tools', 'check-report.py');
const withChecker = fs.existsSync(CHECKER) ? it : it.skip;
const THROUGH = '2026-04-03';

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		return e.isDirectory() ? filesUnder(p) : [p];
	});
}

/** Where `secret` occurs in what a run left: files, logs, records, emails, the printed summary. */
function leaks(result: RunResult, secret: string, printed: string): string[] {
	const found: string[] = [];
	for (const f of filesUnder(result.out)) if (fs.readFileSync(f, 'latin1').includes(secret)) found.push(f);
	const emu = result.emulator;
	for (const l of emu.logs) if (JSON.stringify(l).includes(secret)) found.push(`log ${l.title}`);
	for (const type of emu.store.types())
		for (const r of emu.store.all(type))
			if (JSON.stringify(r).includes(secret)) found.push(`${type} ${String(r.id)}`);
	for (const m of emu.emails) if (JSON.stringify(m).includes(secret)) found.push(`email ${m.subject}`);
	if (printed.includes(secret)) found.push('the printed summary and progress');
	return found;
}

async function run(out: string, collectionsUrl?: string): Promise<{ result: RunResult; printed: string }> {
	const dir = path.dirname(out);
	const data = path.join(dir, 'dataset.json');
	if (!fs.existsSync(data)) writeDataset(pushDataset(), data);
	const lines: string[] = [];
	const result = await runWithCollections({
		projectRoot: ROOT,
		data,
		asOf: D,
		through: THROUGH,
		out,
		progress: (l) => lines.push(l),
		...(collectionsUrl !== undefined ? { collectionsUrl } : {}),
	});
	lines.push(formatSummary(result, ROOT));
	return { result, printed: lines.join('\n') };
}

describe(`local run ${D} through ${THROUGH} with the run's own collections receiver`, () => {
	const token = testToken();
	const saved = process.env.O2C_COLLECTIONS_TOKEN;
	const dir = tmpDir('localrun');
	let result: RunResult;
	let printed: string;
	beforeAll(async () => {
		process.env.O2C_COLLECTIONS_TOKEN = token;
		({ result, printed } = await run(path.join(dir, 'out')));
	});
	afterAll(() => {
		if (saved === undefined) delete process.env.O2C_COLLECTIONS_TOKEN;
		else process.env.O2C_COLLECTIONS_TOKEN = saved;
		(result as RunResult | undefined)?.emulator.close();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('pushes Premier and Kessler once, on the first night, to the local receiver with the token', () => {
		const received = readReceived(path.join(result.out, 'collections', 'received.ndjson'));
		const posts = received.filter((l) => l.method === 'POST');
		expect(posts.map((l) => [(l.body as { customer_id: string }).customer_id, l.authorization, l.answer])).toEqual([
			['100', 'valid', 200],
			['102', 'valid', 200],
		]);
		// one reachability check a night (both stay selected; unchanged, they are not sent again)
		expect(received.filter((l) => l.method === 'HEAD')).toHaveLength(4);
		expect(received.every((l) => !('authorization' in l.headers))).toBe(true);
	});

	it('report.collections counts the whole run, as §4 says', () => {
		expect(result.report.asOf).toBe(THROUGH);
		expect(result.report.collections).toEqual({
			selected: 2,
			pushed: 2,
			acknowledged: 2,
			deadLettered: 0,
			pending: 0,
			attempts: 2,
		});
		expect(printed).toContain(
			'Collections push: 2 payloads selected, 2 acknowledged, 0 dead-lettered, 0 pending a retry (2 requests sent)',
		);
	});

	withChecker('report.json passes ../shared/tools/check-report.py', () => {
		const verdict = execFileSync('python3', [CHECKER, path.join(result.out, 'report.json')], { encoding: 'utf8' });
		expect(verdict).toContain('report conforms to o2c-report/1');
	});

	it('the token is nowhere: no file, log, record, email or printed line', () => {
		expect(filesUnder(result.out).length).toBeGreaterThan(5);
		expect(leaks(result, token, printed)).toEqual([]);
		// the grep can find it: a file with it would have been reported
		fs.writeFileSync(path.join(result.out, 'probe.txt'), `x${token}x`);
		expect(leaks(result, token, printed)).toEqual([path.join(result.out, 'probe.txt')]);
		fs.rmSync(path.join(result.out, 'probe.txt'));
	});
});

describe('local run against an endpoint that refuses the token', () => {
	const token = testToken();
	const saved = process.env.O2C_COLLECTIONS_TOKEN;
	const dir = tmpDir('refused');

	afterAll(() => {
		if (saved === undefined) delete process.env.O2C_COLLECTIONS_TOKEN;
		else process.env.O2C_COLLECTIONS_TOKEN = saved;
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('stops the push naming the API secret, writes no outbox record, runs the other scripts', async () => {
		const receiver = await spawnReceiver(path.join(dir, 'elsewhere.ndjson'), 'ok', 'the-token-it-expects');
		process.env.O2C_COLLECTIONS_TOKEN = token;
		let result: RunResult | undefined;
		try {
			const r = await run(path.join(dir, 'out'), receiver.url);
			result = r.result;
			expect(result.emulator.store.count(OUTBOX)).toBe(0);
			expect(result.report.collections).toMatchObject({ selected: 0, acknowledged: 0, pending: 0, attempts: 0 });
			expect(result.report.collections.stopped).toEqual([
				'O2C_COLLECTIONS_PUSH_CONFIG: The API secret custsecret_o2c_collections_token was not accepted (HTTP 401: the calling system refused the credential); create it under Setup > Company > Preferences > API Secrets and allow this script; nothing was pushed',
			]);
			expect(r.printed).toContain(
				'stopped: O2C_COLLECTIONS_PUSH_CONFIG: The API secret custsecret_o2c_collections_token',
			);
			// the other scripts ran every night all the same
			const nightsOf = (script: string): string[] => [
				...new Set(result?.report.governance.filter((g) => g.script === script).map((g) => String(g.night))),
			];
			const four = ['2026-03-31', '2026-04-01', '2026-04-02', '2026-04-03'];
			expect(nightsOf('customscript_o2c_cust_metrics_mr')).toEqual(four);
			expect(nightsOf('customscript_o2c_dso_alert_mr')).toEqual(four);
			expect(nightsOf('customscript_o2c_collections_push_mr')).toEqual(four);
			expect(readReceived(receiver.file).map((l) => [l.method, l.authorization, l.answer])).toEqual(
				Array.from({ length: 4 }, () => ['HEAD', 'invalid', 401]),
			);
			expect(leaks(result, token, r.printed)).toEqual([]);
		} finally {
			receiver.stop();
			result?.emulator.close();
		}
	});
});
