import { niceMax } from './scale';

export interface BarRow {
  key: string;
  label: string;
  value: number | null;
  /** Vendor sites are hatched as well as coloured, so they stand out without colour. */
  vendor: boolean;
}

interface BarChartProps {
  titleId: string;
  descId: string;
  title: string;
  description: string;
  rows: BarRow[];
  /** The value of a full-width bar (100 for percentages); the largest value when left out. */
  max?: number;
  format: (value: number) => string;
  noData: string;
}

const WIDTH = 640;
const LABEL_WIDTH = 250;
const VALUE_WIDTH = 70;
const ROW_HEIGHT = 30;
const BAR_HEIGHT = 18;
const AXIS_HEIGHT = 22;

/** Horizontal bars, one per row, with the value written at the end of each bar. */
export function BarChart({ titleId, descId, title, description, rows, max, format, noData }: BarChartProps) {
  const barArea = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const largest = Math.max(0, ...rows.map((row) => row.value ?? 0));
  const scaleMax = max ?? niceMax(largest, 1);
  const height = rows.length * ROW_HEIGHT + AXIS_HEIGHT;
  const hatchId = `${titleId}-hatch`;
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <svg
      className="chart-svg"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      <defs>
        <pattern id={hatchId} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" className="chart-bar-vendor" />
          <line x1="0" y1="0" x2="0" y2="6" className="chart-hatch" />
        </pattern>
      </defs>
      <g>
        {ticks.map((tick) => {
          const x = LABEL_WIDTH + tick * barArea;
          return (
            <g key={tick}>
              <line x1={x} x2={x} y1={0} y2={rows.length * ROW_HEIGHT} className="chart-grid" />
              <text x={x} y={height - 6} textAnchor="middle" className="chart-axis-label">
                {format(tick * scaleMax)}
              </text>
            </g>
          );
        })}
        {rows.map((row, index) => {
          const y = index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2;
          const width = row.value === null ? 0 : (Math.min(row.value, scaleMax) / scaleMax) * barArea;
          return (
            <g key={row.key}>
              <text
                x={LABEL_WIDTH - 8}
                y={y + BAR_HEIGHT / 2}
                dominantBaseline="middle"
                textAnchor="end"
                className="chart-label"
              >
                {row.label}
              </text>
              <rect
                x={LABEL_WIDTH}
                y={y}
                width={width}
                height={BAR_HEIGHT}
                className={row.vendor ? 'chart-bar chart-bar-vendor-outline' : 'chart-bar'}
                fill={row.vendor ? `url(#${hatchId})` : undefined}
              />
              <text
                x={LABEL_WIDTH + width + 6}
                y={y + BAR_HEIGHT / 2}
                dominantBaseline="middle"
                className="chart-value"
              >
                {row.value === null ? noData : format(row.value)}
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
}
