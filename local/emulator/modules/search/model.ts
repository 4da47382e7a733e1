/**
 * The script-visible value objects of the emulated N/search: Column, Filter, Setting, and the enums.
 */
import { emulatorLimit, ssError } from './errors';
import { isList, scriptText } from '../guard';

export const OPERATORS = [
	'after',
	'allof',
	'any',
	'anyof',
	'before',
	'between',
	'contains',
	'doesnotcontain',
	'doesnotstartwith',
	'equalto',
	'greaterthan',
	'greaterthanorequalto',
	'haskeywords',
	'is',
	'isempty',
	'isnot',
	'isnotempty',
	'lessthan',
	'lessthanorequalto',
	'noneof',
	'notafter',
	'notallof',
	'notbefore',
	'notbetween',
	'notequalto',
	'notgreaterthan',
	'notgreaterthanorequalto',
	'notlessthan',
	'notlessthanorequalto',
	'noton',
	'notonorafter',
	'notonorbefore',
	'notwithin',
	'on',
	'onorafter',
	'onorbefore',
	'startswith',
	'within',
] as const;
const OPERATOR_SET = new Set<string>(OPERATORS);

export const SUMMARIES = ['GROUP', 'COUNT', 'SUM', 'AVG', 'MIN', 'MAX'] as const;
export type SummaryType = (typeof SUMMARIES)[number];
const SUMMARY_SET = new Set<string>(SUMMARIES);

export type SortDir = 'ASC' | 'DESC' | 'NONE';

/** search.Operator: AFTER -> 'after', ... */
export const Operator = Object.freeze(Object.fromEntries(OPERATORS.map((o) => [o.toUpperCase(), o]))) as Readonly<
	Record<Uppercase<(typeof OPERATORS)[number]>, string>
>;
/** search.Summary: SUM -> 'SUM', ... */
export const Summary = Object.freeze(Object.fromEntries(SUMMARIES.map((s) => [s, s]))) as Readonly<
	Record<SummaryType, string>
>;
/** search.Sort */
export const Sort: Readonly<Record<SortDir, string>> = Object.freeze({ ASC: 'ASC', DESC: 'DESC', NONE: 'NONE' });

export function normalizeOperator(op: unknown, context: string): string {
	const o = typeof op === 'string' ? op.trim().toLowerCase() : '';
	if (!OPERATOR_SET.has(o)) {
		throw ssError(
			'SSS_INVALID_SRCH_OPERATOR',
			`An nlobjSearchFilter contains an invalid operator, or is not in proper syntax: ${String(op)} (${context}).`,
		);
	}
	return o;
}

export function normalizeSummary(s: unknown, context: string): SummaryType | undefined {
	if (s === undefined || s === null || s === '') return undefined;
	const u = typeof s === 'string' ? s.trim().toUpperCase() : '';
	if (!SUMMARY_SET.has(u))
		throw ssError(
			'SSS_INVALID_SRCH_COLUMN_SUM',
			`Invalid summary type ${JSON.stringify(s)} (${context}); use search.Summary (GROUP, COUNT, SUM, AVG, MIN, MAX).`,
		);
	return u as SummaryType;
}

export function normalizeSort(s: unknown): SortDir | undefined {
	if (s === undefined || s === null || s === '') return undefined;
	const u = typeof s === 'string' ? s.trim().toUpperCase() : '';
	if (u !== 'ASC' && u !== 'DESC' && u !== 'NONE')
		throw ssError(
			'SSS_INVALID_SRCH_COLUMN',
			`Invalid sort ${JSON.stringify(s)}; use search.Sort (ASC, DESC, NONE).`,
		);
	return u;
}

function isFormula(name: string): boolean {
	return /^formula/i.test(name.trim());
}

export function refuseFormula(name: string, what: 'column' | 'filter'): void {
	if (isFormula(name)) {
		throw emulatorLimit(
			`${what} ${JSON.stringify(name)}: formula ${what}s are refused because the emulator does not evaluate NetSuite SQL formulas`,
		);
	}
}

/** Flattens filter values: `values`, `[values]` and `'a', 'b'` forms become one array. */
export function normalizeValues(values: unknown): unknown[] {
	if (values === undefined || values === null) return [];
	if (isList(values)) {
		const out: unknown[] = [];
		for (const v of values) {
			if (isList(v)) out.push(...v);
			else out.push(v);
		}
		return out;
	}
	return [values];
}

/** search.createColumn's options as a script passes them: the constructor checks them. */
export interface ColumnOptions {
	name?: unknown;
	join?: unknown;
	summary?: unknown;
	formula?: string;
	label?: string;
	function?: unknown;
	sort?: unknown;
}

/** search.createFilter's options as a script passes them: the constructor checks them. */
export interface FilterOptions {
	name?: unknown;
	join?: unknown;
	operator?: unknown;
	values?: unknown;
	formula?: string;
	summary?: unknown;
}

export class Column {
	name: string;
	join?: string;
	summary?: SummaryType;
	formula?: string;
	label?: string;
	function?: string;
	sort?: SortDir;

	constructor(opts: ColumnOptions | null | undefined) {
		if (!opts || typeof opts.name !== 'string' || opts.name.trim() === '') {
			throw ssError('SSS_MISSING_REQD_ARGUMENT', 'search.createColumn: missing a required argument: name');
		}
		refuseFormula(opts.name, 'column');
		if (opts.function !== undefined && opts.function !== null && opts.function !== '') {
			throw emulatorLimit(
				`column ${opts.name}: column function ${JSON.stringify(opts.function)} is not modelled`,
			);
		}
		this.name = opts.name;
		if (opts.join !== undefined && opts.join !== null && opts.join !== '') this.join = scriptText(opts.join);
		const summary = normalizeSummary(opts.summary, `column ${opts.name}`);
		if (summary) this.summary = summary;
		if (opts.label !== undefined) this.label = opts.label;
		const sort = normalizeSort(opts.sort);
		if (sort) this.sort = sort;
	}

	setWhenOrderedBy(): Column {
		throw emulatorLimit('Column.setWhenOrderedBy is not modelled');
	}

	toString(): string {
		return 'search.Column';
	}

	toJSON(): Record<string, unknown> {
		return {
			name: this.name,
			join: this.join ?? null,
			summary: this.summary ?? null,
			label: this.label ?? null,
			type: null,
			formula: null,
			function: null,
			sortdir: this.sort ?? 'NONE',
		};
	}
}

export class Filter {
	readonly name: string;
	readonly join?: string;
	readonly operator: string;
	readonly summary?: SummaryType;
	formula?: string;
	readonly values: unknown[];

	constructor(opts: FilterOptions | null | undefined) {
		if (!opts || typeof opts.name !== 'string' || opts.name.trim() === '') {
			throw ssError('SSS_MISSING_REQD_ARGUMENT', 'search.createFilter: missing a required argument: name');
		}
		if (opts.operator === undefined || opts.operator === null) {
			throw ssError('SSS_MISSING_REQD_ARGUMENT', 'search.createFilter: missing a required argument: operator');
		}
		refuseFormula(opts.name, 'filter');
		this.name = opts.name;
		if (opts.join !== undefined && opts.join !== null && opts.join !== '') this.join = scriptText(opts.join);
		this.operator = normalizeOperator(opts.operator, `filter ${opts.name}`);
		const summary = normalizeSummary(opts.summary, `filter ${opts.name}`);
		if (summary) this.summary = summary;
		this.values = normalizeValues(opts.values);
	}

	toString(): string {
		return 'search.Filter';
	}

	toJSON(): Record<string, unknown> {
		return {
			name: this.name,
			join: this.join ?? null,
			operator: this.operator,
			summary: this.summary ?? null,
			formula: null,
			values: this.values.map((v) => (v === null || v === undefined ? '' : scriptText(v))),
			isor: false,
			isnot: false,
			leftparens: 0,
			rightparens: 0,
		};
	}
}

export class Setting {
	readonly name: string;
	readonly value: string;
	constructor(name: string, value: string) {
		this.name = name;
		this.value = value;
	}
	toJSON(): Record<string, unknown> {
		return { name: this.name, value: this.value };
	}
}

const SETTING_VALUES: Record<string, string[]> = {
	consolidationtype: ['ACCTTYPE', 'AVERAGE', 'CURRENT', 'HISTORICAL', 'NONE'],
	includeperiodendtransactions: ['F', 'FALSE', 'T', 'TRUE'],
};

export function makeSetting(name: unknown, value: unknown): Setting {
	const n = typeof name === 'string' ? name.trim().toLowerCase() : '';
	const allowed = SETTING_VALUES[n];
	if (!allowed)
		throw ssError('SSS_INVALID_SRCH_SETTING', `An unknown search setting name was provided: ${String(name)}`);
	const val = typeof value === 'string' ? value.trim().toUpperCase() : scriptText(value ?? '').toUpperCase();
	if (!allowed.includes(val))
		throw ssError(
			'SSS_INVALID_SRCH_SETTING_VALUE',
			`Unsupported value ${JSON.stringify(value)} for search setting ${n} (${allowed.join(', ')})`,
		);
	if (n === 'consolidationtype' && val !== 'NONE') {
		// Oracle help, search.createSetting: consolidationtype is the Consolidated Exchange Rate setting,
		// which converts a OneWorld search's amounts with consolidated rates; the account has none to apply
		throw emulatorLimit(
			`search setting consolidationtype ${val}: consolidated exchange rates are not modelled, the emulated account returns each subsidiary's base-currency amounts (consolidationtype NONE only)`,
		);
	}
	if (n === 'includeperiodendtransactions' && (val === 'T' || val === 'TRUE')) {
		throw emulatorLimit(
			'search setting includeperiodendtransactions T: period end journal entries are not modelled',
		);
	}
	return new Setting(n, val);
}

/** settings as search.create accepts them: Setting objects, {name, value} objects or 'name=value' strings. */
export function normalizeSettings(settings: unknown): Setting[] {
	if (settings === undefined || settings === null) return [];
	const list = Array.isArray(settings) ? settings : [settings];
	return list.map((s) => {
		if (typeof s === 'string') {
			const eq = s.indexOf('=');
			if (eq < 0)
				throw ssError(
					'SSS_INVALID_SRCH_SETTING',
					`Invalid search setting ${JSON.stringify(s)} (expected name=value)`,
				);
			return makeSetting(s.slice(0, eq), s.slice(eq + 1));
		}
		if (s && typeof s === 'object')
			return makeSetting((s as { name?: unknown }).name, (s as { value?: unknown }).value);
		throw ssError('SSS_INVALID_SRCH_SETTING', `Invalid search setting ${JSON.stringify(s)}`);
	});
}

/** Columns as search.create accepts them: names ('entity', 'customer.email'), Column objects or plain option objects. */
export function toColumn(c: unknown): Column {
	if (c instanceof Column) return c;
	if (typeof c === 'string') {
		const s = c.trim();
		refuseFormula(s, 'column');
		const dot = s.indexOf('.');
		return dot > 0 ? new Column({ name: s.slice(dot + 1), join: s.slice(0, dot) }) : new Column({ name: s });
	}
	if (c && typeof c === 'object' && typeof (c as { name?: unknown }).name === 'string') {
		return new Column(c);
	}
	throw ssError(
		'SSS_INVALID_SRCH_COLUMN',
		`The columns parameter is not a valid column, string, or column or string array: ${JSON.stringify(c)}`,
	);
}

/** search.Type: every key of the NetSuite enum the emulator knows, value = key lowercased without underscores. */
const TYPE_KEYS = [
	'ACCOUNT',
	'ACCOUNTING_BOOK',
	'ACCOUNTING_PERIOD',
	'ACTIVITY',
	'ASSEMBLY_BUILD',
	'ASSEMBLY_ITEM',
	'BILLING_SCHEDULE',
	'BIN',
	'CALENDAR_EVENT',
	'CAMPAIGN',
	'CASH_REFUND',
	'CASH_SALE',
	'CHARGE',
	'CHECK',
	'CLASSIFICATION',
	'CONTACT',
	'CREDIT_MEMO',
	'CURRENCY',
	'CUSTOMER',
	'CUSTOMER_CATEGORY',
	'CUSTOMER_DEPOSIT',
	'CUSTOMER_PAYMENT',
	'CUSTOMER_REFUND',
	'CUSTOMER_STATUS',
	'CUSTOMER_SUBSIDIARY_RELATIONSHIP',
	'DEPARTMENT',
	'DEPOSIT',
	'DEPOSIT_APPLICATION',
	'EMPLOYEE',
	'ENTITY',
	'ESTIMATE',
	'FOLDER',
	'INVENTORY_ITEM',
	'INVOICE',
	'ITEM',
	'ITEM_FULFILLMENT',
	'JOB',
	'JOURNAL_ENTRY',
	'LOCATION',
	'MESSAGE',
	'NOTE',
	'OPPORTUNITY',
	'PARTNER',
	'PHONE_CALL',
	'PRICE_LEVEL',
	'PURCHASE_ORDER',
	'RETURN_AUTHORIZATION',
	'SALES_ORDER',
	'SAVED_SEARCH',
	'SCRIPT_DEPLOYMENT',
	'SUBSIDIARY',
	'SUPPORT_CASE',
	'SYSTEM_NOTE',
	'TASK',
	'TERM',
	'TRANSACTION',
	'VENDOR',
	'VENDOR_BILL',
	'VENDOR_PAYMENT',
] as const;
export const Type = Object.freeze(
	Object.fromEntries(TYPE_KEYS.map((k) => [k, k.toLowerCase().replace(/_/g, '')])),
) as Readonly<Record<(typeof TYPE_KEYS)[number], string>>;
