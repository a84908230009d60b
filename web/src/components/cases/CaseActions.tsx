import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CaseChange, type CaseFile, type CaseStatus, STATUS_TRANSITIONS } from '../../api/caseTypes';
import { useReloadCase, useUpdateCase } from '../../api/cases';
import { ApiError } from '../../api/client';
import { isFinished } from '../../format/cases';
import { SelectField, TextField } from '../FormField';
import { ErrorAlert } from '../StatusMessages';
import { splitFieldErrors } from './fieldErrors';

const STATUS_FIELDS = ['status', 'reason'] as const;
const PROMISE_FIELDS = ['dueDate', 'reason', 'promise'] as const;

/** Sends one change with the version read; a 409 says so and reads the case again. */
export function useCaseChange(file: CaseFile) {
  const update = useUpdateCase(file.id, file.customerId);
  const reload = useReloadCase(file.id);
  const [done, setDone] = useState(false);
  const conflict = update.error instanceof ApiError && update.error.status === 409;
  const send = (change: Omit<CaseChange, 'version'>, onSuccess: () => void) => {
    setDone(false);
    update.mutate(
      { ...change, version: file.version },
      {
        onSuccess: () => {
          setDone(true);
          onSuccess();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 409) void reload();
        },
      },
    );
  };
  return { update, conflict, done, send, reload };
}

export function ChangeFeedback({ change }: { change: ReturnType<typeof useCaseChange> }) {
  const { t } = useTranslation();
  const { update, conflict, done, reload } = change;
  if (conflict) {
    return (
      <div className="alert alert-error" role="alert">
        <p className="alert-summary">{t('caseActions.conflict')}</p>
        <button type="button" className="button button-secondary" onClick={() => void reload()}>
          {t('caseActions.reload')}
        </button>
      </div>
    );
  }
  if (update.isError) return <ErrorAlert error={update.error} />;
  return (
    <p role="status" className={done ? 'alert alert-success' : 'visually-hidden'}>
      {done ? t('caseActions.saved') : ''}
    </p>
  );
}

export function StatusChangeForm({ file }: { file: CaseFile }) {
  const { t } = useTranslation();
  const change = useCaseChange(file);
  const choices = STATUS_TRANSITIONS[file.status];
  const [status, setStatus] = useState<CaseStatus | ''>('');
  const [reason, setReason] = useState('');
  const errors = splitFieldErrors(change.update.error, STATUS_FIELDS);
  if (choices.length === 0) return <p className="empty-state">{t('caseActions.noTransitions')}</p>;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!status) return;
    const trimmed = reason.trim();
    change.send({ status, ...(trimmed ? { reason: trimmed } : {}) }, () => {
      setStatus('');
      setReason('');
    });
  }

  return (
    <form className="form-grid" onSubmit={handleSubmit} aria-labelledby="status-change-heading">
      <h3 id="status-change-heading" className="form-title">
        {t('caseActions.statusHeading')}
      </h3>
      <SelectField
        id="status-change-status"
        label={t('caseActions.newStatus')}
        required
        value={status}
        error={errors.byName.status}
        onChange={(event) => setStatus(choices.find((choice) => choice === event.target.value) ?? '')}
      >
        <option value="">{t('caseActions.chooseStatus')}</option>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {t(`caseStatuses.${choice}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        id="status-change-reason"
        label={status === 'waiting_on_customer' ? t('caseActions.waitingReason') : t('caseActions.reason')}
        required={status === 'waiting_on_customer'}
        maxLength={1000}
        value={reason}
        error={errors.byName.reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <div className="form-actions">
        <ChangeFeedback change={change} />
        <button type="submit" className="button button-primary" disabled={change.update.isPending}>
          {change.update.isPending ? t('caseActions.submitting') : t('caseActions.submitStatus')}
        </button>
      </div>
    </form>
  );
}

export function PostponeForm({ file }: { file: CaseFile }) {
  const { t } = useTranslation();
  const change = useCaseChange(file);
  const [dueDate, setDueDate] = useState('');
  const [reason, setReason] = useState('');
  const errors = splitFieldErrors(change.update.error, PROMISE_FIELDS);
  if (isFinished(file)) return null;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    change.send({ promise: { dueDate, reason: reason.trim() } }, () => {
      setDueDate('');
      setReason('');
    });
  }

  return (
    <form className="form-grid" onSubmit={handleSubmit} aria-labelledby="postpone-heading">
      <h3 id="postpone-heading" className="form-title">
        {t('caseActions.postponeHeading')}
      </h3>
      <TextField
        id="postpone-date"
        label={t('caseActions.newDate')}
        type="date"
        required
        value={dueDate}
        error={errors.byName.dueDate ?? errors.byName.promise}
        onChange={(event) => setDueDate(event.target.value)}
      />
      <TextField
        id="postpone-reason"
        label={t('caseActions.postponeReason')}
        required
        maxLength={1000}
        value={reason}
        error={errors.byName.reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <div className="form-actions">
        <ChangeFeedback change={change} />
        <button type="submit" className="button button-primary" disabled={change.update.isPending}>
          {change.update.isPending ? t('caseActions.submitting') : t('caseActions.submitPostpone')}
        </button>
      </div>
    </form>
  );
}
