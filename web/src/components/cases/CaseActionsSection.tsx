import { useTranslation } from 'react-i18next';
import type { CaseFile } from '../../api/caseTypes';
import { PostponeForm, StatusChangeForm } from './CaseActions';
import { ReassignForm } from './ReassignForm';

/** Staff: change the status, postpone the promise with a reason the customer sees, hand the case over. */
export function CaseActionsSection({ file }: { file: CaseFile }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="case-actions-heading" className="section">
      <h2 id="case-actions-heading">{t('caseActions.heading')}</h2>
      <div className="actions-grid">
        <StatusChangeForm file={file} />
        <PostponeForm file={file} />
        <ReassignForm file={file} />
      </div>
    </section>
  );
}
