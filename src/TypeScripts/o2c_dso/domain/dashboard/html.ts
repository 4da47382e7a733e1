/**
 * The small HTML vocabulary every portlet writes: inline styles only (several portlets share one
 * dashboard page, so a `<style>` block or a class name could restyle a neighbour), no scripts, no
 * external hosts, every value escaped. Links are NetSuite paths or Suitelet URLs the adapters
 * resolved; anything else is dropped to plain text. Pure: no `N/*`.
 */
import { escapeHtml } from '../html';

export const FONT = 'font-family:Arial,Helvetica,sans-serif;';
export const INK = '#1f2a37';
export const MUTED = '#5b6675';
export const LINE = '#d5dae1';

const TABLE = 'border-collapse:collapse;width:100%;margin:0 0 8px 0;';
const TH = `${FONT}font-size:11px;font-weight:bold;color:${MUTED};text-align:left;padding:3px 4px;border-bottom:1px solid ${LINE};white-space:nowrap;`;
const TD = `${FONT}font-size:12px;color:${INK};padding:3px 4px;border-bottom:1px solid #eef1f5;vertical-align:top;`;

/** A table cell: text (escaped) or trusted markup built by these helpers, right-aligned for numbers. */
export interface Cell {
	readonly text?: string;
	/** markup from {@link link} / {@link svgBar} etc. (already escaped) */
	readonly html?: string;
	readonly num?: boolean;
	readonly title?: string;
	readonly strong?: boolean;
}

export function cellContent(c: Cell | string): string {
	if (typeof c === 'string') return escapeHtml(c);
	const inner = c.html ?? escapeHtml(c.text ?? '');
	return c.strong === true ? `<b>${inner}</b>` : inner;
}

function cellHtml(c: Cell | string, tag: 'td' | 'th'): string {
	const cell: Cell = typeof c === 'string' ? { text: c } : c;
	const base = tag === 'th' ? TH : TD;
	const style = cell.num === true ? `${base}text-align:right;white-space:nowrap;` : base;
	const title = cell.title === undefined ? '' : ` title="${escapeHtml(cell.title)}"`;
	return `<${tag} style="${style}"${title}>${cellContent(cell)}</${tag}>`;
}

/** A table with a header row; `caption` (escaped) above it. */
export function table(
	head: readonly (Cell | string)[],
	rows: readonly (readonly (Cell | string)[])[],
	caption?: string,
): string {
	const cap =
		caption === undefined
			? ''
			: `<caption style="${FONT}font-size:12px;font-weight:bold;color:${INK};text-align:left;padding:4px 0;">${escapeHtml(caption)}</caption>`;
	return (
		`<table style="${TABLE}">${cap}<tr>${head.map((h) => cellHtml(h, 'th')).join('')}</tr>` +
		rows.map((r) => `<tr>${r.map((c) => cellHtml(c, 'td')).join('')}</tr>`).join('') +
		'</table>'
	);
}

/** A paragraph of plain text (escaped). */
export function note(text: string, muted = true): string {
	return `<p style="${FONT}font-size:11px;color:${muted ? MUTED : INK};margin:4px 0 8px 0;line-height:1.4;">${escapeHtml(text)}</p>`;
}

/** A sub-heading (escaped). */
export function heading(text: string): string {
	return `<div style="${FONT}font-size:12px;font-weight:bold;color:${INK};margin:8px 0 4px 0;">${escapeHtml(text)}</div>`;
}

/**
 * Only NetSuite paths (`/app/...`) and http(s) URLs are links; anything else (`javascript:`, a
 * stray quote) is not.
 */
export function safeHref(url: string | null | undefined): string | null {
	if (typeof url !== 'string') return null;
	const u = url.trim();
	if (/^\/app\/[A-Za-z0-9_./?=&%+-]*$/.test(u)) return u;
	if (/^https?:\/\/[^\s"'<>`]+$/i.test(u)) return u;
	return null;
}

/** `<a>` with escaped text, or the text alone when the URL is not safe. */
export function link(text: string, url: string | null | undefined, title?: string): string {
	const href = safeHref(url);
	if (href === null) return escapeHtml(text);
	const t = title === undefined ? '' : ` title="${escapeHtml(title)}"`;
	return `<a href="${escapeHtml(href)}"${t} style="color:#1f5ea8;text-decoration:none;">${escapeHtml(text)}</a>`;
}

/** A horizontal bar of `share` (0–1) as inline SVG, for a bucket's share of the total. */
export function svgBar(share: number, width: number, color: string, label: string): string {
	const w = Math.max(0, Math.min(1, Number.isFinite(share) ? share : 0)) * width;
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" width="${String(width)}" height="10" viewBox="0 0 ${String(width)} 10" role="img" aria-label="${escapeHtml(label)}">` +
		`<rect x="0" y="1" width="${String(width)}" height="8" fill="#eef1f5"/>` +
		`<rect x="0" y="1" width="${w.toFixed(1)}" height="8" fill="${color}"/></svg>`
	);
}

/** The whole portlet body: NetSuite drops HTML portlet content into its dashboard table markup, so it is a `<td>` (Oracle's HTML portlet sample). */
export function portletBody(inner: string): string {
	return `<td><div style="${FONT}font-size:12px;color:${INK};padding:2px 0;">${inner}</div></td>`;
}
