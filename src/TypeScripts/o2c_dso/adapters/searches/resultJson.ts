/**
 * Reading a search result as a map/reduce stage receives it: `JSON.stringify(search.Result)`,
 * `{"recordType": …, "id": …, "values": {…}}`.
 *
 * NetSuite's keys are `name`, `name.join` and `SUMMARY(name)` / `SUMMARY(name.join)`, and the join
 * keeps the spelling of the search definition: a search loaded by id comes back with NetSuite's own
 * (`trandate.applyingTransaction`, public map/reduce code), one built with search.create with the
 * script's. Keys are therefore matched without regard to case, and a column that is not in the row
 * at all is an error naming it and the keys the row has, never an empty value: an outer join
 * without a match still carries its key (with an empty value), so a missing key means the search
 * does not have the column, and reading it as empty would silently turn every figure built on it
 * into zero.
 */

/** One value as the JSON holds it: text, a select `{value, text}` (a multi-select: a list of them), a checkbox. */
export type JsonValue =
	| string
	| { value?: string; text?: string }
	| readonly { value?: string; text?: string }[]
	| boolean
	| null
	| undefined;

export interface ResultJson {
	/** The result's internal id (absent for grouped rows). */
	readonly id: string | undefined;
	/**
	 * The raw value of a column; throws when the row has no such column.
	 * @example row.raw('trandate', { join: 'applyingtransaction' })
	 */
	raw(name: string, opts?: { join?: string; summary?: string }): JsonValue;
	/**
	 * A column as text: a select's value (its internal id), `''` when empty; throws when the row has
	 * no such column.
	 * @example row.text('entity', { summary: 'GROUP' }) // '100'
	 */
	text(name: string, opts?: { join?: string; summary?: string }): string;
}

/** The key NetSuite uses for a column, lower-cased for matching. */
function keyOf(name: string, opts?: { join?: string; summary?: string }): string {
	const base = opts?.join ? `${name}.${opts.join}` : name;
	return (opts?.summary ? `${opts.summary}(${base})` : base).toLowerCase();
}

/**
 * Parses one row.
 * @example const row = parseResultJson(context.value); row.text('entity')
 */
export function parseResultJson(json: string): ResultJson {
	const parsed = JSON.parse(json) as { id?: unknown; values?: Record<string, JsonValue> } | null;
	const values = parsed?.values ?? {};
	const byKey = new Map<string, JsonValue>();
	for (const [k, v] of Object.entries(values)) byKey.set(k.toLowerCase(), v);
	const id = parsed?.id;
	const raw = (name: string, opts?: { join?: string; summary?: string }): JsonValue => {
		const key = keyOf(name, opts);
		if (!byKey.has(key)) {
			throw new Error(
				`The search result has no column ${key} (it has: ${Object.keys(values).join(', ') || 'none'}): the saved search misses a column the script reads`,
			);
		}
		return byKey.get(key);
	};
	return {
		id: typeof id === 'string' || typeof id === 'number' ? String(id) : undefined,
		raw,
		text: (name, opts) => {
			const v = raw(name, opts);
			if (v === undefined || v === null || typeof v === 'boolean') return '';
			if (Array.isArray(v)) return v.map((x: { value?: string }) => x.value ?? '').join(',');
			if (typeof v === 'object') return (v as { value?: string }).value ?? '';
			return v;
		},
	};
}
