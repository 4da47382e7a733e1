/**
 * The N/* implementation of the DSO-increase alert's ports (types.ts): stored snapshots, historical
 * per-customer aging, customer credit figures (`searches/customerCredit.ts`, customer currency),
 * the evaluation record store, the mailer and links.
 *
 * - Evaluation records (`customrecord_o2c_alert_eval`) never hold recipients' addresses, only
 *   their count; nothing here logs an address either.
 * - The mailer sends the HTML body with N/email (`relatedRecords` attaches the message to the
 *   evaluation record, whose Messages subtab then shows what was sent). N/email has no separate
 *   plain-text part: the plain-text rendering is stored on the evaluation record.
 * - Links are absolute (`https://<account domain>/app/...`): `url.resolveRecord` returns a path
 *   in NetSuite, which a mail client cannot open.
 */
import * as email from 'N/email';
import * as log from 'N/log';
import * as record from 'N/record';
import * as search from 'N/search';
import * as url from 'N/url';
import { AgingItem } from '../../domain/aging';
import { CalendarDate } from '../../domain/calendarDate';
import { fromDecimal, Minor } from '../../domain/money';
import { openItemsAt } from '../../domain/snapshotMath';
import { fromNsDate, toNsDateValue } from '../nsDate';
import { loadAgingHistory } from '../searches/agingHistory';
import { creditOfSubsidiaryCustomers } from '../searches/customerCredit';
import { loadSubsidiaries } from '../searches/subsidiaries';
import { baseCurrencySettings, ensureSavedSearch, forEachRow, rawValue, SavedSearchSpec } from '../searches/searchKit';
import { parseTermsMix } from './snapshotParse';
import type { CashOutlook } from '../../domain/cashForecast';
import { storedCashOutlook } from '../records/forecastRecords';
import {
	AlertMessage,
	AlertPorts,
	AlertSnapshot,
	AlertSubsidiary,
	CustomerCredit,
	EmailFields,
	EvaluationValues,
	StoredEvaluation,
} from '../../app/alert/ports';

export const EVAL_RECORD = 'customrecord_o2c_alert_eval';
const SNAPSHOT_RECORD = 'customrecord_o2c_sub_snapshot';
/** Longest text written to a TEXTAREA field (NetSuite allows 4,000 characters). */
const TEXTAREA_MAX = 3900;
const TEXT_MAX = 300;
/** NetSuite's long-text limit is 1,000,000 characters. */
const CLOB_MAX = 100000;

function clip(text: string, max: number): string {
	return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function str(row: search.Result, name: string): string {
	const v = rawValue(row, { name });
	return v === null || v === undefined ? '' : String(v);
}

function numOrNull(text: string): number | null {
	if (text.trim() === '') return null;
	const n = Number(text);
	return Number.isFinite(n) ? n : null;
}

function minor(text: string, currency: string): Minor {
	return fromDecimal(text, currency).minor;
}

/** Saved search an alert links to: open invoices with days overdue, oldest first (base currency). */
export const ALERT_AGING_SEARCH: SavedSearchSpec = {
	id: 'customsearch_o2c_alert_aging',
	title: 'O2C DSO: A/R aging, open invoices by days overdue (linked from the DSO alert)',
	create: () =>
		search.create({
			type: 'invoice',
			settings: baseCurrencySettings(),
			filters: [['mainline', 'is', 'T'], 'AND', ['status', 'anyof', 'CustInvc:A']],
			columns: [
				search.createColumn({ name: 'subsidiary' }),
				search.createColumn({ name: 'entity' }),
				search.createColumn({ name: 'tranid' }),
				search.createColumn({ name: 'trandate' }),
				search.createColumn({ name: 'duedate' }),
				search.createColumn({ name: 'daysoverdue', sort: search.Sort.DESC }),
				search.createColumn({ name: 'amountremaining' }),
			],
		}),
};

function appDomain(): string {
	return url.resolveDomain({ hostType: url.HostType.APPLICATION });
}

/** An absolute URL from what N/url returned (a path in NetSuite, a full URL in some contexts). */
export function absolute(pathOrUrl: string): string {
	return /^https?:\/\//i.test(pathOrUrl)
		? pathOrUrl
		: `https://${appDomain()}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`;
}

/**
 * The aging saved search (created on first use) and its absolute URL; null when it cannot be made.
 * @example agingSearchUrl() // 'https://1234567.app.netsuite.com/app/common/search/searchresults.nl?searchid=customsearch_o2c_alert_aging'
 */
export function agingSearchUrl(): string | null {
	const s = ensureSavedSearch(ALERT_AGING_SEARCH);
	const idValue = (s as unknown as { searchId?: unknown }).searchId;
	const searchId = typeof idValue === 'number' && idValue > 0 ? String(idValue) : ALERT_AGING_SEARCH.id;
	return url.format({
		domain: `https://${appDomain()}/app/common/search/searchresults.nl`,
		params: { searchid: searchId },
	});
}

/**
 * The subsidiaries the snapshot covers (the same saved search, `customsearch_o2c_subsidiaries`, so
 * an admin who excludes an elimination subsidiary there excludes it here too), with the ISO code of
 * their base currency.
 */
export function readSubsidiaries(codes?: ReadonlyMap<string, string>): AlertSubsidiary[] {
	return loadSubsidiaries(undefined, codes).map((s) => ({ id: Number(s.id), name: s.name, currency: s.currency }));
}

function setAll(rec: record.Record, values: EvaluationValues): void {
	const set = (fieldId: string, value: unknown): void => {
		rec.setValue({ fieldId, value: value as record.FieldValue });
	};
	set('name', clip(values.name, TEXT_MAX));
	set('custrecord_o2c_ae_key', values.key);
	set('custrecord_o2c_ae_subsidiary', values.subsidiaryId);
	set('custrecord_o2c_ae_as_of', toNsDateValue(values.asOf));
	set('custrecord_o2c_ae_period', values.period);
	set('custrecord_o2c_ae_window', values.windowDays);
	set('custrecord_o2c_ae_dso_this', values.dsoThis);
	set('custrecord_o2c_ae_dso_prior', values.dsoPrior);
	set('custrecord_o2c_ae_delta', values.delta);
	set('custrecord_o2c_ae_threshold', values.thresholdApplied);
	set('custrecord_o2c_ae_floor', values.floorDays);
	set('custrecord_o2c_ae_reason', values.reason);
	set('custrecord_o2c_ae_fired', values.fired);
	set('custrecord_o2c_ae_rule_met', values.ruleMet);
	set('custrecord_o2c_ae_season', clip(values.season, TEXT_MAX));
	set('custrecord_o2c_ae_season_note', clip(values.seasonNote, TEXTAREA_MAX));
	set('custrecord_o2c_ae_escalated', values.escalated);
	set('custrecord_o2c_ae_escalation', clip(values.escalation, TEXTAREA_MAX));
	set('custrecord_o2c_ae_settings', clip(values.settings, TEXTAREA_MAX));
	set('custrecord_o2c_ae_error', clip(values.error, TEXTAREA_MAX));
}

function emailValues(e: EmailFields): Record<string, string | number | boolean> {
	const v: Record<string, string | number | boolean> = { custrecord_o2c_ae_email_status: e.emailStatus };
	if (e.emailRef !== undefined) v.custrecord_o2c_ae_email_ref = e.emailRef ?? '';
	if (e.recipients !== undefined) v.custrecord_o2c_ae_recipients = e.recipients ?? '';
	if (e.error !== undefined) v.custrecord_o2c_ae_error = clip(e.error, TEXTAREA_MAX);
	if (e.emailText !== undefined) v.custrecord_o2c_ae_email_text = clip(e.emailText, CLOB_MAX);
	return v;
}

const SNAPSHOT_COLUMNS = [
	'custrecord_o2c_ss_date',
	'custrecord_o2c_ss_currency',
	'custrecord_o2c_ss_window',
	'custrecord_o2c_ss_ar_balance',
	'custrecord_o2c_ss_ar_prior',
	'custrecord_o2c_ss_unapplied',
	'custrecord_o2c_ss_sales_this',
	'custrecord_o2c_ss_sales_prior',
	'custrecord_o2c_ss_dso',
	'custrecord_o2c_ss_dso_prior',
	'custrecord_o2c_ss_ag_current',
	'custrecord_o2c_ss_ag_1_30',
	'custrecord_o2c_ss_ag_31_60',
	'custrecord_o2c_ss_ag_61_90',
	'custrecord_o2c_ss_ag_90_plus',
	'custrecord_o2c_ss_terms_mix',
	'custrecord_o2c_ss_cash_app_rate',
	'custrecord_o2c_ss_lead_time',
];

/** One stored snapshot row as the alert reads it; a row without a currency is an error naming it. */
function alertSnapshotOf(row: search.Result, subsidiaryId: number, date: CalendarDate): AlertSnapshot {
	const cur = str(row, 'custrecord_o2c_ss_currency');
	if (cur === '')
		throw new Error(
			`Snapshot ${row.id} of subsidiary ${String(subsidiaryId)} at ${date} has no currency (custrecord_o2c_ss_currency)`,
		);
	return {
		date,
		windowDays: Number(str(row, 'custrecord_o2c_ss_window')),
		currency: cur,
		arMinor: minor(str(row, 'custrecord_o2c_ss_ar_balance'), cur),
		arPriorMinor: minor(str(row, 'custrecord_o2c_ss_ar_prior'), cur),
		unappliedMinor: minor(str(row, 'custrecord_o2c_ss_unapplied'), cur),
		salesThisMinor: minor(str(row, 'custrecord_o2c_ss_sales_this'), cur),
		salesPriorMinor: minor(str(row, 'custrecord_o2c_ss_sales_prior'), cur),
		dso: numOrNull(str(row, 'custrecord_o2c_ss_dso')),
		dsoPrior: numOrNull(str(row, 'custrecord_o2c_ss_dso_prior')),
		aging: {
			current: minor(str(row, 'custrecord_o2c_ss_ag_current'), cur),
			'1-30': minor(str(row, 'custrecord_o2c_ss_ag_1_30'), cur),
			'31-60': minor(str(row, 'custrecord_o2c_ss_ag_31_60'), cur),
			'61-90': minor(str(row, 'custrecord_o2c_ss_ag_61_90'), cur),
			'90+': minor(str(row, 'custrecord_o2c_ss_ag_90_plus'), cur),
		},
		termsMix: parseTermsMix(str(row, 'custrecord_o2c_ss_terms_mix'), cur),
		cashApplicationRate: numOrNull(str(row, 'custrecord_o2c_ss_cash_app_rate')),
		leadTimeDays: numOrNull(str(row, 'custrecord_o2c_ss_lead_time')),
	};
}

/**
 * The stored snapshots at the given dates of several subsidiaries, in ONE search (their keys
 * `<subsidiary>:<date>` ORed; 5 + 5 per 1,000 rows): the alert's getInputData reads D, D − W and
 * D − 2W of every subsidiary at once instead of one search per reduce.
 * @example loadAlertSnapshotsOf(new Map([[1, [d('2026-05-04')]]])).get(1)?.get(d('2026-05-04'))?.dso
 */
export function loadAlertSnapshotsOf(
	datesBySubsidiary: ReadonlyMap<number, readonly CalendarDate[]>,
): Map<number, Map<CalendarDate, AlertSnapshot>> {
	const out = new Map<number, Map<CalendarDate, AlertSnapshot>>();
	const keys: unknown[] = [];
	for (const [subsidiaryId, dates] of datesBySubsidiary) {
		out.set(subsidiaryId, new Map());
		for (const d of dates) {
			if (keys.length > 0) keys.push('OR');
			keys.push(['custrecord_o2c_ss_key', 'is', `${String(subsidiaryId)}:${d}`]);
		}
	}
	if (keys.length === 0) return out;
	const ids = [...datesBySubsidiary.keys()];
	const only = ids.length === 1 ? ids[0] : undefined;
	const s = search.create({
		type: SNAPSHOT_RECORD,
		filters: [
			['isinactive', 'is', 'F'],
			'AND',
			['custrecord_o2c_ss_subsidiary', 'anyof', ...ids.map(String)],
			'AND',
			keys,
		],
		columns: ['custrecord_o2c_ss_subsidiary', ...SNAPSHOT_COLUMNS],
	});
	forEachRow(s, (row) => {
		const subsidiaryId = only ?? Number(str(row, 'custrecord_o2c_ss_subsidiary'));
		const date = fromNsDate(str(row, 'custrecord_o2c_ss_date'));
		const bySub = out.get(subsidiaryId);
		if (date !== null && bySub !== undefined) bySub.set(date, alertSnapshotOf(row, subsidiaryId, date));
	});
	return out;
}

/** The stored snapshots of one subsidiary at the given dates (one search). */
function loadAlertSnapshots(subsidiaryId: number, dates: readonly CalendarDate[]): Map<CalendarDate, AlertSnapshot> {
	const none = new Map<CalendarDate, AlertSnapshot>();
	if (dates.length === 0) return none;
	return loadAlertSnapshotsOf(new Map([[subsidiaryId, dates]])).get(subsidiaryId) ?? none;
}

/**
 * The evaluation records of an alert period of several subsidiaries, in ONE search (5 + 5 per
 * 1,000 rows), per subsidiary (every requested subsidiary has an entry, empty when it has none).
 * @example readPeriodEvaluations([1, 2], '2026-05').get(1) // [{ id: 7, key: '1:2026-05-03', emailStatus: 'sent' }]
 */
export function readPeriodEvaluations(
	subsidiaryIds: readonly number[],
	period: string,
): Map<number, StoredEvaluation[]> {
	const out = new Map<number, StoredEvaluation[]>(subsidiaryIds.map((id) => [id, []]));
	if (subsidiaryIds.length === 0) return out;
	const s = search.create({
		type: EVAL_RECORD,
		filters: [
			['custrecord_o2c_ae_subsidiary', 'anyof', ...subsidiaryIds.map(String)],
			'AND',
			['custrecord_o2c_ae_period', 'is', period],
		],
		columns: ['custrecord_o2c_ae_subsidiary', 'custrecord_o2c_ae_key', 'custrecord_o2c_ae_email_status'],
	});
	forEachRow(s, (row) => {
		out.get(Number(str(row, 'custrecord_o2c_ae_subsidiary')))?.push({
			id: Number(row.id),
			key: str(row, 'custrecord_o2c_ae_key'),
			emailStatus: str(row, 'custrecord_o2c_ae_email_status'),
		});
	});
	return out;
}

/**
 * The N/* ports; `author` is the employee internal id the alert emails are sent from; `codes`
 * (currency internal id → ISO code) when getInputData read them already (the customers' credit
 * read then needs no currency search).
 */
export function createAlertPorts(author: number, codes?: ReadonlyMap<string, string>): AlertPorts {
	return {
		snapshots: loadAlertSnapshots,

		customerOpenItems(
			subsidiary: AlertSubsidiary,
			asOf: CalendarDate,
			priorAsOf: CalendarDate,
		): Map<number, { this: AgingItem[]; prior: AgingItem[] }> {
			const history = loadAgingHistory(
				{ asOf, coveredAfter: priorAsOf, customersOfSubsidiary: String(subsidiary.id) },
				() => subsidiary.currency,
			);
			const now = openItemsAt(history, asOf);
			const before = openItemsAt(history, priorAsOf);
			const out = new Map<number, { this: AgingItem[]; prior: AgingItem[] }>();
			for (const key of new Set([...now.keys(), ...before.keys()])) {
				out.set(Number(key), { this: now.get(key) ?? [], prior: before.get(key) ?? [] });
			}
			return out;
		},

		customers(subsidiary: AlertSubsidiary): Map<number, CustomerCredit> {
			return creditOfSubsidiaryCustomers(String(subsidiary.id), codes);
		},

		periodEvaluations(subsidiaryId: number, period: string): StoredEvaluation[] {
			return readPeriodEvaluations([subsidiaryId], period).get(subsidiaryId) ?? [];
		},

		saveEvaluation(id: number | null, values: EvaluationValues, emailFields?: EmailFields): number {
			const rec = id === null ? record.create({ type: EVAL_RECORD }) : record.load({ type: EVAL_RECORD, id });
			setAll(rec, values);
			if (emailFields !== undefined) {
				for (const [fieldId, value] of Object.entries(emailValues(emailFields)))
					rec.setValue({ fieldId, value });
			}
			return rec.save();
		},

		setEmail(id: number, emailFields: EmailFields): void {
			record.submitFields({ type: EVAL_RECORD, id, values: emailValues(emailFields) });
		},

		send(message: AlertMessage, evaluationId: number): void {
			email.send({
				author,
				recipients: [...message.to],
				subject: message.subject,
				body: message.html,
				relatedRecords: { customRecord: { id: evaluationId, recordType: EVAL_RECORD } },
			});
		},

		customerUrl(customerId: number): string | null {
			return absolute(url.resolveRecord({ recordType: 'customer', recordId: customerId, isEditMode: false }));
		},

		evaluationUrl(evaluationId: number): string | null {
			return absolute(url.resolveRecord({ recordType: EVAL_RECORD, recordId: evaluationId, isEditMode: false }));
		},

		forecast(subsidiaryId: number): CashOutlook | null {
			return storedCashOutlook(String(subsidiaryId));
		},

		agingSearchUrl(): string | null {
			try {
				return agingSearchUrl();
			} catch (e) {
				// The link is a convenience: the alert goes out without it rather than not at all.
				log.error({
					title: 'DSO alert: the A/R aging saved search could not be prepared',
					details: e instanceof Error ? e.message : String(e),
				});
				return null;
			}
		},
	};
}
