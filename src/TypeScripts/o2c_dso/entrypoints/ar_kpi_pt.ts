/**
 * @NApiVersion 2.1
 * @NScriptType Portlet
 * @NModuleScope SameAccount
 */

/*
 * KPIs and promises portlet (customscript_o2c_kpi_pt): per subsidiary DSO, countback and best
 * possible DSO, average days delinquent, the collection effectiveness index, average days to
 * pay by payment segment; promises to pay due, kept and broken; the cash-in forecast once stored.
 */
import type { EntryPoints } from 'N/types';
import { buildKpiView } from '../app/dashboard/buildViews';
import { renderKpiPortlet, PORTLET_TITLES } from '../domain/dashboard/portlets';
import { nsDashboardReader } from '../adapters/dashboard/nsDashboardReader';
import { renderHtmlPortlet, storedForecast } from '../adapters/dashboard/portletKit';

export const render: EntryPoints.Portlet.render = (params) => {
	renderHtmlPortlet(
		params,
		PORTLET_TITLES.kpi,
		'kpi',
		() => buildKpiView(nsDashboardReader, storedForecast),
		renderKpiPortlet,
	);
};
