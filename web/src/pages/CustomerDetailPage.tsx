import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCustomer } from '../api/customers';
import type { CustomerDetail } from '../api/types';
import { useCurrentUser } from '../auth/currentUser';
import { canOpen } from '../auth/roles';
import { AccountsTable } from '../components/AccountsTable';
import { BillingSection } from '../components/billing/BillingSection';
import { CustomerCasesSection } from '../components/cases/CustomerCasesSection';
import { CustomerProfile } from '../components/CustomerProfile';
import { ConsentCustomerSection } from '../components/loyalty/ConsentCustomerSection';
import { LoyaltyCustomerSection } from '../components/loyalty/LoyaltyCustomerSection';
import { MessagesSection } from '../components/messages/MessagesSection';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { SubscriptionList } from '../components/SubscriptionCard';
import { usePageTitle } from '../components/usePageTitle';
import { civilityLabel } from '../format/labels';

export function CustomerDetailPage() {
  const { t } = useTranslation();
  const { customerId } = useParams();
  const customerQuery = useCustomer(customerId);
  usePageTitle(customerQuery.isSuccess ? null : t('customers.title'));

  return (
    <>
      <p className="breadcrumb">
        <Link to="/customers">{t('customer.backToSearch')}</Link>
      </p>
      {customerQuery.isSuccess ? (
        <CustomerFile customer={customerQuery.data} />
      ) : (
        <>
          <h1>{t('customers.title')}</h1>
          {customerQuery.isError ? (
            <ErrorAlert error={customerQuery.error} onRetry={() => void customerQuery.refetch()} />
          ) : (
            <Loading />
          )}
        </>
      )}
    </>
  );
}

function CustomerFile({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const fullName = [civilityLabel(customer.civility, t), customer.firstName, customer.lastName]
    .filter(Boolean)
    .join(' ');
  usePageTitle(`${fullName} (${customer.reference})`);

  return (
    <>
      <h1 className="customer-heading">
        {fullName} <span className="reference mono">{customer.reference}</span>
      </h1>
      {canOpen(user.role, 'audit') ? (
        <p>
          <Link to={`/audit?customerId=${encodeURIComponent(customer.id)}`}>{t('customer.viewAudit')}</Link>
        </p>
      ) : null}
      <CustomerProfile customer={customer} />
      <CustomerCasesSection customer={customer} />
      <MessagesSection customerId={customer.id} audience="staff" />
      <BillingSection customerId={customer.id} audience="staff" />
      <ConsentCustomerSection customerId={customer.id} />
      <LoyaltyCustomerSection customerId={customer.id} />
      <section aria-labelledby="customer-accounts-heading" className="section">
        <h2 id="customer-accounts-heading">{t('customer.accounts')}</h2>
        <AccountsTable accounts={customer.accounts} />
      </section>
      <section aria-labelledby="customer-subscriptions-heading" className="section">
        <h2 id="customer-subscriptions-heading">{t('customer.subscriptions')}</h2>
        <SubscriptionList subscriptions={customer.subscriptions} emptyText={t('customer.noSubscriptions')} />
      </section>
    </>
  );
}
