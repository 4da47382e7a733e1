/**
 * @NApiVersion 2.1
 * @NScriptType datasetbuilderplugin
 * @NModuleScope SameAccount
 */

/*
 * Dataset Builder plug-in customscript_o2c_ds_dso_trend (DSO trend): the stored daily subsidiary snapshots (DSO, prior window, countback, A/R).
 * The workbook plug-in customscript_o2c_wb_dso_trend loads it by this script id.
 */
import type { EntryPoints } from 'N/types';
import { dsoTrendDataset } from '../adapters/analytics/datasets';

export const createDataset = (context: EntryPoints.Plugins.DatasetBuilder.createDatasetContext): void => {
	context.dataset = dsoTrendDataset();
};
