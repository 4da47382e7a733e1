/**
 * N/url: resolveRecord, resolveScript, resolveDomain, format, with NetSuite's URL shapes on the
 * emulated account's domains. As in NetSuite, resolveRecord and resolveScript return a path
 * (`/app/...`, relative to `https://<account>.app.netsuite.com`); resolveScript with
 * `returnExternalUrl: true` returns a full URL (RESTlets on `<account>.restlets.api.netsuite.com`,
 * Suitelets on `<account>.extforms.netsuite.com`); resolveDomain gives the host names.
 * Script and deployment ids must exist in src/Objects. Custom record types get a stable
 * made-up numeric `rectype` (their position among src/Objects custom record types, from 1000).
 */
import type { RuntimeContext } from '../services';
import { missingArg, nsError, unsupported } from '../errors';
import { guard, opts, scriptText } from './guard';

const STANDARD_PATHS: Record<string, string> = {
	invoice: '/app/accounting/transactions/custinvc.nl',
	creditmemo: '/app/accounting/transactions/custcred.nl',
	customerpayment: '/app/accounting/transactions/custpymt.nl',
	salesorder: '/app/accounting/transactions/salesord.nl',
	customer: '/app/common/entity/custjob.nl',
	employee: '/app/common/entity/employee.nl',
	subsidiary: '/app/common/otherlists/subsidiarytype.nl',
	currency: '/app/common/multicurrency/currency.nl',
	term: '/app/common/otherlists/accountingotherlist.nl',
};

const HOST_TYPES = {
	APPLICATION: 'APPLICATION',
	CUSTOMER_CENTER: 'CUSTOMERCENTER',
	RESTLET: 'RESTLET',
	SUITETALK: 'SUITETALK',
	FORM: 'FORM',
};

function query(params: Record<string, unknown>): string {
	return Object.entries(params)
		.filter(([, v]) => v !== undefined && v !== null)
		.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
		.join('&');
}

export function accountHost(accountId: string): string {
	return accountId.toLowerCase().replace(/_/g, '-');
}

export function createUrlModule(ctx: RuntimeContext): object {
	const host = accountHost(ctx.svc.accountId);
	const domain = (type: string): string => {
		switch (type) {
			case 'APPLICATION':
				return `${host}.app.netsuite.com`;
			case 'RESTLET':
				return `${host}.restlets.api.netsuite.com`;
			case 'SUITETALK':
				return `${host}.suitetalk.api.netsuite.com`;
			case 'FORM':
				return `${host}.extforms.netsuite.com`;
			case 'CUSTOMERCENTER':
				return `${host}.secure.netsuite.com`;
			default:
				throw nsError('SSS_INVALID_TYPE_ARG', `Invalid host type: ${type}`, 'resolveDomain(N/url)');
		}
	};
	const extra = (p: unknown): string => (p && typeof p === 'object' ? query(p as Record<string, unknown>) : '');

	return guard('N/url', {
		HostType: guard('url.HostType', { ...HOST_TYPES }),
		resolveDomain(options?: unknown): string {
			const o = opts(options);
			if (o.hostType === undefined) throw missingArg('url.resolveDomain', 'hostType');
			return domain(scriptText(o.hostType));
		},
		resolveRecord(options?: unknown): string {
			const o = opts(options);
			if (!o.recordType) throw missingArg('url.resolveRecord', 'recordType');
			const type = scriptText(o.recordType).toLowerCase();
			const params: Record<string, unknown> = {};
			let p: string;
			const standardPath = STANDARD_PATHS[type];
			if (ctx.objects.customRecordTypes.has(type)) {
				p = '/app/common/custom/custrecordentry.nl';
				params.rectype = 1000 + [...ctx.objects.customRecordTypes.keys()].indexOf(type);
			} else if (standardPath) {
				p = standardPath;
			} else {
				throw nsError(
					'INVALID_RCRD_TYPE',
					`The record type [${type.toUpperCase()}] is invalid.`,
					'resolveRecord(N/url)',
				);
			}
			if (o.recordId !== undefined && o.recordId !== null && o.recordId !== '') params.id = o.recordId;
			if (o.isEditMode === true) params.e = 'T';
			const q = [query(params), extra(o.params)].filter(Boolean).join('&');
			return `${p}${q ? `?${q}` : ''}`;
		},
		resolveScript(options?: unknown): string {
			const o = opts(options);
			if (!o.scriptId) throw missingArg('url.resolveScript', 'scriptId');
			if (!o.deploymentId) throw missingArg('url.resolveScript', 'deploymentId');
			const script = ctx.objects.scripts.get(scriptText(o.scriptId));
			if (!script)
				throw nsError(
					'SSS_INVALID_SCRIPT_ID_1',
					`Invalid script id: ${scriptText(o.scriptId)}`,
					'resolveScript(N/url)',
				);
			if (!script.deployments.some((d) => d.scriptid === scriptText(o.deploymentId))) {
				throw nsError(
					'SSS_INVALID_DEPLOYMENT_ID_1',
					`Invalid deployment id: ${scriptText(o.deploymentId)}`,
					'resolveScript(N/url)',
				);
			}
			const q = [query({ script: o.scriptId, deploy: o.deploymentId }), extra(o.params)]
				.filter(Boolean)
				.join('&');
			const page = script.objectType === 'restlet' ? 'restlet.nl' : 'scriptlet.nl';
			if (o.returnExternalUrl === true) {
				const host = script.objectType === 'restlet' ? domain('RESTLET') : domain('FORM');
				return `https://${host}/app/site/hosting/${page}?${q}&compid=${ctx.svc.accountId}`;
			}
			return `/app/site/hosting/${page}?${q}`;
		},
		format(options?: unknown): string {
			const o = opts(options);
			if (!o.domain) throw missingArg('url.format', 'domain');
			const q = extra(o.params);
			const domainText = scriptText(o.domain);
			return `${domainText}${q ? `${domainText.includes('?') ? '&' : '?'}${q}` : ''}`;
		},
		resolveTaskLink(): never {
			throw unsupported('url.resolveTaskLink');
		},
	});
}
