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

/**
 * Active subsidiaries in id order with their base currency code (≈ 20 units).
 * @example loadSubsidiaries().map((s) => s.currency) // ['USD', 'EUR']
 */
export function loadSubsidiaries(searchId?: string): SubsidiaryInfo[] {
	const codes = loadCurrencyCodes();
	const s = ensureSavedSearch(SUBSIDIARIES, searchId);
	const out: SubsidiaryInfo[] = [];
	forEachRow(s, (row) => {
		const currencyId = valueOf(row, { name: 'currency' });
		const currency = codes.get(currencyId) ?? textOf(row, { name: 'currency' });
		if (currency === '') throw new Error(`Subsidiary ${valueOf(row, { name: 'internalid' })} has no base currency`);
		out.push({ id: valueOf(row, { name: 'internalid' }), name: valueOf(row, { name: 'name' }), currency });
	});
	out.sort((a, b) => Number(a.id) - Number(b.id));
	return out;
}
