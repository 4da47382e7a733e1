/**
 * @NApiVersion 2.1
 * @NScriptType datasetbuilderplugin
 * @NModuleScope SameAccount
 */

/*
 * Dataset Builder plug-in customscript_o2c_ds_pay_behaviour (Payment behaviour): the latest customer metrics (score, segment, days to pay and late, overdue).
 * The workbook plug-in customscript_o2c_wb_pay_behaviour loads it by this script id.
 */
import type { EntryPoints } from 'N/types';
import { paymentBehaviourDataset } from '../adapters/analytics/datasets';

export const createDataset = (context: EntryPoints.Plugins.DatasetBuilder.createDatasetContext): void => {
	context.dataset = paymentBehaviourDataset();
};
