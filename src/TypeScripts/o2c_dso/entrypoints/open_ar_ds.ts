/**
 * @NApiVersion 2.1
 * @NScriptType datasetbuilderplugin
 * @NModuleScope SameAccount
 */

/*
 * Dataset Builder plug-in customscript_o2c_ds_open_ar (Open A/R): invoice-level open A/R (invoice, customer, subsidiary, dates, days overdue, aging bucket, open amount).
 * The workbook plug-in customscript_o2c_wb_open_ar loads it by this script id.
 */
import type { EntryPoints } from 'N/types';
import { openArDataset } from '../adapters/analytics/datasets';

export const createDataset = (context: EntryPoints.Plugins.DatasetBuilder.createDatasetContext): void => {
	context.dataset = openArDataset();
};
