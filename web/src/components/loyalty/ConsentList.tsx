import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Consent, type ConsentPurpose, useSetConsent } from '../../api/consents';
import { formatDateTime } from '../../format/intl';
import { ErrorAlert } from '../StatusMessages';

/**
 * Consents per purpose with a one-click withdrawal. Staff record what the customer tells them;
 * granting a marketing consent on their behalf needs a proof (e.g. a call recording reference).
 */
export function ConsentList({
  customerId,
  consents,
  audience,
}: {
  customerId: string;
  consents: Consent[];
  audience: 'staff' | 'subscriber';
}) {
  const { t, i18n } = useTranslation();
  const setConsent = useSetConsent(customerId);
  const [evidence, setEvidence] = useState('');
  const change = (purpose: ConsentPurpose, status: 'granted' | 'withdrawn') =>
    setConsent.mutate({
      purpose,
      status,
      evidence: audience === 'staff' && status === 'granted' && evidence.trim() ? evidence.trim() : undefined,
    });
  return (
    <>
      {setConsent.isError ? <ErrorAlert error={setConsent.error} /> : null}
      <ul className="consent-list">
        {consents.map((consent) => (
          <li key={consent.purpose} className="consent-item" data-purpose={consent.purpose}>
            <span className="consent-purpose">{t(`consents.purposes.${consent.purpose}`)}</span>{' '}
            <span className={`badge ${consent.status === 'granted' ? 'badge-active' : 'badge-terminated'}`}>
              {t(`consents.statuses.${consent.status}`)}
            </span>
            {consent.recordedAt ? (
              <span className="muted">
                {' '}
                {t('consents.recorded', {
                  date: formatDateTime(consent.recordedAt, i18n.language),
                  source: t(`consents.sources.${consent.source ?? 'portal'}`),
                })}
              </span>
            ) : null}{' '}
            {consent.status === 'granted' ? (
              <button
                type="button"
                className="button button-small"
                disabled={setConsent.isPending}
                onClick={() => change(consent.purpose, 'withdrawn')}
              >
                {t('consents.withdraw')}
              </button>
            ) : (
              <button
                type="button"
                className="button button-small"
                disabled={setConsent.isPending}
                onClick={() => change(consent.purpose, 'granted')}
              >
                {t('consents.grant')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {audience === 'staff' ? (
        <p>
          <label>
            {t('consents.evidence')}{' '}
            <input value={evidence} maxLength={500} onChange={(event) => setEvidence(event.target.value)} />
          </label>
        </p>
      ) : null}
    </>
  );
}
