import type { Locale } from '../../platform/i18n/locale.ts';
import { statisticsText } from './statistics.messages.ts';

/**
 * A bar chart drawn on the server as inline SVG: no script, no stylesheet
 * of its own (the CSP forbids inline styles, so colours are presentation
 * attributes), readable at any width. It is a picture of the table beside
 * it, which remains the accessible truth.
 */

export type ChartFigure = 'accounts' | 'storage' | 'monthlyActive';

const WIDTH = 640;
const HEIGHT = 260;
const LEFT = 64;
const RIGHT = 16;
const TOP = 24;
const BOTTOM = 48;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;
const PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
/** Haven's accent on its paper (8:1), its ink for text, its muted grey for axes: all above WCAG's 3:1 for graphics. */
const COLOURS = { bar: '#0b5b4c', ink: '#1d1d1f', axis: '#4a4a55', grid: '#c9c9cf' };
/** At most this many month labels under the axis, so they never overlap. */
const MONTH_LABELS = 8;

const intl = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

export function monthName(month: string, locale: Locale, style: 'long' | 'short' = 'long'): string {
  const options: Intl.DateTimeFormatOptions = style === 'long' ? { month: 'long', year: 'numeric', timeZone: 'UTC' } : { month: 'short', year: '2-digit', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(intl(locale), options).format(new Date(`${month}-01T00:00:00Z`));
}

/** Grouped as the locale writes numbers; gigabytes keep their three decimals (one megabyte), axis labels are compact. */
export function formatFigure(value: number, locale: Locale, compact = false): string {
  return new Intl.NumberFormat(intl(locale), { maximumFractionDigits: compact ? 1 : 3, ...(compact ? { notation: 'compact' as const } : {}) }).format(value);
}

/** Every month from the first to the last, so that a gap in the data shows as a gap on the axis. */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (let text = first; text <= last && months.length <= 1200; ) {
    months.push(text);
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year++;
    text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
  }
  return months;
}

/** A round step (1, 2, 2.5 or 5 times a power of ten) giving about four gridlines up to at least `max`. */
export function scaleFor(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 1 };
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  return { top: step * Math.ceil(max / step), step };
}

export function UsageChart(props: { locale: Locale; figure: ChartFigure; points: { month: string; value: number | null }[] }) {
  const { locale, figure, points } = props;
  const m = statisticsText[locale];
  const label = m.figures[figure];
  const known = points.filter((p): p is { month: string; value: number } => p.value !== null);
  if (known.length === 0) return <p>{m.chartEmpty(label)}</p>;

  const withUnit = (value: number) => `${formatFigure(value, locale)} ${m.units[figure]}`;
  const values = known.map((p) => p.value);
  const latest = known[known.length - 1]!;
  const description = m.chartDescription(label, monthName(points[0]!.month, locale), monthName(points[points.length - 1]!.month, locale), withUnit(Math.min(...values)), withUnit(Math.max(...values)), `${withUnit(latest.value)} (${monthName(latest.month, locale)})`);
  const { top, step } = scaleFor(Math.max(...values));
  const y = (value: number) => round(TOP + PLOT_HEIGHT - (value / top) * PLOT_HEIGHT);
  const slot = PLOT_WIDTH / points.length;
  const every = Math.ceil(points.length / MONTH_LABELS);
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const id = `chart-${figure}`;

  return (
    <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" class="usage-chart" id={id} font-family="system-ui, sans-serif" font-size="12">
      <title id={`${id}-title`}>{m.chartTitle(label)}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <text x={8} y={TOP - 10} fill={COLOURS.ink}>
        {m.units[figure]}
      </text>
      {ticks.map((tick) => (
        <g>
          <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(tick)} y2={y(tick)} stroke={tick === 0 ? COLOURS.axis : COLOURS.grid} stroke-width="1" />
          <text x={LEFT - 6} y={y(tick) + 4} fill={COLOURS.ink} text-anchor="end">
            {formatFigure(tick, locale, true)}
          </text>
        </g>
      ))}
      {points.map((p, i) =>
        p.value === null ? null : (
          <rect class="bar" data-month={p.month} x={round(LEFT + i * slot + slot * 0.15)} y={y(p.value)} width={round(slot * 0.7)} height={round(TOP + PLOT_HEIGHT - y(p.value))} fill={COLOURS.bar}>
            <title>{m.barTitle(monthName(p.month, locale), withUnit(p.value))}</title>
          </rect>
        ),
      )}
      {points.map((p, i) =>
        i % every === 0 ? (
          <text x={round(LEFT + (i + 0.5) * slot)} y={TOP + PLOT_HEIGHT + 16} fill={COLOURS.ink} text-anchor="middle">
            {monthName(p.month, locale, 'short')}
          </text>
        ) : null,
      )}
      <text x={LEFT + PLOT_WIDTH / 2} y={HEIGHT - 8} fill={COLOURS.ink} text-anchor="middle">
        {m.monthAxis}
      </text>
    </svg>
  );
}

const round = (n: number) => Math.round(n * 10) / 10;
