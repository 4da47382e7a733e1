/**
 * @NApiVersion 2.1
 * @NScriptType Portlet
 * @NModuleScope SameAccount
 */

/*
 * DSO trend portlet (customscript_o2c_dso_trend_pt): daily DSO of the last 90 days per
 * subsidiary with the prior-window line, countback DSO, the alert level and floor, the days the
 * alert fired and the seasonality windows, as inline SVG sized for the portlet's column.
 */
import type { EntryPoints } from 'N/types';
import { buildTrendView } from '../app/dashboard/buildViews';
import { renderTrendPortlet, PORTLET_TITLES } from '../domain/dashboard/portlets';
import { nsDashboardReader } from '../adapters/dashboard/nsDashboardReader';
import { nsLinks, renderHtmlPortlet } from '../adapters/dashboard/portletKit';

export const render: EntryPoints.Portlet.render = (params) => {
	renderHtmlPortlet(
		params,
		PORTLET_TITLES.trend,
		'trend',
		() => buildTrendView(nsDashboardReader, nsLinks),
		renderTrendPortlet,
	);
};
