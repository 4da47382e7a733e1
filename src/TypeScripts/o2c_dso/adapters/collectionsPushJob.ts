/**
 * Wiring of the collections push map/reduce (customscript_o2c_collections_push_mr; README
 * "Collections push"). Every id here is declared in src/Objects/customscript_o2c_collections_push_mr.xml.
 *
 * getInputData (writes nothing): the day, the settings, the attempts parameter; the customers
 * selected from the day's customer metrics (none without any collections setting record: the push
 * is not set up) and the outbox entries due for a retry or re-queued by an admin; then, if there is
 * anything to send, the endpoint parameter and one `HEAD` to the endpoint with the credential. Any of these failing stops the push with an error naming the parameter, secret or
 * record, before a single outbox record is written (the summarize logs it; other scripts run on).
 *
 * map (one customer per invocation, 1,000 units): its due retries first, oldest first, then today's
 * payload: found or written in the outbox, then sent, then the outcome recorded (app/collections/push.ts).
 * Governance of one new payload ≈ 93 units (README "Collections push", measured): well inside a map's 1,000.
 *
 * summarize: counts by outcome and every failed key, logged.
 */
import * as log from 'N/log';
import * as runtime from 'N/runtime';
import { deliver, prepareCustomer, requeue, type DeliverResult, type PrepareResult } from '../app/collections/push';
import type { CalendarDate } from '../domain/calendarDate';
import {
	CollectionsSettingsError,
	isSelected,
	resolveCollectionsSettings,
	validateCollectionsSettings,
} from '../domain/collections/collectionsSettings';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../domain/collections/delivery';
import { nsCollectionsContext } from './collections/collectionsContext';
import { COLLECTIONS_SETTING, collectionsSettingRows, pushCandidates } from './collections/collectionsReaders';
import { COLLECTIONS_SECRET, httpsSender, probeEndpoint } from './collections/httpsSender';
import { nsOutbox, openEntries } from './collections/outboxRecords';
import { nsPayloadSource } from './collections/payloadSource';
import { chainNight, nightOf } from './nightlyChain';
import { intParam, textParam } from './scriptParams';

export const P_CP = {
	url: 'custscript_o2c_cp_url',
	maxAttempts: 'custscript_o2c_cp_max_attempts',
	night: 'custscript_o2c_cp_night',
	asOf: 'custscript_o2c_cp_as_of',
} as const;

export const PUSH_SCRIPT = 'customscript_o2c_collections_push_mr';

/** What getInputData hands each map invocation, keyed by customer id. */
export interface PushWork {
	readonly day: CalendarDate;
	readonly subsidiaryId: string | null;
	readonly selected: boolean;
	readonly retryIds: number[];
}

/** What a map invocation reports to summarize. */
export interface PushDone {
	readonly prepared: PrepareResult['action'] | null;
	readonly sent: number;
	readonly delivered: number;
	readonly dead: number;
	readonly pending: number;
	readonly requeued: number;
}

/** The push stopped before writing anything: configuration, secret or endpoint. */
export class PushConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'O2C_COLLECTIONS_PUSH_CONFIG';
	}
}

/** The day the run pushes: the night the chain gives, else the as-of override, else yesterday (adapters/nightlyChain). */
export function pushDay(): CalendarDate {
	return nightOf(P_CP.asOf).asOf;
}

/** The night this execution belongs to (null outside the chain). */
export function pushNight(): CalendarDate | null {
	return chainNight();
}

/** The endpoint parameter, checked. */
export function endpoint(): string {
	const url = textParam(P_CP.url);
	if (url === undefined)
		throw new PushConfigError(
			`Deployment parameter ${P_CP.url} (Collections endpoint URL) is empty: set it on the deployment customdeploy_o2c_collections_push_mr; nothing was pushed`,
		);
	if (!/^https?:\/\/[^\s/]+/i.test(url))
		throw new PushConfigError(`Deployment parameter ${P_CP.url} is not an http(s) URL: ${JSON.stringify(url)}`);
	return url;
}

/** The retry policy with the deployment's maximum attempts. */
export function retryPolicy(): RetryPolicy {
	const max = intParam(P_CP.maxAttempts);
	if (max === undefined) return DEFAULT_RETRY_POLICY;
	if (max < 1 || max > 50)
		throw new PushConfigError(`Deployment parameter ${P_CP.maxAttempts} must be from 1 to 50, got ${String(max)}`);
	return { ...DEFAULT_RETRY_POLICY, maxAttempts: max };
}

/** getInputData: see the module comment. Returns the work per customer (an object: keys are customer ids). */
export function inputForRun(now: Date): Record<string, string> {
	const day = pushDay();
	retryPolicy();
	const rows = collectionsSettingRows();
	try {
		validateCollectionsSettings(rows);
	} catch (e) {
		if (e instanceof CollectionsSettingsError) throw new PushConfigError(e.message);
		throw e;
	}
	const work = new Map<string, { subsidiaryId: string | null; selected: boolean; retryIds: number[] }>();
	const slot = (customerId: string): { subsidiaryId: string | null; selected: boolean; retryIds: number[] } => {
		let w = work.get(customerId);
		if (!w) {
			w = { subsidiaryId: null, selected: false, retryIds: [] };
			work.set(customerId, w);
		}
		return w;
	};
	// no collections setting at all: the push is not set up, nobody is selected (retries still go)
	for (const c of rows.length === 0 ? [] : pushCandidates(day)) {
		if (!isSelected(c, resolveCollectionsSettings(rows, c.subsidiaryId))) continue;
		const w = slot(c.customerId);
		w.selected = true;
		w.subsidiaryId = String(c.subsidiaryId);
	}
	for (const e of openEntries()) {
		if (e.status === 'dead' || e.nextAttemptAt === null || e.nextAttemptAt <= now)
			slot(e.customerId).retryIds.push(e.id);
	}
	if (work.size === 0) {
		log.audit({
			title: `Collections push ${day}: nothing to send`,
			details:
				rows.length === 0
					? `no ${COLLECTIONS_SETTING} record: the push is not set up`
					: 'no customer selected, no retry due',
		});
		return {};
	}
	const url = endpoint();
	const refused = probeEndpoint(url);
	if (refused !== null)
		throw new PushConfigError(
			refused.blame === 'secret'
				? `The API secret ${COLLECTIONS_SECRET} was not accepted (${refused.reason}); create it under Setup > Company > Preferences > API Secrets and allow this script; nothing was pushed`
				: `The endpoint in deployment parameter ${P_CP.url} cannot be reached (${refused.reason}); nothing was pushed, pending payloads wait for the next run`,
		);
	const out: Record<string, string> = {};
	for (const [customerId, w] of work) {
		const value: PushWork = { day, ...w };
		out[customerId] = JSON.stringify(value);
	}
	return out;
}

/** map: one customer's retries and today's payload. */
export function pushCustomer(customerId: string, value: string, now: Date): PushDone {
	const w = JSON.parse(value) as PushWork;
	const policy = retryPolicy();
	const sender = httpsSender(endpoint());
	const ports = { outbox: nsOutbox, sender };
	const results: DeliverResult[] = [];
	let requeued = 0;
	for (const id of w.retryIds) {
		let e = nsOutbox.entry(id);
		if (e === null) continue;
		if (e.status === 'dead' && e.requeue) {
			if (!requeue(e, nsOutbox, now)) continue;
			requeued++;
			e = nsOutbox.entry(id);
			if (e === null) continue;
		}
		results.push(deliver(e, ports, now, policy));
	}
	let prepared: PrepareResult | null = null;
	if (w.selected && w.subsidiaryId !== null) {
		prepared = prepareCustomer(
			{ customerId, subsidiaryId: w.subsidiaryId, day: w.day, accountId: runtime.accountId, now },
			{ outbox: nsOutbox, source: nsPayloadSource(nsCollectionsContext) },
		);
		if (prepared.action === 'created' || prepared.action === 'exists') {
			const e = nsOutbox.entry(prepared.entryId);
			if (e !== null) results.push(deliver(e, ports, now, policy));
		}
	}
	const sentWith = (s: string): number => results.filter((r) => r.sent && r.status === s).length;
	return {
		prepared: prepared?.action ?? null,
		sent: results.filter((r) => r.sent).length,
		delivered: sentWith('delivered'),
		dead: sentWith('dead') + (prepared?.action === 'dead-lettered' ? 1 : 0),
		pending: sentWith('pending'),
		requeued,
	};
}

/** `name: message` of a serialised SuiteScript error (summary errors are JSON text). */
function errorLine(serialised: string): string {
	try {
		const e = JSON.parse(serialised) as { name?: unknown; message?: unknown };
		if (typeof e.message === 'string') return `${typeof e.name === 'string' ? e.name : 'ERROR'}: ${e.message}`;
	} catch {
		/* not JSON: as it is */
	}
	return serialised;
}

interface SummaryLike {
	inputSummary: { error?: string | null };
	mapSummary: { errors: { iterator(): { each(f: (key: string, error: string) => boolean): void } } };
	output: { iterator(): { each(f: (key: string, value: string) => boolean): void } };
	usage: number;
}

/** summarize: the counts of the run, logged; an input error (the push stopped) logged as such. */
export function summarizeRun(summary: SummaryLike): Record<string, number> & { stopped: number } {
	const counts = {
		customers: 0,
		created: 0,
		unchanged: 0,
		sent: 0,
		delivered: 0,
		dead: 0,
		pending: 0,
		requeued: 0,
		failed: 0,
		stopped: 0,
	};
	if (summary.inputSummary.error) {
		counts.stopped = 1;
		log.error({
			title: 'Collections push: stopped, nothing pushed',
			details: errorLine(summary.inputSummary.error),
		});
	}
	summary.mapSummary.errors.iterator().each((key, error) => {
		counts.failed++;
		log.error({ title: `Collections push: customer ${key} failed`, details: error });
		return true;
	});
	summary.output.iterator().each((_key, value) => {
		const d = JSON.parse(value) as PushDone;
		counts.customers++;
		if (d.prepared === 'created') counts.created++;
		if (d.prepared === 'unchanged') counts.unchanged++;
		counts.sent += d.sent;
		counts.delivered += d.delivered;
		counts.dead += d.dead;
		counts.pending += d.pending;
		counts.requeued += d.requeued;
		return true;
	});
	log.audit({
		title: 'Collections push: done',
		details: Object.entries(counts)
			.map(([k, v]) => `${k} ${String(v)}`)
			.concat(`units ${String(summary.usage)}`)
			.join(', '),
	});
	return counts;
}
