/**
 * Errors thrown by the emulated N/search: the runtime's SuiteScriptError (../../errors.ts), whose
 * `name` is the NetSuite code (scripts test `e.name === 'SSS_...'`).
 *
 * Codes used (NetSuite's where one is known, see docs/ARCHITECTURE.md "N/search"):
 * SSS_INVALID_SRCH_FILTER, SSS_INVALID_SRCH_FILTER_JOIN, SSS_INVALID_SRCH_COL,
 * SSS_INVALID_SRCH_COLUMN_JOIN, SSS_INVALID_SRCH_COLUMN, SSS_INVALID_SRCH_OPERATOR,
 * SSS_INVALID_SRCH_FILTER_EXPR, SSS_INVALID_SRCH_COLUMN_SUM, SSS_INVALID_SRCH_SETTING(_VALUE),
 * SSS_INVALID_RECORD_TYPE, SSS_MISSING_REQD_ARGUMENT, SSS_SEARCH_RESULT_LIMIT_EXCEEDED,
 * SSS_INVALID_SEARCH_RESULT_INDEX, SSS_SEARCH_FOR_EACH_LIMIT_EXCEEDED, INVALID_PAGE_RANGE,
 * INVALID_SEARCH, SSS_INVALID_SRCH_ID, DUP_RCRD, RCRD_DSNT_EXIST, and EMULATOR_UNSUPPORTED
 * (message "Emulator limit: ...") for what the emulator deliberately does not model.
 */
import { SuiteScriptError, UNSUPPORTED } from '../../errors';

export { SuiteScriptError };

export function ssError(name: string, message: string): SuiteScriptError {
	return new SuiteScriptError(name, message, { origin: 'N/search', id: '' });
}

/** A departure from NetSuite: something the emulator refuses instead of guessing. */
export function emulatorLimit(message: string): SuiteScriptError {
	return new SuiteScriptError(UNSUPPORTED, `Emulator limit: ${message}`, { origin: 'N/search', id: '' });
}
