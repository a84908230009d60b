import type { ReactNode } from 'react';

interface TableRegionProps {
  caption: string;
  /** Hide the caption visually (still read by screen readers). */
  hideCaption?: boolean;
  /** On phones, show each row as a card; cells then need a `data-label`. */
  stackOnMobile?: boolean;
  children: ReactNode;
}

/** A captioned table that scrolls sideways on narrow screens (or stacks its rows, see stackOnMobile). */
export function TableRegion({ caption, hideCaption = false, stackOnMobile = false, children }: TableRegionProps) {
  return (
    <div className="table-scroll">
      <table className={stackOnMobile ? 'data-table stack-mobile' : 'data-table'}>
        <caption className={hideCaption ? 'visually-hidden' : undefined}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
