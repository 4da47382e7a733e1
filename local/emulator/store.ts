/**
 * The emulated account's record store: every record the emulated N/search and N/record serve,
 * standard (customer, subsidiary, term, currency, employee, invoice, creditmemo, customerpayment,
 * salesorder) and custom (customrecord_o2c_*), kept as NetSuite field ids -> raw values.
 *
 * Raw values are stored in their natural JS form: numbers as numbers, dates as 'YYYY-MM-DD'
 * strings, checkboxes as booleans, selects as the internal id (number) with the display text in
 * `texts`. The N/search and N/record emulations convert to what NetSuite returns (strings in the
 * user's date format, numbers as strings in search results, ...).
 *
 * Shared by the search engine and the record module; owned by the emulator.
 */
export type RawValue = string | number | boolean | null | number[];

export interface StoredRecord {
	/** NetSuite record type id: 'customer', 'invoice', 'customrecord_o2c_promise', ... */
	type: string;
	id: number;
	values: Record<string, RawValue>;
	/** display text of select fields (getText), keyed like values */
	texts: Record<string, string>;
}

/**
 * The key a field value (a RawValue) or a value looked up is indexed under: numbers as decimal text, text
 * lowercased; null for anything else.
 */
export function indexKey(v: unknown): string | null {
	if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
	if (typeof v === 'string') return v.trim().toLowerCase();
	return null;
}

/** The key an external id is unique under (see RecordStore.put), null when the record has none. */
function externalIdKey(v: RawValue | undefined): string | null {
	if (typeof v === 'number') return String(v);
	if (typeof v !== 'string' || v.trim() === '') return null;
	return v.trim().toLowerCase();
}

/** Another record of the same type already holds this external id. */
export class DuplicateExternalIdError extends Error {
	constructor(
		readonly recordType: string,
		readonly externalId: string,
		readonly holderId: number,
	) {
		super(`A ${recordType} record (internal id ${String(holderId)}) already has the external id ${externalId}`);
		this.name = 'DuplicateExternalIdError';
	}
}

export class RecordStore {
	private readonly byType = new Map<string, Map<number, StoredRecord>>();
	private readonly lastId = new Map<string, number>();
	/** fields scripts wrote on standard records (type:id -> field -> value), see noteScriptWrite */
	private readonly scriptWrites = new Map<string, Map<string, RawValue>>();
	/** secondary indexes kept up to date on every put/delete: type -> field -> key -> ids */
	private readonly fieldIndexes = new Map<string, Map<string, Map<string, Set<number>>>>();
	/**
	 * After sealBuild(): per standard type, the ids of the records put since (what scripts wrote: a
	 * task, an employee a request needed; and what a carried-over day brought). null before.
	 */
	private writtenStandard: Map<string, Set<number>> | null = null;

	/**
	 * The build of this store (account.ts buildStore) is complete: from now on every standard record put
	 * is remembered (standardWrittenSinceBuild), so the next day can drop the ones the build made.
	 */
	sealBuild(): void {
		this.writtenStandard = new Map();
	}

	/** Whether sealBuild() was called (a store built from a dataset). */
	get sealed(): boolean {
		return this.writtenStandard !== null;
	}

	/** Ids of the records of a standard type put since sealBuild() (empty before it). */
	standardWrittenSinceBuild(type: string): ReadonlySet<number> {
		return this.writtenStandard?.get(type) ?? new Set();
	}

	/**
	 * Keeps only the records of `type` whose ids `keep` holds, and forgets the type's field indexes
	 * (rebuilt on the next lookup). For an account about to be replaced by the next day's.
	 */
	retainOnly(type: string, keep: ReadonlySet<number>): void {
		const m = this.byType.get(type);
		if (!m) return;
		const kept = new Map<number, StoredRecord>();
		for (const id of keep) {
			const rec = m.get(id);
			if (rec) kept.set(id, rec);
		}
		this.byType.set(type, kept);
		this.fieldIndexes.get(type)?.clear();
	}

	/**
	 * Insert or replace a record (ids are unique per type). An external id (`externalid`) is unique
	 * per record type, as NetSuite keeps it (Oracle help "Using External IDs": a record is identified
	 * by its type and its external id; SOAP add of a taken one answers DUP_RCRD): putting a record
	 * whose external id another record of its type holds throws {@link DuplicateExternalIdError} and
	 * changes nothing. Compared without regard to case (NetSuite's case rule is not documented; the
	 * stricter reading).
	 */
	put(rec: StoredRecord): void {
		let m = this.byType.get(rec.type);
		if (!m) {
			m = new Map();
			this.byType.set(rec.type, m);
		}
		const ext = externalIdKey(rec.values.externalid);
		if (ext !== null) {
			const holders = this.lookup(rec.type, 'externalid', ext);
			for (const other of holders) {
				if (other !== rec.id)
					throw new DuplicateExternalIdError(rec.type, String(rec.values.externalid), other);
			}
		}
		const previous = m.get(rec.id);
		if (previous) this.unindex(previous);
		m.set(rec.id, rec);
		this.index(rec);
		if (this.writtenStandard !== null && !rec.type.startsWith('customrecord')) {
			let ids = this.writtenStandard.get(rec.type);
			if (!ids) {
				ids = new Set();
				this.writtenStandard.set(rec.type, ids);
			}
			ids.add(rec.id);
		}
		if ((this.lastId.get(rec.type) ?? 0) < rec.id) this.lastId.set(rec.type, rec.id);
	}

	/**
	 * Ids of the records of `type` whose `field` has the index key of `value` (see indexKey). The
	 * index is built on first use and maintained from then on, so a lookup costs no scan: the
	 * emulated search uses it to narrow candidates, then still applies the exact filter.
	 */
	lookup(type: string, field: string, value: unknown): ReadonlySet<number> {
		const key = indexKey(value);
		if (key === null) return new Set();
		return this.fieldIndex(type, field).get(key) ?? new Set();
	}

	private fieldIndex(type: string, field: string): Map<string, Set<number>> {
		let byField = this.fieldIndexes.get(type);
		if (!byField) {
			byField = new Map();
			this.fieldIndexes.set(type, byField);
		}
		let idx = byField.get(field);
		if (!idx) {
			idx = new Map();
			byField.set(field, idx);
			for (const rec of this.all(type)) addTo(idx, indexKey(rec.values[field]), rec.id);
		}
		return idx;
	}

	private index(rec: StoredRecord): void {
		const byField = this.fieldIndexes.get(rec.type);
		if (!byField) return;
		for (const [field, idx] of byField) addTo(idx, indexKey(rec.values[field]), rec.id);
	}

	private unindex(rec: StoredRecord): void {
		const byField = this.fieldIndexes.get(rec.type);
		if (!byField) return;
		for (const [field, idx] of byField) {
			const key = indexKey(rec.values[field]);
			if (key !== null) idx.get(key)?.delete(rec.id);
		}
	}

	/**
	 * Remembers that a script wrote `field` of a standard record (e.g. `custbody_o2c_disputed` of an
	 * invoice through record.submitFields): the account rebuilt for the next day keeps it.
	 */
	noteScriptWrite(type: string, id: number, field: string, value: RawValue): void {
		const key = `${type}:${String(id)}`;
		let m = this.scriptWrites.get(key);
		if (!m) {
			m = new Map();
			this.scriptWrites.set(key, m);
		}
		m.set(field, value);
	}

	/** Every field scripts wrote on standard records: [type, id, field, value]. */
	scriptFieldWrites(): [string, number, string, RawValue][] {
		const out: [string, number, string, RawValue][] = [];
		for (const [key, fields] of this.scriptWrites) {
			const i = key.lastIndexOf(':');
			for (const [f, v] of fields) out.push([key.slice(0, i), Number(key.slice(i + 1)), f, v]);
		}
		return out;
	}

	get(type: string, id: number): StoredRecord | undefined {
		return this.byType.get(type)?.get(id);
	}

	delete(type: string, id: number): boolean {
		const rec = this.byType.get(type)?.get(id);
		if (!rec) return false;
		this.unindex(rec);
		return this.byType.get(type)?.delete(id) ?? false;
	}

	/** All records of a type in id order of insertion. */
	all(type: string): IterableIterator<StoredRecord> {
		return (this.byType.get(type) ?? new Map<number, StoredRecord>()).values();
	}

	count(type: string): number {
		return this.byType.get(type)?.size ?? 0;
	}

	types(): string[] {
		return [...this.byType.keys()];
	}

	/** The highest internal id handed out for a type (0 when none). */
	lastIdOf(type: string): number {
		return this.lastId.get(type) ?? 0;
	}

	/** Never hand out ids up to `id` for this type (ids of records that existed, or will). */
	reserveIds(type: string, id: number): void {
		if ((this.lastId.get(type) ?? 0) < id) this.lastId.set(type, id);
	}

	/** Next free internal id for a new record of this type. */
	nextId(type: string): number {
		const next = (this.lastId.get(type) ?? 0) + 1;
		this.lastId.set(type, next);
		return next;
	}
}

function addTo(idx: Map<string, Set<number>>, key: string | null, id: number): void {
	if (key === null) return;
	let ids = idx.get(key);
	if (!ids) {
		ids = new Set();
		idx.set(key, ids);
	}
	ids.add(id);
}
