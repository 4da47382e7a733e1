/**
 * Saving a record whose external id is its key: NetSuite keeps external ids unique per record type
 * and refuses a second record with a used one (DUP_RCRD), so "save unless it exists" is a single
 * save, safe when two executions race. Used by the digest, the promise escalation's task and the
 * customer reminders.
 */
import type * as record from 'N/record';

/**
 * Saves `rec` (with its external id set); null when a record of its type already holds that
 * external id. Any other error is thrown.
 * @example const id = saveUnlessDuplicate(rec); if (id === null) return 'already_sent';
 */
export function saveUnlessDuplicate(rec: record.Record): number | null {
	try {
		return rec.save();
	} catch (e) {
		if ((e as { name?: unknown } | null)?.name === 'DUP_RCRD') return null;
		throw e;
	}
}
