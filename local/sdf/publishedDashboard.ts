/**
 * `publisheddashboard` objects (SDF; docs "Published Dashboards as XML Definitions",
 * section_1515963216, and the SDF XML reference pages it links): one center, the roles it is
 * published to, and per center tab a layout with left/centre/right columns of portlets. Only the
 * custom (script) portlets are read here; other portlet kinds are kept by name so a local page can
 * say what it does not draw. Problems name the file and element.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseXmlText, stripRef, SdfError, type XNode } from './objects';
import type { SdfProject } from './types';

export const DASHBOARD_LAYOUTS = ['SINGLE_COLUMN', 'TWO_COLUMN', 'TWO_COLUMN_RIGHT', 'THREE_COLUMN'] as const;
export type DashboardLayout = (typeof DASHBOARD_LAYOUTS)[number];
export type ColumnName = 'leftcolumn' | 'centercolumn' | 'rightcolumn';

/** Columns each layout allows (docs: SINGLE_COLUMN centre; TWO_COLUMN left + centre; TWO_COLUMN_RIGHT centre + right). */
export const LAYOUT_COLUMNS: Readonly<Record<DashboardLayout, readonly ColumnName[]>> = {
	SINGLE_COLUMN: ['centercolumn'],
	TWO_COLUMN: ['leftcolumn', 'centercolumn'],
	TWO_COLUMN_RIGHT: ['centercolumn', 'rightcolumn'],
	THREE_COLUMN: ['leftcolumn', 'centercolumn', 'rightcolumn'],
};

/** params.column of a portlet in each dashboard column ('1' left, '2' centre, '3' right). */
export const COLUMN_PARAM: Readonly<Record<ColumnName, string>> = {
	leftcolumn: '1',
	centercolumn: '2',
	rightcolumn: '3',
};

export interface DashboardPortlet {
	/** the element name: customportlet, analytics, customsearch, ... */
	kind: string;
	/** customportlet: the portlet script and deployment */
	scriptId?: string;
	deploymentId?: string;
	minimized: boolean;
}

export interface PublishedDashboardTab {
	centertab: string;
	mode: string;
	layout: DashboardLayout;
	columns: Partial<Record<ColumnName, DashboardPortlet[]>>;
}

export interface PublishedDashboard {
	scriptid: string;
	name: string;
	center: string;
	/** generic_role values or [scriptid=customrole_x] references, as written */
	roles: string[];
	dashboards: PublishedDashboardTab[];
	file: string;
}

function child(n: XNode, name: string): XNode | undefined {
	return n.children.find((c) => c.name === name);
}

function text(n: XNode, name: string): string {
	return (child(n, name)?.text ?? '').trim();
}

/** Parses one publisheddashboard file and checks it against the project's scripts. */
export function parsePublishedDashboard(xml: string, file: string, project?: SdfProject): PublishedDashboard {
	const root = parseXmlText(xml, file);
	const where = (what: string): string => `${file}: ${what}`;
	if (root.name !== 'publisheddashboard')
		throw new SdfError(where(`root element is <${root.name}>, not <publisheddashboard>`), file);
	const scriptid = root.attrs.scriptid ?? '';
	if (!/^custpubdashboard[0-9a-z_]+$/.test(scriptid))
		throw new SdfError(where(`scriptid ${JSON.stringify(scriptid)} must match custpubdashboard[0-9a-z_]+`), file);
	const name = text(root, 'name');
	if (name === '' || name.length > 30)
		throw new SdfError(where(`<name> is required and at most 30 characters (got ${String(name.length)})`), file);
	const center = text(root, 'center');
	if (center === '') throw new SdfError(where('<center> is required'), file);
	const roles = (child(root, 'roles')?.children ?? []).filter((r) => r.name === 'role').map((r) => text(r, 'role'));
	const dashboards = (child(root, 'dashboards')?.children ?? [])
		.filter((d) => d.name === 'dashboard')
		.map((d, i): PublishedDashboardTab => {
			const at = `dashboard ${String(i + 1)}`;
			const layoutText = text(d, 'layout');
			if (!(DASHBOARD_LAYOUTS as readonly string[]).includes(layoutText)) {
				throw new SdfError(
					where(
						`${at}: <layout> ${JSON.stringify(layoutText)} is not one of ${DASHBOARD_LAYOUTS.join(', ')}`,
					),
					file,
				);
			}
			const layout = layoutText as DashboardLayout;
			const centertab = text(d, 'centertab');
			if (centertab === '') throw new SdfError(where(`${at}: <centertab> is required`), file);
			const columns: Partial<Record<ColumnName, DashboardPortlet[]>> = {};
			for (const col of ['leftcolumn', 'centercolumn', 'rightcolumn'] as const) {
				const c = child(d, col);
				if (!c) continue;
				if (!LAYOUT_COLUMNS[layout].includes(col))
					throw new SdfError(where(`${at}: layout ${layout} has no <${col}>`), file);
				columns[col] = c.children.map((p): DashboardPortlet => {
					const minimized = text(p, 'isminimized').toUpperCase() === 'T';
					if (p.name !== 'customportlet') return { kind: p.name, minimized };
					const source = stripRef(text(p, 'source')).replace(/^scriptid=/, '');
					const [scriptId, deploymentId] = source.split('.');
					if (!scriptId || !deploymentId)
						throw new SdfError(
							where(
								`${at}: customportlet <source> ${JSON.stringify(source)} is not [scriptid=<script>.<deployment>]`,
							),
							file,
						);
					if (project) {
						const s = project.scripts.get(scriptId);
						if (s?.objectType !== 'portlet')
							throw new SdfError(
								where(`${at}: ${scriptId} is not a portlet script in src/Objects`),
								file,
							);
						if (!s.deployments.some((dep) => dep.scriptid === deploymentId))
							throw new SdfError(where(`${at}: ${scriptId} has no deployment ${deploymentId}`), file);
					}
					return { kind: 'customportlet', scriptId, deploymentId, minimized };
				});
			}
			return { centertab, mode: text(d, 'mode'), layout, columns };
		});
	return { scriptid, name, center, roles, dashboards, file };
}

/** Every publisheddashboard object of the project. */
export function loadPublishedDashboards(project: SdfProject): PublishedDashboard[] {
	const out: PublishedDashboard[] = [];
	for (const [id, o] of project.objects) {
		if (o.objectType !== 'publisheddashboard') continue;
		out.push(
			parsePublishedDashboard(
				fs.readFileSync(o.file, 'utf8'),
				path.relative(path.dirname(project.root), o.file) || id,
				project,
			),
		);
	}
	return out.sort((a, b) => (a.scriptid < b.scriptid ? -1 : 1));
}

/** Whether the dashboard is published to a standard role (its `generic_role` value). */
export function roleInDashboard(d: PublishedDashboard, roleSdf: string): boolean {
	return d.roles.some((r) => r.trim().toUpperCase() === roleSdf.toUpperCase());
}
