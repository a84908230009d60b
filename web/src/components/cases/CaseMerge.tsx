import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMergeCase } from '../../api/caseMerge';
import type { CaseFile } from '../../api/caseTypes';
import { useCustomerCases, useReloadCase } from '../../api/cases';
import { ApiError } from '../../api/client';
import { isFinished } from '../../format/cases';
import { SelectField, TextField } from '../FormField';
import { ErrorAlert } from '../StatusMessages';
import { splitFieldErrors } from './fieldErrors';

const MERGE_FIELDS = ['intoCaseId', 'reason'] as const;

/** On a merged case: where its timeline and promise went. */
export function MergedNotice({ file }: { file: CaseFile }) {
  const { t } = useTranslation();
  if (!file.mergedInto) return null;
  return (
    <p className="alert alert-warning" role="note" data-testid="merged-notice">
      {t('caseMerge.mergedInto')}{' '}
      <Link to={`/cases/${file.mergedInto.id}`} className="mono">
        {file.mergedInto.reference}
      </Link>
    </p>
  );
}

/** Staff: merge this case into another open case of the same customer (same problem, two channels). */
export function MergeCaseForm({ file }: { file: CaseFile }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const merge = useMergeCase(file.id, file.customerId);
  const reload = useReloadCase(file.id);
  const cases = useCustomerCases(file.customerId);
  const [intoCaseId, setIntoCaseId] = useState('');
  const [reason, setReason] = useState('');
  const errors = splitFieldErrors(merge.error, MERGE_FIELDS);
  if (isFinished(file)) return null;
  const candidates = (cases.data?.pages ?? [])
    .flatMap((page) => page.items)
    .filter((other) => other.id !== file.id && !isFinished(other));
  const conflict = merge.error instanceof ApiError && merge.error.status === 409;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const into = candidates.find((other) => other.id === intoCaseId);
    if (!into) return;
    merge.mutate(
      { intoCaseId, reason: reason.trim(), version: file.version, intoVersion: into.version },
      {
        onSuccess: (surviving) => void navigate(`/cases/${surviving.id}`),
        onError: (error) => {
          if (error instanceof ApiError && error.status === 409) {
            void reload();
            void cases.refetch();
          }
        },
      },
    );
  }

  return (
    <form className="form-grid" onSubmit={handleSubmit} aria-labelledby="merge-heading">
      <h3 id="merge-heading" className="form-title">
        {t('caseMerge.heading')}
      </h3>
      {candidates.length === 0 ? (
        <p className="empty-state">{cases.isPending ? t('caseMerge.loading') : t('caseMerge.noOtherCase')}</p>
      ) : (
        <>
          <p className="muted">{t('caseMerge.explain')}</p>
          <SelectField
            id="merge-into"
            label={t('caseMerge.into')}
            required
            value={intoCaseId}
            error={errors.byName.intoCaseId}
            onChange={(event) => setIntoCaseId(event.target.value)}
          >
            <option value="">{t('caseMerge.chooseCase')}</option>
            {candidates.map((other) => (
              <option key={other.id} value={other.id}>
                {`${other.reference} · ${t(`caseTypes.${other.type}`)} · ${t(`caseStatuses.${other.status}`)}`}
              </option>
            ))}
          </SelectField>
          <TextField
            id="merge-reason"
            label={t('caseMerge.reason')}
            required
            maxLength={1000}
            value={reason}
            error={errors.byName.reason}
            onChange={(event) => setReason(event.target.value)}
          />
          <div className="form-actions">
            {conflict ? (
              <p className="alert alert-error" role="alert">
                {t('caseMerge.conflict')}
              </p>
            ) : merge.isError ? (
              <ErrorAlert error={merge.error} />
            ) : null}
            <button type="submit" className="button button-primary" disabled={merge.isPending || !intoCaseId}>
              {merge.isPending ? t('caseActions.submitting') : t('caseMerge.submit')}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
