/**
 * N/config: load({type}) for COMPANY_INFORMATION (companyname, timezone, basecurrency,
 * country), COMPANY_PREFERENCES and USER_PREFERENCES (DATEFORMAT, TIMEZONE); 10 units (docs
 * config.load; not in platform §8.2). Read-only: save() and any other field are not emulated.
 */
import type { RuntimeContext } from '../services';
import { charge } from '../governance';
import { missingArg, nsError, unsupported } from '../errors';
import { guard, opts, scriptText } from './guard';

const TYPES = {
	COMPANY_INFORMATION: 'companyinformation',
	COMPANY_PREFERENCES: 'companypreferences',
	USER_PREFERENCES: 'userpreferences',
	ACCOUNTING_PREFERENCES: 'accountingpreferences',
	ACCOUNTING_PERIODS: 'accountingperiods',
	FEATURES: 'companyfeatures',
	TAX_PERIODS: 'taxperiods',
};

export function createConfigModule(ctx: RuntimeContext): object {
	function companyValues(): Record<string, string> {
		let base = '';
		for (const s of ctx.store.all('subsidiary')) {
			if (s.values.parent === null || s.values.parent === undefined || s.values.parent === '') {
				base = ctx.store.get('subsidiary', s.id)?.texts.currency ?? String(s.values.currency ?? '');
				break;
			}
		}
		return { companyname: ctx.account.name, timezone: ctx.account.timezone, basecurrency: base };
	}

	function load(options?: unknown): object {
		const o = opts(options);
		if (o.type === undefined) throw missingArg('config.load', 'type');
		const type = scriptText(o.type).toLowerCase();
		let values: Record<string, string>;
		if (type === TYPES.COMPANY_INFORMATION) values = companyValues();
		else if (type === TYPES.COMPANY_PREFERENCES || type === TYPES.USER_PREFERENCES) {
			values = {
				DATEFORMAT: ctx.account.dateFormat || 'M/D/YYYY',
				TIMEZONE: ctx.account.timezone,
				timezone: ctx.account.timezone,
			};
		} else if (Object.values(TYPES).includes(type)) {
			throw unsupported(`config.load for ${type}`);
		} else {
			throw nsError('INVALID_RCRD_TYPE', `The record type [${type.toUpperCase()}] is invalid.`, 'load(N/config)');
		}
		charge(ctx.meter, 'config.load');
		const get = (a: unknown): string | undefined => {
			const fieldId = typeof a === 'string' ? a : opts(a).fieldId;
			if (typeof fieldId !== 'string') throw missingArg('Record.getValue', 'fieldId');
			if (!(fieldId in values)) throw unsupported(`config ${type} field ${fieldId}`);
			return values[fieldId];
		};
		return guard('config record', {
			type,
			getValue: get,
			getText: (a: unknown) => get(a) ?? '',
			setValue(): never {
				throw unsupported('changing account configuration');
			},
			save(): never {
				throw unsupported('changing account configuration');
			},
		});
	}

	return guard('N/config', { load, Type: guard('config.Type', { ...TYPES }) });
}
