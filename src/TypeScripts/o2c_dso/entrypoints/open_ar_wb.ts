/**
 * @NApiVersion 2.1
 * @NScriptType workbookbuilderplugin
 * @NModuleScope SameAccount
 */

/*
 * Workbook Builder plug-in customscript_o2c_wb_open_ar (Open A/R): customers by aging bucket per subsidiary (pivot), open amount by bucket (column chart), the open invoices (table).
 */
import type { EntryPoints } from 'N/types';
import { openArWorkbook } from '../adapters/analytics/workbooks';

export const createWorkbook = (context: EntryPoints.Plugins.WorkbookBuilder.createWorkbookContext): void => {
	context.workbook = openArWorkbook();
};
