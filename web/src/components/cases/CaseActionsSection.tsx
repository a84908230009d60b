import { useTranslation } from 'react-i18next';
import type { CaseFile } from '../../api/caseTypes';
import { PostponeForm, StatusChangeForm } from './CaseActions';

/** Staff: change the status, or postpone the promise with a reason the customer sees. */
export function CaseActionsSection({ file }: { file: CaseFile }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="case-actions-heading" className="section">
      <h2 id="case-actions-heading">{t('caseActions.heading')}</h2>
      <div className="actions-grid">
        <StatusChangeForm file={file} />
        <PostponeForm file={file} />
      </div>
    </section>
  );
}
