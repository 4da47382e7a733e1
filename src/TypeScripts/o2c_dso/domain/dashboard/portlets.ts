/**
 * The four A/R dashboard portlets as HTML fragments (HTML portlets, `portlet.html`): A/R aging,
 * DSO trend, collections worklist, KPIs and promises. Inputs are the views of views.ts; every
 * value is escaped; charts are inline SVG; nothing loads from elsewhere. `width` follows the
 * dashboard column (narrow side columns show fewer rows and smaller charts). Pure: no `N/*`.
 */
import { escapeHtml } from '../html';
import {
	formatDays,
	formatDaysChange,
	formatPercent,
	formatShare,
	formatWhole,
	formatWholeChange,
	SEGMENT_ORDER,
	segmentLabel,
} from './format';
import { heading, link, note, portletBody, svgBar, table, type Cell } from './html';
import { legendItem, lineChartSvg, type ChartBand, type ChartMarker } from './lineChart';
import {
	BUCKET_LABELS,
	type AgingPortletView,
	type KpiPortletView,
	type TrendPortletView,
	type Width,
	type WorklistPortletView,
} from './views';

const BUCKET_COLORS = ['#8fb3d9', '#f2c14e', '#f28f3b', '#e4572e', '#a51c30'];

function asOfLine(date: string, today: string): string {
	return date === today ? `Figures of ${date}` : `Figures of ${date} (no snapshot since; today is ${today})`;
}

/* ------------------------------------------------------------------ A/R aging */

export function renderAgingPortlet(v: AgingPortletView, width: Width): string {
	if (v.subsidiaries.length === 0) {
		return portletBody(
			note(
				'No A/R snapshot is stored yet. The nightly snapshot (O2C DSO | A/R snapshot) writes one per subsidiary each night.',
				false,
			),
		);
	}
	const parts: string[] = [];
	const oldestShown = width === 'wide' ? 5 : 3;
	for (const s of v.subsidiaries) {
		const open = s.buckets.reduce((t, b) => t + b.minor, 0);
		const rows = s.buckets.map((b, i) => {
			const share = open === 0 ? 0 : b.minor / open;
			const amount: Cell = {
				html: link(formatWhole(b.minor), b.drillUrl, `Open invoices, ${BUCKET_LABELS[b.bucket]}`),
				num: true,
			};
			const cells: Cell[] = [
				{ text: BUCKET_LABELS[b.bucket] },
				amount,
				{ text: formatShare(b.minor, open), num: true },
				{ text: formatWholeChange(b.weekChangeMinor), num: true, title: 'Change against 7 days earlier' },
			];
			if (width === 'wide') {
				cells.push({
					html: svgBar(
						share,
						90,
						BUCKET_COLORS[i] ?? '#888',
						`${BUCKET_LABELS[b.bucket]}: ${formatShare(b.minor, open)} of open invoices`,
					),
				});
			}
			return cells;
		});
		rows.push([
			{ text: 'Open invoices', strong: true },
			{ html: link(formatWhole(open), s.drillUrl, 'All open invoices'), num: true, strong: true },
			{ text: '100%', num: true },
			{
				text: formatWholeChange(s.buckets.reduce((t, b) => t + b.weekChangeMinor, 0)),
				num: true,
			},
			...(width === 'wide' ? [{ text: '' }] : []),
		]);
		const head: (Cell | string)[] = [
			'Bucket',
			{ text: `Amount (${s.currency})`, num: true },
			{ text: 'Share', num: true },
			{ text: 'vs 7 days ago', num: true },
		];
		if (width === 'wide') head.push('');
		parts.push(table(head, rows, `${s.name} (${s.currency})`));
		parts.push(
			note(
				`${asOfLine(s.date, v.today)}. A/R balance (general ledger): ${s.currency} ${formatWhole(s.arBalanceMinor)}.`,
			),
		);
		const oldest = s.oldest.slice(0, oldestShown);
		if (oldest.length > 0) {
			const over90 = s.buckets.find((b) => b.bucket === '90+')?.minor ?? 0;
			parts.push(heading('Who holds the oldest buckets'));
			parts.push(
				table(
					[
						'Customer',
						{ text: 'Over 90', num: true },
						{ text: 'Share of over 90', num: true },
						{ text: '61–90', num: true },
					],
					oldest.map((c) => [
						{ html: link(c.name, c.customerUrl, 'Open the customer') },
						{
							html: link(formatWhole(c.over90Minor), c.drillUrl, "This customer's open invoices"),
							num: true,
						},
						{ text: formatShare(c.over90Minor, over90), num: true },
						{ text: formatWhole(c.days61to90Minor), num: true },
					]),
				),
			);
		}
	}
	if (v.notShown > 0)
		parts.push(note(`${String(v.notShown)} more subsidiaries are not shown here; open the drill-down for them.`));
	return portletBody(parts.join(''));
}

/* ------------------------------------------------------------------ DSO trend */

export function renderTrendPortlet(v: TrendPortletView, width: Width): string {
	if (v.subsidiaries.length === 0) {
		return portletBody(note('No A/R snapshot is stored for the last 90 days yet.', false));
	}
	const chartW = width === 'wide' ? 520 : 280;
	const chartH = width === 'wide' ? 170 : 130;
	const parts: string[] = [];
	for (const s of v.subsidiaries) {
		parts.push(heading(`${s.name} (${s.currency})`));
		if (s.latest) {
			parts.push(
				note(
					`DSO ${formatDays(s.latest.dso)} days on ${s.latest.date} (prior window ${formatDays(s.latest.dsoPrior)}, ${formatDaysChange(s.latest.dsoDelta)}); countback ${formatDays(s.latest.countback)}.`,
					false,
				),
			);
		}
		const bands: ChartBand[] = s.seasons.map((b) => ({
			from: b.from,
			to: b.to,
			color: b.action === 'suppress' ? '#e9ecef' : '#fdf1d6',
			label: `${b.action === 'suppress' ? 'Alert suppressed' : 'Threshold raised'}: ${b.note}`,
		}));
		const markers: ChartMarker[] = [];
		for (const i of s.firedDays) {
			const value = s.dso[i];
			if (value !== null && value !== undefined) {
				markers.push({ day: i, value, color: '#c62828', label: `Alert fired on ${s.days[i] ?? ''}` });
			}
		}
		const floor = s.days.map(() => s.floorDays);
		parts.push(
			lineChartSvg({
				days: s.days,
				width: chartW,
				height: chartH,
				unit: 'd',
				title: `DSO of ${s.name}, last ${String(s.days.length)} days`,
				bands,
				markers,
				series: [
					{ label: 'Floor', values: floor, color: '#9aa5b1', dash: '1 3', strokeWidth: 1 },
					...(s.alertEnabled
						? [
								{
									label: `Alert level (prior window + ${String(s.thresholdDays)} days)`,
									values: s.alertLevel,
									color: '#c62828',
									dash: '4 3',
									strokeWidth: 1,
								},
							]
						: []),
					{ label: 'Prior-window DSO', values: s.dsoPrior, color: '#7b8794', dash: '5 3', strokeWidth: 1.2 },
					{ label: 'Countback DSO', values: s.countback, color: '#2e7d32', strokeWidth: 1 },
					{ label: 'DSO', values: s.dso, color: '#1f5ea8', strokeWidth: 2 },
				],
			}),
		);
		const fired = s.firedDays.length;
		parts.push(
			`<div style="font-family:Arial,Helvetica,sans-serif;font-size:10px;color:#5b6675;margin:2px 0 4px 0;line-height:1.6;">` +
				legendItem('DSO', '#1f5ea8') +
				legendItem('Prior window', '#7b8794', '5 3') +
				legendItem('Countback', '#2e7d32') +
				(s.alertEnabled ? legendItem(`Alert level (+${String(s.thresholdDays)} d)`, '#c62828', '4 3') : '') +
				legendItem(`Floor ${String(s.floorDays)} d`, '#9aa5b1', '1 3') +
				legendItem(`Alert fired (${String(fired)} day${fired === 1 ? '' : 's'})`, '#c62828', undefined, 'dot') +
				(s.seasons.length > 0 ? legendItem('Seasonality window', '#e9ecef', undefined, 'band') : '') +
				'</div>',
		);
		if (!s.alertEnabled) parts.push(note('The DSO-increase alert is switched off for this subsidiary.'));
		if (s.configProblem !== null) parts.push(note(`Not applied: ${s.configProblem}`, false));
		parts.push(
			note(
				'Alert days are the evaluations stored since the alert was deployed; days before that show no marker.',
			),
		);
		if (s.drillUrl) parts.push(`<div>${link('Open invoices', s.drillUrl)}</div>`);
	}
	if (v.notShown > 0) parts.push(note(`${String(v.notShown)} more subsidiaries are not shown here.`));
	return portletBody(parts.join(''));
}

/* ------------------------------------------------------------------ collections worklist */

export function renderWorklistPortlet(v: WorklistPortletView, width: Width): string {
	if (v.rows.length === 0) {
		return portletBody(
			note(
				v.asOf === null ? 'No customer metrics are stored yet.' : 'No customer has an overdue balance.',
				false,
			),
		);
	}
	const wide = width === 'wide';
	const head: (Cell | string)[] = [
		'#',
		'Customer',
		{ text: 'Overdue', num: true },
		{ text: 'Days', num: true },
		{ text: 'Score', num: true },
	];
	if (wide) head.push('Segment', 'Promise to pay', 'Last contact');
	const rows = v.rows.map((r, i) => {
		const cells: Cell[] = [
			{ text: String(i + 1), num: true },
			{ html: link(r.name, r.customerUrl, 'Open the customer') },
			{ html: link(`${r.currency} ${formatWhole(r.overdueMinor)}`, r.drillUrl, 'Overdue invoices'), num: true },
			{
				text: r.maxDaysOverdue === null ? '—' : String(r.maxDaysOverdue),
				num: true,
				title: 'Days overdue, oldest invoice',
			},
			{
				text: r.score === null ? '—' : String(r.score),
				num: true,
				title: 'Behaviour score 0–100, higher is better',
			},
		];
		if (wide) {
			cells.push({ text: segmentLabel(r.segment) });
			cells.push({
				text:
					r.promise === null || r.promise.count === 0
						? 'None pending'
						: `${String(r.promise.count)} pending${r.promise.nextDate === null ? '' : `, next ${r.promise.nextDate}`}`,
			});
			cells.push(
				r.lastContact === undefined
					? { text: '—', title: 'Not recorded yet' }
					: { text: r.lastContact === null ? 'None' : `${r.lastContact.date}: ${r.lastContact.outcome}` },
			);
		}
		return cells;
	});
	const parts = [
		table(head, rows),
		note(
			`${String(v.rows.length)} of ${String(v.candidates)} customers with an overdue balance, largest overdue amount first, then the oldest overdue invoice. Score: payment behaviour, 0–100, higher is better. Metrics of ${v.asOf ?? '—'}.`,
		),
	];
	if (new Set(v.rows.map((r) => r.currency)).size > 1) {
		parts.push(note("Amounts are in each subsidiary's base currency; the order compares them as numbers."));
	}
	if (!v.contactsRecorded) {
		parts.push(
			note(
				'Last contact is not recorded yet: call outcomes arrive with the collections system. Promises show those recorded as pending.',
			),
		);
	}
	return portletBody(parts.join(''));
}

/* ------------------------------------------------------------------ KPIs and promises */

export function renderKpiPortlet(v: KpiPortletView, width: Width): string {
	const parts: string[] = [];
	if (v.subsidiaries.length === 0) parts.push(note('No A/R snapshot is stored yet.', false));
	for (const s of v.subsidiaries) {
		parts.push(
			table(
				['Indicator', { text: 'Value', num: true }],
				[
					[{ text: 'DSO' }, { text: `${formatDays(s.dso)} d`, num: true }],
					[{ text: 'Countback DSO' }, { text: `${formatDays(s.countback)} d`, num: true }],
					[{ text: 'Best possible DSO' }, { text: `${formatDays(s.bestPossible)} d`, num: true }],
					[
						{ text: 'Average days delinquent' },
						{ text: `${formatDays(s.averageDaysDelinquent)} d`, num: true },
					],
					[{ text: 'CEI, month to date' }, { text: formatPercent(s.ceiMonthToDate), num: true }],
					[{ text: 'CEI, last full month' }, { text: formatPercent(s.ceiLastMonth), num: true }],
				],
				`${s.name} (${s.currency}), ${s.date}`,
			),
		);
		const segs = [...s.segments].sort(
			(a, b) => SEGMENT_ORDER.indexOf(a.segment as never) - SEGMENT_ORDER.indexOf(b.segment as never),
		);
		if (segs.length > 0) {
			parts.push(
				table(
					['Segment', { text: 'Customers', num: true }, { text: 'Avg days to pay', num: true }],
					segs.map((g) => [
						{ text: segmentLabel(g.segment) },
						{ text: String(g.customers), num: true },
						{ text: formatDays(g.avgDaysToPay), num: true },
					]),
				),
			);
			if (width === 'wide')
				parts.push(
					note(
						"Average days to pay: the mean, over the segment's customers, of each customer's amount-weighted average over invoices paid in the last 365 days.",
					),
				);
		}
	}
	if (v.notShown > 0) parts.push(note(`${String(v.notShown)} more subsidiaries are not shown here.`));
	parts.push(heading('Promises to pay'));
	if (v.promises === null) {
		parts.push(note('No promise to pay is recorded yet: promises arrive from the collections system.'));
	} else {
		const p = v.promises;
		parts.push(
			table(
				['Promises', { text: 'Count', num: true }],
				[
					[{ text: `Due by ${p.to}` }, { text: String(p.dueSoon), num: true }],
					[{ text: `Kept (promised ${p.from} to today)` }, { text: String(p.kept), num: true }],
					[{ text: `Broken (promised ${p.from} to today)` }, { text: String(p.broken), num: true }],
					[{ text: 'Past their date, outcome not recorded' }, { text: String(p.pendingPast), num: true }],
				],
			),
		);
	}
	parts.push(heading('Cash-in forecast (13 weeks)'));
	if (v.forecast === null || v.forecast.length === 0) {
		parts.push(note('Not computed yet: no forecast is stored in this account.'));
	} else {
		for (const f of v.forecast) {
			const sub = v.subsidiaries.find((x) => x.id === f.subsidiaryId);
			const sum = (pick: (w: (typeof f.weeks)[number]) => number, n = f.weeks.length): number =>
				f.weeks.slice(0, n).reduce((t, w) => t + pick(w), 0);
			parts.push(
				table(
					['Expected receipts', { text: `Amount (${f.currency})`, num: true }],
					[
						[{ text: 'Next 4 weeks' }, { text: formatWhole(sum((w) => w.expectedMinor, 4)), num: true }],
						[
							{ text: `${String(f.weeks.length)} weeks` },
							{ text: formatWhole(sum((w) => w.expectedMinor)), num: true },
						],
						[
							{ text: `${String(f.weeks.length)} weeks, low–high` },
							{
								text: `${formatWhole(sum((w) => w.lowMinor))}–${formatWhole(sum((w) => w.highMinor))}`,
								num: true,
							},
						],
					],
					`${sub?.name ?? `Subsidiary ${String(f.subsidiaryId)}`}${f.asOf === null ? '' : `, forecast of ${f.asOf}`}`,
				),
			);
			parts.push(weekBars(f.weeks, width === 'wide' ? 300 : 260, `Expected receipts per week, ${f.currency}`));
		}
	}
	return portletBody(parts.join(''));
}

/** Expected receipts per week as small inline SVG columns (the high end of the band lighter, behind). */
function weekBars(
	weeks: readonly { week: number; expectedMinor: number; highMinor: number; start: string }[],
	width: number,
	label: string,
): string {
	const max = Math.max(1, ...weeks.map((w) => w.highMinor), ...weeks.map((w) => w.expectedMinor));
	const h = 44;
	const slot = width / Math.max(1, weeks.length);
	const bars = weeks
		.map((w, i) => {
			const x = (i * slot + 1).toFixed(1);
			const bw = Math.max(1, slot - 2).toFixed(1);
			const hh = (w.highMinor / max) * h;
			const eh = (w.expectedMinor / max) * h;
			const tip = `Week ${String(w.week)} from ${w.start}: ${formatWhole(w.expectedMinor)} expected, up to ${formatWhole(w.highMinor)}`;
			return (
				`<rect x="${x}" y="${(h - hh).toFixed(1)}" width="${bw}" height="${hh.toFixed(1)}" fill="#d6e4f2"><title>${escapeHtml(tip)}</title></rect>` +
				`<rect x="${x}" y="${(h - eh).toFixed(1)}" width="${bw}" height="${eh.toFixed(1)}" fill="#1f5ea8"><title>${escapeHtml(tip)}</title></rect>`
			);
		})
		.join('');
	return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(label)}" width="${String(width)}" height="${String(h)}" viewBox="0 0 ${String(width)} ${String(h)}" style="max-width:100%;height:auto;margin:0 0 6px 0">${bars}</svg>`;
}

/** The portlet titles NetSuite shows in each portlet's title bar. */
export const PORTLET_TITLES = {
	aging: 'A/R aging',
	trend: 'DSO trend (90 days)',
	worklist: 'Collections worklist',
	kpi: 'A/R KPIs and promises',
} as const;
