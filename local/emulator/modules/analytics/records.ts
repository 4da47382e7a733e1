/**
 * The records SuiteAnalytics datasets read (the analytics data source, not N/search's), as far as
 * the emulator models them, over the same RecordStore:
 *
 * - `transaction` (invoices, credit memos, payments, sales orders): `id`, `tranid`, `type`
 *   (`CustInvc`…), `trandate`, `duedate`, `closedate`, `entity` (→ customer), `currency`
 *   (→ currency), `exchangerate`, `status` (`CustInvc:A` open, `CustInvc:B` paid in full, …),
 *   `foreigntotal`, `foreignamountunpaid`, `foreignamountpaid` (transaction currency, positive),
 *   `daysoverduesearch` (open invoices with a due date: max(0, D − due date); else empty),
 *   `daysopen` (open invoices: D − invoice date), `memo`,
 *   declared `custbody_` fields; join `transactionlines` → the **main line only** (`mainline`,
 *   `subsidiary`): a dataset using it must filter `transactionlines.mainline` to true (lines are
 *   not modelled, so anything else would silently drop rows).
 *   Field ids from the Records Catalog as public SuiteQL and dataset code uses them
 *   (`foreignamountunpaid`, `daysoverduesearch`, `transactionlines`; reference §5 asks to check
 *   them per account).
 * - `customer` (`id`, `entityid`, `companyname`, `subsidiary`, `currency`, `creditlimit`,
 *   `category`, `email`, `isinactive`, declared `custentity_` fields), `subsidiary` (`id`, `name`,
 *   `currency`), `currency` (`id`, `name`, `symbol`).
 * - every custom record type of src/Objects: `id`, `name`, `isinactive`, `created`,
 *   `lastmodified` and its declared fields; SELECT fields join to their record type.
 */
import type { RecordStore, StoredRecord } from '../../store';
import type { SdfProject } from '../../../sdf/types';
import { unsupported } from '../../errors';
import type { FormulaValue } from './formula';

export type FieldKind = 'select' | 'text' | 'number' | 'date' | 'boolean';

export interface AnalyticsField {
	id: string;
	kind: FieldKind;
	/** select fields: the analytics record type they point to */
	target?: string;
	value(rec: StoredRecord): FormulaValue;
}

export interface AnalyticsType {
	id: string;
	fields: ReadonlyMap<string, AnalyticsField>;
	/** join field id → target type ('transactionline' is the main-line view of a transaction) */
	joins: ReadonlyMap<string, string>;
	records(): Iterable<StoredRecord>;
	byId(id: number): StoredRecord | undefined;
}

const TX_TYPES = ['invoice', 'creditmemo', 'customerpayment', 'salesorder'];

function raw(field: string): (rec: StoredRecord) => FormulaValue {
	return (rec) => {
		const v = rec.values[field];
		if (v === undefined || v === null || v === '') return null;
		return Array.isArray(v) ? v.join(',') : v;
	};
}

function fieldMap(list: AnalyticsField[]): Map<string, AnalyticsField> {
	return new Map(list.map((f) => [f.id, f]));
}

const SELECT_TARGETS: Readonly<Record<string, string>> = {
	'-2': 'customer',
	'-117': 'subsidiary',
	'-122': 'currency',
	'-30': 'transaction',
};

function kindOf(fieldtype: string): FieldKind {
	const t = fieldtype.toUpperCase();
	if (t === 'SELECT' || t === 'MULTISELECT') return 'select';
	if (['INTEGER', 'FLOAT', 'CURRENCY', 'PERCENT', 'POSCURRENCY', 'POSFLOAT', 'POSINTEGER'].includes(t))
		return 'number';
	if (t === 'DATE' || t === 'DATETIMETZ') return 'date';
	if (t === 'CHECKBOX') return 'boolean';
	return 'text';
}

function declared(
	objects: SdfProject,
	fields: Iterable<[string, { fieldtype: string; selectrecordtype?: string }]>,
): AnalyticsField[] {
	const out: AnalyticsField[] = [];
	for (const [id, f] of fields) {
		const kind = kindOf(f.fieldtype);
		const ref = (f.selectrecordtype ?? '').trim();
		const custom = /^\[scriptid=(customrecord[^\]]+)\]$/.exec(ref)?.[1];
		const target =
			kind === 'select'
				? (SELECT_TARGETS[ref] ?? (custom && objects.customRecordTypes.has(custom) ? custom : undefined))
				: undefined;
		out.push({ id, kind, ...(target ? { target } : {}), value: raw(id) });
	}
	return out;
}

function joinsOf(fields: ReadonlyMap<string, AnalyticsField>, extra: [string, string][] = []): Map<string, string> {
	const out = new Map<string, string>(extra);
	for (const f of fields.values()) if (f.kind === 'select' && f.target) out.set(f.id, f.target);
	return out;
}

function allOf(store: RecordStore, types: string[]): () => Iterable<StoredRecord> {
	return function* records() {
		for (const t of types) yield* store.all(t);
	};
}

/** The analytics record type `type` of the emulated account; unknown types are refused. */
export function analyticsType(store: RecordStore, objects: SdfProject, type: string): AnalyticsType {
	const t = type.toLowerCase();
	if (t === 'transaction' || t === 'transactionline') {
		const base: AnalyticsField[] =
			t === 'transactionline'
				? [
						{ id: 'mainline', kind: 'boolean', value: () => true },
						{ id: 'subsidiary', kind: 'select', target: 'subsidiary', value: raw('subsidiary') },
						{ id: 'transaction', kind: 'select', target: 'transaction', value: (r) => r.id },
					]
				: [
						{ id: 'id', kind: 'number', value: (r) => r.id },
						{ id: 'tranid', kind: 'text', value: raw('tranid') },
						{ id: 'type', kind: 'text', value: raw('type') },
						{ id: 'trandate', kind: 'date', value: raw('trandate') },
						{ id: 'duedate', kind: 'date', value: raw('duedate') },
						{ id: 'closedate', kind: 'date', value: raw('closedate') },
						{ id: 'entity', kind: 'select', target: 'customer', value: raw('entity') },
						{ id: 'currency', kind: 'select', target: 'currency', value: raw('currency') },
						{ id: 'exchangerate', kind: 'number', value: raw('exchangerate') },
						{ id: 'status', kind: 'text', value: raw('status') },
						{
							id: 'foreigntotal',
							kind: 'number',
							value: (r) => (typeof r.values.fxamount === 'number' ? Math.abs(r.values.fxamount) : null),
						},
						{ id: 'foreignamountunpaid', kind: 'number', value: raw('fxamountremaining') },
						{
							id: 'foreignamountpaid',
							kind: 'number',
							value: (r) => {
								const total = r.values.fxamount;
								const open = r.values.fxamountremaining;
								return typeof total === 'number' && typeof open === 'number'
									? Math.round((Math.abs(total) - open) * 100) / 100
									: null;
							},
						},
						{ id: 'daysoverduesearch', kind: 'number', value: raw('daysoverdue') },
						{ id: 'daysopen', kind: 'number', value: raw('daysopen') },
						{ id: 'memo', kind: 'text', value: raw('memo') },
						...declared(objects, objects.bodyFields),
					];
		const fields = fieldMap(base);
		return {
			id: t,
			fields,
			joins: joinsOf(fields, t === 'transaction' ? [['transactionlines', 'transactionline']] : []),
			records: allOf(store, TX_TYPES),
			byId: (id) => TX_TYPES.map((x) => store.get(x, id)).find((r) => r !== undefined),
		};
	}
	if (t === 'customer' || t === 'subsidiary' || t === 'currency') {
		const lists: Record<string, AnalyticsField[]> = {
			customer: [
				{ id: 'id', kind: 'number', value: (r) => r.id },
				{ id: 'entityid', kind: 'text', value: raw('entityid') },
				{ id: 'companyname', kind: 'text', value: raw('companyname') },
				{ id: 'subsidiary', kind: 'select', target: 'subsidiary', value: raw('subsidiary') },
				{ id: 'currency', kind: 'select', target: 'currency', value: raw('currency') },
				{ id: 'creditlimit', kind: 'number', value: raw('creditlimit') },
				{ id: 'category', kind: 'text', value: raw('category') },
				{ id: 'email', kind: 'text', value: raw('email') },
				{ id: 'isinactive', kind: 'boolean', value: (r) => r.values.isinactive === true },
				...declared(objects, objects.entityFields),
			],
			subsidiary: [
				{ id: 'id', kind: 'number', value: (r) => r.id },
				{ id: 'name', kind: 'text', value: raw('name') },
				{ id: 'currency', kind: 'select', target: 'currency', value: raw('currency') },
			],
			currency: [
				{ id: 'id', kind: 'number', value: (r) => r.id },
				{ id: 'name', kind: 'text', value: raw('name') },
				{ id: 'symbol', kind: 'text', value: raw('symbol') },
			],
		};
		const fields = fieldMap(lists[t] ?? []);
		return { id: t, fields, joins: joinsOf(fields), records: allOf(store, [t]), byId: (id) => store.get(t, id) };
	}
	const custom = objects.customRecordTypes.get(t);
	if (custom) {
		const fields = fieldMap([
			{ id: 'id', kind: 'number', value: (r) => r.id },
			{ id: 'name', kind: 'text', value: raw('name') },
			{ id: 'isinactive', kind: 'boolean', value: (r) => r.values.isinactive === true },
			{ id: 'created', kind: 'date', value: raw('created') },
			{ id: 'lastmodified', kind: 'date', value: raw('lastmodified') },
			...declared(objects, custom.fields),
		]);
		return { id: t, fields, joins: joinsOf(fields), records: allOf(store, [t]), byId: (id) => store.get(t, id) };
	}
	throw unsupported(
		`the analytics record type ${type} (modelled: transaction, customer, subsidiary, currency and the custom record types of src/Objects)`,
	);
}

/** The display text of a select value (what the Workbook UI shows): the target record's name. */
export function displayText(store: RecordStore, target: string | undefined, value: FormulaValue): string {
	if (value === null) return '';
	if (target === undefined) return String(value);
	const id = Number(value);
	const types = target === 'transaction' ? TX_TYPES : [target];
	for (const t of types) {
		const rec = store.get(t, id);
		if (!rec) continue;
		for (const k of ['companyname', 'name', 'tranid', 'entityid', 'symbol']) {
			const v = rec.values[k];
			if (typeof v === 'string' && v !== '') return v;
		}
	}
	return String(value);
}
