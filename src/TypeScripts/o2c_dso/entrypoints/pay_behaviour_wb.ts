/**
 * @NApiVersion 2.1
 * @NScriptType workbookbuilderplugin
 * @NModuleScope SameAccount
 */

/*
 * Workbook Builder plug-in customscript_o2c_wb_pay_behaviour (Payment behaviour): customers, average score and days to pay per segment and subsidiary (pivot), customers per segment (bar chart), the customers (table).
 */
import type { EntryPoints } from 'N/types';
import { paymentBehaviourWorkbook } from '../adapters/analytics/workbooks';

export const createWorkbook = (context: EntryPoints.Plugins.WorkbookBuilder.createWorkbookContext): void => {
	context.workbook = paymentBehaviourWorkbook();
};
