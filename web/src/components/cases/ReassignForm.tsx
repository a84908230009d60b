import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseFile } from '../../api/caseTypes';
import { useOwnerCandidates } from '../../api/cases';
import { isFinished } from '../../format/cases';
import { SelectField, TextField } from '../FormField';
import { ErrorAlert } from '../StatusMessages';
import { ChangeFeedback, useCaseChange } from './CaseActions';
import { splitFieldErrors } from './fieldErrors';

const FIELDS = ['ownerId', 'reason'] as const;

/** Hands the case to another named advisor; the customer then sees the new name, the history keeps both. */
export function ReassignForm({ file }: { file: CaseFile }) {
  const { t } = useTranslation();
  const change = useCaseChange(file);
  const finished = isFinished(file);
  const candidates = useOwnerCandidates(file.id, !finished);
  const [ownerId, setOwnerId] = useState('');
  const [reason, setReason] = useState('');
  const errors = splitFieldErrors(change.update.error, FIELDS);
  if (finished) return null;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!ownerId) return;
    const trimmed = reason.trim();
    change.send({ ownerId, ...(trimmed ? { reason: trimmed } : {}) }, () => {
      setOwnerId('');
      setReason('');
    });
  }

  const others = candidates.data?.items.filter((candidate) => !candidate.isOwner) ?? [];
  return (
    <form className="form-grid" onSubmit={handleSubmit} aria-labelledby="reassign-heading">
      <h3 id="reassign-heading" className="form-title">
        {t('caseActions.reassignHeading')}
      </h3>
      {candidates.isError ? <ErrorAlert error={candidates.error} onRetry={() => void candidates.refetch()} /> : null}
      <SelectField
        id="reassign-owner"
        label={t('caseActions.newOwner')}
        required
        value={ownerId}
        error={errors.byName.ownerId}
        disabled={candidates.isPending}
        onChange={(event) => setOwnerId(event.target.value)}
      >
        <option value="">{candidates.isPending ? t('caseActions.loadingOwners') : t('caseActions.chooseOwner')}</option>
        {others.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>
            {t('caseActions.ownerOption', {
              name: candidate.displayName,
              site: candidate.site?.name ?? '—',
              count: candidate.openCases,
            })}
          </option>
        ))}
      </SelectField>
      <TextField
        id="reassign-reason"
        label={t('caseActions.reassignReason')}
        maxLength={1000}
        value={reason}
        error={errors.byName.reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <div className="form-actions">
        <ChangeFeedback change={change} />
        <button type="submit" className="button button-primary" disabled={change.update.isPending || !ownerId}>
          {change.update.isPending ? t('caseActions.submitting') : t('caseActions.submitReassign')}
        </button>
      </div>
    </form>
  );
}
