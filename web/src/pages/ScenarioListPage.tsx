import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { createScenario, usePlanningSites, useScenarios } from '../api/planning';
import { PlanningTabs } from '../components/planning/PlanningParts';
import {
  ScenarioForm,
  type ScenarioFormValues,
  emptyDefinition,
  nextMonday,
  presets,
} from '../components/planning/ScenarioForm';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { TableRegion } from '../components/TableRegion';
import { usePageTitle } from '../components/usePageTitle';
import { useCurrentUser } from '../auth/currentUser';

/** Saved scenarios, a form to create one (with the usual what-ifs as presets), and the pick of two to compare. */
export function ScenarioListPage() {
  const { t } = useTranslation();
  usePageTitle(t('planning.scenarios.title'));
  const scenarios = useScenarios();
  const sites = usePlanningSites();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const user = useCurrentUser();
  const canWrite = user.role === 'planner' && user.site?.kind !== 'vendor';
  const start = nextMonday();
  const [form, setForm] = useState<{ key: string; values: ScenarioFormValues } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const aId = useId();
  const bId = useId();

  const submit = (values: ScenarioFormValues) => {
    setBusy(true);
    setError(null);
    createScenario(values.name, values.definition)
      .then(async (created) => {
        await queryClient.invalidateQueries({ queryKey: ['planning', 'scenarios'] });
        navigate(`/planning/scenarios/${created.id}`);
      })
      .catch(setError)
      .finally(() => setBusy(false));
  };

  return (
    <>
      <h1>{t('planning.scenarios.title')}</h1>
      <PlanningTabs />
      {scenarios.isPending ? (
        <Loading />
      ) : scenarios.isError ? (
        <ErrorAlert error={scenarios.error} onRetry={() => void scenarios.refetch()} />
      ) : scenarios.data.items.length === 0 ? (
        <p>{t('planning.scenarios.empty')}</p>
      ) : (
        <>
          <TableRegion caption={t('planning.scenarios.title')} hideCaption>
            <thead>
              <tr>
                <th scope="col">{t('planning.scenarios.name')}</th>
                <th scope="col">{t('planning.scenarios.version')}</th>
                <th scope="col">{t('planning.scenarios.status')}</th>
                <th scope="col">{t('planning.scenarios.by')}</th>
              </tr>
            </thead>
            <tbody>
              {scenarios.data.items.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={`/planning/scenarios/${s.id}`}>{s.name}</Link>
                    {s.isReference ? ` · ${t('planning.scenarios.reference')}` : ''}
                  </th>
                  <td>{s.version}</td>
                  <td>{s.computed ? t('planning.scenarios.computed') : t('planning.scenarios.notComputed')}</td>
                  <td>{s.createdBy ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </TableRegion>
          <h2>{t('planning.compare.title')}</h2>
          <form
            className="planning-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (a && b) navigate(`/planning/compare?a=${a}&b=${b}`);
            }}
          >
            <div className="row">
              {(
                [
                  [aId, a, setA, t('planning.compare.a')],
                  [bId, b, setB, t('planning.compare.b')],
                ] as const
              ).map(([id, value, set, label]) => (
                <label key={id} htmlFor={id}>
                  {label}
                  <select id={id} value={value} required onChange={(e) => set(e.target.value)}>
                    <option value="">—</option>
                    {scenarios.data.items
                      .filter((s) => s.computed)
                      .map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name}
                        </option>
                      ))}
                  </select>
                </label>
              ))}
            </div>
            <div>
              <button type="submit" className="button button-secondary" disabled={!a || !b || a === b}>
                {t('planning.compare.button')}
              </button>
            </div>
          </form>
        </>
      )}
      {canWrite ? (
        <>
          <h2>{t('planning.scenarios.new')}</h2>
          <p>
            {presets(start, t).map((preset) => (
              <button
                key={preset.key}
                type="button"
                className="button button-secondary"
                onClick={() => setForm({ key: `${preset.key}-${Date.now()}`, values: preset.values })}
              >
                {t(`planning.presets.${preset.key}`)}
              </button>
            ))}
            <button
              type="button"
              className="button button-secondary"
              onClick={() =>
                setForm({ key: `blank-${Date.now()}`, values: { name: '', definition: emptyDefinition(start) } })
              }
            >
              {t('planning.presets.blank')}
            </button>
          </p>
          {error ? <ErrorAlert error={error} /> : null}
          {form ? (
            <ScenarioForm
              key={form.key}
              initial={form.values}
              sites={(sites.data?.items ?? []).filter((s) => s.configured)}
              submitLabel={t('planning.scenarios.save')}
              busy={busy}
              onSubmit={submit}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}
