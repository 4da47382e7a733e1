/**
 * @NApiVersion 2.1
 * @NScriptType workbookbuilderplugin
 * @NModuleScope SameAccount
 */

/*
 * Workbook Builder plug-in customscript_o2c_wb_dso_trend (DSO trend): daily DSO per subsidiary (line chart) and a pivot of days by subsidiary.
 */
import type { EntryPoints } from 'N/types';
import { dsoTrendWorkbook } from '../adapters/analytics/workbooks';

export const createWorkbook = (context: EntryPoints.Plugins.WorkbookBuilder.createWorkbookContext): void => {
	context.workbook = dsoTrendWorkbook();
};
