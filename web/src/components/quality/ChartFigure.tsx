import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ChartFigureProps {
  id: string;
  title: string;
  /** What the chart shows, in words: read by screen readers as the SVG's <desc>. */
  description: string;
  /** Renders the SVG; it receives the ids and texts of its <title> and <desc>. */
  chart: (labels: { titleId: string; descId: string; title: string; description: string }) => ReactNode;
  legend?: ReactNode;
  /** The same data as a table, for screen readers and for anyone who wants the figures. */
  table: ReactNode;
}

/** A chart with a visible title, a described SVG, a legend, and its data as a table in a details element. */
export function ChartFigure({ id, title, description, chart, legend, table }: ChartFigureProps) {
  const { t } = useTranslation();
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="chart-title">
        {title}
      </figcaption>
      {chart({ titleId: `${id}-title`, descId: `${id}-desc`, title, description })}
      {legend}
      <details className="chart-data">
        <summary>{t('quality.showData')}</summary>
        {table}
      </details>
    </figure>
  );
}
