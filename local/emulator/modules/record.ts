/**
 * N/record over the shared RecordStore.
 *
 * Custom records (types defined by `customrecordtype` objects in src/Objects): create, load,
 * delete, submitFields, Record.getValue/setValue/getText/setText/save. Standard records in the
 * store (customer, invoice, ...): read-only load. A record type that is neither -> INVALID_RCRD_TYPE;
 * a field its definition does not declare -> INVALID_FLD (the emulator is deliberately strict:
 * ARCHITECTURE.md "a field that is not declared fails"); a value of the wrong type ->
 * INVALID_FLD_VALUE ("You have entered an Invalid Field Value <v> for the following field: <id>"),
 * e.g. a string for a CURRENCY/FLOAT/INTEGER field; a missing record -> RCRD_DSNT_EXIST.
 * Units (platform §8.2): load/create/submitFields 10 / 2 / 5 and save/delete 20 / 4 / 10 for
 * transaction / custom record / other.
 *
 * Values: getValue returns numbers for INTEGER/FLOAT/CURRENCY/PERCENT, booleans for CHECKBOX, Dates
 * (midnight in the account time zone) for DATE/DATETIME, string ids for SELECT, string[] for
 * MULTISELECT, strings otherwise; '' when empty. Stored raw values follow store.ts (dates as
 * YYYY-MM-DD; `created`/`lastmodified` are stored as the date of the clock in the account zone).
 */
import type { RuntimeContext } from '../services';
import { DuplicateExternalIdError, type RawValue, type StoredRecord } from '../store';
import type { SdfField } from '../../sdf/types';
import { charge, recordClass, TRANSACTION_TYPES } from '../governance';
import { missingArg, nsError, unsupported } from '../errors';
import { guard, opts, scriptText } from './guard';
import { formatUserDate, parseIsoDate, parseUserDate, zonedIsoDate, zonedToUtc } from '../time';

/** record.Type keys -> record type ids, for the types the emulated account holds. */
export const RECORD_TYPES: Readonly<Record<string, string>> = {
	CUSTOMER: 'customer',
	INVOICE: 'invoice',
	CREDIT_MEMO: 'creditmemo',
	CUSTOMER_PAYMENT: 'customerpayment',
	SALES_ORDER: 'salesorder',
	SUBSIDIARY: 'subsidiary',
	TERM: 'term',
	CURRENCY: 'currency',
	EMPLOYEE: 'employee',
	TASK: 'task',
};

const STANDARD_TYPES = new Set(Object.values(RECORD_TYPES));

/**
 * Standard record types scripts may create in the emulator, with the body fields it models (Records
 * Browser, "Task": `title` mandatory, `assigned` employee, `company` the customer or other entity,
 * `startdate`/`duedate`, `message`, `priority` HIGH/MEDIUM/LOW, `status` NOTSTART/PROGRESS/COMPLETE).
 * Any other field → INVALID_FLD; sublists stay unsupported.
 */
const WRITABLE_STANDARD: Readonly<Record<string, readonly FieldDef[]>> = {
	task: [
		{ id: 'title', type: 'TEXT', label: 'Title', mandatory: true },
		{ id: 'assigned', type: 'SELECT', label: 'Assigned To', selectType: 'employee' },
		{ id: 'company', type: 'SELECT', label: 'Company', selectType: 'customer' },
		{ id: 'startdate', type: 'DATE', label: 'Start Date' },
		{ id: 'duedate', type: 'DATE', label: 'Due Date' },
		{ id: 'message', type: 'TEXTAREA', label: 'Message' },
		{ id: 'priority', type: 'TEXT', label: 'Priority' },
		{ id: 'status', type: 'TEXT', label: 'Status' },
	],
};

/** selectrecordtype (negative ids, references) -> store record type, when the store holds it. */
const SELECT_TARGETS: Record<string, string> = {
	'-2': 'customer',
	'-4': 'employee',
	'-117': 'subsidiary',
	'-122': 'currency',
	'-30': 'transaction',
	CUSTOMER: 'customer',
	EMPLOYEE: 'employee',
	SUBSIDIARY: 'subsidiary',
	CURRENCY: 'currency',
};

const NUMERIC = new Set([
	'INTEGER',
	'FLOAT',
	'CURRENCY',
	'PERCENT',
	'POSCURRENCY',
	'POSFLOAT',
	'POSINTEGER',
	'NONNEGFLOAT',
]);
// CLOBTEXT (Long Text): 1,000,000 characters (Oracle help, "Custom Field Type Descriptions")
const TEXT_MAX: Record<string, number> = {
	TEXT: 300,
	EMAIL: 254,
	URL: 999,
	PHONE: 32,
	TEXTAREA: 4000,
	PASSWORD: 300,
	CLOBTEXT: 1_000_000,
};

interface FieldDef {
	id: string;
	type: string;
	label: string;
	selectType?: string;
	mandatory?: boolean;
	readOnly?: boolean;
	defaultChecked?: boolean;
}

function fieldDef(f: SdfField): FieldDef {
	const d: FieldDef = { id: f.scriptid, type: f.fieldtype.toUpperCase(), label: f.label || f.scriptid };
	if (f.selectrecordtype) {
		const ref = /^\[scriptid=([^\]]+)\]$/.exec(f.selectrecordtype.trim());
		const target = ref?.[1] ?? SELECT_TARGETS[f.selectrecordtype.trim().toUpperCase()];
		if (target) d.selectType = target;
	}
	if (f.ismandatory) d.mandatory = true;
	if (f.extra?.defaultchecked?.toUpperCase() === 'T') d.defaultChecked = true;
	return d;
}

function invalidValue(fieldId: string, v: unknown): Error {
	const shown = v instanceof Object && !Array.isArray(v) ? JSON.stringify(v) : String(v);
	return nsError(
		'INVALID_FLD_VALUE',
		`You have entered an Invalid Field Value ${shown} for the following field: ${fieldId}`,
		'setValue(N/record)',
	);
}

export function createRecordModule(ctx: RuntimeContext): object {
	/** Stores a record; an external id another record of the type holds → DUP_RCRD, nothing stored. */
	function putOrDuplicate(rec: StoredRecord, origin: string): void {
		try {
			ctx.store.put(rec);
		} catch (e) {
			if (e instanceof DuplicateExternalIdError) throw nsError('DUP_RCRD', 'This record already exists.', origin);
			throw e;
		}
	}
	const tz = (): string => ctx.account.timezone;
	const dateFormat = (): string => ctx.account.dateFormat || 'M/D/YYYY';

	/* ---------------------------------------------------------------- type catalogue */

	/** The fields of a custom record type (checkType said it is one). */
	function customFields(type: string): Map<string, FieldDef> {
		const writable = WRITABLE_STANDARD[type];
		const def = ctx.objects.customRecordTypes.get(type);
		if (!def && !writable) throw new Error(`emulator bug: ${type} is not a custom record type of src/Objects`);
		const m = new Map<string, FieldDef>();
		if (def && def.includename !== false)
			m.set('name', { id: 'name', type: 'TEXT', label: 'Name', mandatory: true });
		m.set('isinactive', { id: 'isinactive', type: 'CHECKBOX', label: 'Inactive' });
		m.set('externalid', { id: 'externalid', type: 'TEXT', label: 'External ID' });
		m.set('internalid', { id: 'internalid', type: 'TEXT', label: 'Internal ID', readOnly: true });
		m.set('id', { id: 'id', type: 'TEXT', label: 'ID', readOnly: true });
		m.set('created', { id: 'created', type: 'DATETIME', label: 'Date Created', readOnly: true });
		m.set('lastmodified', { id: 'lastmodified', type: 'DATETIME', label: 'Last Modified', readOnly: true });
		for (const f of def?.fields.values() ?? []) m.set(f.scriptid, fieldDef(f));
		for (const f of writable ?? []) m.set(f.id, f);
		return m;
	}

	function normaliseType(t: unknown, method: string): string {
		if (t === undefined || t === null || t === '') throw missingArg(method, 'type');
		return scriptText(t).toLowerCase();
	}

	function checkType(type: string): 'custom' | 'standard' {
		if (ctx.objects.customRecordTypes.has(type) || type in WRITABLE_STANDARD) return 'custom';
		if (STANDARD_TYPES.has(type) || (ctx.store.count(type) > 0 && !type.startsWith('customrecord')))
			return 'standard';
		throw nsError('INVALID_RCRD_TYPE', `The record type [${type.toUpperCase()}] is invalid.`, 'record');
	}

	function parseId(id: unknown, method: string): number {
		if (id === undefined || id === null || id === '') throw missingArg(method, 'id');
		const n = typeof id === 'number' ? id : /^\d+$/.test(scriptText(id)) ? Number(id) : NaN;
		if (!Number.isInteger(n) || n <= 0)
			throw nsError('SSS_INVALID_TYPE_ARG', `Invalid record id: ${scriptText(id)}`, method);
		return n;
	}

	function cls(type: string): string {
		return recordClass(type);
	}

	/* ---------------------------------------------------------------- value conversion */

	function displayText(targetType: string, id: number): string | undefined {
		const candidates = targetType === 'transaction' ? [...TRANSACTION_TYPES] : [targetType];
		for (const t of candidates) {
			const r = ctx.store.get(t, id);
			if (!r) continue;
			const v = r.values;
			for (const k of ['companyname', 'entityid', 'name', 'tranid', 'symbol']) {
				if (typeof v[k] === 'string' && v[k] !== '') return v[k];
			}
			return String(id);
		}
		return undefined;
	}

	function dateFromRaw(raw: RawValue): Date | '' {
		if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(raw)) return '';
		if (raw.length > 10) return ctx.svc.newDate(Date.parse(raw)); // a date and time
		return ctx.svc.newDate(zonedToUtc(parseIsoDate(raw), tz()));
	}

	function outValue(
		f: FieldDef | undefined,
		raw: RawValue | undefined,
		rec: { id: number | null; texts: Record<string, string> },
		fieldId: string,
	): RawValue | Date | string[] {
		if (fieldId === 'id' || fieldId === 'internalid') return rec.id === null ? '' : String(rec.id);
		if (!f) {
			// standard record field typed by its stored value
			if (raw === undefined || raw === null) return '';
			if (fieldId in rec.texts) return Array.isArray(raw) ? raw.map(String) : String(raw);
			if (typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw)) return dateFromRaw(raw);
			return Array.isArray(raw) ? [...raw] : raw;
		}
		switch (f.type) {
			case 'CHECKBOX':
				return raw === true;
			case 'DATE':
			case 'DATETIME':
			case 'DATETIMETZ':
				return raw === undefined || raw === null ? '' : dateFromRaw(raw);
			case 'SELECT':
				return raw === undefined || raw === null || raw === '' ? '' : String(raw);
			case 'MULTISELECT':
				return Array.isArray(raw)
					? raw.map(String)
					: raw === undefined || raw === null || raw === ''
						? []
						: [String(raw)];
			default:
				if (raw === undefined || raw === null) return '';
				if (NUMERIC.has(f.type)) return typeof raw === 'number' ? raw : '';
				return String(raw);
		}
	}

	function outText(
		f: FieldDef | undefined,
		raw: RawValue | undefined,
		rec: { id: number | null; texts: Record<string, string> },
		fieldId: string,
	): string {
		if (fieldId in rec.texts) return rec.texts[fieldId] ?? '';
		const v = outValue(f, raw, rec, fieldId);
		if (v === '' || v === null) return '';
		if (ctx.svc.isDate(v)) {
			const iso = typeof raw === 'string' ? raw.slice(0, 10) : zonedIsoDate(v.getTime(), tz());
			return formatUserDate(parseIsoDate(iso), dateFormat());
		}
		if (typeof v === 'boolean') return v ? 'T' : 'F';
		if (Array.isArray(v)) return v.join(',');
		if (f && (f.type === 'CURRENCY' || f.type === 'POSCURRENCY') && typeof v === 'number') return v.toFixed(2);
		return String(v);
	}

	/** Validate and convert a value the script sets; returns [raw, text?]. */
	function inValue(f: FieldDef, value: unknown): [RawValue, string | undefined] {
		const fid = f.id;
		if (f.readOnly) throw nsError('READ_ONLY_PROPERTY', `The field ${fid} is read-only.`, 'setValue(N/record)');
		const empty = value === null || value === undefined || value === '';
		switch (f.type) {
			case 'CHECKBOX':
				if (typeof value !== 'boolean') throw invalidValue(fid, value);
				return [value, undefined];
			case 'INTEGER':
			case 'POSINTEGER':
				if (empty) return [null, undefined];
				if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidValue(fid, value);
				if (f.type === 'POSINTEGER' && value <= 0) throw invalidValue(fid, value);
				return [value, undefined];
			case 'FLOAT':
			case 'CURRENCY':
			case 'PERCENT':
			case 'POSCURRENCY':
			case 'POSFLOAT':
			case 'NONNEGFLOAT':
				if (empty) return [null, undefined];
				if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidValue(fid, value);
				if ((f.type === 'POSCURRENCY' || f.type === 'POSFLOAT') && value <= 0) throw invalidValue(fid, value);
				if (f.type === 'NONNEGFLOAT' && value < 0) throw invalidValue(fid, value);
				return [
					f.type === 'CURRENCY' || f.type === 'POSCURRENCY' ? Math.round(value * 100) / 100 : value,
					undefined,
				];
			case 'DATE':
			case 'DATETIME':
			case 'DATETIMETZ':
				if (empty) return [null, undefined];
				if (!ctx.svc.isDate(value) || Number.isNaN(value.getTime())) throw invalidValue(fid, value);
				return f.type === 'DATE'
					? [zonedIsoDate(value.getTime(), tz()), undefined]
					: [new Date(value.getTime()).toISOString(), undefined];
			case 'SELECT': {
				if (empty) return [null, ''];
				const n =
					typeof value === 'number'
						? value
						: typeof value === 'string' && /^\d+$/.test(value)
							? Number(value)
							: NaN;
				if (!Number.isInteger(n)) throw invalidValue(fid, value);
				let text: string | undefined;
				if (f.selectType) {
					text = displayText(f.selectType, n);
					if (
						text === undefined &&
						(ctx.store.types().includes(f.selectType) ||
							f.selectType === 'transaction' ||
							ctx.objects.customRecordTypes.has(f.selectType))
					) {
						throw nsError('INVALID_KEY_OR_REF', `Invalid ${fid} reference key ${n}.`, 'setValue(N/record)');
					}
				}
				return [n, text ?? String(n)];
			}
			case 'MULTISELECT': {
				if (empty) return [[], ''];
				const arr = Array.isArray(value) ? value : [value];
				const ids = arr.map((x) =>
					typeof x === 'number' ? x : typeof x === 'string' && /^\d+$/.test(x) ? Number(x) : NaN,
				);
				if (ids.some((n) => !Number.isInteger(n))) throw invalidValue(fid, value);
				const selectType = f.selectType;
				const texts = selectType ? ids.map((n) => displayText(selectType, n) ?? String(n)) : ids.map(String);
				return [ids, texts.join(',')];
			}
			default: {
				if (empty) return ['', undefined];
				if (typeof value !== 'string' && typeof value !== 'number') throw invalidValue(fid, value);
				const s = String(value);
				const max = TEXT_MAX[f.type];
				if (max !== undefined && s.length > max) {
					throw nsError(
						'THE_FIELD_1_CONTAINED_MORE_THAN_THE_MAXIMUM_NUMBER__2__OF_CHARACTERS_ALLOWED',
						`The field ${fid} contained more than the maximum number ( ${max} ) of characters allowed.`,
						'setValue(N/record)',
					);
				}
				return [s, undefined];
			}
		}
	}

	/* ---------------------------------------------------------------- Record */

	interface StoredState {
		type: string;
		id: number | null;
		isDynamic: boolean;
		values: Record<string, RawValue>;
		texts: Record<string, string>;
	}
	/** A custom record: its fields are its type's definition (src/Objects). */
	interface CustomState extends StoredState {
		kind: 'custom';
		fields: Map<string, FieldDef>;
	}
	/** A standard record: its fields are the ones the store holds. */
	interface StandardState extends StoredState {
		kind: 'standard';
		fields: undefined;
	}
	type State = CustomState | StandardState;

	function fieldIdOf(fieldId: unknown, method: string): string {
		if (typeof fieldId !== 'string' || fieldId === '') throw missingArg(`Record.${method}`, 'fieldId');
		return fieldId;
	}

	function customFieldOf(st: CustomState, fieldId: unknown, method: string): { id: string; def: FieldDef } {
		const given = fieldIdOf(fieldId, method);
		const id = given.toLowerCase();
		const def = st.fields.get(id);
		if (!def)
			throw nsError(
				'INVALID_FLD',
				`The field ${given} is not defined on record type ${st.type} (src/Objects).`,
				`${method}(N/record)`,
			);
		return { id, def };
	}

	function fieldOf(st: State, fieldId: unknown, method: string): { id: string; def: FieldDef | undefined } {
		if (st.kind === 'custom') return customFieldOf(st, fieldId, method);
		const given = fieldIdOf(fieldId, method);
		const id = given.toLowerCase();
		const custom = id.startsWith('custbody')
			? ctx.objects.bodyFields.get(id)
			: id.startsWith('custentity')
				? ctx.objects.entityFields.get(id)
				: undefined;
		if ((id.startsWith('custbody') || id.startsWith('custentity')) && !custom) {
			throw nsError('INVALID_FLD', `The field ${given} is not defined in src/Objects.`, `${method}(N/record)`);
		}
		if (custom) return { id, def: fieldDef(custom) };
		if (id !== 'id' && id !== 'internalid' && !(id in st.values)) {
			throw nsError(
				'EMULATOR_UNSUPPORTED',
				`The local emulator's ${st.type} records do not carry the field ${given}.`,
				`${method}(N/record)`,
			);
		}
		return { id, def: undefined };
	}

	function makeRecord(st: State): object {
		const arg = (a: unknown, key: string): unknown => (typeof a === 'string' ? a : opts(a)[key]);
		const self: Record<string, unknown> = {
			get id(): number | null {
				return st.id;
			},
			get type(): string {
				return st.type;
			},
			get isDynamic(): boolean {
				return st.isDynamic;
			},
			getValue(options?: unknown): unknown {
				const { id, def } = fieldOf(st, arg(options, 'fieldId'), 'getValue');
				return outValue(def, st.values[id], st, id);
			},
			getText(options?: unknown): string {
				const { id, def } = fieldOf(st, arg(options, 'fieldId'), 'getText');
				return outText(def, st.values[id], st, id);
			},
			setValue(options?: unknown, maybeValue?: unknown): object {
				const o = typeof options === 'string' ? { fieldId: options, value: maybeValue } : opts(options);
				if (st.kind === 'standard')
					throw unsupported(`modifying ${st.type} records (standard records are read-only in the emulator)`);
				const { id, def } = customFieldOf(st, o.fieldId, 'setValue');
				if (!('value' in o)) throw missingArg('Record.setValue', 'value');
				const [raw, text] = inValue(def, o.value);
				st.values[id] = raw;
				if (text !== undefined) st.texts[id] = text;
				return proxy;
			},
			setText(options?: unknown, maybeText?: unknown): object {
				const o = typeof options === 'string' ? { fieldId: options, text: maybeText } : opts(options);
				if (st.kind === 'standard')
					throw unsupported(`modifying ${st.type} records (standard records are read-only in the emulator)`);
				const { id, def } = customFieldOf(st, o.fieldId, 'setText');
				const t = o.text === undefined || o.text === null ? '' : scriptText(o.text);
				let value: unknown = t;
				switch (def.type) {
					case 'CHECKBOX':
						value = t === 'T';
						break;
					case 'INTEGER':
					case 'FLOAT':
					case 'CURRENCY':
					case 'PERCENT': {
						const c = t.replace(/,/g, '').replace(/%$/, '');
						if (t === '') value = '';
						else if (/^-?(\d+\.?\d*|\.\d+)$/.test(c)) value = Number(c);
						else throw invalidValue(id, t);
						break;
					}
					case 'DATE':
					case 'DATETIME':
					case 'DATETIMETZ': {
						if (t === '') {
							value = '';
							break;
						}
						const p = parseUserDate(t, dateFormat());
						if (!p) throw invalidValue(id, t);
						value = ctx.svc.newDate(zonedToUtc(p, tz()));
						break;
					}
					case 'SELECT':
					case 'MULTISELECT':
						throw unsupported('Record.setText on select fields');
					default:
						break;
				}
				const [raw, text] = inValue(def, value);
				st.values[id] = raw;
				if (text !== undefined) st.texts[id] = text;
				return proxy;
			},
			getFields(): string[] {
				return st.kind === 'custom' ? [...st.fields.keys()] : Object.keys(st.values);
			},
			save(options?: unknown): number {
				if (st.kind === 'standard')
					throw unsupported(`saving ${st.type} records (standard records are read-only in the emulator)`);
				const o = opts(options);
				if (o.ignoreMandatoryFields !== true) {
					const missing = [...st.fields.values()].filter((f) => {
						if (!f.mandatory) return false;
						const v = st.values[f.id];
						return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
					});
					if (missing.length) {
						throw nsError(
							'USER_ERROR',
							`Please enter value(s) for: ${missing.map((f) => f.label).join(', ')}`,
							'save(N/record)',
						);
					}
				}
				charge(ctx.meter, `Record.save.${cls(st.type)}`);
				const today = zonedIsoDate(ctx.svc.clock.now(), tz());
				const isNew = st.id === null;
				const id = st.id ?? ctx.store.nextId(st.type);
				if (!isNew && !ctx.store.get(st.type, id)) {
					throw nsError('RCRD_DSNT_EXIST', 'That record does not exist.', 'save(N/record)');
				}
				const values: Record<string, RawValue> = { ...st.values, lastmodified: today, internalid: id };
				if (isNew) values.created = today;
				putOrDuplicate({ type: st.type, id, values, texts: { ...st.texts } }, 'save(N/record)');
				st.id = id;
				st.values = values;
				return id;
			},
			toJSON(): object {
				return {
					id: st.id === null ? undefined : String(st.id),
					type: st.type,
					isDynamic: st.isDynamic,
					fields: { ...st.values },
				};
			},
			toString(): string {
				return st.isDynamic ? 'dynamic record' : 'standard record';
			},
		};
		for (const m of [
			'getSublist',
			'getSublistValue',
			'setSublistValue',
			'getLineCount',
			'insertLine',
			'removeLine',
			'selectLine',
			'selectNewLine',
			'commitLine',
			'getCurrentSublistValue',
			'setCurrentSublistValue',
			'getSubrecord',
			'findSublistLineWithValue',
			'getField',
			'removeField',
			'cancelLine',
			'getSublistText',
			'setSublistText',
			'executeMacro',
			'getMacros',
		]) {
			self[m] = (): never => {
				throw unsupported(`Record.${m} (sublists, subrecords and field metadata are not emulated)`);
			};
		}
		const proxy = guard('record.Record', self);
		return proxy;
	}

	/** A stored record's values and texts, copied for a Record object. */
	function storedState(type: string, id: number): StoredState {
		const stored = ctx.store.get(type, id);
		if (!stored) throw nsError('RCRD_DSNT_EXIST', 'That record does not exist.', 'load(N/record)');
		return { type, id, isDynamic: false, values: { ...stored.values }, texts: { ...stored.texts } };
	}

	function loadState(type: string, id: number): State {
		const kind = checkType(type);
		const stored = storedState(type, id);
		return kind === 'custom'
			? { ...stored, kind, fields: customFields(type) }
			: { ...stored, kind, fields: undefined };
	}

	/* ---------------------------------------------------------------- module functions */

	function create(options?: unknown): object {
		const o = opts(options);
		const type = normaliseType(o.type, 'record.create');
		const kind = checkType(type);
		if (kind === 'standard')
			throw unsupported(`record.create for ${type} (standard records are read-only in the emulator)`);
		charge(ctx.meter, `record.create.${cls(type)}`);
		const fields = customFields(type);
		const values: Record<string, RawValue> = { isinactive: false };
		for (const f of fields.values()) {
			if (f.type === 'CHECKBOX' && !(f.id in values)) values[f.id] = f.defaultChecked === true;
		}
		const st: CustomState = { type, kind, id: null, isDynamic: o.isDynamic === true, values, texts: {}, fields };
		const rec = makeRecord(st);
		if (o.defaultValues && typeof o.defaultValues === 'object') {
			for (const [k, v] of Object.entries(o.defaultValues as Record<string, unknown>)) {
				(rec as { setValue: (x: unknown) => unknown }).setValue({ fieldId: k, value: v });
			}
		}
		return rec;
	}

	function load(options?: unknown): object {
		const o = opts(options);
		const type = normaliseType(o.type, 'record.load');
		checkType(type);
		const id = parseId(o.id, 'record.load');
		charge(ctx.meter, `record.load.${cls(type)}`);
		const st = loadState(type, id);
		st.isDynamic = o.isDynamic === true;
		return makeRecord(st);
	}

	function del(options?: unknown): number {
		const o = opts(options);
		const type = normaliseType(o.type, 'record.delete');
		const kind = checkType(type);
		const id = parseId(o.id, 'record.delete');
		if (kind === 'standard')
			throw unsupported(`record.delete for ${type} (standard records are read-only in the emulator)`);
		charge(ctx.meter, `record.delete.${cls(type)}`);
		if (!ctx.store.delete(type, id))
			throw nsError('RCRD_DSNT_EXIST', 'That record does not exist.', 'delete(N/record)');
		return id;
	}

	function submitFields(options?: unknown): number {
		const o = opts(options);
		const type = normaliseType(o.type, 'record.submitFields');
		const kind = checkType(type);
		const id = parseId(o.id, 'record.submitFields');
		if (!o.values || typeof o.values !== 'object') throw missingArg('record.submitFields', 'values');
		if (kind === 'standard') return submitStandardFields(type, id, o.values as Record<string, unknown>);
		charge(ctx.meter, `record.submitFields.${cls(type)}`);
		const st: CustomState = { ...storedState(type, id), kind, fields: customFields(type) };
		for (const [k, v] of Object.entries(o.values as Record<string, unknown>)) {
			const { id: fid, def } = customFieldOf(st, k, 'submitFields');
			const [raw, text] = inValue(def, v);
			st.values[fid] = raw;
			if (text !== undefined) st.texts[fid] = text;
		}
		st.values.lastmodified = zonedIsoDate(ctx.svc.clock.now(), tz());
		putOrDuplicate({ type, id, values: st.values, texts: st.texts }, 'submitFields(N/record)');
		return id;
	}

	/**
	 * submitFields on a standard record: only the project's own body and entity fields
	 * (`custbody_`/`custentity_` declared in src/Objects) are written; NetSuite fields of standard
	 * records stay read-only in the emulator. The write is remembered in the store (scriptFieldWrites)
	 * so it outlives the day's rebuild of the account.
	 */
	function submitStandardFields(type: string, id: number, values: Record<string, unknown>): number {
		const stored = storedState(type, id);
		const st: StandardState = { ...stored, kind: 'standard', fields: undefined };
		const writes: [string, RawValue, string | undefined][] = [];
		for (const [k, v] of Object.entries(values)) {
			const { id: fid, def } = fieldOf(st, k, 'submitFields');
			if (!def)
				throw unsupported(
					`record.submitFields of ${k} on ${type} (only the project's custbody_/custentity_ fields are writable)`,
				);
			const [raw, text] = inValue(def, v);
			writes.push([fid, raw, text]);
		}
		charge(ctx.meter, `record.submitFields.${cls(type)}`);
		for (const [fid, raw, text] of writes) {
			st.values[fid] = raw;
			if (text !== undefined) st.texts[fid] = text;
			ctx.store.noteScriptWrite(type, id, fid, raw);
		}
		ctx.store.put({ type, id, values: st.values, texts: st.texts });
		return id;
	}

	const notEmulated = (name: string) => (): never => {
		throw unsupported(`record.${name}`);
	};

	return guard('N/record', {
		create,
		load,
		delete: del,
		submitFields,
		copy: notEmulated('copy'),
		transform: notEmulated('transform'),
		attach: notEmulated('attach'),
		detach: notEmulated('detach'),
		Type: guard('record.Type', { ...RECORD_TYPES }),
	});
}
