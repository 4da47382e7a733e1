/**
 * @NApiVersion 2.1
 * @NScriptType Portlet
 * @NModuleScope SameAccount
 */

/*
 * Collections worklist portlet (customscript_o2c_worklist_pt): the customers to call first
 * (largest overdue balance first, then the oldest overdue invoice) with score, segment, overdue
 * amount, pending promises and last contact, each linking to the customer and its invoices.
 */
import type { EntryPoints } from 'N/types';
import { buildWorklistView } from '../app/dashboard/buildViews';
import { renderWorklistPortlet, PORTLET_TITLES } from '../domain/dashboard/portlets';
import { nsDashboardReader } from '../adapters/dashboard/nsDashboardReader';
import { collectionsActivity, nsLinks, renderHtmlPortlet } from '../adapters/dashboard/portletKit';

/** Rows in the wide centre column and in a narrow side column. */
const ROWS = { wide: 10, narrow: 5 } as const;

export const render: EntryPoints.Portlet.render = (params) => {
	renderHtmlPortlet(
		params,
		PORTLET_TITLES.worklist,
		'worklist',
		(width) => buildWorklistView(nsDashboardReader, nsLinks, collectionsActivity, ROWS[width]),
		renderWorklistPortlet,
	);
};
