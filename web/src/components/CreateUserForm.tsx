import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsByName } from '../api/errorMessage';
import { ApiError } from '../api/client';
import { useSites } from '../api/organisation';
import { ROLES, type NewUser, type Role } from '../api/types';
import { useCreateUser } from '../api/users';
import { SelectField, TextField } from './FormField';
import { ErrorAlert } from './StatusMessages';

const FORM_FIELDS = new Set(['email', 'displayName', 'role', 'siteId', 'password']);

const EMPTY_FORM: NewUser = { email: '', displayName: '', role: 'advisor', siteId: null, password: '' };

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function CreateUserForm() {
  const { t } = useTranslation();
  const sites = useSites();
  const createUser = useCreateUser();
  const [form, setForm] = useState<NewUser>(EMPTY_FORM);
  const [createdName, setCreatedName] = useState<string | null>(null);

  const fieldErrors =
    createUser.error instanceof ApiError ? fieldErrorsByName(createUser.error.problem?.errors ?? []) : {};

  const otherFieldErrors = Object.entries(fieldErrors)
    .filter(([name]) => !FORM_FIELDS.has(name))
    .map(([name, message]) => `${name} : ${message}`);

  function update<K extends keyof NewUser>(key: K, value: NewUser[K]) {
    setForm((previous) => ({ ...previous, [key]: value }));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreatedName(null);
    createUser.mutate(
      { ...form, email: form.email.trim(), displayName: form.displayName.trim() },
      {
        onSuccess: (user) => {
          setCreatedName(user.displayName);
          setForm(EMPTY_FORM);
        },
      },
    );
  }

  return (
    <form className="form-grid" onSubmit={handleSubmit} aria-labelledby="create-user-heading">
      <TextField
        id="new-user-email"
        label={t('users.email')}
        type="email"
        autoComplete="off"
        required
        value={form.email}
        error={fieldErrors.email}
        onChange={(event) => update('email', event.target.value)}
      />
      <TextField
        id="new-user-display-name"
        label={t('users.displayName')}
        type="text"
        autoComplete="off"
        required
        value={form.displayName}
        error={fieldErrors.displayName}
        onChange={(event) => update('displayName', event.target.value)}
      />
      <SelectField
        id="new-user-role"
        label={t('users.role')}
        value={form.role}
        error={fieldErrors.role}
        onChange={(event) => isRole(event.target.value) && update('role', event.target.value)}
      >
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`roles.${role}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        id="new-user-site"
        label={t('users.site')}
        value={form.siteId ?? ''}
        error={fieldErrors.siteId}
        required
        aria-busy={sites.isPending}
        onChange={(event) => update('siteId', event.target.value || null)}
      >
        <option value="">{t('users.chooseSite')}</option>
        {sites.data?.items.map((site) => (
          <option key={site.id} value={site.id}>
            {site.name} ({t(`siteKinds.${site.kind}`, { defaultValue: site.kind })})
          </option>
        ))}
      </SelectField>
      <TextField
        id="new-user-password"
        label={t('users.password')}
        type="password"
        autoComplete="new-password"
        required
        value={form.password}
        error={fieldErrors.password}
        onChange={(event) => update('password', event.target.value)}
      />
      <div className="form-actions">
        {createUser.isError ? <ErrorAlert error={createUser.error} extraMessages={otherFieldErrors} /> : null}
        {sites.isError ? <ErrorAlert error={sites.error} onRetry={() => void sites.refetch()} /> : null}
        <p role="status" className={createdName ? 'alert alert-success' : 'visually-hidden'}>
          {createdName ? t('users.created', { name: createdName }) : ''}
        </p>
        <button type="submit" className="button button-primary" disabled={createUser.isPending}>
          {createUser.isPending ? t('users.submitting') : t('users.submit')}
        </button>
      </div>
    </form>
  );
}
