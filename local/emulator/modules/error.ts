/**
 * N/error: error.create({name, message, notifyOff}) -> SuiteScriptError (type
 * 'error.SuiteScriptError', name, message, id, stack (array of frames), cause, notifyOff;
 * JSON.stringify gives NetSuite's serialised form; toString() gives "name: message").
 */
import { SuiteScriptError, missingArg, unsupported } from '../errors';
import { guard, opts, scriptText } from './guard';

/** The error.Type codes the emulator itself raises or scripts commonly use (value = name). */
const TYPES = [
	'SSS_MISSING_REQD_ARGUMENT',
	'SSS_USAGE_LIMIT_EXCEEDED',
	'SSS_INVALID_URL',
	'SSS_REQUEST_TIME_EXCEEDED',
	'SSS_INVALID_TYPE_ARG',
	'SSS_INVALID_API_USAGE',
	'SSS_UNSUPPORTED_METHOD',
	'INVALID_FLD_VALUE',
	'INVALID_RCRD_TYPE',
	'MAP_REDUCE_ALREADY_RUNNING',
	'READ_ONLY_PROPERTY',
	'WRONG_PARAMETER_TYPE',
	'USER_ERROR',
];

/** A ModuleFactory that needs nothing from the execution's context (so it takes none). */
export function createErrorModule(): object {
	const Type: Record<string, string> = {};
	for (const t of TYPES) Type[t] = t;
	Type.MISSING_REQD_ARGUMENT = 'SSS_MISSING_REQD_ARGUMENT';
	return guard('N/error', {
		create(options?: unknown): SuiteScriptError {
			const o = opts(options);
			if (o.name === undefined || o.name === null || o.name === '') throw missingArg('error.create', 'name');
			if (o.message === undefined || o.message === null) throw missingArg('error.create', 'message');
			const message =
				typeof o.message === 'string'
					? o.message
					: scriptText((o.message as { message?: unknown }).message ?? o.message);
			return new SuiteScriptError(scriptText(o.name), message, {
				origin: 'createError(N/error)',
				notifyOff: o.notifyOff === true,
			});
		},
		Type: guard('error.Type', Type),
		get SuiteScriptError(): never {
			throw unsupported('N/error.SuiteScriptError as a constructor (use error.create)');
		},
		get UserEventError(): never {
			throw unsupported('N/error.UserEventError');
		},
	});
}
