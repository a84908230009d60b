import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScenarioDefinition } from '../../api/planning';

export interface ScenarioFormValues {
  name: string;
  definition: ScenarioDefinition;
}

/** Monday of the week after `today` (the default start of a new scenario). */
export function nextMonday(today = new Date()): string {
  const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const weekday = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() + 7 - weekday);
  return day.toISOString().slice(0, 10);
}

export function emptyDefinition(startDate: string): ScenarioDefinition {
  return {
    startDate,
    weeks: 4,
    useForecast: true,
    volumePercent: 0,
    ahtPercent: 0,
    queues: [],
    launch: null,
    sites: [],
    holidayFactor: 0.35,
  };
}

export function presets(
  startDate: string,
  t: (key: string) => string,
): Array<{ key: string; values: ScenarioFormValues }> {
  const base = emptyDefinition(startDate);
  return [
    {
      key: 'launch',
      values: {
        name: t('planning.presets.launchName'),
        definition: {
          ...base,
          weeks: 6,
          launch: {
            startDate,
            newCustomers: 400_000,
            takeUpDays: 30,
            contactsPerNewCustomer: 1.2,
            contactDecayDays: 7,
            queueShares: [
              { queue: 'mobile_sales', share: 0.4 },
              { queue: 'mobile_activation', share: 0.6 },
            ],
          },
        },
      },
    },
    {
      key: 'seats',
      values: {
        name: t('planning.presets.seatsName'),
        definition: { ...base, sites: [{ site: 'RAB', seatsDelta: -80, closed: false }] },
      },
    },
    { key: 'aht', values: { name: t('planning.presets.ahtName'), definition: { ...base, ahtPercent: 10 } } },
  ];
}

const num = (text: string) => (text.trim() === '' ? 0 : Number(text));

/** Name and definition of a scenario: horizon, changes in volume and handle time, a launch, seat changes. */
export function ScenarioForm({
  initial,
  sites,
  submitLabel,
  busy,
  onSubmit,
}: {
  initial: ScenarioFormValues;
  sites: Array<{ code: string; name: string }>;
  submitLabel: string;
  busy: boolean;
  onSubmit: (values: ScenarioFormValues) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial.name);
  const [d, setD] = useState<ScenarioDefinition>(initial.definition);
  const launch = d.launch;
  const share = (queue: string) => launch?.queueShares.find((q) => q.queue === queue)?.share ?? 0;
  const siteChange = d.sites[0];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ name, definition: d });
  };
  return (
    <form className="planning-form" onSubmit={submit}>
      <label>
        {t('planning.form.name')}
        <input required value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
      </label>
      <div className="row">
        <label>
          {t('planning.form.startDate')}
          <input type="date" required value={d.startDate} onChange={(e) => setD({ ...d, startDate: e.target.value })} />
        </label>
        <label>
          {t('planning.form.weeks')}
          <input
            type="number"
            min={1}
            max={53}
            required
            value={d.weeks}
            onChange={(e) => setD({ ...d, weeks: num(e.target.value) })}
          />
        </label>
      </div>
      <label className="checkbox">
        <span>
          <input
            type="checkbox"
            checked={d.useForecast}
            onChange={(e) => setD({ ...d, useForecast: e.target.checked })}
          />{' '}
          {t('planning.form.useForecast')}
        </span>
      </label>
      <div className="row">
        <label>
          {t('planning.form.volumePercent')}
          <input
            type="number"
            step="any"
            value={d.volumePercent}
            onChange={(e) => setD({ ...d, volumePercent: num(e.target.value) })}
          />
        </label>
        <label>
          {t('planning.form.ahtPercent')}
          <input
            type="number"
            step="any"
            value={d.ahtPercent}
            onChange={(e) => setD({ ...d, ahtPercent: num(e.target.value) })}
          />
        </label>
      </div>
      <fieldset>
        <legend>
          <label>
            <input
              type="checkbox"
              checked={launch !== null}
              onChange={(e) =>
                setD({
                  ...d,
                  launch: e.target.checked
                    ? {
                        startDate: d.startDate,
                        newCustomers: 400_000,
                        takeUpDays: 30,
                        contactsPerNewCustomer: 1.2,
                        contactDecayDays: 7,
                        queueShares: [
                          { queue: 'mobile_sales', share: 0.4 },
                          { queue: 'mobile_activation', share: 0.6 },
                        ],
                      }
                    : null,
                })
              }
            />{' '}
            {t('planning.form.launch')}
          </label>
        </legend>
        {launch ? (
          <>
            <div className="row">
              <label>
                {t('planning.form.launchStart')}
                <input
                  type="date"
                  required
                  value={launch.startDate}
                  onChange={(e) => setD({ ...d, launch: { ...launch, startDate: e.target.value } })}
                />
              </label>
              <label>
                {t('planning.form.newCustomers')}
                <input
                  type="number"
                  min={1}
                  required
                  value={launch.newCustomers}
                  onChange={(e) => setD({ ...d, launch: { ...launch, newCustomers: num(e.target.value) } })}
                />
              </label>
              <label>
                {t('planning.form.takeUpDays')}
                <input
                  type="number"
                  min={1}
                  max={365}
                  required
                  value={launch.takeUpDays}
                  onChange={(e) => setD({ ...d, launch: { ...launch, takeUpDays: num(e.target.value) } })}
                />
              </label>
              <label>
                {t('planning.form.contactsPerCustomer')}
                <input
                  type="number"
                  step="any"
                  min={0}
                  required
                  value={launch.contactsPerNewCustomer}
                  onChange={(e) => setD({ ...d, launch: { ...launch, contactsPerNewCustomer: num(e.target.value) } })}
                />
              </label>
            </div>
            <div className="row">
              {(['mobile_sales', 'mobile_activation'] as const).map((queue) => (
                <label key={queue}>
                  {t(`planning.form.share.${queue}`)}
                  <input
                    type="number"
                    step="any"
                    min={0}
                    max={1}
                    value={share(queue)}
                    onChange={(e) => {
                      const others = launch.queueShares.filter((q) => q.queue !== queue);
                      setD({
                        ...d,
                        launch: { ...launch, queueShares: [...others, { queue, share: num(e.target.value) }] },
                      });
                    }}
                  />
                </label>
              ))}
            </div>
          </>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>{t('planning.form.siteChange')}</legend>
        <div className="row">
          <label>
            {t('planning.form.site')}
            <select
              value={siteChange?.site ?? ''}
              onChange={(e) =>
                setD({
                  ...d,
                  sites: e.target.value
                    ? [{ site: e.target.value, seatsDelta: siteChange?.seatsDelta ?? 0, closed: false }]
                    : [],
                })
              }
            >
              <option value="">{t('planning.form.noSiteChange')}</option>
              {sites.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          {siteChange ? (
            <label>
              {t('planning.form.seatsDelta')}
              <input
                type="number"
                value={siteChange.seatsDelta}
                onChange={(e) => setD({ ...d, sites: [{ ...siteChange, seatsDelta: num(e.target.value) }] })}
              />
            </label>
          ) : null}
        </div>
      </fieldset>
      <div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
