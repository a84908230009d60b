import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CASE_TYPES, type CaseType, CHANNELS, type Channel } from '../../api/caseTypes';
import { useOpenCase } from '../../api/cases';
import { newIdempotencyKey } from '../../api/idempotencyKey';
import type { Subscription } from '../../api/types';
import { SelectField } from '../FormField';
import { ErrorAlert } from '../StatusMessages';
import { OpenCaseOffer, openCasesOffered } from './OpenCaseOffer';
import { TextAreaField } from './TextAreaField';
import { splitFieldErrors } from './fieldErrors';

/** Channels staff record a case from (a subscriber always writes through the portal). */
const STAFF_CHANNELS = CHANNELS.filter((channel) => channel !== 'portal');
const FIELDS = ['type', 'channel', 'subscriptionId', 'summary'] as const;

interface OpenCaseFormProps {
  customerId: string;
  subscriptions: Subscription[];
  audience: 'staff' | 'subscriber';
  /** Prefix for element ids, so two forms never share one. */
  idPrefix: string;
}

function isCaseType(value: string): value is CaseType {
  return (CASE_TYPES as readonly string[]).includes(value);
}

function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}

/** Opens a case and goes to its page, where the promised date and the owner's name are shown. */
export function OpenCaseForm({ customerId, subscriptions, audience, idPrefix }: OpenCaseFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const openCase = useOpenCase();
  const [type, setType] = useState<CaseType | ''>('');
  const [channel, setChannel] = useState<Channel>(audience === 'staff' ? 'phone_in' : 'portal');
  const [subscriptionId, setSubscriptionId] = useState('');
  const [summary, setSummary] = useState('');
  // One key per offer, so that adding the contact to the offered case twice stores it once.
  const linkKey = useRef(newIdempotencyKey());
  const offered = openCasesOffered(openCase.error);
  const errors = splitFieldErrors(offered.length > 0 ? null : openCase.error, FIELDS);
  const id = (name: string) => `${idPrefix}-${name}`;

  function submit(confirmNewCase: boolean) {
    if (!type || openCase.isPending) return;
    linkKey.current = newIdempotencyKey();
    openCase.mutate(
      {
        customerId,
        type,
        channel,
        summary: summary.trim(),
        ...(subscriptionId ? { subscriptionId } : {}),
        ...(confirmNewCase ? { confirmNewCase } : {}),
      },
      { onSuccess: (file) => void navigate(`/cases/${encodeURIComponent(file.id)}`) },
    );
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit(false);
  }

  return (
    <form className="form-grid" onSubmit={handleSubmit} aria-labelledby={id('heading')}>
      <SelectField
        id={id('type')}
        label={t('cases.form.type')}
        required
        value={type}
        error={errors.byName.type}
        onChange={(event) => setType(isCaseType(event.target.value) ? event.target.value : '')}
      >
        <option value="">{t('cases.form.chooseType')}</option>
        {CASE_TYPES.map((caseType) => (
          <option key={caseType} value={caseType}>
            {t(`caseTypes.${caseType}`)}
          </option>
        ))}
      </SelectField>
      {audience === 'staff' ? (
        <SelectField
          id={id('channel')}
          label={t('cases.form.channel')}
          value={channel}
          error={errors.byName.channel}
          onChange={(event) => isChannel(event.target.value) && setChannel(event.target.value)}
        >
          {STAFF_CHANNELS.map((option) => (
            <option key={option} value={option}>
              {t(`caseChannels.${option}`)}
            </option>
          ))}
        </SelectField>
      ) : null}
      <SelectField
        id={id('subscription')}
        label={t('cases.form.subscription')}
        value={subscriptionId}
        error={errors.byName.subscriptionId}
        onChange={(event) => setSubscriptionId(event.target.value)}
      >
        <option value="">{t('cases.form.noSubscription')}</option>
        {subscriptions.map((subscription) => (
          <option key={subscription.id} value={subscription.id}>
            {t(`subscription.kinds.${subscription.kind}`)} · {subscription.plan} ({subscription.reference})
          </option>
        ))}
      </SelectField>
      <TextAreaField
        id={id('summary')}
        className="field-wide"
        label={audience === 'staff' ? t('cases.form.summary') : t('cases.form.summaryCustomer')}
        required
        maxLength={4000}
        rows={4}
        value={summary}
        error={errors.byName.summary}
        onChange={(event) => setSummary(event.target.value)}
      />
      {offered.length > 0 ? (
        <OpenCaseOffer
          customerId={customerId}
          offered={offered}
          channel={channel}
          summary={summary.trim()}
          idempotencyKey={linkKey.current}
          onNewCase={() => submit(true)}
          disabled={openCase.isPending}
        />
      ) : null}
      <div className="form-actions">
        {openCase.isError && offered.length === 0 ? (
          <ErrorAlert error={openCase.error} extraMessages={errors.others} />
        ) : null}
        <button type="submit" className="button button-primary" disabled={openCase.isPending}>
          {openCase.isPending ? t('cases.form.submitting') : t('cases.form.submit')}
        </button>
      </div>
    </form>
  );
}
