/**
 * Reading, validating and writing o2c-dataset/1 files (../shared/dataset-format.md §1).
 *
 * - {@link loadDataset} reads the JSON file and, when it names a `transactionsFile`, streams that
 *   NDJSON file line by line (1 MB blocks, never the whole text in memory), then validates.
 * - {@link validateDataset} checks the contract and throws a {@link DatasetError} listing every
 *   problem (the first {@link MAX_PROBLEMS}), each naming record and field, e.g.
 *   `transactions[id=42].dueDate: "2026-02-30" is not a calendar date`.
 * - {@link writeDataset} writes atomically (temp files + rename): a failure leaves nothing behind.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DATASET_FORMAT, Dataset, DatasetFile, DsTransaction } from './dataset';
import { isMonthDay, parseDay } from './calendar';
import { AtomicFiles, DatasetJsonWriter, ndjsonNameFor, writeDatasetObject } from './serialize';

/** At most this many problems are listed in a {@link DatasetError}. */
export const MAX_PROBLEMS = 50;

/** A dataset that breaks the contract; `problems` lists the first {@link MAX_PROBLEMS}. */
export class DatasetError extends Error {
	constructor(
		readonly problems: string[],
		/** total number of problems found (may exceed problems.length) */
		readonly total: number = problems.length,
		source?: string,
	) {
		super(
			`Invalid dataset${source ? ` ${source}` : ''} (${total} problem${total === 1 ? '' : 's'}):\n` +
				problems.map((p) => `  - ${p}`).join('\n') +
				(total > problems.length ? `\n  ... and ${total - problems.length} more` : ''),
		);
		this.name = 'DatasetError';
		Object.setPrototypeOf(this, DatasetError.prototype);
	}
}

/** Transaction types whose A/R meaning the contract defines. */
const KNOWN_TYPES = new Set(['SalesOrd', 'CustInvc', 'CustCred', 'CustPymt']);
const APPLYING_TYPES = new Set(['CustCred', 'CustPymt']);
const CURRENCY_RE = /^[A-Z]{3}$/;

class Problems {
	readonly list: string[] = [];
	total = 0;
	add(where: string, message: string): void {
		this.total++;
		if (this.list.length < MAX_PROBLEMS) this.list.push(`${where}: ${message}`);
	}
}

type Rec = Record<string, unknown>;

function isObject(v: unknown): v is Rec {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
	if (v === undefined) return 'missing';
	// What JSON cannot write (a function, a symbol, a bigint, an object with a cycle) is shown as String() shows it.
	// eslint-disable-next-line @typescript-eslint/no-base-to-string -- only an object with a cycle (never from JSON.parse) gets '[object Object]' here, as it always has
	const s = jsonText(v) ?? String(v);
	return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/**
 * JSON text of a value, or undefined where JSON has none: JSON.stringify returns undefined for a
 * function or a symbol (which its type does not say) and throws on a bigint or a cycle.
 */
function jsonText(v: unknown): string | undefined {
	try {
		return (JSON.stringify as (value: unknown) => string | undefined)(v);
	} catch {
		return undefined;
	}
}

function isId(v: unknown): v is number {
	return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

/** A positive JSON number with at most 2 decimals (as it would be written), below 10^13. */
export function isAmount(v: unknown): v is number {
	if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v >= 1e13) return false;
	const s = String(v);
	if (s.includes('e')) return false;
	const dot = s.indexOf('.');
	return dot < 0 || s.length - dot - 1 <= 2;
}

function isNonNegativeMoney(v: unknown): v is number {
	return v === 0 || isAmount(v);
}

/** Integer cents of an amount with at most 2 decimals. */
function cents(v: number): number {
	return Math.round(v * 100);
}

function money(c: number): string {
	return (c / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** Label of the i-th record of a list: `name[id=7]`, or `name[3]` when the id is unusable. */
function label(list: string, rec: unknown, i: number): string {
	return isObject(rec) && isId(rec.id) ? `${list}[id=${rec.id}]` : `${list}[${i}]`;
}

/** A record being checked; `at` is its label (a string, or a function computing it on demand). */
interface FieldCheck {
	p: Problems;
	at: string | (() => string);
	rec: Rec;
}

function where(c: FieldCheck): string {
	return typeof c.at === 'string' ? c.at : c.at();
}

function field(c: FieldCheck, name: string): string {
	return `${where(c)}.${name}`;
}

/** Required non-empty string. */
function reqString(c: FieldCheck, name: string): string | undefined {
	const v = c.rec[name];
	if (typeof v === 'string' && v.trim() !== '') return v;
	c.p.add(field(c, name), v === undefined ? 'is required' : `${show(v)} is not a non-empty string`);
	return undefined;
}

/** Optional (absent or null) string. */
function optString(c: FieldCheck, name: string): void {
	const v = c.rec[name];
	if (v === undefined || v === null || typeof v === 'string') return;
	c.p.add(field(c, name), `${show(v)} is not a string`);
}

function reqDate(c: FieldCheck, name: string): number | undefined {
	const v = c.rec[name];
	const d = parseDay(v);
	if (d !== null) return d;
	c.p.add(field(c, name), v === undefined ? 'is required' : `${show(v)} is not a calendar date (YYYY-MM-DD)`);
	return undefined;
}

function optDate(c: FieldCheck, name: string): number | undefined {
	const v = c.rec[name];
	if (v === undefined || v === null) return undefined;
	return reqDate(c, name);
}

function reqAmount(c: FieldCheck, name: string): number | undefined {
	const v = c.rec[name];
	if (isAmount(v)) return v;
	c.p.add(
		field(c, name),
		v === undefined ? 'is required' : `${show(v)} is not an amount (a positive number with at most 2 decimals)`,
	);
	return undefined;
}

function reqCurrency(c: FieldCheck, name: string): string | undefined {
	const v = c.rec[name];
	if (typeof v === 'string' && CURRENCY_RE.test(v)) return v;
	c.p.add(field(c, name), v === undefined ? 'is required' : `${show(v)} is not a currency code (3 capital letters)`);
	return undefined;
}

/** Optional reference (absent or null allowed) to an id in `ids`. */
function optRef(c: FieldCheck, name: string, ids: { has(id: number): boolean }, what: string): number | undefined {
	const v = c.rec[name];
	if (v === undefined || v === null) return undefined;
	return reqRef(c, name, ids, what);
}

function reqRef(c: FieldCheck, name: string, ids: { has(id: number): boolean }, what: string): number | undefined {
	const v = c.rec[name];
	if (v === undefined) {
		c.p.add(field(c, name), 'is required');
		return undefined;
	}
	if (!isId(v)) {
		c.p.add(field(c, name), `${show(v)} is not an id (a positive integer)`);
		return undefined;
	}
	if (!ids.has(v)) {
		c.p.add(field(c, name), `${what} ${v} does not exist`);
		return undefined;
	}
	return v;
}

function optBoolean(c: FieldCheck, name: string): void {
	const v = c.rec[name];
	if (v === undefined || typeof v === 'boolean') return;
	c.p.add(field(c, name), `${show(v)} is not a boolean`);
}

function optNumber(c: FieldCheck, name: string, opts: { min?: number; integer?: boolean; positive?: boolean }): void {
	const v = c.rec[name];
	if (v === undefined) return;
	const ok =
		typeof v === 'number' &&
		Number.isFinite(v) &&
		(!opts.integer || Number.isInteger(v)) &&
		(opts.min === undefined || v >= opts.min) &&
		(!opts.positive || v > 0);
	if (!ok) {
		const kind = `${opts.positive ? 'a positive' : opts.min === 0 ? 'a non-negative' : 'a'} ${opts.integer ? 'integer' : 'number'}`;
		c.p.add(field(c, name), `${show(v)} is not ${kind}`);
	}
}

interface CheckedList {
	/** the list's elements that are objects, with their index */
	items: { rec: Rec; index: number }[];
	/** first record of each valid id */
	ids: Map<number, Rec>;
	name: string;
}

/**
 * Checks a list's shape and ids: every element an object with a positive id unique in the list.
 * Labels are built only when a problem is reported (lists may hold millions of records).
 */
function checkList(p: Problems, ds: Rec, name: string, required: boolean): CheckedList {
	const items: { rec: Rec; index: number }[] = [];
	const ids = new Map<number, Rec>();
	const v = ds[name];
	if (v === undefined && !required) return { items, ids, name };
	if (!Array.isArray(v)) {
		p.add(name, v === undefined ? 'is required' : `${show(v)} is not a list`);
		return { items, ids, name };
	}
	for (let i = 0; i < v.length; i++) {
		const rec: unknown = v[i];
		if (!isObject(rec)) {
			p.add(`${name}[${i}]`, `${show(rec)} is not an object`);
			continue;
		}
		if (!isId(rec.id)) {
			p.add(
				`${name}[${i}].id`,
				rec.id === undefined ? 'is required' : `${show(rec.id)} is not an id (a positive integer)`,
			);
		} else if (ids.has(rec.id)) {
			const firstIndex = v.indexOf(ids.get(rec.id));
			p.add(`${name}[${i}].id`, `${rec.id} is not unique (also ${name}[${firstIndex}])`);
		} else {
			ids.set(rec.id, rec);
		}
		items.push({ rec, index: i });
	}
	return { items, ids, name };
}

/** The check context of a list item, its label computed on demand. */
function itemCheck(p: Problems, list: CheckedList, item: { rec: Rec; index: number }): FieldCheck {
	return { p, rec: item.rec, at: () => label(list.name, item.rec, item.index) };
}

/**
 * Validates a dataset against the o2c-dataset/1 contract; throws {@link DatasetError} listing the
 * problems (record and field named in each). Returns normally when the dataset is valid.
 */
export function validateDataset(ds: unknown): asserts ds is Dataset {
	const problems = datasetProblems(ds);
	if (problems.total > 0) throw new DatasetError(problems.list, problems.total);
}

/** All problems of a dataset (the first {@link MAX_PROBLEMS} listed, all counted). */
export function datasetProblems(input: unknown): { list: string[]; total: number } {
	const p = new Problems();
	if (!isObject(input)) {
		p.add('dataset', `${show(input)} is not an object`);
		return p;
	}
	const ds = input;
	if (ds.format !== DATASET_FORMAT) p.add('format', `${show(ds.format)} is not "${DATASET_FORMAT}"`);
	if (ds.suggestedAsOf !== undefined && parseDay(ds.suggestedAsOf) === null) {
		p.add('suggestedAsOf', `${show(ds.suggestedAsOf)} is not a calendar date (YYYY-MM-DD)`);
	}

	// account
	if (!isObject(ds.account)) {
		p.add('account', ds.account === undefined ? 'is required' : `${show(ds.account)} is not an object`);
	} else {
		const c = { p, at: 'account', rec: ds.account };
		reqString(c, 'name');
		reqString(c, 'timezone');
		optString(c, 'note');
		const f = ds.account.features;
		if (f !== undefined && !(Array.isArray(f) && f.every((x) => typeof x === 'string'))) {
			p.add('account.features', `${show(f)} is not a list of strings`);
		}
	}

	// subsidiaries
	const subs = checkList(p, ds, 'subsidiaries', true);
	if (Array.isArray(ds.subsidiaries) && ds.subsidiaries.length === 0)
		p.add('subsidiaries', 'must list at least one subsidiary');
	const subCurrency = new Map<number, string>();
	for (const item of subs.items) {
		const c = itemCheck(p, subs, item);
		const rec = item.rec;
		reqString(c, 'name');
		const cur = reqCurrency(c, 'currency');
		if (isId(rec.id) && cur !== undefined) subCurrency.set(rec.id, cur);
		if (rec.parent === undefined) p.add(field(c, 'parent'), 'is required (null for a top-level subsidiary)');
		else if (rec.parent !== null) {
			const parent = reqRef(c, 'parent', subs.ids, 'subsidiary');
			if (parent !== undefined && parent === rec.id)
				p.add(field(c, 'parent'), 'a subsidiary cannot be its own parent');
		}
	}
	// parent cycles
	for (const item of subs.items) {
		const rec = item.rec;
		const at = label('subsidiaries', rec, item.index);
		if (!isId(rec.id) || rec.parent === rec.id) continue;
		const seen = new Set<number>();
		let cur: unknown = rec.parent;
		while (isId(cur) && subs.ids.has(cur) && !seen.has(cur)) {
			if (cur === rec.id) {
				p.add(`${at}.parent`, 'the parent chain loops back to this subsidiary');
				break;
			}
			seen.add(cur);
			cur = subs.ids.get(cur)?.parent;
		}
	}

	// terms
	const terms = checkList(p, ds, 'terms', false);
	for (const item of terms.items) {
		const c = itemCheck(p, terms, item);
		reqString(c, 'name');
		if (item.rec.daysUntilDue === undefined) p.add(field(c, 'daysUntilDue'), 'is required');
		else optNumber(c, 'daysUntilDue', { integer: true, min: 0 });
	}

	// customers
	const custs = checkList(p, ds, 'customers', true);
	for (const item of custs.items) {
		const c = itemCheck(p, custs, item);
		const rec = item.rec;
		reqString(c, 'entityId');
		reqString(c, 'companyName');
		reqRef(c, 'subsidiary', subs.ids, 'subsidiary');
		reqCurrency(c, 'currency');
		optRef(c, 'terms', terms.ids, 'terms');
		if (rec.creditLimit !== undefined && rec.creditLimit !== null && !isNonNegativeMoney(rec.creditLimit)) {
			p.add(field(c, 'creditLimit'), `${show(rec.creditLimit)} is not an amount (≥ 0, at most 2 decimals)`);
		}
		optString(c, 'category');
		optString(c, 'email');
		optString(c, 'phone');
	}

	// transactions: fields and direct references
	const txs = checkList(p, ds, 'transactions', true);
	for (const item of txs.items) {
		const c = itemCheck(p, txs, item);
		const rec = item.rec;
		const type = reqString(c, 'type');
		reqString(c, 'tranId');
		const entity = reqRef(c, 'entity', custs.ids, 'customer');
		const sub = reqRef(c, 'subsidiary', subs.ids, 'subsidiary');
		const cur = reqCurrency(c, 'currency');
		reqDate(c, 'tranDate');
		optDate(c, 'dueDate');
		optRef(c, 'terms', terms.ids, 'terms');
		reqAmount(c, 'amount');
		optBoolean(c, 'disputed');
		optString(c, 'memo');
		if (rec.exchangeRate !== undefined) {
			const r = rec.exchangeRate;
			if (typeof r !== 'number' || !Number.isFinite(r) || r <= 0) {
				p.add(field(c, 'exchangeRate'), `${show(r)} is not a positive number`);
			} else if (sub !== undefined && cur !== undefined && subCurrency.get(sub) === cur && r !== 1) {
				p.add(
					field(c, 'exchangeRate'),
					`${r} but ${cur} is the base currency of subsidiary ${sub} (must be 1)`,
				);
			}
		}
		if (type !== undefined && KNOWN_TYPES.has(type) && entity !== undefined && sub !== undefined) {
			const custSub = custs.ids.get(entity)?.subsidiary;
			if (isId(custSub) && subs.ids.has(custSub) && custSub !== sub) {
				p.add(field(c, 'subsidiary'), `${sub} is not the subsidiary of customer ${entity} (${custSub})`);
			}
		}
		if (rec.createdFrom !== undefined && rec.createdFrom !== null) {
			const src = reqRef(c, 'createdFrom', txs.ids, 'transaction');
			if (src !== undefined) {
				const srcRec = txs.ids.get(src) as Rec;
				if (src === rec.id) p.add(field(c, 'createdFrom'), 'a transaction cannot be created from itself');
				else if (entity !== undefined && srcRec.entity !== entity) {
					p.add(
						field(c, 'createdFrom'),
						`transaction ${src} belongs to customer ${show(srcRec.entity)}, not ${entity}`,
					);
				}
			}
		}
		if (rec.apply !== undefined && type !== undefined && KNOWN_TYPES.has(type) && !APPLYING_TYPES.has(type)) {
			p.add(field(c, 'apply'), `a ${type} cannot apply to other transactions (only CustPymt and CustCred)`);
		} else if (rec.apply !== undefined && !Array.isArray(rec.apply)) {
			p.add(field(c, 'apply'), `${show(rec.apply)} is not a list`);
		}
	}

	// applications (amounts in cents per invoice; who applied is looked up only for a report)
	const appliedTo = new Map<number, number>();
	for (const item of txs.items) {
		const rec = item.rec;
		if (typeof rec.type !== 'string' || !APPLYING_TYPES.has(rec.type) || !Array.isArray(rec.apply)) continue;
		const at = (): string => label('transactions', rec, item.index);
		const ownDay = parseDay(rec.tranDate);
		let total = 0;
		for (let j = 0; j < rec.apply.length; j++) {
			const a: unknown = rec.apply[j];
			const aat = (): string => `${at()}.apply[${j}]`;
			if (!isObject(a)) {
				p.add(aat(), `${show(a)} is not an object`);
				continue;
			}
			const c: FieldCheck = { p, at: aat, rec: a };
			const amount = reqAmount(c, 'amount');
			const doc = reqRef(c, 'doc', txs.ids, 'transaction');
			if (amount !== undefined) total += cents(amount);
			if (doc === undefined) continue;
			const inv = txs.ids.get(doc) as Rec;
			if (inv.type !== 'CustInvc') {
				p.add(`${aat()}.doc`, `transaction ${doc} is a ${show(inv.type)}, not an invoice (CustInvc)`);
				continue;
			}
			if (inv.entity !== rec.entity) {
				p.add(
					`${aat()}.doc`,
					`invoice ${doc} belongs to customer ${show(inv.entity)}, not ${show(rec.entity)}`,
				);
				continue;
			}
			if (inv.subsidiary !== rec.subsidiary) {
				p.add(
					`${aat()}.doc`,
					`invoice ${doc} is in subsidiary ${show(inv.subsidiary)}, not ${show(rec.subsidiary)}`,
				);
			}
			if (inv.currency !== rec.currency) {
				p.add(`${aat()}.doc`, `invoice ${doc} is in ${show(inv.currency)}, not ${show(rec.currency)}`);
			}
			const invDay = parseDay(inv.tranDate);
			if (invDay !== null && ownDay !== null && ownDay < invDay) {
				p.add(
					`${aat()}.doc`,
					`invoice ${doc} is dated ${show(inv.tranDate)}, after this ${rec.type} (${show(rec.tranDate)})`,
				);
			}
			if (amount !== undefined) appliedTo.set(doc, (appliedTo.get(doc) ?? 0) + cents(amount));
		}
		if (isAmount(rec.amount) && total > cents(rec.amount)) {
			p.add(
				`${at()}.apply`,
				`applications total ${money(total)}, more than the ${rec.type}'s amount ${money(cents(rec.amount))}`,
			);
		}
	}
	const over: number[] = [];
	for (const [doc, applied] of appliedTo) {
		const inv = txs.ids.get(doc) as Rec;
		if (isAmount(inv.amount) && applied > cents(inv.amount)) over.push(doc);
	}
	if (over.length > 0) {
		const overSet = new Set(over);
		const by = new Map<number, number[]>();
		for (const item of txs.items) {
			const rec = item.rec;
			if (typeof rec.type !== 'string' || !APPLYING_TYPES.has(rec.type) || !Array.isArray(rec.apply)) continue;
			for (const a of rec.apply as unknown[]) {
				if (isObject(a) && isId(a.doc) && overSet.has(a.doc) && isId(rec.id)) {
					const list = by.get(a.doc) ?? [];
					if (!list.includes(rec.id)) list.push(rec.id);
					by.set(a.doc, list);
				}
			}
		}
		for (const doc of over) {
			const inv = txs.ids.get(doc) as Rec;
			const ids = by.get(doc) ?? [];
			const list = ids.length > 5 ? `${ids.slice(0, 5).join(', ')}, ...` : ids.join(', ');
			p.add(
				`transactions[id=${doc}].amount`,
				`applications total ${money(appliedTo.get(doc) as number)} (by transactions ${list}), more than the invoice amount ${money(cents(inv.amount as number))}`,
			);
		}
	}

	// promises
	const proms = checkList(p, ds, 'promises', false);
	for (const item of proms.items) {
		const c = itemCheck(p, proms, item);
		const rec = item.rec;
		const entity = reqRef(c, 'entity', custs.ids, 'customer');
		const made = reqDate(c, 'madeOn');
		const promised = reqDate(c, 'promisedDate');
		if (made !== undefined && promised !== undefined && promised < made) {
			p.add(field(c, 'promisedDate'), `${show(rec.promisedDate)} is before madeOn ${show(rec.madeOn)}`);
		}
		reqAmount(c, 'amount');
		if (rec.invoices !== undefined) {
			if (!Array.isArray(rec.invoices)) p.add(field(c, 'invoices'), `${show(rec.invoices)} is not a list`);
			else
				rec.invoices.forEach((doc: unknown, j: number) => {
					const iat = `${field(c, 'invoices')}[${j}]`;
					if (!isId(doc)) p.add(iat, `${show(doc)} is not an id (a positive integer)`);
					else if (!txs.ids.has(doc)) p.add(iat, `transaction ${doc} does not exist`);
					else {
						const inv = txs.ids.get(doc) as Rec;
						if (inv.type !== 'CustInvc')
							p.add(iat, `transaction ${doc} is a ${show(inv.type)}, not an invoice (CustInvc)`);
						else if (entity !== undefined && inv.entity !== entity) {
							p.add(iat, `invoice ${doc} belongs to customer ${show(inv.entity)}, not ${entity}`);
						}
					}
				});
		}
	}

	// settings
	if (ds.settings !== undefined) checkSettings(p, ds.settings, subs.ids);
	return p;
}

function checkSettingSubsidiary(c: FieldCheck, subIds: Map<number, Rec>): number | null | undefined {
	const v = c.rec.subsidiary;
	if (v === undefined) {
		c.p.add(field(c, 'subsidiary'), 'is required (null for every subsidiary)');
		return undefined;
	}
	if (v === null) return null;
	return reqRef(c, 'subsidiary', subIds, 'subsidiary');
}

function checkSettings(p: Problems, settings: unknown, subIds: Map<number, Rec>): void {
	if (!isObject(settings)) {
		p.add('settings', `${show(settings)} is not an object`);
		return;
	}
	const alerts = settings.alerts;
	if (alerts !== undefined) {
		if (!Array.isArray(alerts)) p.add('settings.alerts', `${show(alerts)} is not a list`);
		else {
			const seen = new Map<string, number>();
			alerts.forEach((rec: unknown, i: number) => {
				const at = `settings.alerts[${i}]`;
				if (!isObject(rec)) {
					p.add(at, `${show(rec)} is not an object`);
					return;
				}
				const c = { p, at, rec };
				const sub = checkSettingSubsidiary(c, subIds);
				if (sub !== undefined) {
					const key = String(sub);
					if (seen.has(key))
						p.add(
							`${at}.subsidiary`,
							`${show(sub)} already has an alert row (settings.alerts[${seen.get(key)}])`,
						);
					else seen.set(key, i);
				}
				optNumber(c, 'thresholdDays', { min: 0 });
				optNumber(c, 'floorDays', { min: 0 });
				optNumber(c, 'windowDays', { integer: true, positive: true });
				optBoolean(c, 'enabled');
				const r = rec.recipients;
				if (r !== undefined) {
					if (!isObject(r)) p.add(`${at}.recipients`, `${show(r)} is not an object`);
					else
						for (const k of Object.keys(r)) {
							const e = r[k];
							if (e !== null && !(typeof e === 'string' && /^[^@\s]+@[^@\s]+$/.test(e))) {
								p.add(`${at}.recipients.${k}`, `${show(e)} is not an email address`);
							}
						}
				}
			});
		}
	}
	const seas = settings.seasonality;
	if (seas !== undefined) {
		if (!Array.isArray(seas)) p.add('settings.seasonality', `${show(seas)} is not a list`);
		else
			seas.forEach((rec: unknown, i: number) => {
				const at = `settings.seasonality[${i}]`;
				if (!isObject(rec)) {
					p.add(at, `${show(rec)} is not an object`);
					return;
				}
				const c = { p, at, rec };
				checkSettingSubsidiary(c, subIds);
				for (const k of ['from', 'to']) {
					if (!isMonthDay(rec[k]))
						p.add(
							`${at}.${k}`,
							rec[k] === undefined ? 'is required' : `${show(rec[k])} is not a MM-DD date`,
						);
				}
				if (rec.action !== 'suppress' && rec.action !== 'raise') {
					p.add(
						`${at}.action`,
						rec.action === undefined ? 'is required' : `${show(rec.action)} is not "suppress" or "raise"`,
					);
				}
				if (rec.action === 'raise' && rec.days === undefined)
					p.add(`${at}.days`, 'is required for a "raise" row');
				optNumber(c, 'days', { min: 0 });
				optString(c, 'note');
			});
	}
	const col = settings.collections;
	if (col !== undefined) {
		const rows: unknown[] = Array.isArray(col) ? col : [col];
		rows.forEach((rec, i) => {
			const at = Array.isArray(col) ? `settings.collections[${String(i)}]` : 'settings.collections';
			if (!isObject(rec)) {
				p.add(at, `${show(rec)} is not an object`);
				return;
			}
			const c = { p, at, rec };
			// §1's example has no subsidiary: a collections row without one is the account-wide row
			if (rec.subsidiary !== undefined) checkSettingSubsidiary(c, subIds);
			if (rec.minOverdueAmount !== undefined && !isNonNegativeMoney(rec.minOverdueAmount)) {
				p.add(
					`${at}.minOverdueAmount`,
					`${show(rec.minOverdueAmount)} is not an amount (≥ 0, at most 2 decimals)`,
				);
			}
			optNumber(c, 'minDaysOverdue', { integer: true, min: 0 });
			if (rec.enabled !== undefined && typeof rec.enabled !== 'boolean')
				p.add(`${at}.enabled`, `${show(rec.enabled)} is not true or false`);
			if (
				rec.segments !== undefined &&
				!(Array.isArray(rec.segments) && rec.segments.every((x) => typeof x === 'string'))
			)
				p.add(`${at}.segments`, `${show(rec.segments)} is not a list of segment names`);
		});
	}
}

/**
 * Calls `onLine` for every non-blank line of a text file, reading 1 MB blocks (the file is never
 * held whole in memory). `lineNo` is 1-based.
 */
export function forEachLine(file: string, onLine: (text: string, lineNo: number) => void): void {
	const fd = fs.openSync(file, 'r');
	const block = Buffer.allocUnsafe(1 << 20);
	let carry: Buffer | null = null;
	let lineNo = 0;
	const emit = (buf: Buffer, start: number, end: number): void => {
		lineNo++;
		if (end > start && buf[end - 1] === 13) end--;
		const text = buf.toString('utf8', start, end);
		if (text.trim() !== '') onLine(text, lineNo);
	};
	try {
		for (;;) {
			const n = fs.readSync(fd, block, 0, block.length, null);
			if (n === 0) break;
			const chunk: Buffer = carry ? Buffer.concat([carry, block.subarray(0, n)]) : block.subarray(0, n);
			let start = 0;
			for (;;) {
				const nl = chunk.indexOf(10, start);
				if (nl < 0) break;
				emit(chunk, start, nl);
				start = nl + 1;
			}
			carry = start < chunk.length ? Buffer.from(chunk.subarray(start)) : null;
		}
		if (carry && carry.length > 0) emit(carry, 0, carry.length);
	} finally {
		fs.closeSync(fd);
	}
}

export interface LoadOptions {
	/** validate after reading (default true) */
	validate?: boolean;
}

/**
 * Reads a dataset file (transactions inline or in its `transactionsFile` NDJSON, resolved against
 * the dataset file's directory) and validates it. Throws {@link DatasetError} on unreadable or
 * invalid data. The returned dataset always has `transactions` inline and no `transactionsFile`.
 */
export function loadDataset(file: string, opts: LoadOptions = {}): Dataset {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (e) {
		throw new DatasetError([`${file}: cannot be read (${(e as Error).message})`]);
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (e) {
		throw new DatasetError([`${file}: not valid JSON (${(e as Error).message})`]);
	}
	text = '';
	if (!isObject(parsed)) throw new DatasetError([`${file}: the dataset is not a JSON object`]);
	const fileDs = parsed as unknown as DatasetFile & Rec;
	let transactions: unknown = fileDs.transactions;
	if (fileDs.transactionsFile !== undefined) {
		if (fileDs.transactions !== undefined) {
			throw new DatasetError([
				'transactionsFile: a dataset has either "transactions" or "transactionsFile", not both',
			]);
		}
		if (typeof fileDs.transactionsFile !== 'string' || fileDs.transactionsFile === '') {
			throw new DatasetError([`transactionsFile: ${show(fileDs.transactionsFile)} is not a file name`]);
		}
		const ndjson = path.resolve(path.dirname(file), fileDs.transactionsFile);
		if (!fs.existsSync(ndjson)) throw new DatasetError([`transactionsFile: ${ndjson} does not exist`]);
		const list: DsTransaction[] = [];
		const p = new Problems();
		forEachLine(ndjson, (line, lineNo) => {
			try {
				list.push(JSON.parse(line) as DsTransaction);
			} catch (e) {
				p.add(
					`transactionsFile ${fileDs.transactionsFile} line ${lineNo}`,
					`not valid JSON (${(e as Error).message})`,
				);
			}
		});
		if (p.total > 0) throw new DatasetError(p.list, p.total);
		transactions = list;
	}
	const ds: Rec = {};
	for (const [k, v] of Object.entries(fileDs)) {
		if (k === 'transactionsFile') continue;
		ds[k] = k === 'transactions' ? transactions : v;
	}
	if (!('transactions' in ds)) ds.transactions = transactions;
	if (opts.validate !== false) validateDataset(ds);
	return ds as unknown as Dataset;
}

export interface WriteOptions {
	/** write the transactions to `<name>.transactions.ndjson` beside the file (default false) */
	ndjson?: boolean;
}

export interface WriteResult {
	/** files written, main file last */
	files: string[];
	bytes: number;
}

/**
 * Writes a dataset in the canonical layout, atomically: every file goes to a temp file first and
 * is renamed into place only when all are complete, so a failure leaves no partial or temp file
 * (and an older file at `file` unchanged). With `ndjson` the transactions go to
 * `<name>.transactions.ndjson` beside the file and the file names it in `transactionsFile`.
 */
export function writeDataset(ds: Dataset, file: string, opts: WriteOptions = {}): WriteResult {
	const atomic = new AtomicFiles();
	const files: string[] = [];
	let bytes = 0;
	try {
		let tf: string | undefined;
		if (opts.ndjson) {
			tf = ndjsonNameFor(file);
			const target = path.join(path.dirname(file), tf);
			const w = atomic.create(target);
			for (const tx of ds.transactions) w.write(`${JSON.stringify(tx)}\n`);
			w.flush();
			bytes += w.bytes;
			files.push(target);
		}
		const w = atomic.create(file);
		const jw = new DatasetJsonWriter(w);
		const obj: Rec = { ...(ds as unknown as Rec) };
		if (tf !== undefined) delete obj.transactions;
		else delete obj.transactionsFile;
		writeDatasetObject(jw, obj, tf);
		jw.end();
		w.flush();
		bytes += w.bytes;
		files.push(file);
		atomic.commit();
	} catch (e) {
		atomic.abort();
		throw e;
	}
	return { files, bytes };
}
