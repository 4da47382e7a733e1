/**
 * The local stand-in for SuiteAnalytics' Workbook UI: every Workbook Builder plug-in of the
 * project built on the emulated account (its createWorkbook, and the datasets it loads), then its
 * table views (first rows), pivots (a table of row × column members) and charts (inline SVG).
 * What is drawn comes from the emulator's workbook engine over the plug-ins' own definitions.
 */
import type { Emulator, UserInfo, WorkbookEngine, WbSpec } from '../emulator';
import { escapeText } from '../emulator/htmlText';
import { lineChartSvg } from '../../src/TypeScripts/o2c_dso/domain/dashboard/lineChart';
import { plainPage } from './frame';

const TABLE_ROWS = 25;
const COLORS = ['#1f5ea8', '#e4572e', '#2e7d32', '#f2c14e', '#7b5ea7', '#5b6675', '#17a2b8', '#a51c30'];

function num(v: number | null): string {
	if (v === null) return '';
	return Number.isInteger(v)
		? v.toLocaleString('en-US')
		: v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function label(path: { display: string }[], measure?: { label: string }): string {
	return [...path.map((m) => m.display), ...(measure ? [measure.label] : [])].join(' · ') || 'Total';
}

function tableHtml(head: string[], rows: string[][], numeric: (i: number) => boolean): string {
	const th = head
		.map(
			(h, i) =>
				`<th style="text-align:${numeric(i) ? 'right' : 'left'};padding:4px 8px;background:#eef1f5;border-bottom:1px solid #cfd6de">${escapeText(h)}</th>`,
		)
		.join('');
	const body = rows
		.map(
			(r) =>
				`<tr>${r.map((c, i) => `<td style="text-align:${numeric(i) ? 'right' : 'left'};padding:3px 8px;border-bottom:1px solid #eef1f5">${escapeText(c)}</td>`).join('')}</tr>`,
		)
		.join('');
	return `<table style="border-collapse:collapse;font-size:12px;background:#fff;margin:4px 0 12px 0"><tr>${th}</tr>${body}</table>`;
}

function pivotHtml(engine: WorkbookEngine, p: Extract<WbSpec, { kind: 'pivot' }>): string {
	const r = engine.pivot(p);
	const head = ['', ...r.columns.map((c) => label(c.path, c.measure))];
	const rows = r.rows.map((row, i) => [
		label(row.path, row.measure),
		...r.columns.map((_c, j) => num(r.cells[i * r.columns.length + j]?.value ?? null)),
	]);
	return `<h3 style="font-size:14px" data-pivot="${escapeText(p.id)}">${escapeText(p.name)}</h3>${tableHtml(head, rows, (i) => i > 0)}`;
}

function barsSvg(
	categories: string[],
	series: { name: string; values: (number | null)[] }[],
	horizontal: boolean,
	title: string,
): string {
	const max = Math.max(1, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
	const band = 34;
	const W = 640;
	const H = horizontal ? categories.length * band + 30 : 260;
	const parts: string[] = [`<title>${escapeText(title)}</title>`];
	categories.forEach((c, i) => {
		series.forEach((s, k) => {
			const v = s.values[i] ?? 0;
			const color = COLORS[k % COLORS.length] ?? '#888';
			const tip = `<title>${escapeText(`${c} · ${s.name}: ${num(v)}`)}</title>`;
			if (horizontal) {
				const w = (v / max) * (W - 200);
				const y = 10 + i * band + (k * (band - 8)) / series.length;
				parts.push(
					`<rect x="160" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${((band - 10) / series.length).toFixed(1)}" fill="${color}">${tip}</rect>`,
				);
			} else {
				const slot = (W - 60) / categories.length;
				const bw = (slot - 10) / series.length;
				const h = (v / max) * (H - 60);
				const x = 50 + i * slot + k * bw;
				parts.push(
					`<rect x="${x.toFixed(1)}" y="${(H - 30 - h).toFixed(1)}" width="${bw.toFixed(1)}" height="${h.toFixed(1)}" fill="${color}">${tip}</rect>`,
				);
			}
		});
		if (horizontal)
			parts.push(
				`<text x="152" y="${(10 + i * band + band / 2).toFixed(1)}" text-anchor="end" font-size="11" fill="#1f2a37">${escapeText(c)}</text>`,
			);
		else
			parts.push(
				`<text x="${(50 + (i + 0.5) * ((W - 60) / categories.length)).toFixed(1)}" y="${String(H - 12)}" text-anchor="middle" font-size="11" fill="#1f2a37">${escapeText(c)}</text>`,
			);
	});
	if (!horizontal) parts.push(`<text x="4" y="14" font-size="10" fill="#5b6675">${escapeText(num(max))}</text>`);
	return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeText(title)}" width="${String(W)}" height="${String(H)}" viewBox="0 0 ${String(W)} ${String(H)}" style="max-width:100%;background:#fff">${parts.join('')}</svg>`;
}

function chartHtml(engine: WorkbookEngine, ch: Extract<WbSpec, { kind: 'chart' }>): string {
	const r = engine.chart(ch);
	const categories = r.categories.map((c) => label(c.path));
	const series = r.measures.flatMap((m, mi) =>
		r.legend.map((l, li) => ({
			name: `${label(l.path)} · ${m.label}`,
			values: r.categories.map((_c, ci) => r.values[mi]?.[ci]?.[li] ?? null),
		})),
	);
	const svg =
		ch.type === 'LINE' || ch.type === 'AREA'
			? lineChartSvg({
					days: categories,
					width: 640,
					height: 220,
					title: ch.title,
					series: series.map((s, i) => ({
						label: s.name,
						values: s.values,
						color: COLORS[i % COLORS.length] ?? '#888',
					})),
				})
			: barsSvg(categories, series, ch.type === 'BAR', ch.title);
	const legend = series
		.map(
			(s, i) =>
				`<span style="margin-right:12px"><span style="display:inline-block;width:10px;height:10px;background:${COLORS[i % COLORS.length] ?? '#888'}"></span> ${escapeText(s.name)}</span>`,
		)
		.join('');
	return `<h3 style="font-size:14px" data-chart="${escapeText(ch.id)}">${escapeText(ch.name)} <span style="color:#5b6675;font-weight:normal">(${escapeText(ch.type.toLowerCase())} chart)</span></h3>${svg}<div style="font-size:11px;margin:4px 0 12px 0">${legend}</div>`;
}

/** The analytics page: every workbook plug-in, built as `user` (role-dependent plug-ins see the role). */
export function analyticsPage(emu: Emulator, user: UserInfo): string {
	const plugins = [...emu.project.scripts.values()]
		.filter((s) => s.objectType === 'workbookbuilderplugin')
		.sort((a, b) => (a.scriptid < b.scriptid ? -1 : 1));
	const engine = emu.workbookEngine();
	const sections = plugins.map((s) => {
		let inner: string;
		try {
			const wb = emu.buildWorkbook(s.scriptid, user);
			inner =
				`<p style="color:#5b6675">${escapeText(wb.description)}</p>` +
				wb.charts.map((c) => (c.kind === 'chart' ? chartHtml(engine, c) : '')).join('') +
				wb.pivots.map((p) => (p.kind === 'pivot' ? pivotHtml(engine, p) : '')).join('') +
				wb.tables
					.map((t) => {
						if (t.kind !== 'table') return '';
						const r = engine.table(t);
						return `<h3 style="font-size:14px" data-table="${escapeText(t.id)}">${escapeText(t.name)} <span style="color:#5b6675;font-weight:normal">(${String(r.rows.length)} rows${r.rows.length > TABLE_ROWS ? `, first ${String(TABLE_ROWS)} shown` : ''})</span></h3>${tableHtml(r.headers, r.rows.slice(0, TABLE_ROWS), (i) => typeof r.raw[0]?.[i] === 'number')}`;
					})
					.join('');
		} catch (e) {
			inner = `<p style="color:#a51c30">This workbook does not build: ${escapeText(e instanceof Error ? e.message : String(e))}</p>`;
		}
		return `<section data-workbook="${escapeText(s.scriptid)}" style="margin-bottom:28px"><h2 style="font-size:17px">${escapeText(s.name)}</h2>${inner}</section>`;
	});
	return plainPage(
		'SuiteAnalytics workbooks (Workbook Builder plug-ins)',
		sections.join('') || '<p>No workbook plug-in is deployed.</p>',
	);
}
