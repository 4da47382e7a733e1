/**
 * One emulated account run night after night (../shared/dataset-format.md §4: "the project's
 * records persist from day to day, and each transaction appears on its own date"), through the
 * Emulator's day API (runDays, advanceDay, betweenNights), on the hand-made account:
 * - the payment of 04-25 does not exist on 04-24 and brings invoice 1 to 200 open on 04-25;
 * - Acme's promise made on 04-28 appears that day, pending;
 * - snapshots, metrics and evaluations the scripts wrote stay; saved searches are saved once;
 * - what an admin or a script changed (a setting) or deleted (the other setting) stays so, even
 *   though the dataset still defines it;
 * - the business day between two nights runs with the account still at the end of the day before,
 *   and what it submits runs before the account moves on.
 * And the chain's retry when a step's deployment is busy (FAILED_TO_SUBMIT_JOB_REQUEST_1 /
 * MAP_REDUCE_ALREADY_RUNNING, adapters/nightlyChain.ts).
 */
import * as path from 'path';
import { Emulator } from '../../local/emulator';
import type { NightRun } from '../../local/emulator';
import type { SavedSearchDef } from '../../local/emulator/context';
import { accountInfo, buildStore } from '../../local/emulator/account';
import { loadSdfProject } from '../../local/sdf/objects';
import type { SdfProject } from '../../local/sdf/types';
import { handDataset } from './support/handDataset';
import { requireBuilt, ROOT } from './support/harness';

const SS = 'customrecord_o2c_sub_snapshot';
const AE = 'customrecord_o2c_alert_eval';
const SETTING = 'customrecord_o2c_alert_setting';
const PROMISE = 'customrecord_o2c_promise';

function account(asOf: string, project?: SdfProject): Emulator {
	requireBuilt();
	const p = project ?? loadSdfProject(path.join(ROOT, 'src'));
	const ds = handDataset();
	ds.settings?.alerts?.push({ subsidiary: null, thresholdDays: 10, recipients: { arClerk: 'ar@hand.example' } });
	return new Emulator({
		projectRoot: ROOT,
		project: p,
		dataset: ds,
		store: buildStore(ds, asOf, p),
		account: accountInfo(ds, asOf),
	});
}

describe('runDays on one account, 2026-04-24 to 2026-04-28', () => {
	let emu: Emulator;
	let nights: NightRun[];
	const perDay = new Map<string, { open1: unknown; payment4: boolean; promise1: unknown }>();
	const between: { day: string; asOf: string; taskNight: string | undefined }[] = [];
	let searchesAfterFirst: Map<string, SavedSearchDef>;
	beforeAll(() => {
		emu = account('2026-04-24');
		nights = emu.runDays({
			through: '2026-04-28',
			afterNight: (e, n) => {
				perDay.set(n.night, {
					open1: e.store.get('invoice', 1)?.values.amountremaining,
					payment4: e.store.get('customerpayment', 4) !== undefined,
					promise1: e.store.get(PROMISE, 1)?.values.custrecord_o2c_pr_status,
				});
				if (n.night === '2026-04-24') searchesAfterFirst = new Map(e.savedSearches);
			},
			betweenNights: (e, day) => {
				// an admin's on-demand rerun of a past day, during the business day
				const id = e.submitTask(
					'SCHEDULED_SCRIPT',
					'customscript_o2c_ar_snapshot_ss',
					'customdeploy_o2c_ar_snapshot_od',
					{
						custscript_o2c_as_of: '2026-04-20',
					},
				);
				between.push({ day, asOf: e.asOf, taskNight: id });
				if (day === '2026-04-26') {
					// the admin raises the EU threshold and deletes the account-wide setting
					const eu = [...e.store.all(SETTING)].find((r) => r.values.custrecord_o2c_as_subsidiary === 2);
					const all = [...e.store.all(SETTING)].find((r) => r.values.custrecord_o2c_as_subsidiary === null);
					if (!eu || !all) throw new Error('the hand account has both settings');
					e.store.put({ ...eu, values: { ...eu.values, custrecord_o2c_as_threshold: 25 } });
					e.store.delete(SETTING, all.id);
				}
			},
		});
	});

	it('runs a night per day, each transaction on its own date, derived fields as of each day', () => {
		expect(nights.map((n) => n.night)).toEqual([
			'2026-04-24',
			'2026-04-25',
			'2026-04-26',
			'2026-04-27',
			'2026-04-28',
		]);
		expect(perDay.get('2026-04-24')).toEqual({ open1: 600, payment4: false, promise1: undefined });
		expect(perDay.get('2026-04-25')).toEqual({ open1: 200, payment4: true, promise1: undefined });
		expect(perDay.get('2026-04-27')?.promise1).toBeUndefined();
		expect(perDay.get('2026-04-28')?.promise1).toBe('pending'); // made on 04-28
	});

	it('the business day between two nights sees the account of the day before; its submissions run before the next day', () => {
		expect(between.map((b) => [b.day, b.asOf])).toEqual([
			['2026-04-25', '2026-04-24'],
			['2026-04-26', '2026-04-25'],
			['2026-04-27', '2026-04-26'],
			['2026-04-28', '2026-04-27'],
		]);
		const reruns = emu.tasks.filter((t) => t.submittedBy.scriptId === 'emulator');
		expect(reruns.map((t) => t.status)).toEqual(['COMPLETE', 'COMPLETE', 'COMPLETE', 'COMPLETE']);
		const rerunNights = emu.governanceLog
			.filter((g) => g.deployment === 'customdeploy_o2c_ar_snapshot_od')
			.map((g) => g.night);
		expect(rerunNights).toEqual(['2026-04-24', '2026-04-25', '2026-04-26', '2026-04-27']);
	});

	it('keeps the records the scripts wrote, and saves each saved search once', () => {
		const snaps = new Map([...emu.store.all(SS)].map((r) => [r.values.custrecord_o2c_ss_key, r.values]));
		for (const n of nights) expect(snaps.get(`1:${n.night}`)?.custrecord_o2c_ss_source).toBe('nightly');
		expect(snaps.get('1:2026-01-25')?.created).toBe('2026-04-25'); // written by the first night, run on 04-25
		const evals = [...emu.store.all(AE)].map((r) => r.values.custrecord_o2c_ae_key);
		expect(new Set(evals)).toEqual(new Set(nights.flatMap((n) => [`1:${n.night}`, `2:${n.night}`])));
		expect([...emu.savedSearches.keys()].sort()).toEqual([...searchesAfterFirst.keys()].sort());
		for (const [id, def] of emu.savedSearches) expect(def).toBe(searchesAfterFirst.get(id));
	});

	it('keeps what an admin changed or deleted, though the dataset still defines it', () => {
		const settings = [...emu.store.all(SETTING)].map((r) => [
			r.values.custrecord_o2c_as_subsidiary,
			r.values.custrecord_o2c_as_threshold,
		]);
		expect(settings).toEqual([[2, 25]]);
		const eu = [...emu.store.all(AE)].find((r) => r.values.custrecord_o2c_ae_key === '2:2026-04-28');
		expect(eu?.values.custrecord_o2c_ae_threshold).toBe(25);
	});
});

describe('a busy step is started again later, through the scheduling queue', () => {
	it('the step before the metrics (promise matching) finds the metrics deployment busy: the start waits for it, then the night goes on as of its day', () => {
		const emu = account('2026-05-04');
		// an admin's metrics rerun is queued on the chain's deployment before the night's promise step ends
		emu.submitTask('MAP_REDUCE', 'customscript_o2c_cust_metrics_mr', 'customdeploy_o2c_cust_metrics_mr', {
			custscript_o2c_cm_as_of: '2026-05-03',
		});
		emu.runScheduled('customscript_o2c_promise_match_ss', 'customdeploy_o2c_promise_match_od', {
			params: { custscript_o2c_pm_night: '2026-05-04' },
		});
		const titles = emu.logs.filter((l) => l.title.startsWith('Nightly chain')).map((l) => l.title);
		expect(titles).toEqual([
			'Nightly chain 2026-05-04: customer-metrics is busy',
			'Nightly chain 2026-05-04: customer-metrics, attempt 2',
			'Nightly chain 2026-05-04: started customer-metrics',
			'Nightly chain 2026-05-04: started forecast',
			'Nightly chain 2026-05-04: started dso-alert',
			'Nightly chain 2026-05-04: started collections-push',
			'Nightly chain 2026-05-04: started digest',
			'Nightly chain 2026-05-04: started reminders',
			'Nightly chain 2026-05-04: complete',
		]);
		expect(emu.tasks.map((t) => [t.scriptId, t.deploymentId, t.status])).toEqual([
			['customscript_o2c_cust_metrics_mr', 'customdeploy_o2c_cust_metrics_mr', 'COMPLETE'], // the admin's
			['customscript_o2c_nightly_ss', 'customdeploy_o2c_nightly_od', 'COMPLETE'], // the retry
			['customscript_o2c_cust_metrics_mr', 'customdeploy_o2c_cust_metrics_mr', 'COMPLETE'], // the night's
			['customscript_o2c_forecast_mr', 'customdeploy_o2c_forecast_mr', 'COMPLETE'],
			['customscript_o2c_dso_alert_mr', 'customdeploy_o2c_dso_alert_mr', 'COMPLETE'],
			['customscript_o2c_collections_push_mr', 'customdeploy_o2c_collections_push_mr', 'COMPLETE'],
			['customscript_o2c_digest_ss', 'customdeploy_o2c_digest_ss', 'COMPLETE'],
			['customscript_o2c_reminder_ss', 'customdeploy_o2c_reminder_ss', 'COMPLETE'],
		]);
		expect(emu.tasks[1]?.params).toEqual({
			custscript_o2c_nt_night: '2026-05-04',
			custscript_o2c_nt_step: 'customer-metrics',
			custscript_o2c_nt_attempt: 2,
		});
		const metricsAsOf = new Set(
			[...emu.store.all('customrecord_o2c_cust_metrics')].map((r) => r.values.custrecord_o2c_cm_as_of),
		);
		expect(metricsAsOf).toEqual(new Set(['2026-05-04'])); // the night's run came last
	});

	it('a step that stays busy is tried 48 times, then the night stops with an error saying how to finish it', () => {
		// the alert deployment left SCHEDULED by mistake: every submission is refused with FAILED_TO_SUBMIT_JOB_REQUEST_1
		const project = loadSdfProject(path.join(ROOT, 'src'));
		const alert = project.scripts.get('customscript_o2c_dso_alert_mr');
		const dep = alert?.deployments.find((d) => d.scriptid === 'customdeploy_o2c_dso_alert_mr');
		if (!dep) throw new Error('the project deploys the alert');
		dep.status = 'SCHEDULED';
		const emu = account('2026-05-04', project);
		emu.runScheduled('customscript_o2c_nightly_ss', 'customdeploy_o2c_nightly_od', {
			params: { custscript_o2c_nt_night: '2026-05-04', custscript_o2c_nt_step: 'dso-alert' },
		});
		const retries = emu.tasks.filter((t) => t.scriptId === 'customscript_o2c_nightly_ss');
		expect(retries.map((t) => t.params.custscript_o2c_nt_attempt)).toEqual(
			Array.from({ length: 47 }, (_, i) => i + 2),
		);
		const last = emu.logs.filter((l) => l.level === 'ERROR').at(-1);
		expect(last?.title).toBe('Nightly chain 2026-05-04: dso-alert not started');
		expect(last?.details).toMatch(
			/stayed busy through 48 attempts\. Run customscript_o2c_nightly_ss on demand with custscript_o2c_nt_night = 2026-05-04 and custscript_o2c_nt_step = dso-alert to finish the night\./,
		);
		expect(emu.store.count(AE)).toBe(0);
	});
});
