// Whether page text is an email address: the requester email read off a ticket page is checked
// before it is used (sent to TeamViewer as the end customer, or as the reply's recipient). A label
// lookup that landed on the wrong element ("Incident", "Email") must not pass for an address.

const EMAIL = /^[^\s@"<>(),;:\\[\]]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

/** A single plain address (local@domain.tld, at most 254 characters); no name, no brackets. */
export function isEmailAddress(s: string | undefined): s is string {
  return typeof s === 'string' && s.length <= 254 && EMAIL.test(s);
}
