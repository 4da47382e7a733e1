/**
 * `run` writes each portlet as a page of its own: `<out>/portlets/<scriptid>.html`, rendered by
 * the deployed portlet script (its first deployment, as the account's administrator) in the
 * column the published dashboard places it in (centre when no dashboard places it).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Emulator, PortletRender } from '../emulator';
import { COLUMN_PARAM, loadPublishedDashboards, type ColumnName } from '../sdf/publishedDashboard';
import { portletPage } from './frame';

/** Where each portlet deployment sits on the published dashboards (first placement wins). */
export function portletColumns(emu: Emulator): Map<string, ColumnName> {
	const out = new Map<string, ColumnName>();
	for (const d of loadPublishedDashboards(emu.project)) {
		for (const tab of d.dashboards) {
			for (const [col, portlets] of Object.entries(tab.columns) as [
				ColumnName,
				{ scriptId?: string; deploymentId?: string }[],
			][]) {
				for (const p of portlets) {
					const key = `${p.scriptId ?? ''}.${p.deploymentId ?? ''}`;
					if (p.scriptId && !out.has(key)) out.set(key, col);
				}
			}
		}
	}
	return out;
}

export interface WrittenPortlet {
	scriptId: string;
	file: string;
	render: PortletRender;
}

export function writePortletPages(emu: Emulator, outDir: string): WrittenPortlet[] {
	const columns = portletColumns(emu);
	const written: WrittenPortlet[] = [];
	const portlets = [...emu.project.scripts.values()]
		.filter((s) => s.objectType === 'portlet')
		.sort((a, b) => (a.scriptid < b.scriptid ? -1 : 1));
	if (portlets.length === 0) return written;
	const dir = path.join(outDir, 'portlets');
	fs.mkdirSync(dir, { recursive: true });
	for (const s of portlets) {
		const dep = s.deployments[0];
		if (!dep) continue;
		const column = columns.get(`${s.scriptid}.${dep.scriptid}`) ?? 'centercolumn';
		const render = emu.renderPortlet(s.scriptid, dep.scriptid, { column: COLUMN_PARAM[column] });
		const file = path.join(dir, `${s.scriptid}.html`);
		fs.writeFileSync(file, portletPage(render, column));
		written.push({ scriptId: s.scriptid, file, render });
	}
	return written;
}
