/** Database rows → API shapes (close to TMF629 Customer in spirit, flattened for the web app). */
import type { CustomerFile } from './queries.js';

export function presentCustomerFile({ customer, accounts, subscriptions }: CustomerFile) {
  return {
    id: customer.id,
    reference: customer.reference,
    civility: customer.civility,
    firstName: customer.first_name,
    lastName: customer.last_name,
    email: customer.email,
    phone: customer.phone,
    postalAddress: {
      line1: customer.address_line1,
      line2: customer.address_line2,
      postcode: customer.postcode,
      city: customer.city,
      country: customer.country,
    },
    preferredChannel: customer.preferred_channel,
    preferredLanguage: customer.preferred_language,
    createdAt: customer.created_at,
    servingSite:
      customer.serving_site_id && customer.site_name && customer.site_kind
        ? { id: customer.serving_site_id, name: customer.site_name, kind: customer.site_kind }
        : null,
    accounts: accounts.map((account) => ({
      id: account.id,
      reference: account.reference,
      billingMethod: account.billing_method,
      status: account.status,
    })),
    subscriptions: subscriptions.map((subscription) => ({
      id: subscription.id,
      reference: subscription.reference,
      accountId: subscription.account_id,
      kind: subscription.kind,
      plan: subscription.plan,
      status: subscription.status,
      msisdn: subscription.msisdn,
      lineNumber: subscription.line_number,
      serviceAddress: subscription.service_address_line1
        ? {
            line1: subscription.service_address_line1,
            postcode: subscription.service_postcode,
            city: subscription.service_city,
          }
        : null,
      startedAt: subscription.started_at,
    })),
  };
}
