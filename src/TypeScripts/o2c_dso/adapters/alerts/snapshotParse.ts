/**
 * Pure parsing of stored snapshot values the alert reads (no `N/*`, so Jest tests it directly).
 */
import { TermsMixEntry } from '../../domain/investigation';
import { fromDecimal, Minor, minorUnits } from '../../domain/money';

/**
 * The terms-mix JSON of a snapshot: `[{label, days, amount}]` with `amount` a decimal in the base
 * currency, as the snapshot writes it (`amountMinor` and `termsDays` are accepted too); null when
 * absent or unreadable (the email then leaves the terms-mix section out).
 * @example parseTermsMix('[{"label":"Net 30","days":30,"amount":1200.5}]', 'USD') // [{ label: 'Net 30', days: 30, amountMinor: 120050 }]
 */
export function parseTermsMix(text: string, currency: string): TermsMixEntry[] | null {
	if (text.trim() === '') return null;
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		return null;
	}
	const list = Array.isArray(raw)
		? raw
		: raw !== null && typeof raw === 'object' && Array.isArray((raw as { rows?: unknown }).rows)
			? (raw as { rows: unknown[] }).rows
			: null;
	if (list === null) return null;
	const out: TermsMixEntry[] = [];
	for (const item of list) {
		if (item === null || typeof item !== 'object') return null;
		const o = item as Record<string, unknown>;
		const days = o.days ?? o.termsDays ?? null;
		if (days !== null && (typeof days !== 'number' || !Number.isFinite(days))) return null;
		let amountMinor: Minor;
		if (typeof o.amountMinor === 'number' && Number.isSafeInteger(o.amountMinor))
			amountMinor = minorUnits(o.amountMinor);
		else if (typeof o.amount === 'number' || typeof o.amount === 'string') {
			try {
				amountMinor = fromDecimal(o.amount, currency).minor;
			} catch {
				return null;
			}
		} else return null;
		const label =
			typeof o.label === 'string' && o.label !== ''
				? o.label
				: days === null
					? 'No terms'
					: `${String(days)} days`;
		out.push({ label, days, amountMinor });
	}
	return out;
}
