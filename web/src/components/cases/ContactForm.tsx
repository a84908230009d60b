import { type FormEvent, type KeyboardEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, type Channel, type Direction, FIXED_DIRECTION } from '../../api/caseTypes';
import { useRecordInteraction } from '../../api/cases';
import { newIdempotencyKey } from '../../api/idempotencyKey';
import { SelectField } from '../FormField';
import { ErrorAlert } from '../StatusMessages';
import { splitFieldErrors } from './fieldErrors';
import { TextAreaField } from './TextAreaField';

const STAFF_CHANNELS = CHANNELS.filter((channel) => channel !== 'portal');
const FIELDS = ['channel', 'direction', 'summary'] as const;

interface ContactFormProps {
  caseId: string;
  customerId: string;
  audience: 'staff' | 'subscriber';
}

function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}

/**
 * Staff: "Consigner un contact" (channel, direction, summary; Ctrl+Enter submits).
 * Subscriber: "Envoyer un message" through the portal. One Idempotency-Key per submission,
 * kept while the text is unchanged, so a double click or a retry stores one contact.
 */
export function ContactForm({ caseId, customerId, audience }: ContactFormProps) {
  const { t } = useTranslation();
  const record = useRecordInteraction(caseId, customerId);
  const staff = audience === 'staff';
  const [channel, setChannel] = useState<Channel>(staff ? 'phone_in' : 'portal');
  const [chosenDirection, setChosenDirection] = useState<Direction>('inbound');
  const [summary, setSummary] = useState('');
  const [saved, setSaved] = useState(false);
  const idempotencyKey = useRef<string>(newIdempotencyKey());
  const fixedDirection = FIXED_DIRECTION[channel];
  const direction = staff ? (fixedDirection ?? chosenDirection) : 'inbound';
  const errors = splitFieldErrors(record.error, FIELDS);
  const prefix = staff ? 'contact' : 'message';

  function changed() {
    idempotencyKey.current = newIdempotencyKey();
    setSaved(false);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (record.isPending || !summary.trim()) return;
    record.mutate(
      { interaction: { channel, direction, summary: summary.trim() }, idempotencyKey: idempotencyKey.current },
      {
        onSuccess: () => {
          setSummary('');
          changed();
          setSaved(true);
        },
      },
    );
  }

  function submitOnCtrlEnter(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  }

  return (
    <form className="form-grid" onSubmit={handleSubmit} aria-labelledby={`${prefix}-heading`}>
      {staff ? (
        <>
          <SelectField
            id="contact-channel"
            label={t('contactForm.channel')}
            value={channel}
            error={errors.byName.channel}
            onChange={(event) => {
              if (isChannel(event.target.value)) setChannel(event.target.value);
              changed();
            }}
          >
            {STAFF_CHANNELS.map((option) => (
              <option key={option} value={option}>
                {t(`caseChannels.${option}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="contact-direction"
            label={t('contactForm.direction')}
            value={direction}
            disabled={fixedDirection !== undefined}
            error={errors.byName.direction}
            onChange={(event) => {
              setChosenDirection(event.target.value === 'outbound' ? 'outbound' : 'inbound');
              changed();
            }}
          >
            <option value="inbound">{t('directions.inbound')}</option>
            <option value="outbound">{t('directions.outbound')}</option>
          </SelectField>
        </>
      ) : null}
      <TextAreaField
        id={`${prefix}-summary`}
        className="field-wide"
        label={staff ? t('contactForm.summary') : t('messageForm.message')}
        hint={staff ? t('contactForm.shortcut') : t('messageForm.shortcut')}
        required
        maxLength={4000}
        rows={3}
        value={summary}
        error={errors.byName.summary}
        onKeyDown={submitOnCtrlEnter}
        onChange={(event) => {
          setSummary(event.target.value);
          changed();
        }}
      />
      <div className="form-actions">
        {record.isError ? <ErrorAlert error={record.error} extraMessages={errors.others} /> : null}
        <p role="status" className={saved ? 'alert alert-success' : 'visually-hidden'}>
          {saved ? (staff ? t('contactForm.saved') : t('messageForm.sent')) : ''}
        </p>
        <button type="submit" className="button button-primary" disabled={record.isPending}>
          {record.isPending ? t('contactForm.submitting') : staff ? t('contactForm.submit') : t('messageForm.submit')}
        </button>
      </div>
    </form>
  );
}
