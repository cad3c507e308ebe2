import { c, has, notInSegment, type Row } from '../build.js';

const EU = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'];
const DACH = ['DE', 'AT', 'CH'];
const NORDICS = ['DK', 'FI', 'IS', 'NO', 'SE'];

/** Regions as lists of country codes (said as an assumption), lower-case codes in a place context, "elsewhere". */
export const regions: Row[] = [
  { say: 'customers in the DACH region', rules: [c('lifecycle_stage', 'eq', 'customer'), c('country', 'in', DACH)], assume: ['DE, AT, CH'] },
  { say: 'contacts in the Nordics', rules: c('country', 'in', NORDICS), assume: ['Nordics'] },
  { say: 'contacts outside the EU', rules: c('country', 'not_in', EU) },
  { say: 'leads from the European Union', rules: [c('lifecycle_stage', 'eq', 'lead'), c('country', 'in', EU)] },
  { say: 'Nordic leads', rules: [c('country', 'in', NORDICS), c('lifecycle_stage', 'eq', 'lead')] },
  { say: 'companies headquartered in Scandinavia', rules: c('company.country', 'in', ['DK', 'NO', 'SE']) },
  { say: 'contacts in Benelux or DACH', rules: c('country', 'in', ['BE', 'NL', 'LU', ...DACH]) },
  { say: 'Latin American customers', rules: [c('country', 'in', ['AR', 'BO', 'BR', 'CL', 'CO', 'CR', 'CU', 'DO', 'EC', 'GT', 'HN', 'MX', 'NI', 'PA', 'PE', 'PY', 'SV', 'UY', 'VE']), c('lifecycle_stage', 'eq', 'customer')] },
  { say: 'leads in North America', rules: [c('lifecycle_stage', 'eq', 'lead'), c('country', 'in', ['US', 'CA', 'MX'])] },
  // Lower-case codes need a place before them ("in", "from") or a contact noun after them.
  { say: 'contacts in nl', rules: c('country', 'eq', 'NL') },
  { say: 'leads from jp', rules: [c('lifecycle_stage', 'eq', 'lead'), c('country', 'eq', 'JP')] },
  { say: 'customers based in br or ca', rules: [c('lifecycle_stage', 'eq', 'customer'), c('country', 'in', ['BR', 'CA'])] },
  { say: 'es leads', rules: [c('country', 'eq', 'ES'), c('lifecycle_stage', 'eq', 'lead')] },
  { say: 'customers in the us', rules: [c('lifecycle_stage', 'eq', 'customer'), c('country', 'eq', 'US')] },
  { say: 'contacts in it', refuse: true },
  {
    say: 'leads in no segment who called us',
    rules: [c('lifecycle_stage', 'eq', 'lead'), ...['Q1 batch', 'Cooldown — Mar 2026', 'Already ran campaign Spring Sale'].map(notInSegment), has('activities', c('type', 'eq', 'call'), c('direction', 'eq', 'inbound'))],
  },
  // "Elsewhere": not where the other place said was.
  // Somewhere else is a known country (an unknown one is not elsewhere).
  { say: 'customers whose company is in France but who live elsewhere', rules: [c('lifecycle_stage', 'eq', 'customer'), c('company.country', 'eq', 'FR'), c('country', 'is_not_null'), c('country', 'neq', 'FR')], assume: ['elsewhere'] },
  { say: 'contacts at German companies who are based somewhere else', rules: [c('company.country', 'eq', 'DE'), c('country', 'is_not_null'), c('country', 'neq', 'DE')] },
  { say: 'leads based outside Japan', rules: [c('lifecycle_stage', 'eq', 'lead'), c('country', 'neq', 'JP')] },
  { say: 'contacts living outside the US or Canada', rules: c('country', 'not_in', ['US', 'CA']) },
  // Sub-regions and sales shorthand: their countries, said; "UK&I" is one name.
  { say: 'customers in Iberia', rules: [c('lifecycle_stage', 'eq', 'customer'), c('country', 'in', ['ES', 'PT'])], assume: ['Iberia'] },
  { say: 'leads in UK&I', rules: [c('lifecycle_stage', 'eq', 'lead'), c('country', 'in', ['GB', 'IE'])], assume: ['GB, IE'] },
  { say: 'contacts in the Baltics', rules: c('country', 'in', ['EE', 'LV', 'LT']), assume: ['the Baltics'] },
];
