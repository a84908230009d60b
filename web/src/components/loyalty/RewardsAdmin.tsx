import type { TFunction } from 'i18next';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { fieldErrorsByName } from '../../api/errorMessage';
import {
  type CatalogueReward,
  type RewardCatalogue,
  TIERS,
  type ThresholdChangeResult,
  type Tier,
  useCreateReward,
  useRewardCatalogue,
  useScheduleThresholdChange,
} from '../../api/loyalty';
import { formatDate, formatNumber } from '../../format/intl';
import { parisLocalToIso } from '../../format/parisTime';
import { SelectField, TextField } from '../FormField';
import { ErrorAlert, Loading } from '../StatusMessages';
import { TableRegion } from '../TableRegion';

const rewardName = (reward: { name: { fr: string; en: string } }, language: string) =>
  language.startsWith('en') ? reward.name.en : reward.name.fr;

/** 'YYYY-MM-DD' (a day in Paris) as an instant, for formatDate. */
const dayIso = (day: string) => parisLocalToIso(`${day}T12:00`) ?? day;

/** The hint below a field (`<id>-hint`) and, when there is one, its error (FormField's `<id>-error`). */
export const describedBy = (fieldId: string, error: string | undefined) =>
  error ? `${fieldId}-hint ${fieldId}-error` : `${fieldId}-hint`;

/** Protection runs until an exclusive instant (midnight after the last protected day): the last day itself. */
const lastProtectedDay = (until: string) => new Date(Date.parse(until) - 1).toISOString();

/**
 * The server's refusals of a threshold change, in the user's words, by form field. The rule's
 * earliest day is read from the server's message so it is the server's, not a guess.
 */
export function thresholdChangeErrors(error: unknown, t: TFunction, language: string): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const messages: Record<string, string> = {};
  for (const { field, message } of error.problem?.errors ?? []) {
    const name = field.split('.').pop() ?? field;
    const earliest = /on or after (\d{4}-\d{2}-\d{2})/.exec(message)?.[1];
    const notice = /needs (\d+) month/.exec(message)?.[1];
    if (name === 'effectiveOn' && earliest && notice) {
      messages[name] = t('loyaltyAdmin.errors.tooEarly', {
        date: formatDate(dayIso(earliest), language),
        count: Number(notice),
      });
    } else if (name === 'effectiveOn' && /in the past/.test(message)) {
      messages[name] = t('loyaltyAdmin.errors.inThePast');
    } else if (name === 'effectiveOn' && error.status === 409) {
      messages[name] = t('loyaltyAdmin.errors.sameInstant');
    } else if (name === 'points' && /already the threshold/.test(message)) {
      messages[name] = t('loyaltyAdmin.errors.sameThreshold');
    } else if (name === 'tier' && error.status === 409) {
      messages[name] = t('loyaltyAdmin.errors.alreadyAnnounced');
    } else if (name === 'protectionUntil') {
      messages[name] = t('loyaltyAdmin.errors.protectionBeforeChange');
    } else {
      messages[name] = fieldErrorsByName([{ field, message }])[name] ?? message;
    }
  }
  if (Object.keys(messages).length === 0 && error.status === 409) {
    messages.tier = t('loyaltyAdmin.errors.noThreshold');
  }
  return messages;
}

function ScheduleChangeForm({
  reward,
  catalogue,
  onDone,
  onCancel,
}: {
  reward: CatalogueReward;
  catalogue: RewardCatalogue;
  onDone: (result: ThresholdChangeResult) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const schedule = useScheduleThresholdChange(onDone);
  const offered = reward.thresholds.filter((threshold) => threshold.points !== null);
  const [tier, setTier] = useState<Tier>(offered[0]?.tier ?? 'essentiel');
  const [points, setPoints] = useState('');
  const [effectiveOn, setEffectiveOn] = useState('');
  const [protectionUntil, setProtectionUntil] = useState('');
  const [reason, setReason] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const current = reward.thresholds.find((threshold) => threshold.tier === tier)?.points ?? null;
  const earliest = formatDate(dayIso(catalogue.notice.earliestIncreaseOn), i18n.language);
  const errors = schedule.isError ? thresholdChangeErrors(schedule.error, t, i18n.language) : {};
  const firstError = Object.values(errors)[0];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    schedule.mutate({
      rewardId: reward.id,
      tier,
      points: Number(points),
      reason: reason.trim(),
      ...(effectiveOn ? { effectiveOn } : {}),
      ...(protectionUntil ? { protectionUntil } : {}),
    });
  };

  return (
    <section className="section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} ref={heading} tabIndex={-1}>
        {t('loyaltyAdmin.scheduleTitle', { reward: rewardName(reward, i18n.language) })}
      </h3>
      <p className="field-hint" id={`${id}-rule`}>
        {t('loyaltyAdmin.noticeRule', {
          count: catalogue.notice.months,
          date: earliest,
          distance: formatNumber(catalogue.notice.protectionDistancePoints, i18n.language),
        })}
      </p>
      <form className="form-grid" onSubmit={submit} aria-describedby={`${id}-rule`}>
        <SelectField
          id={`${id}-tier`}
          label={t('loyaltyAdmin.tier')}
          value={tier}
          error={errors.tier}
          onChange={(event) => setTier(event.target.value as Tier)}
        >
          {offered.map((threshold) => (
            <option key={threshold.tier} value={threshold.tier}>
              {t(`loyaltyAdmin.tiers.${threshold.tier}`)} —{' '}
              {t('loyaltyAdmin.pointsCount', {
                count: threshold.points ?? 0,
                formatted: formatNumber(threshold.points ?? 0, i18n.language),
              })}
            </option>
          ))}
        </SelectField>
        <TextField
          id={`${id}-points`}
          label={t('loyaltyAdmin.newPoints')}
          type="number"
          min={1}
          step={1}
          required
          value={points}
          error={errors.points}
          onChange={(event) => setPoints(event.target.value)}
        />
        <div>
          <TextField
            id={`${id}-effective`}
            label={t('loyaltyAdmin.effectiveOn')}
            type="date"
            value={effectiveOn}
            error={errors.effectiveOn}
            aria-describedby={describedBy(`${id}-effective`, errors.effectiveOn)}
            onChange={(event) => setEffectiveOn(event.target.value)}
          />
          <p id={`${id}-effective-hint`} className="field-hint">
            {current !== null && Number(points) > 0 && Number(points) < current
              ? t('loyaltyAdmin.effectiveHintDecrease')
              : t('loyaltyAdmin.effectiveHint', { date: earliest })}
          </p>
        </div>
        <div>
          <TextField
            id={`${id}-protection`}
            label={t('loyaltyAdmin.protectionUntil')}
            type="date"
            value={protectionUntil}
            error={errors.protectionUntil}
            aria-describedby={describedBy(`${id}-protection`, errors.protectionUntil)}
            onChange={(event) => setProtectionUntil(event.target.value)}
          />
          <p id={`${id}-protection-hint`} className="field-hint">
            {t('loyaltyAdmin.protectionHint', { count: catalogue.notice.protectionMonths })}
          </p>
        </div>
        <div className="field-wide">
          <TextField
            id={`${id}-reason`}
            label={t('loyaltyAdmin.reason')}
            required
            minLength={3}
            maxLength={500}
            value={reason}
            error={errors.reason}
            aria-describedby={describedBy(`${id}-reason`, errors.reason)}
            onChange={(event) => setReason(event.target.value)}
          />
          <p id={`${id}-reason-hint`} className="field-hint">
            {t('loyaltyAdmin.reasonHint')}
          </p>
        </div>
        {schedule.isError ? (
          <div className="field-wide">
            {firstError ? (
              <ErrorAlert
                error={schedule.error}
                summary={t('loyaltyAdmin.errors.refused')}
                hideDetail
                extraMessages={Object.values(errors)}
              />
            ) : (
              <ErrorAlert error={schedule.error} />
            )}
          </div>
        ) : null}
        <div className="form-actions">
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={schedule.isPending}>
              {t('loyaltyAdmin.schedule')}
            </button>
            <button type="button" className="button button-secondary" onClick={onCancel}>
              {t('loyaltyAdmin.cancel')}
            </button>
          </div>
        </div>
      </form>
    </section>
  );
}

function AddRewardForm() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [nameFr, setNameFr] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [points, setPoints] = useState<Record<Tier, string>>({ essentiel: '', argent: '', or: '' });
  const [added, setAdded] = useState<string | null>(null);
  const create = useCreateReward((reward) => {
    setAdded(reward.code);
    setCode('');
    setNameFr('');
    setNameEn('');
    setPoints({ essentiel: '', argent: '', or: '' });
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    const thresholds: Partial<Record<Tier, number>> = {};
    for (const tier of TIERS) if (points[tier].trim()) thresholds[tier] = Number(points[tier]);
    create.mutate({ code: code.trim(), nameFr: nameFr.trim(), nameEn: nameEn.trim(), thresholds });
  };
  const apiError = create.error instanceof ApiError ? create.error : null;
  const errors = fieldErrorsByName(apiError?.problem?.errors ?? []);
  if (apiError?.status === 409) errors.code = t('loyaltyAdmin.errors.codeTaken', { code: code.trim() });
  if (errors.thresholds) errors.thresholds = t('loyaltyAdmin.errors.oneTier');
  return (
    <section className="section" aria-labelledby="reward-add-heading">
      <h3 id="reward-add-heading">{t('loyaltyAdmin.addRewardTitle')}</h3>
      <p className="muted">{t('loyaltyAdmin.addRewardIntro')}</p>
      <form className="form-grid" onSubmit={submit}>
        <div>
          <TextField
            id="reward-add-code"
            label={t('loyaltyAdmin.code')}
            required
            pattern="[a-z0-9\-]{2,60}"
            value={code}
            error={errors.code}
            aria-describedby={describedBy('reward-add-code', errors.code)}
            onChange={(event) => setCode(event.target.value)}
          />
          <p id="reward-add-code-hint" className="field-hint">
            {t('loyaltyAdmin.codeHint')}
          </p>
        </div>
        <TextField
          id="reward-add-name-fr"
          label={t('loyaltyAdmin.nameFr')}
          required
          maxLength={200}
          value={nameFr}
          error={errors.nameFr}
          onChange={(event) => setNameFr(event.target.value)}
        />
        <TextField
          id="reward-add-name-en"
          label={t('loyaltyAdmin.nameEn')}
          required
          maxLength={200}
          value={nameEn}
          error={errors.nameEn}
          onChange={(event) => setNameEn(event.target.value)}
        />
        <fieldset className="field field-wide">
          <legend>{t('loyaltyAdmin.thresholdsLegend')}</legend>
          <div className="form-grid">
            {TIERS.map((tier) => (
              <TextField
                key={tier}
                id={`reward-add-${tier}`}
                label={t('loyaltyAdmin.pointsFor', { tier: t(`loyaltyAdmin.tiers.${tier}`) })}
                type="number"
                min={1}
                step={1}
                value={points[tier]}
                error={errors[tier]}
                onChange={(event) => setPoints({ ...points, [tier]: event.target.value })}
              />
            ))}
          </div>
          {errors.thresholds ? <p className="field-error">{errors.thresholds}</p> : null}
        </fieldset>
        {create.isError ? (
          <div className="field-wide">
            <ErrorAlert error={create.error} hideDetail={Boolean(apiError?.problem?.errors?.length)} />
          </div>
        ) : null}
        {added ? (
          <p className="alert alert-success field-wide" role="status">
            {t('loyaltyAdmin.rewardAdded', { code: added })}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {t('loyaltyAdmin.addReward')}
          </button>
        </div>
      </form>
    </section>
  );
}

function Points({ value }: { value: number }) {
  const { t, i18n } = useTranslation();
  return <>{t('loyaltyAdmin.pointsCount', { count: value, formatted: formatNumber(value, i18n.language) })}</>;
}

/** The catalogue with thresholds per tier, the announced changes, and the forms to change it. */
export function RewardsAdminSection() {
  const { t, i18n } = useTranslation();
  const catalogue = useRewardCatalogue();
  const [changing, setChanging] = useState<string | null>(null);
  const [done, setDone] = useState<{ result: ThresholdChangeResult; reward: string } | null>(null);
  const reward = changing ? catalogue.data?.items.find((item) => item.id === changing) : undefined;
  const announced = (catalogue.data?.items ?? []).flatMap((item) =>
    item.thresholds.flatMap((threshold) =>
      threshold.announced.map((change) => ({ reward: item, tier: threshold.tier, change })),
    ),
  );

  return (
    <section className="section" aria-labelledby="rewards-heading">
      <h2 id="rewards-heading">{t('loyaltyAdmin.rewardsTitle')}</h2>
      {catalogue.data ? (
        <p className="muted">
          {t('loyaltyAdmin.noticeRule', {
            count: catalogue.data.notice.months,
            date: formatDate(dayIso(catalogue.data.notice.earliestIncreaseOn), i18n.language),
            distance: formatNumber(catalogue.data.notice.protectionDistancePoints, i18n.language),
          })}
        </p>
      ) : null}
      {done ? (
        <div className="alert alert-success" role="status">
          <p className="alert-summary">
            {t('loyaltyAdmin.scheduled', {
              reward: done.reward,
              tier: t(`loyaltyAdmin.tiers.${done.result.tier}`),
              from: formatNumber(done.result.previousPoints, i18n.language),
              to: formatNumber(done.result.points, i18n.language),
              date: formatDate(done.result.effectiveFrom, i18n.language),
            })}
          </p>
          <p>
            {t('loyaltyAdmin.notified', { count: done.result.notified, members: done.result.membersInTier })}{' '}
            {done.result.protectionUntil
              ? t('loyaltyAdmin.protectedResult', {
                  count: done.result.protectedMembers,
                  date: formatDate(lastProtectedDay(done.result.protectionUntil), i18n.language),
                })
              : null}
          </p>
        </div>
      ) : null}
      {catalogue.isPending ? (
        <Loading />
      ) : catalogue.isError ? (
        <ErrorAlert error={catalogue.error} onRetry={() => void catalogue.refetch()} />
      ) : catalogue.data.items.length === 0 ? (
        <p className="empty-state">{t('loyaltyAdmin.noRewards')}</p>
      ) : (
        <TableRegion caption={t('loyaltyAdmin.rewardsCaption')} hideCaption stackOnMobile>
          <thead>
            <tr>
              <th scope="col">{t('loyaltyAdmin.reward')}</th>
              {TIERS.map((tier) => (
                <th scope="col" key={tier} className="numeric">
                  {t(`loyaltyAdmin.tiers.${tier}`)}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">{t('loyaltyAdmin.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody data-testid="reward-catalogue">
            {catalogue.data.items.map((item) => (
              <tr key={item.id}>
                <th scope="row" data-label={t('loyaltyAdmin.reward')}>
                  {rewardName(item, i18n.language)} <span className="mono">{item.code}</span>
                </th>
                {item.thresholds.map((threshold) => (
                  <td key={threshold.tier} data-label={t(`loyaltyAdmin.tiers.${threshold.tier}`)} className="numeric">
                    {threshold.points === null ? (
                      <span className="muted">{t('loyaltyAdmin.notOffered')}</span>
                    ) : (
                      <Points value={threshold.points} />
                    )}
                    {threshold.announced.map((change) => (
                      <span key={change.id} className="muted">
                        <br />
                        {t('loyaltyAdmin.thenShort', {
                          points: formatNumber(change.points, i18n.language),
                          date: formatDate(change.effectiveFrom, i18n.language),
                        })}
                      </span>
                    ))}
                  </td>
                ))}
                <td>
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-label={t('loyaltyAdmin.changeThresholdOf', { reward: rewardName(item, i18n.language) })}
                    onClick={() => {
                      setDone(null);
                      setChanging(item.id);
                    }}
                  >
                    {t('loyaltyAdmin.changeThreshold')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
      {reward && catalogue.data ? (
        <ScheduleChangeForm
          key={reward.id}
          reward={reward}
          catalogue={catalogue.data}
          onCancel={() => setChanging(null)}
          onDone={(result) => {
            setChanging(null);
            setDone({ result, reward: rewardName(reward, i18n.language) });
          }}
        />
      ) : null}
      <h3 className="subsection-heading">{t('loyaltyAdmin.announcedTitle')}</h3>
      {catalogue.data && announced.length === 0 ? (
        <p className="empty-state">{t('loyaltyAdmin.noAnnounced')}</p>
      ) : announced.length > 0 ? (
        <TableRegion caption={t('loyaltyAdmin.announcedTitle')} hideCaption stackOnMobile>
          <thead>
            <tr>
              <th scope="col">{t('loyaltyAdmin.reward')}</th>
              <th scope="col">{t('loyaltyAdmin.tier')}</th>
              <th scope="col">{t('loyaltyAdmin.change')}</th>
              <th scope="col">{t('loyaltyAdmin.effectiveFrom')}</th>
              <th scope="col">{t('loyaltyAdmin.protection')}</th>
              <th scope="col">{t('loyaltyAdmin.reason')}</th>
            </tr>
          </thead>
          <tbody data-testid="announced-changes">
            {announced.map(({ reward: item, tier, change }) => (
              <tr key={change.id}>
                <th scope="row" data-label={t('loyaltyAdmin.reward')}>
                  {rewardName(item, i18n.language)}
                </th>
                <td data-label={t('loyaltyAdmin.tier')}>{t(`loyaltyAdmin.tiers.${tier}`)}</td>
                <td data-label={t('loyaltyAdmin.change')}>
                  {change.previousPoints === null
                    ? t('loyaltyAdmin.toPoints', { to: formatNumber(change.points, i18n.language) })
                    : t('loyaltyAdmin.fromTo', {
                        from: formatNumber(change.previousPoints, i18n.language),
                        to: formatNumber(change.points, i18n.language),
                      })}
                </td>
                <td data-label={t('loyaltyAdmin.effectiveFrom')}>{formatDate(change.effectiveFrom, i18n.language)}</td>
                <td data-label={t('loyaltyAdmin.protection')}>
                  {change.protectionUntil
                    ? change.protectedMembers === undefined
                      ? t('loyaltyAdmin.protectedUntil', {
                          date: formatDate(lastProtectedDay(change.protectionUntil), i18n.language),
                        })
                      : t('loyaltyAdmin.protectedMembersUntil', {
                          count: change.protectedMembers,
                          date: formatDate(lastProtectedDay(change.protectionUntil), i18n.language),
                        })
                    : t('loyaltyAdmin.noProtection')}
                </td>
                <td data-label={t('loyaltyAdmin.reason')}>{change.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      ) : null}
      <AddRewardForm />
    </section>
  );
}
