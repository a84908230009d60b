/**
 * A customer who contacts us again about the same open case must not meet the script again:
 * the 2nd inbound contact within the window flags the case, the 3rd routes it to the owner, or
 * to a senior advisor of the site when the owner cannot take it. Pure: the caller loads the facts.
 */
import { type StaffMember, isCustomerFacing } from './owner.js';
import { repeatContact } from './policy.js';

export const REPEAT_CONTACT_FLAG = 'repeat_contact';

export interface RepeatContactFacts {
  /** Inbound contacts on the case within the window, this one included. */
  inboundInWindow: number;
  alreadyFlagged: boolean;
  alreadyRouted: boolean;
  owner: StaffMember;
  /** Senior advisors of the case's site, best candidate first. */
  seniors: readonly StaffMember[];
}

export interface RepeatContactOutcome {
  flag: boolean;
  routing: { toUserId: string | null; reason: string } | null;
}

export function repeatContactOutcome(facts: RepeatContactFacts): RepeatContactOutcome {
  const flag = !facts.alreadyFlagged && facts.inboundInWindow >= repeatContact.flagAt;
  if (facts.alreadyRouted || facts.inboundInWindow < repeatContact.routeAt) return { flag, routing: null };
  const contacts = `${facts.inboundInWindow} contacts en ${repeatContact.windowDays} jours`;
  if (isCustomerFacing(facts.owner)) {
    return {
      flag,
      routing: { toUserId: facts.owner.id, reason: `${contacts} : routé vers le responsable du dossier.` },
    };
  }
  const senior = facts.seniors.find(isCustomerFacing);
  return {
    flag,
    routing: senior
      ? { toUserId: senior.id, reason: `${contacts} ; responsable indisponible : routé vers un conseiller senior.` }
      : { toUserId: null, reason: `${contacts} ; aucun conseiller senior disponible sur le site : à attribuer.` },
  };
}
