import { useTranslation } from 'react-i18next';
import type { CustomerDetail } from '../api/types';
import { formatCountry, formatDate, formatPhone } from '../format/intl';

/** Contact details, postal address, preferences and serving site of one customer. */
export function CustomerProfile({ customer }: { customer: CustomerDetail }) {
  const { t, i18n } = useTranslation();
  const address = customer.postalAddress;
  const site = customer.servingSite;
  return (
    <div className="profile-grid">
      <section className="card" aria-labelledby="customer-contact-heading">
        <h2 id="customer-contact-heading">{t('customer.contact')}</h2>
        <dl className="details">
          <div>
            <dt>{t('customer.phone')}</dt>
            <dd className="nowrap">
              {customer.phone ? (
                <a href={`tel:${customer.phone}`}>{formatPhone(customer.phone)}</a>
              ) : (
                t('common.notProvided')
              )}
            </dd>
          </div>
          <div>
            <dt>{t('customer.email')}</dt>
            <dd className="break">
              {customer.email ? <a href={`mailto:${customer.email}`}>{customer.email}</a> : t('common.notProvided')}
            </dd>
          </div>
          <div>
            <dt>{t('customer.postalAddress')}</dt>
            <dd>
              <address>
                {address.line1}
                <br />
                {address.line2 ? (
                  <>
                    {address.line2}
                    <br />
                  </>
                ) : null}
                {address.postcode} {address.city}
                <br />
                {formatCountry(address.country, i18n.language)}
              </address>
            </dd>
          </div>
        </dl>
      </section>
      <section className="card" aria-labelledby="customer-preferences-heading">
        <h2 id="customer-preferences-heading">{t('customer.preferences')}</h2>
        <dl className="details">
          <div>
            <dt>{t('customer.preferredChannel')}</dt>
            <dd>{t(`channels.${customer.preferredChannel}`, { defaultValue: customer.preferredChannel })}</dd>
          </div>
          <div>
            <dt>{t('customer.preferredLanguage')}</dt>
            <dd>
              {t(`preferredLanguages.${customer.preferredLanguage}`, { defaultValue: customer.preferredLanguage })}
            </dd>
          </div>
          <div>
            <dt>{t('customer.servingSite')}</dt>
            <dd>
              {site
                ? `${site.name} (${t(`siteKinds.${site.kind}`, { defaultValue: site.kind })})`
                : t('customer.noServingSite')}
            </dd>
          </div>
          <div>
            <dt>{t('customer.customerSince')}</dt>
            <dd>
              <time dateTime={customer.createdAt}>{formatDate(customer.createdAt, i18n.language)}</time>
            </dd>
          </div>
        </dl>
      </section>
    </div>
  );
}
