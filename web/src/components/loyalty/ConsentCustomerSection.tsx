import { useTranslation } from 'react-i18next';
import { type SalesCallStatus, useConsents, useContactHistory } from '../../api/consents';
import { formatDateTime } from '../../format/intl';
import { ErrorAlert, Loading } from '../StatusMessages';
import { TableRegion } from '../TableRegion';
import { ConsentList } from './ConsentList';

export function DoNotCallBadge({ status }: { status: SalesCallStatus }) {
  const { t, i18n } = useTranslation();
  if (!status.doNotCallForSales) return null;
  const language = i18n.language.startsWith('en') ? 'en' : 'fr';
  return (
    <p className="badge badge-suspended do-not-call" title={status.ruleLabel?.[language] ?? ''}>
      {t('consents.doNotCall')}
      {status.ruleLabel ? ` — ${status.ruleLabel[language]}` : ''}
    </p>
  );
}

/** Advisor view: consents, the "do not call for sales" badge and the last 30 days of contacts. */
export function ConsentCustomerSection({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const consents = useConsents(customerId);
  const history = useContactHistory(customerId);
  return (
    <section aria-labelledby="consents-heading" className="section">
      <h2 id="consents-heading">{t('consents.staffHeading')}</h2>
      {consents.isPending ? (
        <Loading />
      ) : consents.isError ? (
        <ErrorAlert error={consents.error} onRetry={() => void consents.refetch()} />
      ) : (
        <>
          <DoNotCallBadge status={consents.data.salesCalls} />
          {consents.data.salesCalls.doNotCallForSales && consents.data.salesCalls.contractOffersAllowed ? (
            <p className="muted">{t('consents.contractOffersOnly')}</p>
          ) : null}
          <ConsentList customerId={customerId} consents={consents.data.consents} audience="staff" />
        </>
      )}
      <h3>{t('consents.contactHistory')}</h3>
      {history.isPending ? (
        <Loading />
      ) : history.isError ? (
        <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.calls.length + history.data.contacts.length === 0 ? (
        <p className="empty-state">{t('consents.noContacts')}</p>
      ) : (
        <TableRegion caption={t('consents.contactHistory')} hideCaption>
          <thead>
            <tr>
              <th scope="col">{t('loyalty.when')}</th>
              <th scope="col">{t('loyalty.what')}</th>
            </tr>
          </thead>
          <tbody>
            {[
              ...history.data.calls.map((call) => ({
                id: call.id,
                at: call.at,
                text:
                  call.status === 'blocked'
                    ? t('consents.blockedCall', { campaign: call.campaign, rule: t(`consents.rules.${call.rule}`) })
                    : t('consents.placedCall', {
                        campaign: call.campaign,
                        outcome: t(`consents.outcomes.${call.outcome}`),
                      }),
              })),
              ...history.data.contacts.map((contact) => ({
                id: contact.id,
                at: contact.at,
                text: `${contact.caseReference} — ${contact.summary}`,
              })),
            ]
              .sort((a, b) => (a.at < b.at ? 1 : -1))
              .map((row) => (
                <tr key={row.id}>
                  <td>{formatDateTime(row.at, i18n.language)}</td>
                  <td>{row.text}</td>
                </tr>
              ))}
          </tbody>
        </TableRegion>
      )}
    </section>
  );
}
