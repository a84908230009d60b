import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { fieldErrorsByName } from '../../api/errorMessage';
import {
  type NewOffer,
  OFFER_AUDIENCES,
  type Offer,
  type OfferAudience,
  type PublishedOffer,
  type ResolvedRetentionAlert,
  type RetentionAlert,
  TIERS,
  type Tier,
  useOffersAdmin,
  usePublishOffer,
  useResolveRetentionAlert,
} from '../../api/loyalty';
import { formatDate, formatDateTime } from '../../format/intl';
import { parisLocalToIso } from '../../format/parisTime';
import { SelectField, TextField } from '../FormField';
import { ErrorAlert, Loading } from '../StatusMessages';
import { TableRegion } from '../TableRegion';
import { describedBy } from './RewardsAdmin';

export const formatEuros = (cents: number, language: string) =>
  new Intl.NumberFormat(language.startsWith('en') ? 'en-GB' : 'fr-FR', { style: 'currency', currency: 'EUR' }).format(
    cents / 100,
  );

/** "24,99", "24.99", "24" → cents; null when it is not a price. */
export function parseEuros(text: string): number | null {
  const match = /^(\d{1,6})(?:[.,](\d{1,2}))?$/.exec(text.trim().replace(/\s|€/g, ''));
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** The first instant of a day in Paris. */
const startOfParisDay = (day: string) => parisLocalToIso(`${day}T00:00`) ?? undefined;

/** The next calendar day, 'YYYY-MM-DD'. */
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The lowest price every existing customer can already get for a product (what the server compares with). */
function existingCustomersPrice(offers: readonly Offer[], product: string): Offer | null {
  let best: Offer | null = null;
  for (const offer of offers) {
    if (offer.product !== product) continue;
    if (offer.audience !== 'existing_customers' && offer.audience !== 'all_customers') continue;
    if (!best || offer.monthlyPriceCents < best.monthlyPriceCents) best = offer;
  }
  return best;
}

function useAudienceLabel() {
  const { t } = useTranslation();
  return (offer: { audience: OfferAudience; segment?: Tier | null }) =>
    offer.audience === 'segment' && offer.segment
      ? t('loyaltyAdmin.audienceSegment', { tier: t(`loyaltyAdmin.tiers.${offer.segment}`) })
      : t(`loyaltyAdmin.audiences.${offer.audience}`);
}

function OffersTable({ offers }: { offers: Offer[] }) {
  const { t, i18n } = useTranslation();
  const audienceLabel = useAudienceLabel();
  const products = [...new Set(offers.map((offer) => offer.product))].sort();
  return (
    <TableRegion caption={t('loyaltyAdmin.offersCaption')} hideCaption stackOnMobile>
      <thead>
        <tr>
          <th scope="col">{t('loyaltyAdmin.offer')}</th>
          <th scope="col">{t('loyaltyAdmin.audience')}</th>
          <th scope="col" className="numeric">
            {t('loyaltyAdmin.monthlyPrice')}
          </th>
          <th scope="col">{t('loyaltyAdmin.validity')}</th>
        </tr>
      </thead>
      {products.map((product) => (
        <tbody key={product} data-testid={`offers-${product}`}>
          <tr>
            <th scope="rowgroup" colSpan={4}>
              {t('loyaltyAdmin.productHeading', { product })}
            </th>
          </tr>
          {offers
            .filter((offer) => offer.product === product)
            .map((offer) => (
              <tr key={offer.id}>
                <th scope="row" data-label={t('loyaltyAdmin.offer')}>
                  {offer.name}
                </th>
                <td data-label={t('loyaltyAdmin.audience')}>{audienceLabel(offer)}</td>
                <td data-label={t('loyaltyAdmin.monthlyPrice')} className="numeric">
                  {formatEuros(offer.monthlyPriceCents, i18n.language)}
                </td>
                <td data-label={t('loyaltyAdmin.validity')}>
                  {offer.validUntil
                    ? t('loyaltyAdmin.validBetween', {
                        from: formatDate(offer.validFrom, i18n.language),
                        until: formatDate(new Date(Date.parse(offer.validUntil) - 1).toISOString(), i18n.language),
                      })
                    : t('loyaltyAdmin.validSince', { from: formatDate(offer.validFrom, i18n.language) })}
                </td>
              </tr>
            ))}
        </tbody>
      ))}
    </TableRegion>
  );
}

type ResolveMutation = ReturnType<typeof useResolveRetentionAlert>;

/** "Marquer comme traitée": what was done is required and kept in the audit trail. */
function ResolveAlertForm({ alert, resolve }: { alert: RetentionAlert; resolve: ResolveMutation }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const mine = resolve.variables?.id === alert.id;
  const apiError = mine && resolve.error instanceof ApiError ? resolve.error : null;
  const noteError = fieldErrorsByName(apiError?.problem?.errors ?? []).note;
  const noteId = `resolve-note-${alert.id}`;
  if (!open) {
    return (
      <div className="form-actions">
        <button
          type="button"
          className="button button-secondary"
          aria-label={t('loyaltyAdmin.resolveFor', { product: alert.product })}
          onClick={() => setOpen(true)}
        >
          {t('loyaltyAdmin.resolve')}
        </button>
      </div>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    resolve.mutate({ id: alert.id, note: note.trim() });
  };
  return (
    <form onSubmit={submit} aria-label={t('loyaltyAdmin.resolveFor', { product: alert.product })}>
      <div className={noteError ? 'field field-invalid' : 'field'}>
        <label htmlFor={noteId}>{t('loyaltyAdmin.resolutionNote')}</label>
        <textarea
          id={noteId}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          required
          maxLength={1000}
          aria-invalid={noteError ? true : undefined}
          aria-describedby={noteError ? `${noteId}-error` : `${noteId}-hint`}
        />
        {noteError ? (
          <p id={`${noteId}-error`} className="field-error">
            {t('loyaltyAdmin.errors.resolutionNote')}
          </p>
        ) : (
          <p id={`${noteId}-hint`} className="muted">
            {t('loyaltyAdmin.resolutionNoteHint')}
          </p>
        )}
      </div>
      {mine && resolve.isError && !noteError ? <ErrorAlert error={resolve.error} /> : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={resolve.isPending}>
          {t('loyaltyAdmin.resolve')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
          {t('loyaltyAdmin.resolveCancel')}
        </button>
      </div>
    </form>
  );
}

function RetentionAlerts({ alerts, offers }: { alerts: RetentionAlert[]; offers: Offer[] }) {
  const { t, i18n } = useTranslation();
  const [resolved, setResolved] = useState<ResolvedRetentionAlert | null>(null);
  // The confirmation is set from the hook-level onSuccess: the resolved alert's form unmounts on refetch.
  const resolve = useResolveRetentionAlert(setResolved);
  return (
    <section className="section" aria-labelledby="retention-alerts-heading">
      <h2 id="retention-alerts-heading">{t('loyaltyAdmin.alertsTitle')}</h2>
      <p className="muted">{t('loyaltyAdmin.alertsIntro')}</p>
      {resolved ? (
        <p className="alert alert-success" role="status">
          {t('loyaltyAdmin.resolved', {
            product: resolved.product,
            date: formatDateTime(resolved.resolvedAt, i18n.language),
          })}
        </p>
      ) : null}
      {alerts.length === 0 ? (
        <p className="empty-state">{t('loyaltyAdmin.noAlerts')}</p>
      ) : (
        <ul className="offer-list" data-testid="retention-alerts">
          {alerts.map((alert) => {
            const offer = offers.find((o) => o.id === alert.offerId);
            const line = t('loyaltyAdmin.alertLine', {
              product: alert.product,
              offer: offer?.name ?? t('loyaltyAdmin.endedOffer'),
              prospect: formatEuros(alert.prospectPriceCents, i18n.language),
              existing: formatEuros(alert.existingPriceCents, i18n.language),
            });
            return (
              <li key={alert.id} className="alert alert-warning">
                <p className="alert-summary">{line}</p>
                <p className="muted">
                  {t('loyaltyAdmin.alertRaised', { date: formatDateTime(alert.raisedAt, i18n.language) })}
                </p>
                <ResolveAlertForm alert={alert} resolve={resolve} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function PublishOfferForm({ offers }: { offers: Offer[] }) {
  const { t, i18n } = useTranslation();
  const audienceLabel = useAudienceLabel();
  const [product, setProduct] = useState('');
  const [name, setName] = useState('');
  const [audience, setAudience] = useState<OfferAudience>('existing_customers');
  const [segment, setSegment] = useState<Tier>('or');
  const [price, setPrice] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const [priceError, setPriceError] = useState<string | null>(null);
  const [published, setPublished] = useState<PublishedOffer | null>(null);
  const publish = usePublishOffer((offer) => {
    setPublished(offer);
    setName('');
    setPrice('');
    setValidFrom('');
    setValidUntil('');
  });
  const products = [...new Set(offers.map((offer) => offer.product))].sort();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPublished(null);
    const cents = parseEuros(price);
    if (cents === null) {
      setPriceError(t('loyaltyAdmin.errors.price'));
      return;
    }
    setPriceError(null);
    const draft: NewOffer = {
      product: product.trim(),
      name: name.trim(),
      audience,
      ...(audience === 'segment' ? { segment } : {}),
      monthlyPriceCents: cents,
      ...(validFrom ? { validFrom: startOfParisDay(validFrom) } : {}),
      // "Valid until" is inclusive: the offer ends at the start of the next day.
      ...(validUntil ? { validUntil: startOfParisDay(nextDay(validUntil)) } : {}),
      onRetentionGap: 'block',
    };
    publish.mutate(draft);
  };

  const apiError = publish.error instanceof ApiError ? publish.error : null;
  // Refused because prospects would pay less than customers: the refused offer, to publish with an alert.
  const refused =
    apiError?.status === 409 && apiError.problem?.errors?.some((e) => e.field === 'body.monthlyPriceCents')
      ? (publish.variables ?? null)
      : null;
  const gap = refused !== null;
  const errors = gap ? {} : fieldErrorsByName(apiError?.problem?.errors ?? []);
  if (errors.validUntil) errors.validUntil = t('loyaltyAdmin.errors.validUntil');
  if (errors.segment) errors.segment = t('loyaltyAdmin.errors.segment');
  // The price customers pay, as the server said it (its message ends with "(3499)"), else as listed here.
  const serverExisting = Number(
    /\((\d+)\)/.exec(apiError?.problem?.errors?.find((e) => e.field === 'body.monthlyPriceCents')?.message ?? '')?.[1],
  );
  const existing =
    refused && Number.isFinite(serverExisting) && serverExisting > 0
      ? serverExisting
      : refused
        ? (existingCustomersPrice(offers, refused.product)?.monthlyPriceCents ?? null)
        : null;

  return (
    <section className="section" aria-labelledby="offer-publish-heading">
      <h2 id="offer-publish-heading">{t('loyaltyAdmin.publishTitle')}</h2>
      <p className="muted">{t('loyaltyAdmin.publishIntro')}</p>
      <form className="form-grid" onSubmit={submit}>
        <div>
          <TextField
            id="offer-product"
            label={t('loyaltyAdmin.product')}
            required
            pattern="[a-z0-9\-]{2,60}"
            list="offer-products"
            value={product}
            error={errors.product}
            aria-describedby={describedBy('offer-product', errors.product)}
            onChange={(event) => setProduct(event.target.value)}
          />
          <datalist id="offer-products">
            {products.map((code) => (
              <option key={code} value={code} />
            ))}
          </datalist>
          <p id="offer-product-hint" className="field-hint">
            {t('loyaltyAdmin.productHint')}
          </p>
        </div>
        <TextField
          id="offer-name"
          label={t('loyaltyAdmin.offerName')}
          required
          maxLength={200}
          value={name}
          error={errors.name}
          onChange={(event) => setName(event.target.value)}
        />
        <SelectField
          id="offer-audience"
          label={t('loyaltyAdmin.audience')}
          value={audience}
          error={errors.audience}
          onChange={(event) => setAudience(event.target.value as OfferAudience)}
        >
          {OFFER_AUDIENCES.map((value) => (
            <option key={value} value={value}>
              {t(`loyaltyAdmin.audiences.${value}`)}
            </option>
          ))}
        </SelectField>
        {audience === 'segment' ? (
          <SelectField
            id="offer-segment"
            label={t('loyaltyAdmin.segment')}
            value={segment}
            error={errors.segment}
            onChange={(event) => setSegment(event.target.value as Tier)}
          >
            {TIERS.map((tier) => (
              <option key={tier} value={tier}>
                {t(`loyaltyAdmin.tiers.${tier}`)}
              </option>
            ))}
          </SelectField>
        ) : null}
        <div>
          <TextField
            id="offer-price"
            label={t('loyaltyAdmin.monthlyPriceLabel')}
            required
            inputMode="decimal"
            value={price}
            error={priceError ?? (gap ? undefined : errors.monthlyPriceCents)}
            aria-describedby={describedBy('offer-price', priceError ?? errors.monthlyPriceCents)}
            onChange={(event) => setPrice(event.target.value)}
          />
          <p id="offer-price-hint" className="field-hint">
            {t('loyaltyAdmin.priceHint')}
          </p>
        </div>
        <TextField
          id="offer-valid-from"
          label={t('loyaltyAdmin.validFrom')}
          type="date"
          value={validFrom}
          error={errors.validFrom}
          onChange={(event) => setValidFrom(event.target.value)}
        />
        <TextField
          id="offer-valid-until"
          label={t('loyaltyAdmin.validUntil')}
          type="date"
          value={validUntil}
          error={errors.validUntil}
          onChange={(event) => setValidUntil(event.target.value)}
        />
        {gap && refused ? (
          <div className="alert alert-error field-wide" role="alert" data-testid="retention-gap">
            <p className="alert-summary">{t('loyaltyAdmin.gapTitle')}</p>
            <p>
              {existing !== null
                ? t('loyaltyAdmin.gapExplained', {
                    product: refused.product,
                    prospect: formatEuros(refused.monthlyPriceCents, i18n.language),
                    existing: formatEuros(existing, i18n.language),
                  })
                : t('loyaltyAdmin.gapExplainedNoPrice', {
                    product: refused.product,
                    prospect: formatEuros(refused.monthlyPriceCents, i18n.language),
                  })}
            </p>
            <p>{t('loyaltyAdmin.gapChoices')}</p>
            <div className="button-row">
              <button
                type="button"
                className="button button-primary"
                disabled={publish.isPending}
                onClick={() => publish.mutate({ ...refused, onRetentionGap: 'alert' })}
              >
                {t('loyaltyAdmin.publishWithAlert')}
              </button>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  publish.reset();
                  document.getElementById('offer-price')?.focus();
                }}
              >
                {t('loyaltyAdmin.changePrice')}
              </button>
            </div>
          </div>
        ) : publish.isError ? (
          <div className="field-wide">
            <ErrorAlert error={publish.error} hideDetail={Boolean(apiError?.problem?.errors?.length)} />
          </div>
        ) : null}
        {published ? (
          <div className="alert alert-success field-wide" role="status">
            <p className="alert-summary">
              {t('loyaltyAdmin.published', {
                name: published.name,
                audience: audienceLabel(published),
                price: formatEuros(published.monthlyPriceCents, i18n.language),
              })}
            </p>
            {published.retentionAlert ? (
              <p>
                {t('loyaltyAdmin.publishedWithAlert', {
                  prospect: formatEuros(published.retentionAlert.prospectPriceCents, i18n.language),
                  existing: formatEuros(published.retentionAlert.existingPriceCents, i18n.language),
                })}
              </p>
            ) : null}
          </div>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={publish.isPending}>
            {t('loyaltyAdmin.publish')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Offers in force by product, the retention alerts, and publishing an offer. */
export function OffersAdminSection() {
  const { t } = useTranslation();
  const offers = useOffersAdmin();
  return (
    <>
      <section className="section" aria-labelledby="offers-heading">
        <h2 id="offers-heading">{t('loyaltyAdmin.offersTitle')}</h2>
        <p className="muted">{t('loyaltyAdmin.offersIntro')}</p>
        {offers.isPending ? (
          <Loading />
        ) : offers.isError ? (
          <ErrorAlert error={offers.error} onRetry={() => void offers.refetch()} />
        ) : offers.data.items.length === 0 ? (
          <p className="empty-state">{t('loyaltyAdmin.noOffers')}</p>
        ) : (
          <OffersTable offers={offers.data.items} />
        )}
      </section>
      {offers.data ? <RetentionAlerts alerts={offers.data.retentionAlerts} offers={offers.data.items} /> : null}
      <PublishOfferForm offers={offers.data?.items ?? []} />
    </>
  );
}
