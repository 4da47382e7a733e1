/**
 * The DSO-increase alert map/reduce end to end on the generated datasets, through the emulator and
 * the BUILT scripts (run `npx tsc -p tsconfig.build.json` first): the story subsidiary fires with
 * the right top contributor, the January slowdown is suppressed by the sample calendar, one
 * subsidiary's failure does not stop the others, and restarting the map/reduce at any stage (or
 * rerunning it) sends each email exactly once.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateDataset, storyFor } from '../../local/data/generate';
import type { Dataset } from '../../local/data/dataset';
import { Emulator, MapReduceOptions } from '../../local/emulator';
import { accountInfo, buildStore } from '../../local/emulator/account';
import type { RecordStore, StoredRecord } from '../../local/emulator/store';
import { loadSdfProject } from '../../local/sdf/objects';
import { ALERT_EVAL_FIELDS, ALERT_EVAL_RECORD_TYPE, alertReportBlock } from '../../local/alertBlock';
import { formatMoney, fromDecimal } from '../../src/TypeScripts/o2c_dso/domain/money';

const ROOT = path.join(__dirname, '..', '..');
const ALERT = 'customscript_o2c_dso_alert_mr';
const SNAPSHOT = 'customscript_o2c_ar_snapshot_ss';
const BUILT = ['dso_alert_mr.js', 'ar_snapshot_ss.js'].map((f) =>
	path.join(ROOT, 'src', 'FileCabinet', 'SuiteScripts', 'o2c_dso', 'entrypoints', f),
);
const AS_OF = '2026-05-04';

function requireBuilt(): void {
	for (const f of BUILT)
		if (!fs.existsSync(f))
			throw new Error(`${path.relative(ROOT, f)} is not built: run npx tsc -p tsconfig.build.json first`);
}

const project = loadSdfProject(path.join(ROOT, 'src'));

/** An account at `asOf` whose nightly snapshot has run. */
function snapshotted(ds: Dataset, asOf: string): { store: RecordStore; emu: Emulator } {
	requireBuilt();
	const store = buildStore(ds, asOf, project);
	const emu = new Emulator({ projectRoot: ROOT, store, account: accountInfo(ds, asOf), project });
	const r = emu.runScheduled(SNAPSHOT);
	if (r.status !== 'COMPLETE') throw new Error(`snapshot failed: ${JSON.stringify(r.error)}`);
	return { store, emu };
}

/** A new emulator over the same account with no evaluation record left (as before the alert's first run). */
function freshAlertRun(ds: Dataset, asOf: string, store: RecordStore): Emulator {
	for (const r of [...store.all(ALERT_EVAL_RECORD_TYPE)]) store.delete(ALERT_EVAL_RECORD_TYPE, r.id);
	const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'o2c-alert-'));
	return new Emulator({ projectRoot: ROOT, store, account: accountInfo(ds, asOf), project, outDir });
}

function evaluations(store: RecordStore): StoredRecord[] {
	return [...store.all(ALERT_EVAL_RECORD_TYPE)];
}

function evaluationOf(store: RecordStore, subsidiaryId: number, asOf: string): StoredRecord | undefined {
	return evaluations(store).find((r) => r.values[ALERT_EVAL_FIELDS.key] === `${String(subsidiaryId)}:${asOf}`);
}

describe('S dataset (one subsidiary, the story)', () => {
	const ds = generateDataset({ size: 'S' });
	const story = storyFor({ size: 'S' });
	let store: RecordStore;

	beforeAll(() => {
		store = snapshotted(ds, AS_OF).store;
	}, 120000);

	it("explains the whole change: the delta is the evaluation record's, split into A/R and sales, the aging reconciles, each customer once", () => {
		const emu = freshAlertRun(ds, AS_OF, store);
		expect(emu.runMapReduce(ALERT).status).toBe('COMPLETE');
		const mail = emu.emails[0]!;
		const ev = evaluationOf(store, story.subsidiary, AS_OF)!;
		const text = String(ev.values.custrecord_o2c_ae_email_text);
		const delta = ev.values.custrecord_o2c_ae_delta as number;
		const deltaText = `+${delta.toFixed(2)}`;
		// the subject and the DSO row say the record's delta, rounded once
		expect(mail.subject).toContain(`, ${deltaText} on the prior 30 days`);
		expect(text).toMatch(new RegExp(`DSO \\(days\\)\\s+\\d+\\.\\d\\d\\s+\\d+\\.\\d\\d\\s+\\${deltaText}`));
		// the first lines split it into the A/R part and the sales part, adding up to the hundredth
		const why =
			/Why it moved: ([+-]\d+\.\d\d) days from the A\/R .*? and ([+-]\d+\.\d\d) days from sales \(daily credit sales .*?, (-\d+)%\): together the ([+-]\d+\.\d\d) days/.exec(
				text.split('\n').slice(0, 6).join('\n'),
			);
		expect(why).not.toBeNull();
		const [, fromAr, fromSales, salesPct, together] = why!;
		expect(Math.round(Number(fromAr) * 100) + Math.round(Number(fromSales) * 100)).toBe(Math.round(delta * 100));
		expect(together).toBe(deltaText);
		// the sample's story: the story customer stopped paying (A/R up) and went on credit hold, so
		// sales fell: both parts raise DSO, the sales part is a large share
		expect(Number(salesPct)).toBeLessThan(-5);
		expect(Number(fromSales)).toBeGreaterThan(0.25 * delta);
		expect(Number(fromAr)).toBeGreaterThan(0);
		// the aging reconciles to the A/R balance of the evaluation's snapshot
		const snap = [...store.all('customrecord_o2c_sub_snapshot')].find(
			(r) => r.values.custrecord_o2c_ss_key === `${String(story.subsidiary)}:${AS_OF}`,
		)!;
		const usd = (v: unknown): string => formatMoney(fromDecimal(String(v), 'USD'));
		expect(text).toContain(
			`Open invoices ${usd(snap.values.custrecord_o2c_ss_open_invoices)} − unapplied cash and credits ${usd(snap.values.custrecord_o2c_ss_unapplied)} = A/R balance ${usd(snap.values.custrecord_o2c_ss_ar_balance)}, as above.`,
		);
		// recommended actions: each customer named once
		const actions = text.slice(text.indexOf('RECOMMENDED ACTIONS'));
		const linked = [...actions.matchAll(/^\s+(.+): https:\/\/\S+custjob\.nl\?id=(\d+)/gm)].map((m) => m[2]);
		expect(linked.length).toBeGreaterThan(0);
		expect(new Set(linked).size).toBe(linked.length);
	});

	it('the story subsidiary fires; the major late customer is the top contributor; one email with the investigation', () => {
		const emu = freshAlertRun(ds, AS_OF, store);
		const r = emu.runMapReduce(ALERT);
		expect(r.status).toBe('COMPLETE');
		expect(r.reduce?.map((k) => k.state)).toEqual(['COMPLETE']);
		expect(emu.emails).toHaveLength(1);
		const mail = emu.emails[0]!;
		expect(mail.subject).toContain(`DSO alert: ${story.subsidiaryName} DSO`);
		expect(mail.isHtml).toBe(true);
		expect(mail.to).toEqual(
			expect.arrayContaining(['ar@harborline-wholesale.example', 'controller@harborline-wholesale.example']),
		);
		const anyNumber: unknown = expect.any(Number);
		expect(mail.relatedRecords).toEqual({
			customRecord: { id: anyNumber, recordType: ALERT_EVAL_RECORD_TYPE },
		});
		// the first row of the contributors table is the story customer
		const contributors = mail.body.slice(mail.body.indexOf('Top customers behind the growth'));
		const firstRow = contributors.slice(
			contributors.indexOf('</tr>') + 5,
			contributors.indexOf('</tr>', contributors.indexOf('</tr>') + 5),
		);
		expect(firstRow).toContain(story.customerName);
		expect(firstRow).toContain(`custjob.nl?id&#x3D;${String(story.customer)}`);
		for (const section of [
			'Which aging bucket grew',
			'Payment-terms mix',
			'Triple threat',
			'Cash application and billing lead time',
			'Recommended actions',
		]) {
			expect(mail.body).toContain(section);
		}
		expect(mail.body).toMatch(/searchresults\.nl\?searchid&#x3D;\d+"/); // the saved search's internal id
		expect(emu.savedSearches.has('customsearch_o2c_alert_aging')).toBe(true);

		const ev = evaluationOf(store, story.subsidiary, AS_OF)!;
		expect(ev.values).toMatchObject({
			custrecord_o2c_ae_reason: 'threshold',
			custrecord_o2c_ae_fired: true,
			custrecord_o2c_ae_email_status: 'sent',
			custrecord_o2c_ae_period: '2026-05',
		});
		expect(ev.values.custrecord_o2c_ae_recipients).toBe(mail.to.length);
		expect(ev.values.custrecord_o2c_ae_delta as number).toBeGreaterThan(10);
		expect(String(ev.values.custrecord_o2c_ae_email_text)).toContain(story.customerName);
		// recipients' addresses are neither stored nor logged
		const stored = JSON.stringify(evaluations(store).map((e) => e.values));
		const logged = JSON.stringify(emu.logs);
		for (const address of mail.to) {
			expect(stored).not.toContain(address);
			expect(logged).not.toContain(address);
		}
		// the report's alert block
		expect(alertReportBlock(ev.values, ev.id)).toMatchObject({
			fired: true,
			reason: 'threshold',
			escalated: ev.values.custrecord_o2c_ae_escalated,
			emailStatus: 'sent',
		});
		// governance stays far below the limits
		for (const g of r.governance) expect(g.limitExceeded).toBeUndefined();
	});

	it.each<[string, MapReduceOptions['interrupt']]>([
		['getInputData', { stage: 'getInputData', afterInvocations: 0 }],
		['map', { stage: 'map', afterInvocations: 0 }],
		['reduce', { stage: 'reduce', afterInvocations: 0 }],
		['summarize', { stage: 'summarize', afterInvocations: 0 }],
	])('a restart in %s sends the email exactly once, and so does a rerun of the day', (stage, interrupt) => {
		const emu = freshAlertRun(ds, AS_OF, store);
		const r = emu.runMapReduce(ALERT, undefined, { interrupt });
		expect(r.restarted).toBe(stage);
		expect(r.status).toBe('COMPLETE');
		expect(emu.emails).toHaveLength(1);
		const again = emu.runMapReduce(ALERT);
		expect(again.status).toBe('COMPLETE');
		expect(emu.emails).toHaveLength(1);
		expect(evaluations(store)).toHaveLength(1);
		expect(evaluations(store)[0]?.values.custrecord_o2c_ae_email_status).toBe('sent');
		expect(JSON.parse(again.output[0]?.value ?? '{}')).toMatchObject({
			reason: 'threshold',
			emailStatus: 'sent',
			recipients: 0,
		});
	});

	it('a reduce that dies after its claim, before email.send: its restart reads the claim again (not the records getInputData read) and sends nothing', () => {
		const emu = freshAlertRun(ds, AS_OF, store);
		const r = emu.runMapReduce(ALERT, undefined, {
			interrupt: { stage: 'reduce', afterInvocations: 0, beforeCall: 'email.send' },
		});
		expect([r.status, r.restarted]).toEqual(['COMPLETE', 'reduce']);
		expect(emu.emails).toHaveLength(0);
		expect(evaluations(store)).toHaveLength(1);
		expect(evaluations(store)[0]?.values.custrecord_o2c_ae_email_status).toBe('unconfirmed');
		expect(JSON.parse(r.output[0]?.value ?? '{}')).toMatchObject({ emailStatus: 'unconfirmed', recipients: 0 });
	});

	it('the January slowdown is suppressed by the sample calendar (would fire, reason seasonality, no email)', () => {
		const jan = '2026-01-25';
		const { store: janStore } = snapshotted(ds, jan);
		const emu = freshAlertRun(ds, jan, janStore);
		expect(emu.runMapReduce(ALERT).status).toBe('COMPLETE');
		expect(emu.emails).toHaveLength(0);
		const ev = evaluationOf(janStore, story.subsidiary, jan)!;
		expect(ev.values).toMatchObject({
			custrecord_o2c_ae_reason: 'seasonality',
			custrecord_o2c_ae_fired: false,
			custrecord_o2c_ae_rule_met: true,
			custrecord_o2c_ae_email_status: 'not-needed',
		});
		expect(ev.values.custrecord_o2c_ae_delta as number).toBeGreaterThan(10);
		expect(String(ev.values.custrecord_o2c_ae_season)).toContain('suppress, 01-01 to 01-31');
		expect(alertReportBlock(ev.values)).toMatchObject({ fired: false, reason: 'seasonality', escalated: false });
	}, 120000);
});

describe('M dataset (five subsidiaries, the story in subsidiary 3)', () => {
	const ds = generateDataset({ size: 'M' });
	const story = storyFor({ size: 'M' });
	let store: RecordStore;

	beforeAll(() => {
		store = snapshotted(ds, AS_OF).store;
	}, 300000);

	it('only the story subsidiary fires; every subsidiary is recorded with its reason', () => {
		const emu = freshAlertRun(ds, AS_OF, store);
		const r = emu.runMapReduce(ALERT);
		expect(r.reduce?.map((k) => [k.key, k.state])).toEqual([1, 2, 3, 4, 5].map((k) => [String(k), 'COMPLETE']));
		expect(emu.emails).toHaveLength(1);
		expect(emu.emails[0]?.subject).toContain(story.subsidiaryName);
		for (const s of ds.subsidiaries) {
			const block = alertReportBlock(evaluationOf(store, s.id, AS_OF)!.values);
			expect(block?.fired).toBe(s.id === story.subsidiary);
		}
	});

	it.each([0, 1, 2, 3, 4])('a restart after %i reduce invocations sends the story email exactly once', (after) => {
		const emu = freshAlertRun(ds, AS_OF, store);
		const r = emu.runMapReduce(ALERT, undefined, { interrupt: { stage: 'reduce', afterInvocations: after } });
		expect(r.restarted).toBe('reduce');
		expect(r.reduce?.every((k) => k.state === 'COMPLETE')).toBe(true);
		expect(emu.emails).toHaveLength(1);
		expect(evaluations(store)).toHaveLength(ds.subsidiaries.length);
	});

	it("one subsidiary's failure (no snapshot) is reported in summarize and does not stop the others", () => {
		const missing = ds.subsidiaries.find((s) => s.id !== story.subsidiary)!.id;
		const snap = [...store.all('customrecord_o2c_sub_snapshot')].find(
			(r) => r.values.custrecord_o2c_ss_key === `${String(missing)}:${AS_OF}`,
		)!;
		store.delete('customrecord_o2c_sub_snapshot', snap.id);
		try {
			const emu = freshAlertRun(ds, AS_OF, store);
			const r = emu.runMapReduce(ALERT);
			expect(r.status).toBe('COMPLETE');
			const states = Object.fromEntries((r.reduce ?? []).map((k) => [k.key, k.state]));
			expect(states[String(missing)]).toBe('FAILED');
			expect(Object.values(states).filter((s) => s === 'COMPLETE')).toHaveLength(ds.subsidiaries.length - 1);
			expect(emu.emails).toHaveLength(1);
			const errors = emu.logs.filter((l) => l.script === ALERT && l.level === 'ERROR' && !l.system);
			expect(errors.map((l) => l.title)).toEqual([`DSO alert: subsidiary ${String(missing)} failed (attempt 1)`]);
			expect(errors[0]?.details).toContain(`No A/R snapshot of subsidiary ${String(missing)} at ${AS_OF}`);
			expect(evaluationOf(store, missing, AS_OF)?.values.custrecord_o2c_ae_error).toContain(
				'the nightly snapshot must run before the alert',
			);
			expect(alertReportBlock(evaluationOf(store, missing, AS_OF)!.values)).toBeNull();
			const audit = emu.logs.find((l) => l.script === ALERT && l.title === 'DSO alert: run complete');
			expect(audit?.details).toContain('failures 1');
		} finally {
			store.put(snap);
		}
	});
});
