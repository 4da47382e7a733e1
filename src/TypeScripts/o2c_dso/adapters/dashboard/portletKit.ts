/**
 * What the four portlet entry points share: links (N/url, 0 units), the 15-minute view cache
 * (N/cache: a hit costs 1 unit instead of the view's searches), and the HTML portlet contract
 * (`portlet.title`, `portlet.html`), and the sources the portlets share with other features (the
 * last contact attempt the collections RESTlet recorded, the stored cash-in forecast).
 */
import * as cache from 'N/cache';
import * as url from 'N/url';
import type { EntryPoints } from 'N/types';
import { queryParams, DEFAULT_QUERY, type DrilldownQuery } from '../../domain/dashboard/drilldown';
import { widthOfColumn, type LastContactView, type Width } from '../../domain/dashboard/views';
import type { CollectionsActivitySource, DashboardLinks, ForecastSource } from '../../app/dashboard/ports';
import { nsCollectionsReader } from '../collections/nsCollectionsReader';
import { storedCashForecast } from './nsDashboardReader';

/** The drill-down Suitelet's deployment (src/Objects/customscript_o2c_drilldown_sl.xml). */
export const DRILLDOWN = {
	scriptId: 'customscript_o2c_drilldown_sl',
	deploymentId: 'customdeploy_o2c_drilldown_sl',
} as const;

/** Seconds a portlet's view is reused (N/cache's minimum is 300). */
export const VIEW_TTL_SECONDS = 900;

export const nsLinks: DashboardLinks = {
	customer: (id) => url.resolveRecord({ recordType: 'customer', recordId: id }),
	invoice: (id) => url.resolveRecord({ recordType: 'invoice', recordId: id }),
	drilldown: (q: Partial<DrilldownQuery>, csv = false) => {
		const params: Record<string, string> = queryParams({ ...DEFAULT_QUERY, ...q });
		if (csv) params.format = 'csv';
		return url.resolveScript({ scriptId: DRILLDOWN.scriptId, deploymentId: DRILLDOWN.deploymentId, params });
	},
};

/** Attempts read per render: the newest first, enough for every customer a worklist shows. */
const CONTACT_ATTEMPTS_READ = 1000;

/**
 * The newest contact attempt the collections RESTlet recorded per customer (one search, 10 units,
 * newest first: the first row per customer). A customer without one maps to nothing ("None").
 */
export const collectionsActivity: CollectionsActivitySource = {
	lastContacts(customerIds) {
		const out = new Map<number, LastContactView>();
		if (customerIds.length === 0) return out;
		for (const a of nsCollectionsReader.contactAttemptsOf(customerIds, CONTACT_ATTEMPTS_READ)) {
			if (out.has(a.customerId) || a.on === null) continue;
			out.set(a.customerId, { date: a.on, outcome: a.outcome.replace(/_/g, ' ') });
		}
		return out;
	},
};

/** The cash-in forecast the nightly forecast job stores. */
export const storedForecast: ForecastSource = storedCashForecast;

/**
 * The view for `key`, from the cache when another render built it in the last 15 minutes
 * (1 unit), otherwise built now (2 units + the view's reads) and kept.
 */
export function cachedView<T>(key: string, build: () => T): T {
	const c = cache.getCache({ name: 'o2c_dso_dashboard', scope: cache.Scope.PROTECTED });
	// typed string, but get returns null when the loader gives nothing (ours always gives JSON)
	const text: string | null = c.get({ key, loader: () => JSON.stringify(build()), ttl: VIEW_TTL_SECONDS });
	return (text === null ? build() : JSON.parse(text)) as T;
}

/** Fills an HTML portlet: title, and the HTML of the view drawn for the portlet's column. */
export function renderHtmlPortlet<T>(
	params: EntryPoints.Portlet.renderContext,
	title: string,
	key: string,
	build: (width: Width) => T,
	draw: (view: T, width: Width) => string,
): void {
	const width = widthOfColumn(params.column);
	const view = cachedView(`${key}:${width}`, () => build(width));
	params.portlet.title = title;
	params.portlet.html = draw(view, width);
}
