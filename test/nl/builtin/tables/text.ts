import { c, type Row } from '../build.js';

/** Email and name text; phone presence. */
export const text: Row[] = [
  { say: 'contacts with a phone number', rules: c('phone', 'is_not_null') },
  { say: 'contacts without a phone number', rules: c('phone', 'is_null') },
  { say: 'leads with no phone', rules: [c('lifecycle_stage', 'eq', 'lead'), c('phone', 'is_null')] },
  { say: 'email ends with @gmail.com', rules: c('email', 'ends_with', '@gmail.com') },
  { say: 'emails ending in .de', rules: c('email', 'ends_with', '.de') },
  { say: 'email contains acme', rules: c('email', 'contains', 'acme') },
  { say: "contacts whose email starts with 'info'", rules: c('email', 'starts_with', 'info') },
  { say: 'first name starts with A', rules: c('first_name', 'starts_with', 'a') },
  { say: 'last name is Smith', rules: c('last_name', 'eq', 'smith') },
  { say: 'last name begins with Mc', rules: c('last_name', 'starts_with', 'mc') },
  { say: 'email address does not contain test', rules: c('email', 'not_contains', 'test') },
  { say: 'company domain contains acme', rules: c('company.domain', 'contains', 'acme') },
  { say: 'contacts with an email ending in "@mail.example"', rules: c('email', 'ends_with', '@mail.example') },
  // Quoted words in a text field, said either way round.
  { say: "contacts with 'demo' in their email", rules: c('email', 'contains', 'demo') },
  { say: "contacts whose company name has 'labs' in it", rules: c('company.name', 'contains', 'labs') },
  // A domain said with its "@" is how the address ends; a word after "mobile" is not a phone number.
  { say: 'contacts with an email @c7.acme.example', rules: c('email', 'ends_with', '@c7.acme.example'), assume: ['ending with'] },
];
