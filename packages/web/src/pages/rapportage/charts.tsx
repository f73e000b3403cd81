// SPDX-License-Identifier: EUPL-1.2
// Bar charts for the report pages (recharts). Every chart is a <figure> with a caption and a
// text alternative (role="img" with a summary of the values as aria-label); the same figures
// always stand in a table next to it, which is the full text alternative.
import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { useRapT } from './texts';

export interface ChartItem {
  label: string;
  current: number;
  previous?: number;
}

/** Dark and mid blue of the rijkshuisstijl: both at least 3:1 against white (WCAG 1.4.11). */
export const CHART_COLORS = { current: '#154273', previous: '#5a7a9c' };

export interface BarFigureProps {
  title: string;
  items: ChartItem[];
  year: number;
  previousYear?: number;
  /** Percentages: an axis from 0 to 100 and a % after each value. */
  percent?: boolean;
  /** Names of the two series when they are not this year and last year. */
  series?: { current: string; previous: string };
  /** Scale the axis to the largest value instead of 0-100 for percentages. */
  autoScale?: boolean;
  /** How a value is written (labels and the text alternative); default the number with % for percentages. */
  format?: (n: number) => string;
}

export function BarFigure({ title, items, year, previousYear, percent, series, autoScale, format }: BarFigureProps) {
  const t = useRapT();
  const captionId = useId();
  const unit = percent ? '%' : '';
  const show = format ?? ((n: number) => `${n}${unit}`);
  const names = series ?? { current: String(year), previous: String(previousYear ?? '') };
  const withPrevious = (series !== undefined || previousYear !== undefined) && items.some((i) => i.previous !== undefined);
  const summary = t('common.chartSummary', {
    title,
    year,
    items: items
      .map((i) => (withPrevious ? `${i.label}: ${names.current} ${show(i.current)}, ${names.previous} ${show(i.previous ?? 0)}` : `${i.label} ${show(i.current)}`))
      .join('; '),
  });
  const height = Math.max(140, items.length * (withPrevious ? 56 : 40) + 70);
  return (
    <figure className="zvh-rap-figure" aria-labelledby={captionId}>
      <figcaption id={captionId} className="zvh-rap-figure__caption">
        {t('common.chartOf', { title })}
        <span className="rhc-visually-hidden"> {t('common.tableBelow')}</span>
      </figcaption>
      <div role="img" aria-label={summary} className="zvh-rap-figure__chart">
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={items} layout="vertical" margin={{ top: 4, right: 40, bottom: 4, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid horizontal={false} stroke="#d0d7de" />
            <XAxis type="number" domain={percent && !autoScale ? [0, 100] : [0, 'auto']} allowDecimals={false} unit={unit} tick={{ fill: '#333' }} />
            <YAxis type="category" dataKey="label" width={190} tick={{ fill: '#333', fontSize: 14 }} interval={0} />
            {withPrevious && <Legend wrapperStyle={{ color: '#333' }} />}
            <Bar dataKey="current" name={names.current} fill={CHART_COLORS.current} isAnimationActive={false}>
              <LabelList dataKey="current" position="right" formatter={(v: unknown) => show(Number(v))} fill="#333" fontSize={12} />
            </Bar>
            {withPrevious && <Bar dataKey="previous" name={names.previous} fill={CHART_COLORS.previous} isAnimationActive={false} />}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
