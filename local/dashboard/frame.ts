/**
 * Local pages that frame portlets the way a NetSuite dashboard does: each portlet in a box with
 * its title bar, in the columns of the published dashboard's layout (left and right narrow, centre
 * wide). HTML portlet content is a table-cell fragment (Oracle's HTML portlet sample), so it goes
 * inside `<table><tr>…</tr></table>`. Only the frame is ours; the portlet's HTML is what the
 * script wrote. Used by `run` (one page per portlet) and `serve` (the dashboard at `/`).
 */
import { escapeText } from '../emulator/htmlText';
import type { PortletRender } from '../emulator';
import { LAYOUT_COLUMNS, type ColumnName, type PublishedDashboardTab } from '../sdf/publishedDashboard';

const COLUMN_WIDTH: Readonly<Record<ColumnName, number>> = { leftcolumn: 330, centercolumn: 660, rightcolumn: 330 };

const PAGE_STYLE =
	'body{margin:0;background:#eef1f5;font-family:Arial,Helvetica,sans-serif;color:#1f2a37}' +
	'.ns-top{background:#2b3a4d;color:#fff;padding:8px 16px;font-size:13px;display:flex;justify-content:space-between}' +
	'.ns-tabs{background:#3c5068;padding:0 16px}.ns-tabs span{display:inline-block;color:#fff;padding:7px 12px;font-size:13px}' +
	'.ns-tabs span.on{background:#eef1f5;color:#1f2a37;font-weight:bold}' +
	'.ns-banner{background:#fff7e0;border-bottom:1px solid #f0d98c;padding:6px 16px;font-size:12px}' +
	'.ns-cols{display:flex;gap:12px;padding:12px 16px;align-items:flex-start}.ns-col{display:flex;flex-direction:column;gap:12px}' +
	'.ns-portlet{background:#fff;border:1px solid #cfd6de;border-radius:4px;overflow:hidden}' +
	'.ns-portlet-title{background:#f4f6f8;border-bottom:1px solid #cfd6de;padding:6px 10px;font-size:13px;font-weight:bold;color:#2b3a4d}' +
	'.ns-portlet-body{padding:6px 10px;overflow-x:auto}.ns-portlet-body>table{border-collapse:collapse;width:100%}' +
	'.ns-error{color:#a51c30;font-size:12px}';

/** One portlet in its frame: title bar and body (the render's HTML, an error, or a refusal). */
export function portletFrame(r: PortletRender, width: number): string {
	let body: string;
	if (r.refused) body = `<div class="ns-error">Not available for your role: ${escapeText(r.refused.reason)}</div>`;
	else if (r.error)
		body = `<div class="ns-error">${escapeText(String(r.error.name))}: ${escapeText(String(r.error.message))}</div>`;
	else if (r.portletType === 'HTML') body = `<table><tr>${r.html ?? ''}</tr></table>`;
	else body = `<div class="ns-error">${escapeText(r.portletType)} portlets are not drawn by this local page.</div>`;
	return (
		`<section class="ns-portlet" data-script="${escapeText(r.scriptId)}" data-deployment="${escapeText(r.deploymentId)}" style="width:${String(width)}px">` +
		`<div class="ns-portlet-title">${escapeText(r.title || r.scriptId)}</div><div class="ns-portlet-body">${body}</div></section>`
	);
}

function page(title: string, inner: string): string {
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeText(title)}</title><style>${PAGE_STYLE}</style></head><body>${inner}</body></html>`;
}

/** A page holding one portlet as it appears in a column (`run` writes these to <out>/portlets/). */
export function portletPage(r: PortletRender, column: ColumnName): string {
	return page(
		r.title || r.scriptId,
		`<div class="ns-cols"><div class="ns-col">${portletFrame(r, COLUMN_WIDTH[column])}</div></div>`,
	);
}

export interface DashboardPageInput {
	accountName: string;
	userName: string;
	roleName: string;
	dashboardName: string;
	tab: PublishedDashboardTab;
	/** the renders of the tab's portlets, by column, in order (refused ones left out by the caller) */
	renders: Partial<Record<ColumnName, PortletRender[]>>;
	/** a line above the columns (e.g. an administrator's preview) */
	banner?: string;
	/** other links in the top bar, e.g. the analytics page */
	links?: { label: string; href: string }[];
}

/** The published dashboard's Home tab with its columns. */
export function dashboardPage(d: DashboardPageInput): string {
	const cols = LAYOUT_COLUMNS[d.tab.layout]
		.map(
			(c) =>
				`<div class="ns-col" data-column="${escapeText(c)}">${(d.renders[c] ?? []).map((r) => portletFrame(r, COLUMN_WIDTH[c])).join('')}</div>`,
		)
		.join('');
	const links = (d.links ?? [])
		.map((l) => `<a href="${escapeText(l.href)}" style="color:#fff;margin-left:14px">${escapeText(l.label)}</a>`)
		.join('');
	return page(
		`${d.dashboardName} · ${d.accountName}`,
		`<div class="ns-top"><span><b>${escapeText(d.accountName)}</b> · ${escapeText(d.dashboardName)}</span><span>${escapeText(d.userName)} (${escapeText(d.roleName)})${links}</span></div>` +
			'<div class="ns-tabs"><span class="on">Home</span><span>Activities</span><span>Customers</span><span>Reports</span></div>' +
			(d.banner === undefined ? '' : `<div class="ns-banner">${escapeText(d.banner)}</div>`) +
			`<div class="ns-cols">${cols}</div>`,
	);
}

/** A plain local page (record views, messages). `inner` is trusted markup built with escapeText. */
export function plainPage(title: string, inner: string): string {
	return page(
		title,
		`<div class="ns-top"><span><b>${escapeText(title)}</b></span><span><a href="/" style="color:#fff">Dashboard</a></span></div><div style="padding:16px">${inner}</div>`,
	);
}
