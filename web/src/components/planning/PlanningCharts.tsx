import { niceMax } from '../quality/scale';
import './planning.css';

export interface LineSeries {
  key: string;
  label: string;
  values: Array<number | null>;
  /** Dashed lines tell series apart without colour. */
  dashed?: boolean;
}

interface SvgLabels {
  titleId: string;
  descId: string;
  title: string;
  description: string;
}

const WIDTH = 720;
const HEIGHT = 260;
const LEFT = 52;
const RIGHT = 12;
const TOP = 12;
const BOTTOM = 30;

/** Several lines over the same x axis (days or intervals); gaps where a value is null. */
export function LineChart({
  titleId,
  descId,
  title,
  description,
  series,
  xLabels,
  formatY,
  labelEvery,
}: SvgLabels & {
  series: LineSeries[];
  xLabels: string[];
  formatY: (value: number) => string;
  labelEvery?: number;
}) {
  const count = xLabels.length;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const top = niceMax(Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0))));
  const x = (i: number) => LEFT + (count > 1 ? (i / (count - 1)) * plotWidth : plotWidth / 2);
  const y = (v: number) => TOP + plotHeight - (v / top) * plotHeight;
  const every = labelEvery ?? Math.max(1, Math.ceil(count / 8));
  const path = (values: Array<number | null>) => {
    let d = '';
    let pen = false;
    values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)} `;
      pen = true;
    });
    return d.trim();
  };
  return (
    <svg className="chart-svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      {[0, 0.25, 0.5, 0.75, 1].map((f) => (
        <g key={f}>
          <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(f * top)} y2={y(f * top)} className="chart-grid" />
          <text x={LEFT - 6} y={y(f * top)} textAnchor="end" dominantBaseline="middle" className="chart-axis-label">
            {formatY(f * top)}
          </text>
        </g>
      ))}
      {xLabels.map((label, i) =>
        i % every === 0 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: one label per fixed position on the axis
          <text key={`${label}-${i}`} x={x(i)} y={HEIGHT - 8} textAnchor="middle" className="chart-axis-label">
            {label}
          </text>
        ) : null,
      )}
      {series.map((s, index) => (
        <path
          key={s.key}
          d={path(s.values)}
          className={`planning-line planning-series-${index % 6}`}
          strokeDasharray={s.dashed ? '6 4' : undefined}
          fill="none"
        />
      ))}
    </svg>
  );
}

export function SeriesLegend({ series }: { series: LineSeries[] }) {
  return (
    <ul className="planning-legend">
      {series.map((s, index) => (
        <li key={s.key}>
          <svg width="28" height="10" aria-hidden="true">
            <line
              x1="0"
              x2="28"
              y1="5"
              y2="5"
              className={`planning-line planning-series-${index % 6}`}
              strokeDasharray={s.dashed ? '6 4' : undefined}
            />
          </svg>
          {s.label}
        </li>
      ))}
    </ul>
  );
}

/**
 * Required agents (line) against scheduled agents (bars) per interval; intervals short of the
 * requirement are red bars with a hatch, over-staffed ones amber.
 */
export function CoverageChart({
  titleId,
  descId,
  title,
  description,
  required,
  coverage,
  xLabels,
  labelEvery,
  formatY,
}: SvgLabels & {
  required: number[];
  coverage: number[];
  xLabels: string[];
  labelEvery: number;
  formatY: (value: number) => string;
}) {
  const count = required.length;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const top = niceMax(Math.max(0, ...required, ...coverage));
  const band = plotWidth / Math.max(1, count);
  const y = (v: number) => TOP + plotHeight - (v / top) * plotHeight;
  const hatch = `${titleId}-hatch`;
  let line = '';
  required.forEach((r, i) => {
    line += `${i === 0 ? 'M' : 'L'}${(LEFT + i * band).toFixed(1)},${y(r).toFixed(1)} H${(LEFT + (i + 1) * band).toFixed(1)} `;
  });
  return (
    <svg className="chart-svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      <defs>
        <pattern id={hatch} width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <line x1="0" y1="0" x2="0" y2="4" className="planning-hatch" />
        </pattern>
      </defs>
      {[0, 0.5, 1].map((f) => (
        <g key={f}>
          <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(f * top)} y2={y(f * top)} className="chart-grid" />
          <text x={LEFT - 6} y={y(f * top)} textAnchor="end" dominantBaseline="middle" className="chart-axis-label">
            {formatY(f * top)}
          </text>
        </g>
      ))}
      {coverage.map((c, i) => {
        const gap = c - (required[i] ?? 0);
        const className = gap < 0 ? 'planning-bar-under' : gap > 0 ? 'planning-bar-over' : 'planning-bar-ok';
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: one bar per interval, in axis order
          <g key={i}>
            <rect
              x={LEFT + i * band}
              y={y(c)}
              width={Math.max(0.5, band - 0.2)}
              height={y(0) - y(c)}
              className={className}
            />
            {gap < 0 ? (
              <rect
                x={LEFT + i * band}
                y={y(required[i] ?? 0)}
                width={Math.max(0.5, band - 0.2)}
                height={y(c) - y(required[i] ?? 0)}
                fill={`url(#${hatch})`}
                className="planning-bar-missing"
              />
            ) : null}
          </g>
        );
      })}
      <path d={line} className="planning-line planning-required" fill="none" />
      {xLabels.map((label, i) =>
        i % labelEvery === 0 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: one label per fixed position on the axis
          <text key={`${label}-${i}`} x={LEFT + i * band} y={HEIGHT - 8} className="chart-axis-label">
            {label}
          </text>
        ) : null,
      )}
    </svg>
  );
}

/** Horizontal bars with the value at the end (cost per site). */
export function HorizontalBars({
  titleId,
  descId,
  title,
  description,
  rows,
  format,
}: SvgLabels & {
  rows: Array<{ key: string; label: string; value: number; vendor?: boolean }>;
  format: (v: number) => string;
}) {
  const labelWidth = 240;
  const valueWidth = 110;
  const rowHeight = 28;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const height = rows.length * rowHeight + 6;
  return (
    <svg className="chart-svg" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      {rows.map((row, i) => {
        const width = ((WIDTH - labelWidth - valueWidth) * row.value) / max;
        return (
          <g key={row.key} transform={`translate(0, ${i * rowHeight + 4})`}>
            <text x={labelWidth - 8} y={11} textAnchor="end" dominantBaseline="middle" className="chart-axis-label">
              {row.label}
            </text>
            <rect
              x={labelWidth}
              y={2}
              width={width}
              height={18}
              className={row.vendor ? 'planning-bar-vendor' : 'planning-bar-inhouse'}
            />
            <text x={labelWidth + width + 6} y={11} dominantBaseline="middle" className="chart-axis-label">
              {format(row.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
