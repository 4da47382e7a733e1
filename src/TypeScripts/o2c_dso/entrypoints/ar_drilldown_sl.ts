/**
 * @NApiVersion 2.1
 * @NScriptType Suitelet
 * @NModuleScope SameAccount
 */

/*
 * Invoice drill-down (customscript_o2c_drilldown_sl): the open invoices behind a bucket, a
 * customer or a subsidiary, paged and sortable, each linking to its invoice and customer, with a
 * CSV export of every matching invoice (adapters/dashboard/drilldownRequest.ts).
 */
import type { EntryPoints } from 'N/types';
import { handleDrilldownRequest } from '../adapters/dashboard/drilldownRequest';

export const onRequest: EntryPoints.Suitelet.onRequest = (ctx) => {
	handleDrilldownRequest(ctx);
};
