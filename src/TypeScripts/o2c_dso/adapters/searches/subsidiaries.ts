/**
 * The subsidiaries the snapshot covers, with their base currency's ISO code:
 * `customsearch_o2c_subsidiaries` (active subsidiaries; an admin can exclude elimination or
 * dormant ones there) plus a currency lookup (currency `symbol` is the ISO code).
 */
import * as search from 'N/search';
import { SavedSearchSpec, column, ensureSavedSearch, forEachRow, textOf, valueOf } from './searchKit';

export interface SubsidiaryInfo {
	readonly id: string;
	readonly name: string;
	/** ISO code of the base currency, e.g. `USD`. */
	readonly currency: string;
}

export const SUBSIDIARIES: SavedSearchSpec = {
	id: 'customsearch_o2c_subsidiaries',
	title: 'O2C DSO: subsidiaries in the A/R snapshot',
	create: () =>
		search.create({
			type: 'subsidiary',
			filters: [['isinactive', 'is', 'F']],
			columns: [
				search.createColumn({ name: 'internalid', sort: search.Sort.ASC }),
				column({ name: 'name' }),
				column({ name: 'currency' }),
			],
		}),
};

/** Currency internal id → ISO code (10 units). */
export function loadCurrencyCodes(): Map<string, string> {
	const out = new Map<string, string>();
	const s = search.create({ type: 'currency', columns: ['internalid', 'symbol'] });
	forEachRow(s, (row) => {
		out.set(valueOf(row, { name: 'internalid' }), valueOf(row, { name: 'symbol' }));
	});
	return out;
}

/** Below this many currencies, one lookupFields each (1 unit) costs less than the currency search (10). */
const LOOKUPS_BELOW = 10;

/**
 * ISO codes of the given currency internal ids only: one `search.lookupFields` (1 unit) per
 * distinct id while that costs less than the currency search, else {@link loadCurrencyCodes}.
 * @example currencyCodesOf(['1', '1', '4']) // Map { '1' => 'USD', '4' => 'EUR' }, 2 units
 */
export function currencyCodesOf(currencyIds: readonly string[]): Map<string, string> {
	const ids = [...new Set(currencyIds.filter((id) => id !== ''))];
	if (ids.length >= LOOKUPS_BELOW) return loadCurrencyCodes();
	const out = new Map<string, string>();
	for (const id of ids) {
		const symbol = search.lookupFields({ type: 'currency', id, columns: ['symbol'] }).symbol;
		if (typeof symbol === 'string' && symbol !== '') out.set(id, symbol);
	}
	return out;
}

/**
 * Active subsidiaries in id order with their base currency code: the saved search (5 + 5 + 5 per
 * 1,000 rows) and the codes, by default of the subsidiaries' own currencies
 * ({@link currencyCodesOf}: 1 unit per distinct currency); `codes` when the caller read them already.
 * @example loadSubsidiaries().map((s) => s.currency) // ['USD', 'EUR']
 */
export function loadSubsidiaries(searchId?: string, codes?: ReadonlyMap<string, string>): SubsidiaryInfo[] {
	const s = ensureSavedSearch(SUBSIDIARIES, searchId);
	const rows: { id: string; name: string; currencyId: string; currencyText: string }[] = [];
	forEachRow(s, (row) => {
		rows.push({
			id: valueOf(row, { name: 'internalid' }),
			name: valueOf(row, { name: 'name' }),
			currencyId: valueOf(row, { name: 'currency' }),
			currencyText: textOf(row, { name: 'currency' }),
		});
	});
	const known = codes ?? currencyCodesOf(rows.map((r) => r.currencyId));
	const out = rows.map((r): SubsidiaryInfo => {
		const currency = known.get(r.currencyId) ?? r.currencyText;
		if (currency === '') throw new Error(`Subsidiary ${r.id} has no base currency`);
		return { id: r.id, name: r.name, currency };
	});
	out.sort((a, b) => Number(a.id) - Number(b.id));
	return out;
}
