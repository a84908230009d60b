import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type SignUp, useTodaysSignUps } from '../api/signUps';
import { useCurrentUser } from '../auth/currentUser';
import { formatEuros } from '../components/billing/BillingSection';
import { SignUpForm } from '../components/shops/SignUpForm';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { usePageTitle } from '../components/usePageTitle';
import { formatDateTime } from '../format/intl';

function SignUpDone({ result }: { result: SignUp }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="alert alert-success" role="status" data-testid="sign-up-done">
      <p className="alert-summary">
        {t('signUp.done', { name: result.customer.name, line: result.subscription.reference })}
      </p>
      <p>
        {t('signUp.doneDetail', {
          plan: result.subscription.plan,
          price: formatEuros(result.monthlyPriceCents ?? 0, i18n.language),
        })}
        {result.subscription.device ? ` ${t('signUp.doneBox', { serial: result.subscription.device.serial })}` : ''}
      </p>
      <p>
        <Link to={`/customers/${result.customer.id}`}>
          {t('signUp.openFile', { reference: result.customer.reference })}
        </Link>
      </p>
    </div>
  );
}

function TodaysSignUps({ shopCode }: { shopCode: string }) {
  const { t, i18n } = useTranslation();
  const today = useTodaysSignUps(shopCode);
  if (today.isPending) return <Loading />;
  if (today.isError) return <ErrorAlert error={today.error} onRetry={() => void today.refetch()} />;
  if (today.data.items.length === 0) return <p className="empty-state">{t('signUp.noneToday')}</p>;
  return (
    <ul className="plain-list" data-testid="todays-sign-ups">
      {today.data.items.map((item) => (
        <li key={item.id}>
          {formatDateTime(item.at, i18n.language)} —{' '}
          <Link to={`/customers/${item.customer.id}`}>{item.customer.name}</Link> ({item.customer.reference}),{' '}
          {item.subscription.plan}, {item.subscription.reference} ·{' '}
          {t('signUp.checkedBy', {
            document: t(`signUp.documents.${item.identity.document}`),
            end: item.identity.numberEnd,
            name: item.identity.checkedBy,
          })}
        </li>
      ))}
    </ul>
  );
}

/** « Souscription » at the shop counter, for the shop's staff. */
export function ShopSignUpPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.shopSignUp'));
  const user = useCurrentUser();
  const shopCode = user?.site?.kind === 'shop' ? user.site.code : 'NCY';
  const [last, setLast] = useState<SignUp | null>(null);
  return (
    <>
      <h1>{t('nav.shopSignUp')}</h1>
      <p className="lead">{t('signUp.intro')}</p>
      {last ? <SignUpDone result={last} /> : null}
      <SignUpForm shopCode={shopCode} onDone={setLast} />
      <section className="section" aria-labelledby="today-heading">
        <h2 id="today-heading">{t('signUp.today')}</h2>
        <TodaysSignUps shopCode={shopCode} />
      </section>
    </>
  );
}
