/**
 * A static line chart as inline SVG (no script, no external host): daily series over a date axis,
 * shaded day ranges, markers on chosen days, a few labelled gridlines. Sized for a dashboard
 * column (`width` in CSS pixels; the SVG scales down with `max-width:100%`). Every text is
 * escaped. Pure: no `N/*`.
 */
import { escapeHtml } from '../html';
import { FONT } from './html';

export interface ChartSeries {
	readonly label: string;
	/** one value per day of {@link LineChartInput.days}; null = no value that day (a gap) */
	readonly values: readonly (number | null)[];
	readonly color: string;
	readonly dash?: string;
	readonly strokeWidth?: number;
}

export interface ChartBand {
	/** inclusive day indexes */
	readonly from: number;
	readonly to: number;
	readonly color: string;
	readonly label: string;
}

export interface ChartMarker {
	readonly day: number;
	readonly value: number;
	readonly color: string;
	readonly label: string;
}

export interface LineChartInput {
	/** x axis labels, one per day (YYYY-MM-DD) */
	readonly days: readonly string[];
	readonly series: readonly ChartSeries[];
	readonly bands?: readonly ChartBand[];
	readonly markers?: readonly ChartMarker[];
	readonly width: number;
	readonly height: number;
	/** the chart's accessible name */
	readonly title: string;
	/** unit shown after the gridline values, e.g. 'd' */
	readonly unit?: string;
}

/** Gridline values: 3–6 round steps covering [min, max]. */
export function niceTicks(min: number, max: number): number[] {
	if (!Number.isFinite(min) || !Number.isFinite(max)) return [0];
	let lo = Math.min(min, max);
	let hi = Math.max(min, max);
	if (hi - lo < 1e-9) {
		lo -= 1;
		hi += 1;
	}
	const raw = (hi - lo) / 4;
	const mag = 10 ** Math.floor(Math.log10(raw));
	const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => (hi - lo) / s <= 5) ?? 10 * mag;
	const out: number[] = [];
	for (let v = Math.floor(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toFixed(10)));
	if (out[out.length - 1] !== undefined && (out[out.length - 1] as number) < hi)
		out.push((out[out.length - 1] as number) + step);
	return out;
}

function fmt(n: number): string {
	return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** The chart as one `<svg>` element. */
export function lineChartSvg(input: LineChartInput): string {
	const { days, width, height } = input;
	const padL = 30;
	const padR = 6;
	const padT = 6;
	const padB = 16;
	const plotW = Math.max(10, width - padL - padR);
	const plotH = Math.max(10, height - padT - padB);
	const values = input.series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
	for (const m of input.markers ?? []) values.push(m.value);
	const ticks = niceTicks(values.length > 0 ? Math.min(...values) : 0, values.length > 0 ? Math.max(...values) : 1);
	const yMin = ticks[0] ?? 0;
	const yMax = ticks[ticks.length - 1] ?? 1;
	const n = Math.max(1, days.length - 1);
	const x = (i: number): number => padL + (i / n) * plotW;
	const y = (v: number): number => padT + plotH - ((v - yMin) / (yMax - yMin || 1)) * plotH;
	const parts: string[] = [];
	parts.push(`<title>${escapeHtml(input.title)}</title>`);
	for (const b of input.bands ?? []) {
		const x0 = x(b.from) - (b.from === b.to ? 1 : 0);
		const x1 = x(b.to) + (b.from === b.to ? 1 : 0);
		parts.push(
			`<rect x="${x0.toFixed(1)}" y="${String(padT)}" width="${Math.max(1, x1 - x0).toFixed(1)}" height="${String(plotH)}" fill="${b.color}"><title>${escapeHtml(b.label)}</title></rect>`,
		);
	}
	for (const t of ticks) {
		const ty = y(t).toFixed(1);
		parts.push(
			`<line x1="${String(padL)}" y1="${ty}" x2="${String(padL + plotW)}" y2="${ty}" stroke="#e3e7ec" stroke-width="1"/>`,
		);
		parts.push(
			`<text x="${String(padL - 3)}" y="${(y(t) + 3).toFixed(1)}" text-anchor="end" font-size="9" fill="#5b6675">${escapeHtml(fmt(t) + (input.unit ?? ''))}</text>`,
		);
	}
	const labelDays = days.length <= 1 ? [0] : [0, Math.floor((days.length - 1) / 2), days.length - 1];
	for (const i of labelDays) {
		const anchor = i === 0 ? 'start' : i === days.length - 1 ? 'end' : 'middle';
		parts.push(
			`<text x="${x(i).toFixed(1)}" y="${String(height - 3)}" text-anchor="${anchor}" font-size="9" fill="#5b6675">${escapeHtml((days[i] ?? '').slice(5))}</text>`,
		);
	}
	for (const s of input.series) {
		let d = '';
		let pen = false;
		s.values.forEach((v, i) => {
			if (v === null || !Number.isFinite(v)) {
				pen = false;
				return;
			}
			d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)} `;
			pen = true;
		});
		if (d === '') continue;
		parts.push(
			`<path d="${d.trim()}" fill="none" stroke="${s.color}" stroke-width="${String(s.strokeWidth ?? 1.5)}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}><title>${escapeHtml(s.label)}</title></path>`,
		);
	}
	for (const m of input.markers ?? []) {
		parts.push(
			`<circle cx="${x(m.day).toFixed(1)}" cy="${y(m.value).toFixed(1)}" r="2.5" fill="${m.color}"><title>${escapeHtml(m.label)}</title></circle>`,
		);
	}
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(input.title)}" width="${String(width)}" height="${String(height)}" viewBox="0 0 ${String(width)} ${String(height)}" style="max-width:100%;height:auto;${FONT}">` +
		parts.join('') +
		'</svg>'
	);
}

/** A legend entry: a short line sample (inline SVG) and its label (escaped). */
export function legendItem(
	label: string,
	color: string,
	dash?: string,
	kind: 'line' | 'dot' | 'band' = 'line',
): string {
	const mark =
		kind === 'dot'
			? `<circle cx="7" cy="5" r="3" fill="${color}"/>`
			: kind === 'band'
				? `<rect x="1" y="1" width="12" height="8" fill="${color}"/>`
				: `<line x1="0" y1="5" x2="14" y2="5" stroke="${color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`;
	return (
		`<span style="white-space:nowrap;margin-right:8px;"><svg xmlns="http://www.w3.org/2000/svg" width="14" height="10" viewBox="0 0 14 10" aria-hidden="true">${mark}</svg> ` +
		`${escapeHtml(label)}</span>`
	);
}
