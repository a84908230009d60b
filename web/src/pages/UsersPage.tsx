import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../api/types';
import { useUsers } from '../api/users';
import { CreateUserForm } from '../components/CreateUserForm';
import { ErrorAlert, LoadMoreButton, Loading } from '../components/StatusMessages';
import { TableRegion } from '../components/TableRegion';
import { TokenDialog } from '../components/TokenDialog';
import { usePageTitle } from '../components/usePageTitle';

export function UsersPage() {
  const { t } = useTranslation();
  usePageTitle(t('users.title'));
  const users = useUsers();
  const [tokenUser, setTokenUser] = useState<User | null>(null);
  const rows = users.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <h1>{t('users.title')}</h1>
      <section aria-labelledby="users-list-heading" className="section">
        <h2 id="users-list-heading">{t('users.listTitle')}</h2>
        {users.isPending ? (
          <Loading />
        ) : users.isError ? (
          <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />
        ) : rows.length === 0 ? (
          <p className="empty-state">{t('users.empty')}</p>
        ) : (
          <>
            <TableRegion caption={t('users.listTitle')} hideCaption>
              <thead>
                <tr>
                  <th scope="col">{t('users.columns.name')}</th>
                  <th scope="col">{t('users.columns.email')}</th>
                  <th scope="col">{t('users.columns.role')}</th>
                  <th scope="col">{t('users.columns.site')}</th>
                  <th scope="col">{t('users.columns.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((user) => (
                  <tr key={user.id}>
                    <th scope="row">{user.displayName}</th>
                    <td className="break">{user.email}</td>
                    <td>{t(`roles.${user.role}`, { defaultValue: user.role })}</td>
                    <td>{user.site?.name ?? t('users.noSite')}</td>
                    <td>
                      <button type="button" className="button button-small" onClick={() => setTokenUser(user)}>
                        {t('users.createToken')}
                        <span className="visually-hidden">
                          {' '}
                          {t('users.createTokenFor', { name: user.displayName })}
                        </span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </TableRegion>
            <LoadMoreButton
              hasNextPage={users.hasNextPage}
              isFetchingNextPage={users.isFetchingNextPage}
              onLoadMore={() => void users.fetchNextPage()}
            />
          </>
        )}
        {tokenUser ? <TokenDialog key={tokenUser.id} user={tokenUser} onClose={() => setTokenUser(null)} /> : null}
      </section>
      <section aria-labelledby="create-user-heading" className="section">
        <h2 id="create-user-heading">{t('users.createTitle')}</h2>
        <CreateUserForm />
      </section>
    </>
  );
}
