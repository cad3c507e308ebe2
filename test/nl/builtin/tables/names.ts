import { c, has, type Row } from '../build.js';

/** Fields said by what they hold: people's names, email and company domains, company names, owners by email. */
export const names: Row[] = [
  // First and last names: "named X", "first name X" without an operator.
  { say: 'contacts named Kenji', rules: c('first_name', 'eq', 'kenji'), assume: ['first name'] },
  { say: 'people with the first name Hugo', rules: c('first_name', 'eq', 'hugo') },
  { say: 'leads whose surname is Rossi', rules: [c('lifecycle_stage', 'eq', 'lead'), c('last_name', 'eq', 'rossi')] },
  { say: 'last name Novak', rules: c('last_name', 'eq', 'novak') },
  { say: 'customers named Paul Silva', rules: [c('lifecycle_stage', 'eq', 'customer'), c('first_name', 'eq', 'paul'), c('last_name', 'eq', 'silva')] },
  { say: 'contacts with the given name Marta in Spain', rules: [c('first_name', 'eq', 'marta'), c('country', 'eq', 'ES')] },
  { say: 'everyone whose family name is Tran', rules: c('last_name', 'eq', 'tran') },
  // Email domains: "a <domain> address", "emails at <domain>", "@domain emails", "email domain is <domain>".
  { say: 'contacts with a mail.example address', rules: c('email', 'ends_with', '@mail.example') },
  { say: 'people whose email is at mail.example', rules: c('email', 'ends_with', '@mail.example') },
  { say: 'leads with @mail.example emails', rules: [c('lifecycle_stage', 'eq', 'lead'), c('email', 'ends_with', '@mail.example')] },
  { say: 'email domain is c4.acme.example', rules: c('email', 'ends_with', '@c4.acme.example') },
  { say: 'contacts using a hotmail address', rules: c('email', 'ends_with', '@hotmail.com'), assume: ['hotmail.com'] },
  { say: 'customers on yahoo email', rules: [c('lifecycle_stage', 'eq', 'customer'), c('email', 'ends_with', '@yahoo.com')] },
  { say: 'contacts from the mail.example domain', rules: c('email', 'ends_with', '@mail.example') },
  // Company domains and websites, with or without "is".
  { say: 'company website c7.acme.example', rules: c('company.domain', 'eq', 'c7.acme.example') },
  { say: 'contacts whose company domain = c2.acme.example', rules: c('company.domain', 'eq', 'c2.acme.example') },
  { say: "contacts whose company's website is c9.acme.example", rules: c('company.domain', 'eq', 'c9.acme.example') },
  // A verb after a company noun is not a company name.
  { say: 'companies earning over $5M in revenue', rules: c('company.annual_revenue', 'gt', 5_000_000), unrecognized: ['earning'] },
  { say: 'contacts at businesses selling to retail', rules: c('company.industry', 'eq', 'Retail'), unrecognized: ['selling'] },
  // Company names: "with X in the name", "whose name includes X".
  { say: "businesses with 'Capital' in their name", rules: c('company.name', 'contains', 'capital') },
  { say: 'contacts at companies with Systems in the company name', rules: c('company.name', 'contains', 'systems') },
  { say: 'companies whose name includes Works', rules: c('company.name', 'contains', 'works') },
  { say: 'leads at firms with "Media" in the name', rules: [c('lifecycle_stage', 'eq', 'lead'), c('company.name', 'contains', 'media')] },
  // Owners by email address.
  { say: 'contacts owned by sara@acme.example', rules: c('owner', 'eq', 'Sara Sales') },
  { say: 'owner is eddie@acme.example', rules: c('owner', 'eq', 'Eddie Editor') },
  { say: 'leads assigned to victor@acme.example or alice@acme.example', rules: [c('lifecycle_stage', 'eq', 'lead'), c('owner', 'in', ['Victor Viewer', 'Alice Admin'])] },
  { say: 'a deal owned by alice@acme.example', rules: has('deals', c('owner', 'eq', 'Alice Admin')) },
  // "from" before a company's own name, like "at".
  { say: 'folks from the Costa Capital companies', rules: c('company.name', 'starts_with', 'Costa Capital'), assume: ['starts with "Costa Capital"'] },
  // A domain after "at" is the company's (said); after an address noun it is not.
  { say: 'contacts at c12.acme.example', rules: c('company.domain', 'eq', 'c12.acme.example'), assume: ["the company's domain"] },
];
