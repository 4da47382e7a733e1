/**
 * What `generate` tells the user about the dataset's story, in words that are true for the as-of
 * date it was generated for: the story customer's unpaid invoices raise its subsidiary's 30-day DSO
 * by about STORY_TARGET_DELTA days at the as-of date (the generator calibrates it), so the alert
 * fires then unless the dataset's own seasonality calendar suppresses it or raises the threshold
 * above that rise (a January as-of date falls in the generated January suppress window).
 */
import type { DsSettings } from './data/dataset';
import type { StoryInfo } from './data/generate';
import { STORY_TARGET_DELTA } from './data/generate';
import { parseSeasonalityRow, resolveSeasonality } from '../src/TypeScripts/o2c_dso/domain/seasonality';
import { parseCalendarDate } from '../src/TypeScripts/o2c_dso/domain/calendarDate';

/** The hint line. @example storyHint(summary.story, summary.settings, '2026-05-04') */
export function storyHint(story: StoryInfo, settings: DsSettings, asOf: string): string {
	const start = `Story: in ${story.subsidiaryName}, ${story.customerName} stops paying on ${story.stopDate}; its 30-day DSO rises about ${STORY_TARGET_DELTA} days by ${asOf}`;
	const rows = (settings.seasonality ?? []).map((r, i) =>
		parseSeasonalityRow({
			id: i + 1,
			subsidiaryId: r.subsidiary ?? null,
			from: r.from,
			to: r.to,
			action: r.action,
			days: r.days ?? null,
			note: r.note ?? '',
		}),
	);
	const season = resolveSeasonality(rows, story.subsidiary, parseCalendarDate(asOf));
	const alert =
		(settings.alerts ?? []).find((a) => a.subsidiary === story.subsidiary) ??
		(settings.alerts ?? []).find((a) => a.subsidiary === null);
	const threshold = (alert?.thresholdDays ?? 10) + season.raiseDays;
	if (season.suppress)
		return `${start}, but the dataset's seasonality calendar suppresses the DSO alert then (${season.suppress.from} to ${season.suppress.to}: ${season.suppress.note}): a run at ${asOf} records the reason "seasonality" and sends no email. Generate with an --as-of outside that window to see it fire.`;
	if (threshold >= STORY_TARGET_DELTA)
		return `${start}, but the seasonality calendar raises the threshold to ${threshold} days then (${season.raise?.note ?? ''}): the alert is not expected to fire at ${asOf}.`;
	return `${start} (threshold ${threshold} days): run it at ${asOf} to see the DSO alert fire.`;
}
