import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useCustomerSearch } from '../../api/customers';
import { fieldErrorsByName } from '../../api/errorMessage';
import { newIdempotencyKey } from '../../api/idempotencyKey';
import {
  type SignUp,
  type SignUpRequest,
  possibleCustomersIn,
  useCounterOffers,
  useShelf,
  useSignUp,
} from '../../api/signUps';
import { formatEuros } from '../billing/BillingSection';
import { SelectField, TextField } from '../FormField';
import { ErrorAlert } from '../StatusMessages';

const EMPTY_PERSON = {
  civility: 'Mme',
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  addressLine1: '',
  postcode: '',
  city: '',
  preferredChannel: 'email',
  preferredLanguage: 'fr',
};
const EMPTY_IDENTITY = { document: 'national_id_card', number: '', expiresOn: '', birthDate: '', holderMatches: false };
const NO_CONSENT = { marketing_phone: false, marketing_sms: false, marketing_email: false };
const FORM_FIELDS = new Set([
  ...Object.keys(EMPTY_PERSON),
  ...Object.keys(EMPTY_IDENTITY),
  'offerId',
  'msisdn',
  'deviceSerial',
  'customer',
]);

/** An existing customer, found by name, phone or reference. */
function CustomerPicker({ onPick }: { onPick: (customer: { id: string; label: string }) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const search = useCustomerSearch(text.length >= 2 ? text : '');
  const found = search.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div>
      <TextField
        id="signup-search"
        label={t('signUp.searchCustomer')}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <ul className="plain-list">
        {found.slice(0, 8).map((customer) => (
          <li key={customer.id}>
            <button
              type="button"
              className="button button-secondary"
              onClick={() =>
                onPick({ id: customer.id, label: `${customer.firstName} ${customer.lastName} (${customer.reference})` })
              }
            >
              {customer.firstName} {customer.lastName} — {customer.reference}, {customer.city}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** « Souscrire en boutique »: a new or existing customer, the identity document, the offer, consents. */
export function SignUpForm({ shopCode, onDone }: { shopCode: string; onDone: (result: SignUp) => void }) {
  const { t, i18n } = useTranslation();
  const [existing, setExisting] = useState<{ id: string; label: string } | null>(null);
  const [newCustomer, setNewCustomer] = useState(true);
  const [person, setPerson] = useState(EMPTY_PERSON);
  const [identity, setIdentity] = useState(EMPTY_IDENTITY);
  const [offerId, setOfferId] = useState('');
  const [msisdn, setMsisdn] = useState('');
  const [deviceSerial, setDeviceSerial] = useState('');
  const [billingMethod, setBillingMethod] = useState('direct_debit');
  const [consents, setConsents] = useState(NO_CONSENT);
  // One key per attempt: a double click or a retry after a timeout signs up once.
  const [key, setKey] = useState(newIdempotencyKey);
  const reset = (result: SignUp) => {
    setPerson(EMPTY_PERSON);
    setIdentity(EMPTY_IDENTITY);
    setExisting(null);
    setOfferId('');
    setMsisdn('');
    setDeviceSerial('');
    setConsents(NO_CONSENT);
    setKey(newIdempotencyKey());
    onDone(result);
  };
  const signUp = useSignUp(shopCode, reset);
  const offers = useCounterOffers(shopCode, newCustomer ? null : (existing?.id ?? null));
  const shelf = useShelf(shopCode);
  const offer = offers.data?.items.find((item) => item.id === offerId);
  const kind = offer?.product.startsWith('mobile-') ? 'mobile_line' : 'fixed_box';
  const errors = signUp.error instanceof ApiError ? fieldErrorsByName(signUp.error.problem?.errors ?? []) : {};
  const otherErrors = Object.entries(errors)
    .filter(([name]) => !FORM_FIELDS.has(name))
    .map(([name, message]) => `${name} : ${message}`);
  const lookalikes = possibleCustomersIn(signUp.error);

  const send = (confirmNewCustomer = false) => {
    const body: SignUpRequest = {
      ...(newCustomer
        ? {
            customer: {
              ...person,
              email: person.email.trim() || undefined,
              phone: person.phone.trim() || undefined,
            },
            confirmNewCustomer,
          }
        : { customerId: existing?.id }),
      identity,
      subscription:
        kind === 'mobile_line' ? { kind, offerId, msisdn } : { kind, offerId, deviceSerial: deviceSerial || undefined },
      billingMethod,
      consents,
    };
    signUp.mutate({ key: confirmNewCustomer ? `${key}-confirmed` : key, body });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };
  const personField = (name: keyof typeof EMPTY_PERSON, extra: Record<string, unknown> = {}) => (
    <TextField
      id={`signup-${name}`}
      label={t(`signUp.${name}`)}
      value={person[name]}
      error={errors[name]}
      onChange={(event) => setPerson((previous) => ({ ...previous, [name]: event.target.value }))}
      {...extra}
    />
  );

  return (
    <form onSubmit={submit} aria-labelledby="signup-heading" className="section sign-up-form">
      <h2 id="signup-heading">{t('signUp.formTitle')}</h2>
      <fieldset>
        <legend>{t('signUp.who')}</legend>
        <label className="choice">
          <input type="radio" name="signup-who" checked={newCustomer} onChange={() => setNewCustomer(true)} />{' '}
          {t('signUp.newCustomer')}
        </label>{' '}
        <label className="choice">
          <input type="radio" name="signup-who" checked={!newCustomer} onChange={() => setNewCustomer(false)} />{' '}
          {t('signUp.existingCustomer')}
        </label>
        {newCustomer ? (
          <div className="form-grid">
            <SelectField
              id="signup-civility"
              label={t('signUp.civility')}
              value={person.civility}
              onChange={(event) => setPerson((previous) => ({ ...previous, civility: event.target.value }))}
            >
              <option value="Mme">Mme</option>
              <option value="M.">M.</option>
              <option value="Mx">Mx</option>
            </SelectField>
            {personField('firstName', { required: true, autoComplete: 'off' })}
            {personField('lastName', { required: true, autoComplete: 'off' })}
            {personField('email', { type: 'email', autoComplete: 'off' })}
            {personField('phone', { type: 'tel', autoComplete: 'off' })}
            {personField('addressLine1', { required: true, autoComplete: 'off' })}
            {personField('postcode', { required: true, inputMode: 'numeric', autoComplete: 'off' })}
            {personField('city', { required: true, autoComplete: 'off' })}
            <SelectField
              id="signup-channel"
              label={t('signUp.preferredChannel')}
              value={person.preferredChannel}
              onChange={(event) => setPerson((previous) => ({ ...previous, preferredChannel: event.target.value }))}
            >
              {['email', 'sms', 'phone', 'letter'].map((channel) => (
                <option key={channel} value={channel}>
                  {t(`signUp.channels.${channel}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              id="signup-language"
              label={t('signUp.preferredLanguage')}
              value={person.preferredLanguage}
              onChange={(event) => setPerson((previous) => ({ ...previous, preferredLanguage: event.target.value }))}
            >
              <option value="fr">Français</option>
              <option value="en">English</option>
            </SelectField>
          </div>
        ) : existing ? (
          <p>
            <strong>{existing.label}</strong>{' '}
            <button type="button" className="button button-secondary" onClick={() => setExisting(null)}>
              {t('signUp.changeCustomer')}
            </button>
          </p>
        ) : (
          <CustomerPicker onPick={setExisting} />
        )}
      </fieldset>

      <fieldset>
        <legend>{t('signUp.identity')}</legend>
        <div className="form-grid">
          <SelectField
            id="signup-document"
            label={t('signUp.document')}
            value={identity.document}
            onChange={(event) => setIdentity((previous) => ({ ...previous, document: event.target.value }))}
          >
            {['national_id_card', 'passport', 'residence_permit', 'driving_licence'].map((document) => (
              <option key={document} value={document}>
                {t(`signUp.documents.${document}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            id="signup-document-number"
            label={t('signUp.documentNumber')}
            required
            autoComplete="off"
            value={identity.number}
            error={errors.number}
            onChange={(event) => setIdentity((previous) => ({ ...previous, number: event.target.value }))}
          />
          <TextField
            id="signup-expires"
            label={t('signUp.expiresOn')}
            type="date"
            required
            value={identity.expiresOn}
            error={errors.expiresOn}
            onChange={(event) => setIdentity((previous) => ({ ...previous, expiresOn: event.target.value }))}
          />
          <TextField
            id="signup-birth"
            label={t('signUp.birthDate')}
            type="date"
            required
            value={identity.birthDate}
            error={errors.birthDate}
            onChange={(event) => setIdentity((previous) => ({ ...previous, birthDate: event.target.value }))}
          />
        </div>
        <label className="choice">
          <input
            type="checkbox"
            required
            checked={identity.holderMatches}
            onChange={(event) => setIdentity((previous) => ({ ...previous, holderMatches: event.target.checked }))}
          />{' '}
          {t('signUp.holderMatches')}
        </label>
        <p className="hint">{t('signUp.documentKept')}</p>
      </fieldset>

      <fieldset>
        <legend>{t('signUp.offer')}</legend>
        {offers.isError ? <ErrorAlert error={offers.error} /> : null}
        {offers.data?.items.length === 0 ? <p className="empty-state">{t('signUp.noOffer')}</p> : null}
        {offers.data?.items.map((item) => (
          <label key={item.id} className="choice">
            <input
              type="radio"
              name="signup-offer"
              value={item.id}
              checked={offerId === item.id}
              onChange={() => setOfferId(item.id)}
              required
            />{' '}
            {item.name} — {t('signUp.perMonth', { price: formatEuros(item.monthlyPriceCents, i18n.language) })}
          </label>
        ))}
        {errors.offerId ? <p className="field-error">{errors.offerId}</p> : null}
        {offer && kind === 'mobile_line' ? (
          <TextField
            id="signup-msisdn"
            label={t('signUp.msisdn')}
            type="tel"
            required
            value={msisdn}
            error={errors.msisdn}
            onChange={(event) => setMsisdn(event.target.value)}
          />
        ) : null}
        {offer && kind === 'fixed_box' ? (
          <SelectField
            id="signup-device"
            label={t('signUp.device')}
            value={deviceSerial}
            error={errors.deviceSerial}
            onChange={(event) => setDeviceSerial(event.target.value)}
          >
            <option value="">{t('signUp.deviceShipped')}</option>
            {shelf.data?.items.map((device) => (
              <option key={device.id} value={device.serial}>
                {device.model} — {device.serial}
              </option>
            ))}
          </SelectField>
        ) : null}
        <SelectField
          id="signup-billing"
          label={t('signUp.billingMethod')}
          value={billingMethod}
          onChange={(event) => setBillingMethod(event.target.value)}
        >
          {['direct_debit', 'card', 'transfer'].map((method) => (
            <option key={method} value={method}>
              {t(`signUp.billingMethods.${method}`)}
            </option>
          ))}
        </SelectField>
      </fieldset>

      <fieldset>
        <legend>{t('signUp.consents')}</legend>
        <p className="hint">{t('signUp.consentsHint')}</p>
        {(['marketing_phone', 'marketing_sms', 'marketing_email'] as const).map((purpose) => (
          <label key={purpose} className="choice">
            <input
              type="checkbox"
              checked={consents[purpose]}
              onChange={(event) => setConsents((previous) => ({ ...previous, [purpose]: event.target.checked }))}
            />{' '}
            {t(`signUp.purposes.${purpose}`)}
          </label>
        ))}
      </fieldset>

      {lookalikes.length > 0 ? (
        <div className="alert alert-warning" role="alert">
          <p className="alert-summary">{t('signUp.maybeCustomer')}</p>
          <ul>
            {lookalikes.map((candidate) => (
              <li key={candidate.id}>
                {candidate.name} ({candidate.reference}), {candidate.postcode} {candidate.city}{' '}
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => {
                    setNewCustomer(false);
                    setExisting({ id: candidate.id, label: `${candidate.name} (${candidate.reference})` });
                    setOfferId('');
                    signUp.reset();
                  }}
                >
                  {t('signUp.useThisCustomer')}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="button button-primary" onClick={() => send(true)}>
            {t('signUp.confirmNew')}
          </button>
        </div>
      ) : signUp.isError ? (
        <ErrorAlert error={signUp.error} extraMessages={otherErrors} />
      ) : null}
      <button
        type="submit"
        className="button button-primary"
        disabled={signUp.isPending || (!newCustomer && !existing)}
      >
        {t('signUp.submit')}
      </button>
    </form>
  );
}
