import type { DayQuality } from '../../api/quality';
import { niceMax } from './scale';

interface DailyLineChartProps {
  titleId: string;
  descId: string;
  title: string;
  description: string;
  days: DayQuality[];
  formatDay: (date: string) => string;
  formatNumber: (value: number) => string;
}

const WIDTH = 640;
const HEIGHT = 240;
const LEFT = 44;
const RIGHT = 12;
const TOP = 12;
const BOTTOM = 28;

/** Promises kept (solid line, dots) and broken (dashed line, squares) per Paris due day. */
export function DailyLineChart({
  titleId,
  descId,
  title,
  description,
  days,
  formatDay,
  formatNumber,
}: DailyLineChartProps) {
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const top = niceMax(Math.max(0, ...days.flatMap((day) => [day.promisesKept, day.promisesBroken])));
  const x = (index: number) => LEFT + (days.length > 1 ? (index / (days.length - 1)) * plotWidth : plotWidth / 2);
  const y = (value: number) => TOP + plotHeight - (value / top) * plotHeight;
  const path = (pick: (day: DayQuality) => number) =>
    days.map((day, index) => `${index === 0 ? 'M' : 'L'}${x(index).toFixed(1)},${y(pick(day)).toFixed(1)}`).join(' ');
  const labelEvery = Math.max(1, Math.ceil(days.length / 6));
  const markers = days.length <= 45;
  return (
    <svg className="chart-svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      <g>
        {[0, 0.25, 0.5, 0.75, 1].map((fraction) => (
          <g key={fraction}>
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(fraction * top)} y2={y(fraction * top)} className="chart-grid" />
            <text
              x={LEFT - 6}
              y={y(fraction * top)}
              textAnchor="end"
              dominantBaseline="middle"
              className="chart-axis-label"
            >
              {formatNumber(fraction * top)}
            </text>
          </g>
        ))}
        {days.map((day, index) =>
          index % labelEvery === 0 ? (
            <text key={day.date} x={x(index)} y={HEIGHT - 8} textAnchor="middle" className="chart-axis-label">
              {formatDay(day.date)}
            </text>
          ) : null,
        )}
        <path d={path((day) => day.promisesKept)} className="chart-line chart-line-kept" />
        <path d={path((day) => day.promisesBroken)} className="chart-line chart-line-broken" />
        {markers &&
          days.map((day, index) => (
            <g key={day.date}>
              <circle cx={x(index)} cy={y(day.promisesKept)} r={3} className="chart-point-kept" />
              <rect
                x={x(index) - 3}
                y={y(day.promisesBroken) - 3}
                width={6}
                height={6}
                className="chart-point-broken"
              />
            </g>
          ))}
      </g>
    </svg>
  );
}
