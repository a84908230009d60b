import { useTranslation } from 'react-i18next';
import { useLoyaltyMovements } from '../../api/loyalty';
import { formatDate, formatDateTime, formatNumber } from '../../format/intl';
import { ErrorAlert, LoadMoreButton, Loading } from '../StatusMessages';
import { TableRegion } from '../TableRegion';

/** Every movement of the member's points, newest first, with the expiry of each credit. */
export function LoyaltyMovements({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const movements = useLoyaltyMovements(customerId);
  const items = movements.data?.pages.flatMap((page) => page.items) ?? [];
  if (movements.isPending) return <Loading />;
  if (movements.isError) return <ErrorAlert error={movements.error} onRetry={() => void movements.refetch()} />;
  if (items.length === 0) return <p className="empty-state">{t('loyalty.noMovements')}</p>;
  return (
    <>
      <TableRegion caption={t('loyalty.movements')} hideCaption>
        <thead>
          <tr>
            <th scope="col">{t('loyalty.when')}</th>
            <th scope="col">{t('loyalty.what')}</th>
            <th scope="col" className="numeric">
              {t('loyalty.pointsColumn')}
            </th>
            <th scope="col">{t('loyalty.expiresOn')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td>{formatDateTime(item.at, i18n.language)}</td>
              <td>
                {t(`loyalty.kinds.${item.kind}`)} — {item.description}
                {item.reason ? <span className="muted"> ({item.reason})</span> : null}
                {item.author ? <span className="muted"> · {item.author}</span> : null}
                {item.protectedThreshold ? <span className="muted"> · {t('loyalty.atProtectedThreshold')}</span> : null}
              </td>
              <td className="numeric">
                {item.points > 0 ? '+' : ''}
                {formatNumber(item.points, i18n.language)}
              </td>
              <td>{item.expiresOn ? formatDate(item.expiresOn, i18n.language) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </TableRegion>
      <LoadMoreButton
        hasNextPage={movements.hasNextPage}
        isFetchingNextPage={movements.isFetchingNextPage}
        onLoadMore={() => void movements.fetchNextPage()}
      />
    </>
  );
}
