/**
 * @NApiVersion 2.1
 * @NScriptType Portlet
 * @NModuleScope SameAccount
 */

/*
 * A/R aging portlet (customscript_o2c_aging_pt): the aging buckets of each subsidiary's latest
 * snapshot with share and change against 7 days earlier, and the customers holding the oldest
 * buckets; every figure links to the drill-down. Reads stored records only (app/dashboard).
 */
import type { EntryPoints } from 'N/types';
import { buildAgingView } from '../app/dashboard/buildViews';
import { renderAgingPortlet, PORTLET_TITLES } from '../domain/dashboard/portlets';
import { nsDashboardReader } from '../adapters/dashboard/nsDashboardReader';
import { nsLinks, renderHtmlPortlet } from '../adapters/dashboard/portletKit';

export const render: EntryPoints.Portlet.render = (params) => {
	renderHtmlPortlet(
		params,
		PORTLET_TITLES.aging,
		'aging',
		() => buildAgingView(nsDashboardReader, nsLinks),
		renderAgingPortlet,
	);
};
