/**
 * Which fields and joins each emulated search type has, their kinds (which decide operators,
 * value formats and summaries), and how a value is read from a stored record.
 *
 * The schemas follow docs/ARCHITECTURE.md "Records as searches see them"; custom record types
 * and custom body/entity fields come from the parsed SDF project.
 */
import type { RawValue, RecordStore, StoredRecord } from '../../store';
import type { SdfField, SdfProject } from '../../../sdf/types';
import type { ApplicationRow } from '../../account';

export type Kind =
	'select' | 'multiselect' | 'text' | 'date' | 'currency' | 'float' | 'integer' | 'checkbox' | 'mainline';

/** One search row: a record, and on expanded invoice rows the application it stands for. */
export interface Row {
	rec: StoredRecord;
	app: ApplicationRow | null;
}

export interface FieldDef {
	id: string;
	kind: Kind;
	// function-valued properties, not methods: the engine passes them around detached from the FieldDef
	raw: (row: Row) => RawValue;
	/** display text of selects (getText) */
	text?: (row: Row) => string;
	/** value a select returns from getValue when it differs from the raw id (status keys) */
	out?: (raw: RawValue) => string;
	/** reading it needs one row per application (applyingtransaction rows) */
	expands?: boolean;
}

export interface JoinDef {
	id: string;
	/**
	 * The join's id as NetSuite spells it in a loaded saved search (its search-join id in the Records
	 * Browser, e.g. `applyingTransaction`): result JSON keys of loaded searches carry this spelling
	 * (public map/reduce code reads `values["trandate.applyingTransaction"]`).
	 */
	canonical: string;
	/** schema key of the joined record ('customer', 'transaction') */
	target: string;
	resolve(row: Row, store: RecordStore): StoredRecord | undefined;
	expands?: boolean;
}

export interface TypeSchema {
	searchType: string;
	/** record types whose records the search returns */
	recordTypes: string[];
	isTransaction: boolean;
	fields: Map<string, FieldDef>;
	joins: Map<string, JoinDef>;
}

export const TRANSACTION_TYPES = ['invoice', 'creditmemo', 'customerpayment', 'salesorder'];
export const TYPE_ID_TO_RECORD: Record<string, string> = {
	CustInvc: 'invoice',
	CustCred: 'creditmemo',
	CustPymt: 'customerpayment',
	SalesOrd: 'salesorder',
};

/** status code (filter value) -> key getValue returns (NetSuite's `statusref` style). */
export const STATUS_KEYS: Record<string, string> = {
	'CustInvc:A': 'open',
	'CustInvc:B': 'paidInFull',
	'CustCred:A': 'open',
	'CustCred:B': 'fullyApplied',
	'CustPymt:C': 'deposited',
	'SalesOrd:F': 'pendingBilling',
	'SalesOrd:G': 'billed',
};

const v =
	(id: string) =>
	(row: Row): RawValue =>
		row.rec.values[id] ?? null;
const t =
	(id: string) =>
	(row: Row): string =>
		row.rec.texts[id] ?? '';

function plain(id: string, kind: Kind): FieldDef {
	return kind === 'select' || kind === 'multiselect'
		? { id, kind, raw: v(id), text: t(id) }
		: { id, kind, raw: v(id) };
}

function common(fields: Map<string, FieldDef>): void {
	fields.set('internalid', { id: 'internalid', kind: 'select', raw: (r) => r.rec.id, text: (r) => String(r.rec.id) });
	fields.set('internalidnumber', { id: 'internalidnumber', kind: 'integer', raw: (r) => r.rec.id });
	// the external id as text: `externalidstring` is the filter public scripts use ('is'), `externalid`
	// the column (and filter) of the same value
	fields.set('externalid', { id: 'externalid', kind: 'text', raw: v('externalid') });
	fields.set('externalidstring', { id: 'externalidstring', kind: 'text', raw: v('externalid') });
}

function add(fields: Map<string, FieldDef>, list: [string, Kind][]): void {
	for (const [id, kind] of list) fields.set(id, plain(id, kind));
}

/** SDF fieldtype -> kind. */
export function kindOfFieldType(fieldtype: string): Kind {
	switch ((fieldtype || '').toUpperCase()) {
		case 'SELECT':
			return 'select';
		case 'MULTISELECT':
			return 'multiselect';
		case 'CHECKBOX':
			return 'checkbox';
		case 'DATE':
		case 'DATETIME':
		case 'DATETIMETZ':
			return 'date';
		case 'CURRENCY':
		case 'CURRENCY2':
			return 'currency';
		case 'FLOAT':
		case 'PERCENT':
			return 'float';
		case 'INTEGER':
			return 'integer';
		default:
			return 'text';
	}
}

function customFields(fields: Map<string, FieldDef>, declared: Map<string, SdfField> | undefined): void {
	for (const [id, f] of declared ?? []) {
		const kind = kindOfFieldType(f.fieldtype);
		fields.set(id.toLowerCase(), plain(id, kind));
	}
}

/** The transaction record with this internal id, whatever its type. */
export function transactionById(store: RecordStore, id: number): StoredRecord | undefined {
	for (const tt of TRANSACTION_TYPES) {
		const rec = store.get(tt, id);
		if (rec) return rec;
	}
	return undefined;
}

function transactionSchema(searchType: string, recordTypes: string[], objects: SdfProject): TypeSchema {
	const fields = new Map<string, FieldDef>();
	common(fields);
	add(fields, [
		['tranid', 'text'],
		['memo', 'text'],
		['type', 'select'],
		['entity', 'select'],
		['subsidiary', 'select'],
		['currency', 'select'],
		['exchangerate', 'float'],
		['trandate', 'date'],
		['duedate', 'date'],
		['closedate', 'date'],
		['amount', 'currency'],
		['fxamount', 'currency'],
		['amountremaining', 'currency'],
		['fxamountremaining', 'currency'],
		['amountpaid', 'currency'],
		['daysoverdue', 'integer'],
		['terms', 'select'],
		['createdfrom', 'select'],
		['posting', 'checkbox'],
	]);
	fields.set('name', { id: 'entity', kind: 'select', raw: v('entity'), text: t('entity') });
	fields.set('status', {
		id: 'status',
		kind: 'select',
		raw: v('status'),
		text: t('status'),
		out: (raw) => (raw === null ? '' : (STATUS_KEYS[String(raw)] ?? String(raw))),
	});
	fields.set('statusref', {
		id: 'statusref',
		kind: 'select',
		raw: (r) => {
			const s = r.rec.values.status;
			return s === null || s === undefined ? null : (STATUS_KEYS[String(s)] ?? String(s));
		},
		text: t('status'),
	});
	fields.set('mainline', { id: 'mainline', kind: 'mainline', raw: () => true });
	fields.set('amountremainingisabovezero', {
		id: 'amountremainingisabovezero',
		kind: 'checkbox',
		raw: (r) => typeof r.rec.values.amountremaining === 'number' && r.rec.values.amountremaining > 0,
	});
	fields.set('applyingtransaction', {
		id: 'applyingtransaction',
		kind: 'select',
		raw: (r) => (r.app ? r.app.txId : null),
		text: (r) => (r.app ? r.app.txText : ''),
		expands: true,
	});
	fields.set('applyinglinkamount', {
		id: 'applyinglinkamount',
		kind: 'currency',
		raw: (r) => (r.app ? r.app.amount : null),
		expands: true,
	});
	// the same application in the invoice's own currency (the SOAP twin applyingForeignAmount; reference §4.3)
	fields.set('applyingforeignamount', {
		id: 'applyingforeignamount',
		kind: 'currency',
		raw: (r) => (r.app ? r.app.fxAmount : null),
		expands: true,
	});
	customFields(fields, objects.bodyFields);
	const joins = new Map<string, JoinDef>();
	const customerJoin: JoinDef = {
		id: 'customer',
		canonical: 'customer',
		target: 'customer',
		resolve: (r, store) => {
			const e = r.rec.values.entity;
			return typeof e === 'number' ? store.get('customer', e) : undefined;
		},
	};
	joins.set('customer', customerJoin);
	joins.set('customermain', { ...customerJoin, id: 'customermain', canonical: 'customerMain' });
	joins.set('createdfrom', {
		id: 'createdfrom',
		canonical: 'createdFrom',
		target: 'transaction',
		resolve: (r, store) => {
			const c = r.rec.values.createdfrom;
			return typeof c === 'number' ? transactionById(store, c) : undefined;
		},
	});
	joins.set('applyingtransaction', {
		id: 'applyingtransaction',
		canonical: 'applyingTransaction',
		target: 'transaction',
		resolve: (r, store) =>
			r.app ? (store.get(r.app.recordType, r.app.txId) ?? transactionById(store, r.app.txId)) : undefined,
		expands: true,
	});
	return { searchType, recordTypes, isTransaction: true, fields, joins };
}

function simpleSchema(
	searchType: string,
	list: [string, Kind][],
	extra?: Map<string, SdfField>,
	joins = new Map<string, JoinDef>(),
): TypeSchema {
	const fields = new Map<string, FieldDef>();
	common(fields);
	add(fields, list);
	customFields(fields, extra);
	return { searchType, recordTypes: [searchType], isTransaction: false, fields, joins };
}

/** selectrecordtype -> the emulated search type a join through the field reaches. */
const JOIN_TARGETS: Record<string, string> = {
	'-2': 'customer',
	'-4': 'employee',
	'-117': 'subsidiary',
	'-122': 'currency',
	'-30': 'transaction',
};

/**
 * The joins of a custom record type: one through each of its single-select fields that references a
 * record type the emulator serves, named by the field's script id (Oracle help, Column.join: "the
 * join parameter is a field name on the base record type that references the joined record type";
 * a custom record's Customer field joins the customer as `custrecord_x_customer`). One level only:
 * a joined record's own joins are not reachable (SOAP CustomSearchJoin notes: no nested joins).
 * Multi-select fields and references to custom record types are not joined here (not needed yet:
 * a search naming one fails as an invalid join, never silently).
 */
function customRecordJoins(fields: Map<string, SdfField>): Map<string, JoinDef> {
	const joins = new Map<string, JoinDef>();
	for (const [id, f] of fields) {
		if (kindOfFieldType(f.fieldtype) !== 'select') continue;
		const target = JOIN_TARGETS[(f.selectrecordtype ?? '').trim().toUpperCase()];
		if (target === undefined) continue;
		joins.set(id.toLowerCase(), {
			id: id.toLowerCase(),
			canonical: id,
			target,
			resolve: (r, store) => {
				const ref = r.rec.values[id];
				if (typeof ref !== 'number') return undefined;
				return target === 'transaction' ? transactionById(store, ref) : store.get(target, ref);
			},
		});
	}
	return joins;
}

const schemaCache = new WeakMap<SdfProject, Map<string, TypeSchema | null>>();

export const STANDARD_SEARCH_TYPES = [
	'transaction',
	...TRANSACTION_TYPES,
	'customer',
	'subsidiary',
	'term',
	'currency',
	'employee',
];

/** The schema of a search type, or undefined when the emulator does not serve that type. */
export function getSchema(objects: SdfProject, searchType: string): TypeSchema | undefined {
	let cache = schemaCache.get(objects);
	if (!cache) {
		cache = new Map();
		schemaCache.set(objects, cache);
	}
	const key = searchType.toLowerCase();
	if (cache.has(key)) return cache.get(key) ?? undefined;
	const schema = buildSchema(objects, key);
	cache.set(key, schema ?? null);
	return schema;
}

function buildSchema(objects: SdfProject, type: string): TypeSchema | undefined {
	if (type === 'transaction') return transactionSchema('transaction', TRANSACTION_TYPES, objects);
	if (TRANSACTION_TYPES.includes(type)) return transactionSchema(type, [type], objects);
	switch (type) {
		case 'customer':
			return simpleSchema(
				'customer',
				[
					['entityid', 'text'],
					['companyname', 'text'],
					['subsidiary', 'select'],
					['currency', 'select'],
					['terms', 'select'],
					['creditlimit', 'currency'],
					['category', 'text'],
					['email', 'text'],
					['phone', 'text'],
					['balance', 'currency'],
					['overduebalance', 'currency'],
					['unbilledorders', 'currency'],
					['daysoverdue', 'integer'],
					['isinactive', 'checkbox'],
				],
				objects.entityFields,
			);
		case 'subsidiary':
			return simpleSchema('subsidiary', [
				['name', 'text'],
				['currency', 'select'],
				['parent', 'select'],
				['isinactive', 'checkbox'],
			]);
		case 'term':
			return simpleSchema('term', [
				['name', 'text'],
				['daysuntildue', 'integer'],
				['isinactive', 'checkbox'],
			]);
		case 'currency':
			return simpleSchema('currency', [
				['name', 'text'],
				['symbol', 'text'],
				['isinactive', 'checkbox'],
			]);
		case 'employee':
			return simpleSchema('employee', [
				['entityid', 'text'],
				['email', 'text'],
				['isinactive', 'checkbox'],
			]);
		default: {
			const def =
				objects.customRecordTypes.get(type) ??
				[...objects.customRecordTypes.values()].find((d) => d.scriptid.toLowerCase() === type);
			if (!def) return undefined;
			return simpleSchema(
				def.scriptid,
				[
					['name', 'text'],
					['isinactive', 'checkbox'],
					['created', 'date'],
					['lastmodified', 'date'],
				],
				def.fields,
				customRecordJoins(def.fields),
			);
		}
	}
}
