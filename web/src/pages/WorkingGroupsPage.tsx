import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  type WorkingGroupDetail,
  useAddGroupMember,
  useAddMeetingNotes,
  useCreateGroup,
  useJoinGroup,
  useWorkingGroup,
  useWorkingGroups,
} from '../api/community';
import type { CustomerSummary } from '../api/types';
import { useCurrentUser } from '../auth/currentUser';
import { CustomerChoice } from '../components/CustomerChoice';
import { ErrorAlert, Loading } from '../components/StatusMessages';
import { usePageTitle } from '../components/usePageTitle';
import { formatDate } from '../format/intl';
import { parisDate } from '../format/parisTime';

const staffRoles = ['shop_staff', 'admin'];

function NewGroupForm() {
  const { t } = useTranslation();
  const create = useCreateGroup();
  const [name, setName] = useState('');
  const [question, setQuestion] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name, question },
      {
        onSuccess: () => {
          setName('');
          setQuestion('');
        },
      },
    );
  };
  return (
    <section aria-labelledby="new-group-heading" className="section">
      <h2 id="new-group-heading">{t('community.groups.open')}</h2>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="group-name">{t('community.groups.name')}</label>
          <input
            id="group-name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            maxLength={200}
          />
        </div>
        <div className="field">
          <label htmlFor="group-question">{t('community.groups.question')}</label>
          <textarea
            id="group-question"
            value={question}
            onChange={(event) => setQuestion(event.target.value)}
            required
            maxLength={1000}
          />
        </div>
        {create.isError ? <ErrorAlert error={create.error} /> : null}
        {create.isSuccess ? (
          <p className="alert alert-success" role="status">
            {t('community.groups.opened', { name: create.variables.name })}
          </p>
        ) : null}
        <button className="button button-primary" type="submit" disabled={create.isPending}>
          {t('community.groups.openSubmit')}
        </button>
      </form>
    </section>
  );
}

/** « Groupes de travail »: the groups and their question; members join, staff open new ones. */
export function WorkingGroupsPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.workingGroups'));
  const user = useCurrentUser();
  const member = user.role === 'subscriber';
  const groups = useWorkingGroups();
  const join = useJoinGroup();
  return (
    <>
      <h1>{t('nav.workingGroups')}</h1>
      <p className="lead">{t('community.groups.intro')}</p>
      {staffRoles.includes(user.role) ? <NewGroupForm /> : null}
      {join.isError ? <ErrorAlert error={join.error} /> : null}
      {groups.isPending ? (
        <Loading />
      ) : groups.isError ? (
        <ErrorAlert error={groups.error} onRetry={() => void groups.refetch()} />
      ) : groups.data.items.length === 0 ? (
        <p className="empty-state">{t('community.groups.empty')}</p>
      ) : (
        <ul className="group-list" data-testid="groups">
          {groups.data.items.map((group) => (
            <li key={group.id} className="section" aria-labelledby={`group-${group.id}`}>
              <h2 id={`group-${group.id}`}>
                <Link to={`/community/groups/${group.id}`}>{group.name}</Link>
              </h2>
              <p>{group.question}</p>
              <p data-testid={`members-${group.id}`}>
                {t('community.groups.members', { count: group.members })}
                {group.joinedByYou ? ` · ${t('community.groups.youAreMember')}` : ''}
              </p>
              {member && !group.joinedByYou ? (
                <button
                  className="button button-primary"
                  type="button"
                  disabled={join.isPending}
                  aria-label={t('community.groups.joinName', { name: group.name })}
                  onClick={() => join.mutate(group.id)}
                >
                  {t('community.groups.join')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function NotesForm({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const add = useAddMeetingNotes(groupId);
  const [metOn, setMetOn] = useState(parisDate());
  const [notes, setNotes] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ metOn, notes }, { onSuccess: () => setNotes('') });
  };
  return (
    <section aria-labelledby="notes-form-heading" className="section">
      <h2 id="notes-form-heading">{t('community.groups.recordNotes')}</h2>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="met-on">{t('community.groups.metOn')}</label>
          <input id="met-on" type="date" value={metOn} onChange={(event) => setMetOn(event.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="meeting-notes">{t('community.groups.notes')}</label>
          <textarea
            id="meeting-notes"
            value={notes}
            onChange={(event) => setNotes(event.target.value)}
            required
            maxLength={8000}
          />
        </div>
        {add.isError ? <ErrorAlert error={add.error} /> : null}
        <button className="button button-primary" type="submit" disabled={add.isPending}>
          {t('community.groups.saveNotes')}
        </button>
      </form>
    </section>
  );
}

/** Staff find a member with the customer search and add them to the group. */
function AddMemberForm({ groupId, members }: { groupId: string; members: NonNullable<WorkingGroupDetail['members']> }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<CustomerSummary | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  // A new round of search after each member added: the search box starts empty again.
  const [searchRound, setSearchRound] = useState(0);
  const add = useAddGroupMember(groupId, (member) => {
    setAdded(member.name);
    setChosen(null);
    setSearchRound((round) => round + 1);
  });
  const already = chosen ? members.some((member) => member.customerId === chosen.id) : false;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen || already) return;
    setAdded(null);
    add.mutate({ customerId: chosen.id, name: `${chosen.firstName} ${chosen.lastName}` });
  };
  return (
    <section aria-labelledby="add-member-heading" className="section">
      <h2 id="add-member-heading">{t('community.groups.addMember')}</h2>
      <form onSubmit={submit}>
        <CustomerChoice
          key={searchRound}
          label={t('community.groups.findMember')}
          hint={t('community.groups.findMemberHint')}
          legend={t('community.groups.customersFound')}
          noneFound={(query) => t('community.groups.noCustomer', { query })}
          chosen={chosen}
          onChoose={setChosen}
        />
        {already ? (
          <p className="muted" role="status">
            {t('community.groups.alreadyMember', { name: `${chosen?.firstName} ${chosen?.lastName}` })}
          </p>
        ) : null}
        {add.isError ? <ErrorAlert error={add.error} /> : null}
        {added ? (
          <p className="alert alert-success" role="status">
            {t('community.groups.memberAdded', { name: added })}
          </p>
        ) : null}
        <button className="button button-primary" type="submit" disabled={!chosen || already || add.isPending}>
          {t('community.groups.addMemberSubmit')}
        </button>
      </form>
    </section>
  );
}

function MemberList({ members }: { members: NonNullable<WorkingGroupDetail['members']> }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="members-heading" className="section">
      <h2 id="members-heading">{t('community.groups.memberList', { count: members.length })}</h2>
      {members.length === 0 ? (
        <p className="empty-state">{t('community.groups.noMembers')}</p>
      ) : (
        <ul data-testid="group-members">
          {members.map((member) => (
            <li key={member.customerId}>
              {member.name}{' '}
              <span className="muted">
                {t('community.groups.joinedOn', { date: formatDate(member.joinedAt, i18n.language) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One working group: its question and the notes of its meetings, newest first. */
export function WorkingGroupPage() {
  const { t, i18n } = useTranslation();
  const { groupId = '' } = useParams();
  const user = useCurrentUser();
  const group = useWorkingGroup(groupId);
  usePageTitle(group.data?.name ?? t('nav.workingGroups'));
  const back = (
    <p>
      <Link to="/community/groups">{t('community.groups.back')}</Link>
    </p>
  );
  if (group.isPending) return <Loading />;
  if (group.isError) {
    return (
      <>
        {back}
        <ErrorAlert error={group.error} onRetry={() => void group.refetch()} />
      </>
    );
  }
  const { name, question, notes, members } = group.data;
  const staff = staffRoles.includes(user.role);
  return (
    <>
      {back}
      <h1>{name}</h1>
      <p className="lead">{question}</p>
      {staff && members ? <MemberList members={members} /> : null}
      {staff ? <AddMemberForm groupId={groupId} members={members ?? []} /> : null}
      {staff ? <NotesForm groupId={groupId} /> : null}
      <section aria-labelledby="notes-heading">
        <h2 id="notes-heading">{t('community.groups.meetings')}</h2>
        {notes.length === 0 ? (
          <p className="empty-state">{t('community.groups.noNotes')}</p>
        ) : (
          <ol className="notes-list" data-testid="meeting-notes">
            {notes.map((note) => (
              <li key={note.id} className="section">
                <h3>{t('community.groups.meetingOf', { date: formatDate(note.metOn, i18n.language) })}</h3>
                <p className="muted">{t('community.groups.writtenBy', { name: note.writtenBy })}</p>
                <p style={{ whiteSpace: 'pre-wrap' }}>{note.notes}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
