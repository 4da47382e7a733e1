/**
 * Builds the emulated account from a dataset (`../shared/dataset-format.md`) as it stands at an
 * as-of date D: the RecordStore that N/search and N/record serve.
 *
 * - Transactions dated after D do not exist. A payment's or credit memo's applications are dated
 *   on the applying transaction's tranDate, so every application of an existing payment/credit
 *   exists too.
 * - Derived fields (docs/ARCHITECTURE.md, "Records as searches see them") are computed at D in
 *   integer cents: base amount = round(amount x exchangeRate) half away from zero, computed
 *   exactly (the rate is read as a decimal, never multiplied as a float).
 * - Invoice open amounts in base currency: the invoice's open amount in its own currency is exact
 *   (applications are in the same currency, which is enforced), and the base open amount is
 *   round(open x invoice rate). Each application's base amount is the drop in the base open
 *   amount it causes, so `amountpaid + amountremaining = amount` and the application that brings
 *   the invoice to zero also brings the base amount to exactly zero (no stray cent from rounding;
 *   a rate difference between payment and invoice is the realised FX gain/loss, which A/R does not
 *   carry).
 * - Customer `balance` = Σ open invoice amounts − Σ unapplied payment/credit amounts;
 *   `overduebalance` = Σ open amounts of invoices whose due date is before D (invoices without a
 *   due date are never overdue, like their `daysoverdue`, which is empty); `daysoverdue` = max
 *   `daysoverdue` over open invoices with a due date (empty when there are none);
 *   `unbilledorders` = Σ amounts of sales orders not billed at D. These amounts are in the
 *   CUSTOMER's currency, as NetSuite keeps them (with `creditlimit`) on the customer record
 *   (Oracle help: "Customer Balances for Assigned Subsidiaries", "Managing Customer Credit Limits
 *   and Holds"; Records Browser, customer `balance`). NetSuite converts a transaction in another
 *   currency at the day's rate, which a dataset does not carry: an A/R transaction or sales order
 *   in a currency other than its customer's is refused (DatasetError), never guessed.
 * - Promise status at D (`custrecord_o2c_pr_status`): `kept` when the customer's payments
 *   (CustPymt, their full amount in their own currency, applied or not) dated between the
 *   promise's madeOn and promisedDate (both inclusive, and ≤ D) total at least the promised
 *   amount; otherwise `broken` when promisedDate < D; otherwise `pending`. Promises made after D
 *   do not exist yet.
 *
 * Transactions of a type other than SalesOrd/CustInvc/CustCred/CustPymt are validated for id
 * uniqueness and otherwise ignored (the dataset contract says A/R metrics ignore them).
 *
 * Referential problems the build relies on throw a `DatasetError` that names the record and field
 * (a separate validator gives the full report; this only refuses to build a wrong account).
 */
import { RecordStore, StoredRecord } from './store';
import type { AccountInfo } from './context';
import type { SdfProject } from '../sdf/types';
import type {
	Dataset,
	DsApplication,
	DsCustomer,
	DsPromise,
	DsSettings,
	DsSubsidiary,
	DsTerms,
	DsTransaction,
} from '../data/dataset';

export class DatasetError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DatasetError';
	}
}

/** One application of a payment or credit memo to an invoice, as the invoice sees it at D. */
export interface ApplicationRow {
	/** applying transaction's tranDate, YYYY-MM-DD */
	date: string;
	/** applied amount in the invoice's base currency, positive, major units (e.g. 12.5) */
	amount: number;
	/** applied amount in the transaction currency, positive, major units */
	fxAmount: number;
	/** applying transaction's internal id */
	txId: number;
	/** 'CustPymt' | 'CustCred' */
	txType: string;
	/** 'customerpayment' | 'creditmemo' */
	recordType: string;
	/** display text of the applying transaction, e.g. 'Payment #PYMT-1' */
	txText: string;
}

/** Side data of a built account that does not fit StoredRecord values. */
export interface AccountIndex {
	asOf: string;
	/** invoice id -> its applications dated ≤ D, in (date, applying id) order */
	applications: { get(invoiceId: number): ApplicationRow[] | undefined };
}

/** Map from positive integer ids: an array when the ids are dense enough, else a Map. */
class IdMap<V> {
	private readonly dense: (V | undefined)[] | null;
	private readonly sparse: Map<number, V> | null;
	constructor(maxId: number, count: number) {
		const useDense = maxId <= 4 * count + 1024;
		this.dense = useDense ? new Array<V | undefined>(maxId + 1) : null;
		this.sparse = useDense ? null : new Map();
	}
	get(id: number): V | undefined {
		return this.dense ? this.dense[id] : (this.sparse as Map<number, V>).get(id);
	}
	set(id: number, v: V): void {
		if (this.dense) this.dense[id] = v;
		else (this.sparse as Map<number, V>).set(id, v);
	}
}

/** id -> position in the dataset's transactions: an Int32Array when ids are dense, else a Map. */
class PositionIndex {
	private readonly dense: Int32Array | null;
	private readonly sparse: Map<number, number> | null;
	constructor(maxId: number, count: number) {
		const useDense = maxId <= 4 * count + 1024;
		this.dense = useDense ? new Int32Array(maxId + 1).fill(-1) : null;
		this.sparse = useDense ? null : new Map();
	}
	get(id: number): number | undefined {
		if (this.dense) {
			if (!(id >= 0 && id < this.dense.length)) return undefined;
			const p = this.dense[id] as number;
			return p < 0 ? undefined : p;
		}
		return (this.sparse as Map<number, number>).get(id);
	}
	has(id: number): boolean {
		return this.get(id) !== undefined;
	}
	set(id: number, pos: number): void {
		if (this.dense) this.dense[id] = pos;
		else (this.sparse as Map<number, number>).set(id, pos);
	}
}

const accountIndexes = new WeakMap<RecordStore, AccountIndex>();

/**
 * The custom records buildStore made from the dataset (settings, promises), as it made them: a
 * record a script saves is a new object in the store, so a record still in this set was not touched
 * since the build. Per store, the keys (`type:id`) of those records, to tell a deletion from a
 * record that never existed.
 */
const builtRecords = new WeakSet<StoredRecord>();
const builtKeys = new WeakMap<RecordStore, Set<string>>();

function markBuilt(store: RecordStore, rec: StoredRecord): void {
	builtRecords.add(rec);
	let keys = builtKeys.get(store);
	if (!keys) {
		keys = new Set();
		builtKeys.set(store, keys);
	}
	keys.add(`${rec.type}:${String(rec.id)}`);
}

/**
 * The next day's account keeps the project's records: `next` (built from the dataset at the next
 * day) receives every custom record of `previous` that a script created or changed, loses those a
 * script deleted, and keeps its own fresh copy of records the dataset defines and no script touched
 * (so a dataset promise's status follows the payments of the new day, and promises made that day
 * appear). Standard records a script created (tasks) carry over, and so do the fields scripts
 * wrote on standard records (an invoice's custbody_o2c_disputed). Internal id counters carry over,
 * so no id is handed out twice.
 */
export function carryOver(previous: RecordStore, next: RecordStore, released: ReleasedRecords | null = null): void {
	// the standard records releaseBuiltRecords dropped: the next day's build must hold each of them
	if (released)
		for (const [type, ids] of released)
			for (const id of ids)
				if (!next.get(type, id))
					throw new Error(
						`emulator bug: the ${type} record ${String(id)} the dataset defined the day before is missing from the next day's account`,
					);
	const previousBuilt = builtKeys.get(previous) ?? new Set<string>();
	for (const type of previous.types()) {
		if (!type.startsWith('customrecord')) {
			// a standard record a script created (a task): the dataset never defines it
			for (const rec of previous.all(type)) if (!next.get(type, rec.id)) next.put(rec);
			next.reserveIds(type, previous.lastIdOf(type));
			continue;
		}
		for (const rec of previous.all(type)) {
			if (builtRecords.has(rec) && next.get(type, rec.id)) continue; // untouched dataset record: the fresh one
			next.put(rec);
		}
		next.reserveIds(type, previous.lastIdOf(type));
	}
	for (const key of previousBuilt) {
		const [type, id] = key.split(':') as [string, string];
		if (!previous.get(type, Number(id))) next.delete(type, Number(id)); // a script deleted it
	}
	const nextBuilt = builtKeys.get(next);
	if (nextBuilt) for (const key of previousBuilt) nextBuilt.add(key);
	// fields scripts wrote on standard records (custbody_o2c_disputed on an invoice) stay written
	for (const [type, id, field, value] of previous.scriptFieldWrites()) {
		const rec = next.get(type, id);
		if (!rec) continue;
		next.put({ ...rec, values: { ...rec.values, [field]: value } });
		next.noteScriptWrite(type, id, field, value);
	}
}

/** What releaseBuiltRecords dropped: per standard type, the ids the dataset's build had made. */
export type ReleasedRecords = Map<string, Int32Array>;

/**
 * Before the next day's account is built (Emulator.advanceDay), `previous` drops every standard record
 * its build made from the dataset (customers, transactions, ...: the next day's build makes each of them
 * again, as of that day) and the side data of that build, so the two days' standard records are never in
 * memory together (on L over a gigabyte). Kept: every custom record and every standard record put since
 * the build (what scripts wrote), which is all carryOver reads. Returns the dropped ids, which carryOver
 * checks the next day's build holds (a dataset day never loses a record). A store not built by buildStore
 * is left as it is (null).
 */
export function releaseBuiltRecords(previous: RecordStore): ReleasedRecords | null {
	if (!previous.sealed) return null;
	const released: ReleasedRecords = new Map();
	for (const type of previous.types()) {
		if (type.startsWith('customrecord')) continue;
		const written = previous.standardWrittenSinceBuild(type);
		const ids: number[] = [];
		for (const rec of previous.all(type)) if (!written.has(rec.id)) ids.push(rec.id);
		released.set(type, Int32Array.from(ids));
		previous.retainOnly(type, written);
	}
	accountIndexes.delete(previous);
	return released;
}

/** The side data `buildStore` kept for this store (undefined for stores built otherwise). */
export function getAccountIndex(store: RecordStore): AccountIndex | undefined {
	return accountIndexes.get(store);
}

export const TRANSACTION_RECORD_TYPES: Record<string, string> = {
	CustInvc: 'invoice',
	CustCred: 'creditmemo',
	CustPymt: 'customerpayment',
	SalesOrd: 'salesorder',
};

export const TRANSACTION_TYPE_LABELS: Record<string, string> = {
	CustInvc: 'Invoice',
	CustCred: 'Credit Memo',
	CustPymt: 'Payment',
	SalesOrd: 'Sales Order',
};

export const STATUS_LABELS: Record<string, string> = {
	'CustInvc:A': 'Open',
	'CustInvc:B': 'Paid In Full',
	'CustCred:A': 'Open',
	'CustCred:B': 'Fully Applied',
	'CustPymt:C': 'Deposited',
	'SalesOrd:F': 'Pending Billing',
	'SalesOrd:G': 'Billed',
};

export const CUSTOM_RECORD_FIELDS: Record<string, string[]> = {
	customrecord_o2c_alert_setting: [
		'custrecord_o2c_as_subsidiary',
		'custrecord_o2c_as_threshold',
		'custrecord_o2c_as_floor',
		'custrecord_o2c_as_window',
		'custrecord_o2c_as_enabled',
		'custrecord_o2c_as_ar_clerk',
		'custrecord_o2c_as_controller',
		'custrecord_o2c_as_cfo',
	],
	customrecord_o2c_seasonality: [
		'custrecord_o2c_se_subsidiary',
		'custrecord_o2c_se_from',
		'custrecord_o2c_se_to',
		'custrecord_o2c_se_action',
		'custrecord_o2c_se_days',
		'custrecord_o2c_se_note',
	],
	customrecord_o2c_collections_setting: [
		'custrecord_o2c_cs_subsidiary',
		'custrecord_o2c_cs_enabled',
		'custrecord_o2c_cs_min_overdue',
		'custrecord_o2c_cs_min_days',
		'custrecord_o2c_cs_segments',
	],
	customrecord_o2c_promise: [
		'custrecord_o2c_pr_customer',
		'custrecord_o2c_pr_made_on',
		'custrecord_o2c_pr_date',
		'custrecord_o2c_pr_amount',
		'custrecord_o2c_pr_invoices',
		'custrecord_o2c_pr_status',
		'custrecord_o2c_pr_source',
	],
};

export const ADMIN_EMPLOYEE = { id: 1, entityid: 'O2C Admin', email: 'o2c.admin@example.com' };

/* ------------------------------------------------------------------------------------------ */
/* Dates and money                                                                             */
/* ------------------------------------------------------------------------------------------ */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const dayCache = new Map<string, number>();

/** Days since 1970-01-01 of a valid YYYY-MM-DD date, or NaN. */
export function dayNumber(date: string): number {
	const cached = dayCache.get(date);
	if (cached !== undefined) return cached;
	const m = ISO_DATE.exec(date);
	let n = Number.NaN;
	if (m) {
		const y = Number(m[1]);
		const mo = Number(m[2]);
		const d = Number(m[3]);
		const t = Date.UTC(y, mo - 1, d);
		const back = new Date(t);
		if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) n = t / 86400000;
	}
	if (dayCache.size > 100000) dayCache.clear();
	dayCache.set(date, n);
	return n;
}

function isIsoDate(v: unknown): v is string {
	return typeof v === 'string' && !Number.isNaN(dayNumber(v));
}

interface ParsedRate {
	num: bigint;
	den: bigint;
}
const rateCache = new Map<number, ParsedRate>();

function parseRate(rate: number): ParsedRate {
	const hit = rateCache.get(rate);
	if (hit) return hit;
	let s = String(rate);
	if (/e/i.test(s)) s = rate.toFixed(20);
	const [intPart, fracPart = ''] = s.split('.');
	const frac = fracPart.replace(/0+$/, '');
	const parsed = { num: BigInt((intPart ?? '0') + frac), den: BigInt(10) ** BigInt(frac.length) };
	if (rateCache.size > 10000) rateCache.clear();
	rateCache.set(rate, parsed);
	return parsed;
}

/** round(cents × rate), half away from zero, exact for a rate given as a JS number (its decimal form). */
export function convertCents(cents: number, rate: number): number {
	if (rate === 1 || cents === 0) return cents;
	const { num, den } = parseRate(rate);
	const neg = cents < 0;
	const p = BigInt(Math.abs(cents)) * num;
	let q = p / den;
	if ((p % den) * BigInt(2) >= den) q += BigInt(1);
	const out = Number(q);
	return neg ? -out : out;
}

/** Integer cents of a dataset amount; throws when it is not a finite, non-negative, ≤ 2-decimal number. */
function cents(value: unknown, where: string): number {
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		throw new DatasetError(`${where}: expected a number, got ${JSON.stringify(value)}`);
	}
	if (value < 0)
		throw new DatasetError(`${where}: amounts are positive (the type gives the direction), got ${value}`);
	const scaled = value * 100;
	const c = Math.round(scaled);
	if (Math.abs(scaled - c) > 1e-6 * Math.max(1, Math.abs(scaled))) {
		throw new DatasetError(`${where}: at most 2 decimals allowed, got ${value}`);
	}
	if (!Number.isSafeInteger(c)) throw new DatasetError(`${where}: amount too large: ${value}`);
	return c;
}

const major = (c: number): number => c / 100;

/** cents() with the record description built only on error (hot path). */
function amountCents(value: unknown, where: () => string, fieldName: string): number {
	if (typeof value === 'number' && value >= 0 && value < 1e13) {
		const scaled = value * 100;
		const c = Math.round(scaled);
		if (Math.abs(scaled - c) <= 1e-6 * Math.max(1, scaled)) return c;
	}
	return cents(value, `${where()}.${fieldName}`);
}

/* ------------------------------------------------------------------------------------------ */
/* Account info                                                                                */
/* ------------------------------------------------------------------------------------------ */

/**
 * The emulated account's settings for a dataset at an as-of date. The dataset is what a file held: its account is
 * checked here, not trusted to match the types.
 */
export function accountInfo(dataset: Dataset | null | undefined, asOf: string): AccountInfo {
	if (!isIsoDate(asOf)) throw new DatasetError(`as-of date: expected YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
	const acc = dataset?.account;
	if (!acc || typeof acc !== 'object') throw new DatasetError('account: missing');
	if (typeof acc.timezone !== 'string' || acc.timezone === '') throw new DatasetError('account.timezone: missing');
	return {
		name: typeof acc.name === 'string' ? acc.name : '',
		timezone: acc.timezone,
		dateFormat: 'M/D/YYYY',
		features: Array.isArray(acc.features) ? acc.features.slice() : [],
		asOf,
	};
}

/* ------------------------------------------------------------------------------------------ */
/* Build                                                                                       */
/* ------------------------------------------------------------------------------------------ */

interface CustomerAcc {
	openInvoices: number;
	unapplied: number;
	overdue: number;
	unbilled: number;
	maxDaysOverdue: number | null;
}

interface PendingApp {
	date: string;
	fxCents: number;
	txId: number;
	txType: string;
	txText: string;
}

function describeTx(t: { id?: unknown }, i: number): string {
	return `transactions[${i}] (id ${String(t.id)})`;
}

/** Checks that `v` is a positive integer id (`where` names it in the DatasetError). */
function positiveId(v: unknown, where: string): number {
	if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0)
		throw new DatasetError(`${where}: expected a positive integer id, got ${JSON.stringify(v)}`);
	return v;
}

/**
 * Checks a dataset record's id (`where` names it in the DatasetError). A file may hold null or a non-object where
 * a record should be: it has no id, so this is also the check that the record is there.
 */
function checkRecordId<T extends { id: number }>(rec: T | null | undefined, where: string): asserts rec is T {
	positiveId(rec?.id, where);
}

/**
 * A text field of a dataset record the build does not check (a file may leave it out or hold something else): ''
 * when missing, a number or boolean as String() writes it, anything else as JSON.
 */
function optionalText(v: unknown): string {
	if (v === undefined || v === null) return '';
	if (typeof v === 'string') return v;
	return typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

function txText(type: string, tranId: string): string {
	return `${TRANSACTION_TYPE_LABELS[type] ?? type} #${tranId}`;
}

/**
 * The account as it stands at `asOf`: every standard record the dataset describes plus the custom
 * records filled from `settings` and `promises` (only when `objects` declares their record type).
 * The dataset is what a file held: what the build relies on is checked, not trusted to match the types.
 */
export function buildStore(dataset: Dataset | null | undefined, asOf: string, objects: SdfProject): RecordStore {
	const D = asOf;
	const dDay = dayNumber(D);
	if (Number.isNaN(dDay)) throw new DatasetError(`as-of date: expected YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
	if (!dataset || typeof dataset !== 'object') throw new DatasetError('dataset: not an object');
	for (const key of ['subsidiaries', 'customers', 'transactions'] as const) {
		if (!Array.isArray(dataset[key])) throw new DatasetError(`dataset.${key}: expected an array`);
	}
	if (dataset.terms !== undefined && !Array.isArray(dataset.terms))
		throw new DatasetError('dataset.terms: expected an array');

	const store = new RecordStore();

	// ---- currencies: one internal id per ISO code, in order of first appearance
	const currencyIds = new Map<string, number>();
	const currencyId = (code: unknown, where: string): number => {
		if (typeof code !== 'string' || code.trim() === '')
			throw new DatasetError(`${where}: expected an ISO currency code, got ${JSON.stringify(code)}`);
		let id = currencyIds.get(code);
		if (id === undefined) {
			id = currencyIds.size + 1;
			currencyIds.set(code, id);
		}
		return id;
	};

	// ---- subsidiaries
	const subs = new Map<number, { name: string; currency: string; parent: number | null }>();
	dataset.subsidiaries.forEach((s: DsSubsidiary | null | undefined, i) => {
		const where = `subsidiaries[${i}]`;
		checkRecordId(s, `${where}.id`);
		const id = s.id;
		if (subs.has(id)) throw new DatasetError(`${where}.id: duplicate subsidiary id ${id}`);
		if (typeof s.name !== 'string') throw new DatasetError(`subsidiary ${id}.name: expected a string`);
		currencyId(s.currency, `subsidiary ${id}.currency`);
		subs.set(id, { name: s.name, currency: s.currency, parent: s.parent ?? null });
	});
	for (const [id, s] of subs) {
		if (s.parent !== null && !subs.has(s.parent))
			throw new DatasetError(`subsidiary ${id}.parent: subsidiary ${s.parent} does not exist`);
		store.put({
			type: 'subsidiary',
			id,
			values: {
				name: s.name,
				currency: currencyIds.get(s.currency) ?? null,
				parent: s.parent,
				isinactive: false,
			},
			texts: { currency: s.currency, parent: s.parent === null ? '' : (subs.get(s.parent)?.name ?? '') },
		});
	}

	// ---- terms
	const terms = new Map<number, { name: string; days: number }>();
	(dataset.terms ?? []).forEach((t: DsTerms | null | undefined, i) => {
		checkRecordId(t, `terms[${i}].id`);
		const id = t.id;
		if (terms.has(id)) throw new DatasetError(`terms[${i}].id: duplicate terms id ${id}`);
		if (typeof t.daysUntilDue !== 'number' || !Number.isFinite(t.daysUntilDue))
			throw new DatasetError(`terms ${id}.daysUntilDue: expected a number`);
		terms.set(id, { name: optionalText(t.name), days: t.daysUntilDue });
		store.put({
			type: 'term',
			id,
			values: { name: optionalText(t.name), daysuntildue: t.daysUntilDue, isinactive: false },
			texts: {},
		});
	});
	const termsRef = (v: unknown, where: string): number | null => {
		if (v === undefined || v === null) return null;
		const id = positiveId(v, where);
		if (!terms.has(id)) throw new DatasetError(`${where}: terms ${id} does not exist`);
		return id;
	};

	// ---- customers (validated now, stored after the transaction pass adds derived fields)
	const customers = new Map<number, Dataset['customers'][number]>();
	const custAcc = new Map<number, CustomerAcc>();
	dataset.customers.forEach((c: DsCustomer | null | undefined, i) => {
		checkRecordId(c, `customers[${i}].id`);
		const id = c.id;
		if (customers.has(id)) throw new DatasetError(`customers[${i}].id: duplicate customer id ${id}`);
		const sub = positiveId(c.subsidiary, `customer ${id}.subsidiary`);
		if (!subs.has(sub)) throw new DatasetError(`customer ${id}.subsidiary: subsidiary ${sub} does not exist`);
		currencyId(c.currency, `customer ${id}.currency`);
		termsRef(c.terms, `customer ${id}.terms`);
		if (
			c.creditLimit !== undefined &&
			c.creditLimit !== null &&
			(typeof c.creditLimit !== 'number' || !Number.isFinite(c.creditLimit))
		) {
			throw new DatasetError(`customer ${id}.creditLimit: expected a number or null`);
		}
		customers.set(id, c);
		custAcc.set(id, { openInvoices: 0, unapplied: 0, overdue: 0, unbilled: 0, maxDaysOverdue: null });
	});

	// ---- transactions, pass 1: validate, index by position, collect applications and billing.
	// Per-transaction data lives in arrays indexed by the transaction's position in the dataset
	// (one Map from id to position), and error texts are built only when an error is thrown:
	// an L dataset has ~2M transactions.
	const txs = dataset.transactions;
	const n = txs.length;
	let maxId = 0;
	for (let i = 0; i < n; i++) {
		const t = txs[i];
		const id = t?.id;
		if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) {
			throw new DatasetError(
				`${describeTx(t ?? {}, i)}.id: expected a positive integer id, got ${JSON.stringify(id)}`,
			);
		}
		if (id > maxId) maxId = id;
	}
	const posById = new PositionIndex(maxId, n);
	for (let i = 0; i < n; i++) {
		const t = txs[i] as DsTransaction;
		const id = t.id;
		if (posById.has(id)) throw new DatasetError(`${describeTx(t, i)}.id: duplicate transaction id ${id}`);
		posById.set(id, i);
	}
	const txAt = (pos: number): DsTransaction => txs[pos] as DsTransaction;

	const fxCents = new Float64Array(n); // amount in transaction currency, cents
	const appliedFx = new Float64Array(n); // invoices: Σ applications (any date), cents
	const appliedOut = new Float64Array(n); // payments/credits: Σ of their applications, cents
	const pendingApps = new Array<PendingApp[] | undefined>(n);
	const billed = new Uint8Array(n); // sales orders with an invoice created from them dated ≤ D

	for (let i = 0; i < n; i++) {
		const t = txAt(i);
		if (TRANSACTION_RECORD_TYPES[t.type] === undefined) continue;
		const where = (): string => `transaction ${t.id}`;
		if (typeof t.tranId !== 'string') throw new DatasetError(`${where()}.tranId: expected a string`);
		if (!customers.has(t.entity))
			throw new DatasetError(`${where()}.entity: customer ${JSON.stringify(t.entity)} does not exist`);
		if (!subs.has(t.subsidiary))
			throw new DatasetError(`${where()}.subsidiary: subsidiary ${JSON.stringify(t.subsidiary)} does not exist`);
		if (!currencyIds.has(t.currency)) currencyId(t.currency, `${where()}.currency`);
		const rate: unknown = t.exchangeRate; // read from a file: null means missing, anything else is checked
		if (rate !== undefined && rate !== null && (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0)) {
			throw new DatasetError(`${where()}.exchangeRate: expected a positive number, got ${JSON.stringify(rate)}`);
		}
		if (!isIsoDate(t.tranDate))
			throw new DatasetError(`${where()}.tranDate: expected YYYY-MM-DD, got ${JSON.stringify(t.tranDate)}`);
		if (t.dueDate !== undefined && t.dueDate !== null && !isIsoDate(t.dueDate)) {
			throw new DatasetError(`${where()}.dueDate: expected YYYY-MM-DD or null, got ${JSON.stringify(t.dueDate)}`);
		}
		if (t.terms !== undefined && t.terms !== null && !terms.has(t.terms)) termsRef(t.terms, `${where()}.terms`);
		fxCents[i] = amountCents(t.amount, where, 'amount');
		if (t.createdFrom !== undefined && t.createdFrom !== null) {
			const srcPos = posById.get(t.createdFrom);
			if (srcPos === undefined)
				throw new DatasetError(
					`${where()}.createdFrom: transaction ${JSON.stringify(t.createdFrom)} does not exist`,
				);
			if (t.type === 'CustInvc' && txAt(srcPos).type === 'SalesOrd' && t.tranDate <= D) billed[srcPos] = 1;
		}
		const apply: unknown = t.apply;
		if (apply === undefined || apply === null) continue;
		if (!Array.isArray(apply)) throw new DatasetError(`${where()}.apply: expected an array`);
		if (apply.length === 0) continue;
		if (t.type !== 'CustPymt' && t.type !== 'CustCred') {
			throw new DatasetError(
				`${where()}.apply: only payments (CustPymt) and credit memos (CustCred) apply to invoices, this is ${t.type}`,
			);
		}
	}

	// applications (validated on the whole dataset, so whether a dataset builds does not depend on D)
	for (let i = 0; i < n; i++) {
		const t = txAt(i);
		if ((t.type !== 'CustPymt' && t.type !== 'CustCred') || !t.apply || t.apply.length === 0) continue;
		const exists = t.tranDate <= D;
		let total = 0;
		for (let k = 0; k < t.apply.length; k++) {
			const a: DsApplication | undefined = t.apply[k];
			const aw = (): string => `transaction ${t.id}.apply[${k}]`;
			const doc: unknown = a?.doc;
			const invPos = typeof doc === 'number' ? posById.get(doc) : undefined;
			if (typeof doc !== 'number' || invPos === undefined)
				throw new DatasetError(`${aw()}.doc: invoice ${JSON.stringify(doc)} does not exist`);
			const inv = txAt(invPos);
			if (inv.type !== 'CustInvc')
				throw new DatasetError(`${aw()}.doc: transaction ${doc} is ${inv.type}, not an invoice (CustInvc)`);
			if (inv.currency !== t.currency) {
				throw new DatasetError(
					`${aw()}.doc: invoice ${doc} is in ${inv.currency} but ${t.type} ${t.id} is in ${t.currency} (an application is in one currency)`,
				);
			}
			if (inv.tranDate > t.tranDate) {
				throw new DatasetError(
					`${aw()}.doc: invoice ${doc} is dated ${inv.tranDate}, after the applying ${t.type} dated ${t.tranDate}`,
				);
			}
			const c = amountCents(a?.amount, aw, 'amount');
			total += c;
			const applied = (appliedFx[invPos] as number) + c;
			appliedFx[invPos] = applied;
			if (applied > (fxCents[invPos] as number)) {
				throw new DatasetError(
					`${aw()}.amount: applications to invoice ${doc} total ${major(applied)}, more than its amount ${major(fxCents[invPos] as number)}`,
				);
			}
			if (exists) {
				let list = pendingApps[invPos];
				if (!list) {
					list = [];
					pendingApps[invPos] = list;
				}
				list.push({
					date: t.tranDate,
					fxCents: c,
					txId: t.id,
					txType: t.type,
					txText: txText(t.type, t.tranId),
				});
			}
		}
		if (total > (fxCents[i] as number)) {
			throw new DatasetError(
				`transaction ${t.id}.apply: applications total ${major(total)}, more than the ${t.type}'s amount ${major(fxCents[i] as number)}`,
			);
		}
		appliedOut[i] = total;
	}

	// ---- transactions, pass 2: records at D
	const applications = new IdMap<ApplicationRow[]>(maxId, n);
	const index: AccountIndex = { asOf: D, applications };
	const termName = (id: number | null): string => (id === null ? '' : (terms.get(id)?.name ?? ''));
	for (let i = 0; i < n; i++) {
		const t = txAt(i);
		const recordType = TRANSACTION_RECORD_TYPES[t.type];
		if (recordType === undefined || t.tranDate > D) continue;
		const rate = t.exchangeRate ?? 1;
		const fx = fxCents[i] as number;
		const base = convertCents(fx, rate);
		const cust = customers.get(t.entity) as Dataset['customers'][number];
		const acc = custAcc.get(t.entity) as CustomerAcc;
		if (t.currency !== cust.currency) {
			throw new DatasetError(
				`transaction ${t.id}.currency: ${t.currency}, but customer ${t.entity} is in ${cust.currency}; the emulated customer record keeps balance, overdue balance and unbilled orders in the customer's currency, as NetSuite does, and has no exchange rate of the day to convert another currency`,
			);
		}
		const sub = subs.get(t.subsidiary) as { name: string };
		const termsId = t.terms ?? null;
		let closedate: string | null = null;
		let remainingBase = 0;
		let remainingFx = 0;
		let amountpaid: number | null = null;
		let daysoverdue: number | null = null;
		// SuiteAnalytics' Days Open of an open invoice: D − invoice date (empty once closed)
		let daysopen: number | null = null;
		let status: string;
		let sign = 1;

		if (t.type === 'CustInvc') {
			const pending = pendingApps[i];
			let openFx = fx;
			let openBase = base;
			if (fx === 0) closedate = t.tranDate;
			if (pending) {
				if (pending.length > 1)
					pending.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.txId - b.txId));
				const rows: ApplicationRow[] = [];
				for (const p of pending) {
					openFx -= p.fxCents;
					const nextBase = convertCents(openFx, rate);
					rows.push({
						date: p.date,
						amount: major(openBase - nextBase),
						fxAmount: major(p.fxCents),
						txId: p.txId,
						txType: p.txType,
						recordType: TRANSACTION_RECORD_TYPES[p.txType] as string,
						txText: p.txText,
					});
					openBase = nextBase;
					if (openFx === 0 && closedate === null) closedate = p.date;
				}
				applications.set(t.id, rows);
			}
			remainingFx = openFx;
			remainingBase = openBase;
			amountpaid = major(base - openBase);
			if (openFx > 0) {
				status = 'CustInvc:A';
				daysopen = dDay - dayNumber(t.tranDate);
				acc.openInvoices += openFx;
				if (t.dueDate) {
					const late = dDay - dayNumber(t.dueDate);
					daysoverdue = late > 0 ? late : 0;
					if (late > 0) acc.overdue += openFx;
					if (acc.maxDaysOverdue === null || daysoverdue > acc.maxDaysOverdue)
						acc.maxDaysOverdue = daysoverdue;
				}
			} else {
				status = 'CustInvc:B';
			}
		} else if (t.type === 'CustPymt' || t.type === 'CustCred') {
			sign = -1;
			remainingFx = fx - (appliedOut[i] as number);
			remainingBase = convertCents(remainingFx, rate);
			acc.unapplied += remainingFx;
			if (remainingFx === 0) closedate = t.tranDate;
			status = t.type === 'CustPymt' ? 'CustPymt:C' : remainingFx === 0 ? 'CustCred:B' : 'CustCred:A';
		} else {
			// SalesOrd
			const isBilled = billed[i] === 1;
			status = isBilled ? 'SalesOrd:G' : 'SalesOrd:F';
			if (!isBilled) acc.unbilled += fx;
		}

		const createdFrom = t.createdFrom ?? null;
		const src = createdFrom === null ? undefined : txAt(posById.get(createdFrom) as number);
		store.put({
			type: recordType,
			id: t.id,
			values: {
				tranid: t.tranId,
				type: t.type,
				entity: t.entity,
				subsidiary: t.subsidiary,
				currency: currencyIds.get(t.currency) ?? null,
				exchangerate: rate,
				trandate: t.tranDate,
				duedate: t.dueDate ?? null,
				closedate,
				amount: major(sign * base),
				fxamount: major(sign * fx),
				amountremaining: major(remainingBase),
				fxamountremaining: major(remainingFx),
				amountpaid,
				daysoverdue,
				daysopen,
				status,
				terms: termsId,
				createdfrom: createdFrom,
				posting: t.type !== 'SalesOrd',
				custbody_o2c_disputed: t.disputed === true,
				memo: typeof t.memo === 'string' ? t.memo : '',
			},
			texts: {
				type: TRANSACTION_TYPE_LABELS[t.type] as string,
				entity: cust.companyName,
				subsidiary: sub.name,
				currency: t.currency,
				status: STATUS_LABELS[status] as string,
				terms: termName(termsId),
				createdfrom: src ? txText(src.type, src.tranId) : '',
			},
		});
	}

	// ---- customers
	for (const [id, c] of customers) {
		const acc = custAcc.get(id) as CustomerAcc;
		const termsId = c.terms ?? null;
		store.put({
			type: 'customer',
			id,
			values: {
				entityid: optionalText(c.entityId),
				companyname: optionalText(c.companyName),
				subsidiary: c.subsidiary,
				currency: currencyIds.get(c.currency) ?? null,
				terms: termsId,
				creditlimit: c.creditLimit ?? null,
				category: c.category ?? null,
				email: c.email ?? null,
				phone: c.phone ?? null,
				balance: major(acc.openInvoices - acc.unapplied),
				overduebalance: major(acc.overdue),
				unbilledorders: major(acc.unbilled),
				daysoverdue: acc.maxDaysOverdue,
				isinactive: false,
			},
			texts: {
				subsidiary: subs.get(c.subsidiary)?.name ?? '',
				currency: c.currency,
				terms: termsId === null ? '' : (terms.get(termsId)?.name ?? ''),
			},
		});
	}

	// ---- currencies, employee
	for (const [code, id] of currencyIds) {
		store.put({ type: 'currency', id, values: { name: code, symbol: code, isinactive: false }, texts: {} });
	}
	store.put({
		type: 'employee',
		id: ADMIN_EMPLOYEE.id,
		values: { entityid: ADMIN_EMPLOYEE.entityid, email: ADMIN_EMPLOYEE.email, isinactive: false },
		texts: {},
	});

	loadCustomRecords(store, dataset, D, objects, {
		subs,
		customers,
		txType: (id) => {
			const p = posById.get(id);
			return p === undefined ? undefined : txAt(p).type;
		},
	});
	accountIndexes.set(store, index);
	store.sealBuild();
	return store;
}

/* ------------------------------------------------------------------------------------------ */
/* Custom records from settings and promises                                                   */
/* ------------------------------------------------------------------------------------------ */

interface Refs {
	subs: Map<number, { name: string }>;
	customers: Map<number, Dataset['customers'][number]>;
	/** the dataset type ('CustInvc', ...) of a transaction id, undefined when there is none */
	txType(id: number): string | undefined;
}

function requireType(objects: SdfProject, type: string, why: string): void {
	const def = objects.customRecordTypes.get(type);
	if (!def) {
		throw new DatasetError(
			`${why}: the custom record type ${type} is not defined in src/Objects, so the dataset's ${why} cannot be loaded`,
		);
	}
	for (const f of CUSTOM_RECORD_FIELDS[type] ?? []) {
		if (!def.fields.has(f))
			throw new DatasetError(
				`${why}: the custom record type ${type} (${def.file}) does not declare the field ${f}`,
			);
	}
}

function customRecord(
	type: string,
	id: number,
	name: string,
	created: string,
	values: StoredRecord['values'],
	texts: Record<string, string>,
): StoredRecord {
	return { type, id, values: { name, isinactive: false, created, lastmodified: created, ...values }, texts };
}

/** `dataset.settings` as a file may hold it: a part may be null as well as missing. */
type SettingsAsRead = { [K in keyof DsSettings]?: DsSettings[K] | null };

function loadCustomRecords(store: RecordStore, dataset: Dataset, D: string, objects: SdfProject, refs: Refs): void {
	const putBuilt = (rec: StoredRecord): void => {
		store.put(rec);
		markBuilt(store, rec);
	};
	const settings: SettingsAsRead = dataset.settings ?? {};
	const subRef = (v: unknown, where: string): number | null => {
		if (v === undefined || v === null) return null;
		if (typeof v !== 'number' || !refs.subs.has(v))
			throw new DatasetError(`${where}: subsidiary ${JSON.stringify(v)} does not exist`);
		return v;
	};
	const optNum = (v: unknown, where: string): number | null => {
		if (v === undefined || v === null) return null;
		if (typeof v !== 'number' || !Number.isFinite(v))
			throw new DatasetError(`${where}: expected a number, got ${JSON.stringify(v)}`);
		return v;
	};
	const optStr = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
	const subText = (id: number | null): string => (id === null ? '' : (refs.subs.get(id)?.name ?? ''));

	const alerts = settings.alerts ?? [];
	if (!Array.isArray(alerts)) throw new DatasetError('settings.alerts: expected an array');
	if (alerts.length > 0) requireType(objects, 'customrecord_o2c_alert_setting', 'settings.alerts');
	alerts.forEach((a, i) => {
		const w = `settings.alerts[${i}]`;
		const sub = subRef(a.subsidiary, `${w}.subsidiary`);
		putBuilt(
			customRecord(
				'customrecord_o2c_alert_setting',
				i + 1,
				sub === null ? 'All subsidiaries' : subText(sub),
				D,
				{
					custrecord_o2c_as_subsidiary: sub,
					custrecord_o2c_as_threshold: optNum(a.thresholdDays, `${w}.thresholdDays`),
					custrecord_o2c_as_floor: optNum(a.floorDays, `${w}.floorDays`),
					custrecord_o2c_as_window: optNum(a.windowDays, `${w}.windowDays`),
					custrecord_o2c_as_enabled: a.enabled !== false,
					custrecord_o2c_as_ar_clerk: optStr(a.recipients?.arClerk),
					custrecord_o2c_as_controller: optStr(a.recipients?.controller),
					custrecord_o2c_as_cfo: optStr(a.recipients?.cfo),
				},
				{ custrecord_o2c_as_subsidiary: subText(sub) },
			),
		);
	});

	const seasonality = settings.seasonality ?? [];
	if (!Array.isArray(seasonality)) throw new DatasetError('settings.seasonality: expected an array');
	if (seasonality.length > 0) requireType(objects, 'customrecord_o2c_seasonality', 'settings.seasonality');
	seasonality.forEach((s, i) => {
		const w = `settings.seasonality[${i}]`;
		const sub = subRef(s.subsidiary, `${w}.subsidiary`);
		for (const k of ['from', 'to'] as const) {
			if (typeof s[k] !== 'string' || !/^\d{2}-\d{2}$/.test(s[k]))
				throw new DatasetError(`${w}.${k}: expected MM-DD, got ${JSON.stringify(s[k])}`);
		}
		const action: unknown = s.action; // read from a file: any value
		if (action !== 'suppress' && action !== 'raise')
			throw new DatasetError(`${w}.action: expected "suppress" or "raise", got ${JSON.stringify(action)}`);
		putBuilt(
			customRecord(
				'customrecord_o2c_seasonality',
				i + 1,
				`${s.from}..${s.to} ${action}`,
				D,
				{
					custrecord_o2c_se_subsidiary: sub,
					custrecord_o2c_se_from: s.from,
					custrecord_o2c_se_to: s.to,
					custrecord_o2c_se_action: action,
					custrecord_o2c_se_days: optNum(s.days, `${w}.days`),
					custrecord_o2c_se_note: optStr(s.note),
				},
				{ custrecord_o2c_se_subsidiary: subText(sub) },
			),
		);
	});

	const coll = settings.collections;
	if (coll !== undefined && coll !== null) {
		requireType(objects, 'customrecord_o2c_collections_setting', 'settings.collections');
		const rows = Array.isArray(coll) ? coll : [coll];
		rows.forEach((c, i) => {
			const w = Array.isArray(coll) ? `settings.collections[${String(i)}]` : 'settings.collections';
			const sub = subRef(c.subsidiary, `${w}.subsidiary`);
			putBuilt(
				customRecord(
					'customrecord_o2c_collections_setting',
					i + 1,
					sub === null ? 'Collections (all subsidiaries)' : `Collections (subsidiary ${String(sub)})`,
					D,
					{
						custrecord_o2c_cs_subsidiary: sub,
						custrecord_o2c_cs_enabled: c.enabled !== false,
						custrecord_o2c_cs_min_overdue: optNum(c.minOverdueAmount, `${w}.minOverdueAmount`),
						custrecord_o2c_cs_min_days: optNum(c.minDaysOverdue, `${w}.minDaysOverdue`),
						custrecord_o2c_cs_segments: optStr(c.segments?.join(',')),
					},
					{ custrecord_o2c_cs_subsidiary: subText(sub) },
				),
			);
		});
	}

	const promises = dataset.promises ?? [];
	if (!Array.isArray(promises)) throw new DatasetError('dataset.promises: expected an array');
	if (promises.length === 0) return;
	requireType(objects, 'customrecord_o2c_promise', 'promises');

	// payments per promising customer, dated ≤ D, sorted, with prefix sums (customer currency cents)
	const promisers = new Set<number>();
	const seen = new Set<number>();
	promises.forEach((p: DsPromise | null | undefined, i) => {
		const w = `promises[${i}] (id ${String(p?.id)})`;
		if (typeof p?.id !== 'number' || !Number.isSafeInteger(p.id) || p.id <= 0)
			throw new DatasetError(`${w}.id: expected a positive integer id`);
		if (seen.has(p.id)) throw new DatasetError(`${w}.id: duplicate promise id ${p.id}`);
		seen.add(p.id);
		if (!refs.customers.has(p.entity))
			throw new DatasetError(`promise ${p.id}.entity: customer ${JSON.stringify(p.entity)} does not exist`);
		if (!isIsoDate(p.madeOn))
			throw new DatasetError(`promise ${p.id}.madeOn: expected YYYY-MM-DD, got ${JSON.stringify(p.madeOn)}`);
		if (!isIsoDate(p.promisedDate))
			throw new DatasetError(
				`promise ${p.id}.promisedDate: expected YYYY-MM-DD, got ${JSON.stringify(p.promisedDate)}`,
			);
		cents(p.amount, `promise ${p.id}.amount`);
		for (const [k, inv] of (p.invoices ?? []).entries()) {
			if (refs.txType(inv) !== 'CustInvc')
				throw new DatasetError(`promise ${p.id}.invoices[${k}]: invoice ${JSON.stringify(inv)} does not exist`);
		}
		promisers.add(p.entity);
	});
	const pays = new Map<number, { date: string; cents: number }[]>();
	for (const t of dataset.transactions) {
		if (t.type !== 'CustPymt' || t.tranDate > D || !promisers.has(t.entity)) continue;
		let list = pays.get(t.entity);
		if (!list) {
			list = [];
			pays.set(t.entity, list);
		}
		list.push({ date: t.tranDate, cents: Math.round(t.amount * 100) });
	}
	const prefix = new Map<number, { dates: string[]; cum: number[] }>();
	for (const [ent, list] of pays) {
		list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
		const cum = [0];
		for (const p of list) cum.push((cum[cum.length - 1] as number) + p.cents);
		prefix.set(ent, { dates: list.map((p) => p.date), cum });
	}
	const lowerBound = (arr: string[], v: string): number => {
		let lo = 0;
		let hi = arr.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if ((arr[mid] as string) < v) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	};
	const upperBound = (arr: string[], v: string): number => {
		let lo = 0;
		let hi = arr.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if ((arr[mid] as string) <= v) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	};

	// promises made later keep their dataset ids: a promise a script records today never takes one
	store.reserveIds('customrecord_o2c_promise', Math.max(...promises.map((p) => p.id)));
	for (const p of promises) {
		if (p.madeOn > D) continue; // not made yet at D
		const amount = cents(p.amount, `promise ${p.id}.amount`);
		const until = p.promisedDate < D ? p.promisedDate : D;
		let paid = 0;
		const px = prefix.get(p.entity);
		if (px && until >= p.madeOn) {
			paid = (px.cum[upperBound(px.dates, until)] as number) - (px.cum[lowerBound(px.dates, p.madeOn)] as number);
		}
		const status = paid >= amount ? 'kept' : p.promisedDate < D ? 'broken' : 'pending';
		const cust = refs.customers.get(p.entity) as Dataset['customers'][number];
		putBuilt(
			customRecord(
				'customrecord_o2c_promise',
				p.id,
				`Promise ${p.id}`,
				p.madeOn,
				{
					custrecord_o2c_pr_customer: p.entity,
					custrecord_o2c_pr_made_on: p.madeOn,
					custrecord_o2c_pr_date: p.promisedDate,
					custrecord_o2c_pr_amount: major(amount),
					custrecord_o2c_pr_invoices: (p.invoices ?? []).length > 0 ? (p.invoices ?? []).join(',') : null,
					custrecord_o2c_pr_status: status,
					custrecord_o2c_pr_source: 'dataset',
				},
				{ custrecord_o2c_pr_customer: optionalText(cust.companyName) },
			),
		);
	}
}
