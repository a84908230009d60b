import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PlanningQueue, useSaveQueue } from '../../api/planning';
import { TextField } from '../FormField';
import { queueName, useLocale } from './PlanningParts';

import {
  SaveError,
  errorsByPath,
  fromPercent,
  numberOrNull,
  orphanMessages,
  toPercent,
  useFocusOnOpen,
} from './settingsFormParts';

interface QueueFields {
  nameFr: string;
  nameEn: string;
  target: string;
  seconds: string;
  aht: string;
  patience: string;
  priority: string;
}

const queueFields = (q: PlanningQueue): QueueFields => ({
  nameFr: q.nameFr,
  nameEn: q.nameEn,
  target: toPercent(q.serviceLevelTarget),
  seconds: String(q.serviceLevelSeconds),
  aht: String(q.ahtSeconds),
  patience: q.patienceSeconds === null ? '' : String(q.patienceSeconds),
  priority: String(q.priority),
});

/**
 * A queue's targets and handle time. The values come from `queue` as read when the form opened; that
 * read's updatedAt goes with the save, so a change saved meanwhile by someone else answers 409.
 */
export function QueueSettingsForm({
  queue,
  onSaved,
  onCancel,
  onReload,
}: {
  queue: PlanningQueue;
  onSaved: (queue: PlanningQueue) => void;
  onCancel: () => void;
  onReload: () => Promise<PlanningQueue | undefined>;
}) {
  const { t } = useTranslation();
  const f = useLocale();
  const id = useId();
  const [base, setBase] = useState(queue);
  const [fields, setFields] = useState(() => queueFields(queue));
  const save = useSaveQueue(onSaved);
  const title = useFocusOnOpen();
  const { byPath, all } = errorsByPath(save.error);
  const set = (name: keyof QueueFields) => (event: { target: { value: string } }) =>
    setFields((current) => ({ ...current, [name]: event.target.value }));
  const fieldNames = [
    'nameFr',
    'nameEn',
    'serviceLevelTarget',
    'serviceLevelSeconds',
    'ahtSeconds',
    'patienceSeconds',
    'priority',
  ];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      code: base.code,
      nameFr: fields.nameFr,
      nameEn: fields.nameEn,
      serviceLevelTarget: fromPercent(fields.target) as number,
      serviceLevelSeconds: numberOrNull(fields.seconds) as number,
      ahtSeconds: numberOrNull(fields.aht) as number,
      patienceSeconds: numberOrNull(fields.patience),
      priority: numberOrNull(fields.priority) as number,
      expectedUpdatedAt: base.updatedAt,
    });
  };
  const reload = async () => {
    const fresh = await onReload();
    if (!fresh) return;
    setBase(fresh);
    setFields(queueFields(fresh));
    save.reset();
  };

  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 className="form-title" id={`${id}-title`} ref={title} tabIndex={-1}>
        {t('planningSettings.editQueue', { name: queueName(base, f.english) })}
      </h3>
      {save.error ? (
        <div className="field-wide">
          <SaveError
            error={save.error}
            onReload={() => void reload()}
            extraMessages={orphanMessages(all, (path) => fieldNames.includes(path))}
          />
        </div>
      ) : null}
      <TextField
        id={`${id}-nameFr`}
        label={t('planningSettings.queueForm.nameFr')}
        value={fields.nameFr}
        onChange={set('nameFr')}
        error={byPath.nameFr}
      />
      <TextField
        id={`${id}-nameEn`}
        label={t('planningSettings.queueForm.nameEn')}
        value={fields.nameEn}
        onChange={set('nameEn')}
        error={byPath.nameEn}
      />
      <TextField
        id={`${id}-target`}
        label={t('planningSettings.queueForm.target')}
        type="number"
        step="any"
        inputMode="decimal"
        value={fields.target}
        onChange={set('target')}
        error={byPath.serviceLevelTarget}
      />
      <TextField
        id={`${id}-seconds`}
        label={t('planningSettings.queueForm.threshold')}
        type="number"
        inputMode="numeric"
        value={fields.seconds}
        onChange={set('seconds')}
        error={byPath.serviceLevelSeconds}
      />
      <TextField
        id={`${id}-aht`}
        label={t('planningSettings.queueForm.aht')}
        type="number"
        inputMode="numeric"
        value={fields.aht}
        onChange={set('aht')}
        error={byPath.ahtSeconds}
      />
      <TextField
        id={`${id}-patience`}
        label={t('planningSettings.queueForm.patience')}
        type="number"
        inputMode="numeric"
        value={fields.patience}
        onChange={set('patience')}
        error={byPath.patienceSeconds}
      />
      <TextField
        id={`${id}-priority`}
        label={t('planningSettings.queueForm.priority')}
        type="number"
        inputMode="numeric"
        value={fields.priority}
        onChange={set('priority')}
        error={byPath.priority}
      />
      <div className="form-actions">
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? t('planningSettings.saving') : t('planningSettings.saveQueue')}
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('planningSettings.cancel')}
          </button>
        </div>
      </div>
    </form>
  );
}
