/** Analytics values as scripts receive them (dates in the user's date format). */
import { formatUserDate as fmtParts, parseIsoDate } from '../../time';

export function formatUserDate(iso: string, fmt: string): string {
	return fmtParts(parseIsoDate(iso), fmt);
}
