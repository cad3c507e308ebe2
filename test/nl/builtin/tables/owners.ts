import { c, or, type Row } from '../build.js';

/** Owners by name; no owner. */
export const owners: Row[] = [
  { say: 'contacts owned by Sara Sales', rules: c('owner', 'eq', 'Sara Sales') },
  { say: "Sara's contacts", rules: c('owner', 'eq', 'Sara Sales') },
  { say: 'contacts assigned to Eddie', rules: c('owner', 'eq', 'Eddie Editor') },
  { say: 'owner is Alice Admin', rules: c('owner', 'eq', 'Alice Admin') },
  { say: 'contacts with no owner', rules: c('owner', 'is_null') },
  { say: 'unassigned contacts', rules: c('owner', 'is_null') },
  { say: 'contacts without an owner', rules: c('owner', 'is_null') },
  { say: 'contacts that have an owner', rules: c('owner', 'is_not_null') },
  { say: 'contacts owned by Sara or Victor', rules: c('owner', 'in', ['Sara Sales', 'Victor Viewer']) },
  // An owner's name as a possessive is the owner, not another organization.
  { say: "Victor's customers in Spain", rules: [c('owner', 'eq', 'Victor Viewer'), c('lifecycle_stage', 'eq', 'customer'), c('country', 'eq', 'ES')] },
  // "or nobody": the owners named, or no owner.
  { say: 'customers owned by Sara or by no one', rules: [c('lifecycle_stage', 'eq', 'customer'), or(c('owner', 'eq', 'Sara Sales'), c('owner', 'is_null'))] },
  { say: 'leads owned by Eddie or no one', rules: [c('lifecycle_stage', 'eq', 'lead'), or(c('owner', 'eq', 'Eddie Editor'), c('owner', 'is_null'))] },
  { say: 'contacts not owned by Alice', rules: c('owner', 'neq', 'Alice Admin') },
  { say: "Victor Viewer's leads", rules: [c('owner', 'eq', 'Victor Viewer'), c('lifecycle_stage', 'eq', 'lead')] },
  { say: 'contacts whose rep is Sara', rules: c('owner', 'eq', 'Sara Sales') },
  { say: 'leads with no owner in Spain', rules: [c('lifecycle_stage', 'eq', 'lead'), c('owner', 'is_null'), c('country', 'eq', 'ES')] },
  // Negation inside the word or the subject: unowned, nobody owns, owned by no one.
  { say: 'unowned leads', rules: [c('owner', 'is_null'), c('lifecycle_stage', 'eq', 'lead')] },
  { say: 'contacts nobody owns', rules: c('owner', 'is_null') },
  { say: 'customers that no one owns in Italy', rules: [c('lifecycle_stage', 'eq', 'customer'), c('owner', 'is_null'), c('country', 'eq', 'IT')] },
  { say: 'contacts not owned by anyone', rules: c('owner', 'is_null') },
  { say: 'leads owned by nobody', rules: [c('lifecycle_stage', 'eq', 'lead'), c('owner', 'is_null')] },
  { say: 'contacts someone owns', rules: c('owner', 'is_not_null') },
  // The owner as the subject; "doesn't own" keeps unowned contacts (neq).
  { say: "contacts Sara doesn't own", rules: c('owner', 'neq', 'Sara Sales') },
  { say: 'leads Eddie manages in Spain', rules: [c('lifecycle_stage', 'eq', 'lead'), c('owner', 'eq', 'Eddie Editor'), c('country', 'eq', 'ES')] },
  { say: 'leads that belong to nobody', rules: [c('lifecycle_stage', 'eq', 'lead'), c('owner', 'is_null')] },
  // Possessive owners in a list are one list of owners.
  { say: "Alice's or Eddie's MQLs in Brazil", rules: [c('owner', 'in', ['Alice Admin', 'Eddie Editor']), c('lifecycle_stage', 'eq', 'marketing_qualified'), c('country', 'eq', 'BR')] },
  // The possessive of no one: no owner, alone or in the list of owners.
  { say: "nobody's vips", rules: [c('owner', 'is_null'), c('tags', 'eq', 'vip')] },
  { say: "Alice's or nobody's vips", rules: [c('tags', 'eq', 'vip'), or(c('owner', 'eq', 'Alice Admin'), c('owner', 'is_null'))], assume: ['or no owner'] },
  { say: "no one's leads in Germany", rules: [c('country', 'eq', 'DE'), c('lifecycle_stage', 'eq', 'lead'), c('owner', 'is_null')] },
  { say: 'contacts owned by Alice or Eddie, or by nobody', rules: or(c('owner', 'in', ['Alice Admin', 'Eddie Editor']), c('owner', 'is_null')) },
  // Owning said as looking after.
  { say: 'leads nobody is looking after', rules: [c('lifecycle_stage', 'eq', 'lead'), c('owner', 'is_null')] },
  { say: 'customers Victor is looking after', rules: [c('lifecycle_stage', 'eq', 'customer'), c('owner', 'eq', 'Victor Viewer')] },
  // "followed by" (the French "suivi par"), "looked after by": the owner.
  { say: 'contacts followed by Eddie', rules: c('owner', 'eq', 'Eddie Editor') },
];
