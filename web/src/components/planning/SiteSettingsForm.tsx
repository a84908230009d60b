import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PlanningQueue, type PlanningSite, type SiteSettings, useSaveSiteSettings } from '../../api/planning';
import { TextField } from '../FormField';
import { queueName, useLocale } from './PlanningParts';

import {
  SaveError,
  WEEKDAYS,
  errorsByPath,
  fromPercent,
  numberOrNull,
  orphanMessages,
  toPercent,
  useFocusOnOpen,
} from './settingsFormParts';

interface SiteFields {
  seats: string;
  cost: string;
  shrinkage: string;
  opensAt: string;
  closesAt: string;
  weekdays: number[];
  languages: string;
  /** By queue code: served or not, and the figures typed. */
  queues: Record<string, { served: boolean; seats: string; minimum: string; aht: string }>;
}

function siteFields(site: PlanningSite, queues: PlanningQueue[]): SiteFields {
  return {
    seats: String(site.seats),
    cost: site.costPerProductiveHour === null ? '' : String(site.costPerProductiveHour),
    shrinkage: site.shrinkage === null ? '' : toPercent(site.shrinkage),
    opensAt: site.opensAt ?? '08:00',
    closesAt: site.closesAt ?? '20:00',
    weekdays: site.openWeekdays,
    languages: site.languages.join(', '),
    queues: Object.fromEntries(
      queues.map((q) => {
        const link = site.queues.find((l) => l.queueId === q.id);
        return [
          q.code,
          {
            served: link !== undefined,
            seats: link ? String(link.seats) : '0',
            minimum: link ? String(link.minimumCallsPerHour) : '0',
            aht: link?.ahtSeconds ? String(link.ahtSeconds) : '',
          },
        ];
      }),
    ),
  };
}

/**
 * A site's planning settings: seats, hours, cost, shrinkage, languages and the queues it serves with
 * the seats dedicated to each and the contract's minimum. Guarded by the updatedAt read, like queues.
 */
export function SiteSettingsForm({
  site,
  queues,
  onSaved,
  onCancel,
  onReload,
}: {
  site: PlanningSite;
  queues: PlanningQueue[];
  onSaved: (site: PlanningSite) => void;
  onCancel: () => void;
  onReload: () => Promise<PlanningSite | undefined>;
}) {
  const { t } = useTranslation();
  const f = useLocale();
  const id = useId();
  const [base, setBase] = useState(site);
  const [fields, setFields] = useState(() => siteFields(site, queues));
  const save = useSaveSiteSettings(onSaved);
  const title = useFocusOnOpen();
  const { byPath, all } = errorsByPath(save.error);
  const served = queues.filter((q) => fields.queues[q.code]?.served);
  /** Index of each served queue in the body sent, to find its errors ("queues.1.seats"). */
  const indexOf = (code: string) => served.findIndex((q) => q.code === code);
  const set =
    (name: 'seats' | 'cost' | 'shrinkage' | 'opensAt' | 'closesAt' | 'languages') =>
    (event: { target: { value: string } }) =>
      setFields((current) => ({ ...current, [name]: event.target.value }));
  const setQueue = (code: string, change: Partial<SiteFields['queues'][string]>) =>
    setFields((current) => ({
      ...current,
      queues: {
        ...current.queues,
        [code]: { ...(current.queues[code] ?? { served: false, seats: '0', minimum: '0', aht: '' }), ...change },
      },
    }));
  const toggleDay = (day: number) =>
    setFields((current) => ({
      ...current,
      weekdays: current.weekdays.includes(day)
        ? current.weekdays.filter((d) => d !== day)
        : [...current.weekdays, day].sort(),
    }));
  const topLevel = ['seats', 'costPerProductiveHour', 'shrinkage', 'opensAt', 'closesAt', 'openWeekdays', 'languages'];
  const queueLevel = /^queues(\.\d+\.(seats|minimumCallsPerHour|ahtSeconds))?$/;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: SiteSettings = {
      seats: numberOrNull(fields.seats) as number,
      costPerProductiveHour: numberOrNull(fields.cost) as number,
      shrinkage: fromPercent(fields.shrinkage) as number,
      opensAt: fields.opensAt.trim(),
      closesAt: fields.closesAt.trim(),
      openWeekdays: fields.weekdays,
      languages: fields.languages
        .split(/[\s,;]+/)
        .map((l) => l.trim().toLowerCase())
        .filter(Boolean),
      queues: served.map((q) => {
        const typed = fields.queues[q.code];
        return {
          queue: q.code,
          seats: numberOrNull(typed?.seats ?? '') as number,
          minimumCallsPerHour: numberOrNull(typed?.minimum ?? '') ?? 0,
          ahtSeconds: numberOrNull(typed?.aht ?? ''),
        };
      }),
      expectedUpdatedAt: base.updatedAt,
    };
    save.mutate({ code: base.code, body });
  };
  const reload = async () => {
    const fresh = await onReload();
    if (!fresh) return;
    setBase(fresh);
    setFields(siteFields(fresh, queues));
    save.reset();
  };

  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 className="form-title" id={`${id}-title`} ref={title} tabIndex={-1}>
        {t('planningSettings.editSite', { name: base.name })}
      </h3>
      {save.error ? (
        <div className="field-wide">
          <SaveError
            error={save.error}
            onReload={() => void reload()}
            extraMessages={orphanMessages(all, (path) => topLevel.includes(path) || queueLevel.test(path))}
          />
        </div>
      ) : null}
      <TextField
        id={`${id}-seats`}
        label={t('planningSettings.siteForm.seats')}
        type="number"
        inputMode="numeric"
        value={fields.seats}
        onChange={set('seats')}
        error={byPath.seats}
      />
      <TextField
        id={`${id}-cost`}
        label={t('planningSettings.siteForm.cost')}
        type="number"
        step="any"
        inputMode="decimal"
        value={fields.cost}
        onChange={set('cost')}
        error={byPath.costPerProductiveHour}
      />
      <TextField
        id={`${id}-shrinkage`}
        label={t('planningSettings.siteForm.shrinkage')}
        type="number"
        step="any"
        inputMode="decimal"
        value={fields.shrinkage}
        onChange={set('shrinkage')}
        error={byPath.shrinkage}
      />
      <TextField
        id={`${id}-opens`}
        label={t('planningSettings.siteForm.opensAt')}
        placeholder="08:00"
        value={fields.opensAt}
        onChange={set('opensAt')}
        error={byPath.opensAt}
      />
      <TextField
        id={`${id}-closes`}
        label={t('planningSettings.siteForm.closesAt')}
        placeholder="20:00"
        value={fields.closesAt}
        onChange={set('closesAt')}
        error={byPath.closesAt}
      />
      <TextField
        id={`${id}-languages`}
        label={t('planningSettings.siteForm.languages')}
        value={fields.languages}
        onChange={set('languages')}
        error={byPath.languages}
      />
      <fieldset className="field-wide" aria-describedby={byPath.openWeekdays ? `${id}-weekdays-error` : undefined}>
        <legend>{t('planningSettings.siteForm.weekdays')}</legend>
        <p className="field-hint">{t('planningSettings.siteForm.hoursHint')}</p>
        <div className="button-row">
          {WEEKDAYS.map((day) => (
            <label key={day}>
              <input type="checkbox" checked={fields.weekdays.includes(day)} onChange={() => toggleDay(day)} />
              {t(`planningSettings.weekdays.${day}`)}
            </label>
          ))}
        </div>
        {byPath.openWeekdays ? (
          <p id={`${id}-weekdays-error`} className="field-error">
            {byPath.openWeekdays}
          </p>
        ) : null}
      </fieldset>
      <fieldset className="field-wide" aria-describedby={byPath.queues ? `${id}-queues-error` : undefined}>
        <legend>{t('planningSettings.siteForm.queues')}</legend>
        {byPath.queues ? (
          <p id={`${id}-queues-error`} className="field-error">
            {byPath.queues}
          </p>
        ) : null}
        {queues.map((q) => {
          const typed = fields.queues[q.code] ?? { served: false, seats: '0', minimum: '0', aht: '' };
          const index = indexOf(q.code);
          const error = (field: string) => (index >= 0 ? byPath[`queues.${index}.${field}`] : undefined);
          return (
            <fieldset key={q.code} className="form-grid">
              <legend>{queueName(q, f.english)}</legend>
              <label className="field-wide">
                <input
                  type="checkbox"
                  checked={typed.served}
                  onChange={(event) => setQueue(q.code, { served: event.target.checked })}
                />
                {t('planningSettings.siteForm.serves')}
              </label>
              {typed.served ? (
                <>
                  <TextField
                    id={`${id}-${q.code}-seats`}
                    label={t('planningSettings.siteForm.queueSeats')}
                    type="number"
                    inputMode="numeric"
                    value={typed.seats}
                    onChange={(event) => setQueue(q.code, { seats: event.target.value })}
                    error={error('seats')}
                  />
                  <TextField
                    id={`${id}-${q.code}-minimum`}
                    label={t('planningSettings.siteForm.minimum')}
                    type="number"
                    step="any"
                    inputMode="decimal"
                    value={typed.minimum}
                    onChange={(event) => setQueue(q.code, { minimum: event.target.value })}
                    error={error('minimumCallsPerHour')}
                  />
                  <TextField
                    id={`${id}-${q.code}-aht`}
                    label={t('planningSettings.siteForm.aht')}
                    type="number"
                    inputMode="numeric"
                    value={typed.aht}
                    onChange={(event) => setQueue(q.code, { aht: event.target.value })}
                    error={error('ahtSeconds')}
                  />
                </>
              ) : null}
            </fieldset>
          );
        })}
      </fieldset>
      <div className="form-actions">
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? t('planningSettings.saving') : t('planningSettings.saveSite')}
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('planningSettings.cancel')}
          </button>
        </div>
      </div>
    </form>
  );
}
