// Regions marketers name instead of countries ("DACH", "the Nordics", "EU", "APAC"), as lists of
// ISO 3166-1 alpha-2 codes. These are conventions, not facts of the data, so a clause that uses one
// states the list it used as an assumption. Each name also has its adjective ("Nordic leads").

export interface Region {
  /** The name as an assumption says it. */
  label: string;
  codes: readonly string[];
  names: readonly string[];
  adjectives: readonly string[];
}

const EU = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'];
/** Geographic Europe as sales teams use it: the EU, EFTA, the UK, the Balkans, Ukraine and Moldova (not Russia, Belarus or Turkey). */
const EUROPE = [...EU, 'GB', 'CH', 'NO', 'IS', 'LI', 'MC', 'SM', 'VA', 'AD', 'AL', 'BA', 'ME', 'MK', 'RS', 'MD', 'UA'];
const MIDDLE_EAST = ['AE', 'BH', 'CY', 'EG', 'IL', 'IQ', 'IR', 'JO', 'KW', 'LB', 'OM', 'PS', 'QA', 'SA', 'SY', 'TR', 'YE'];
const AFRICA = [
  'DZ', 'AO', 'BJ', 'BW', 'BF', 'BI', 'CV', 'CM', 'CF', 'TD', 'KM', 'CG', 'CD', 'CI', 'DJ', 'EG', 'GQ', 'ER', 'SZ', 'ET', 'GA', 'GM', 'GH', 'GN',
  'GW', 'KE', 'LS', 'LR', 'LY', 'MG', 'MW', 'ML', 'MR', 'MU', 'MA', 'MZ', 'NA', 'NE', 'NG', 'RW', 'ST', 'SN', 'SC', 'SL', 'SO', 'ZA', 'SS', 'SD',
  'TZ', 'TG', 'TN', 'UG', 'ZM', 'ZW',
];
const MENA = ['DZ', 'BH', 'EG', 'IR', 'IQ', 'IL', 'JO', 'KW', 'LB', 'LY', 'MA', 'OM', 'PS', 'QA', 'SA', 'SY', 'TN', 'AE', 'YE'];
const LATAM = ['AR', 'BO', 'BR', 'CL', 'CO', 'CR', 'CU', 'DO', 'EC', 'GT', 'HN', 'MX', 'NI', 'PA', 'PE', 'PY', 'SV', 'UY', 'VE'];

export const REGIONS: readonly Region[] = [
  { label: 'the EU', codes: EU, names: ['eu', 'european union', 'e.u.'], adjectives: [] },
  { label: 'Europe', codes: EUROPE, names: ['europe'], adjectives: ['european'] },
  { label: 'DACH', codes: ['DE', 'AT', 'CH'], names: ['dach'], adjectives: [] },
  { label: 'ANZ', codes: ['AU', 'NZ'], names: ['anz', 'australasia', 'australia and new zealand'], adjectives: [] },
  { label: 'the Nordics', codes: ['DK', 'FI', 'IS', 'NO', 'SE'], names: ['nordics', 'nordic countries', 'nordic region'], adjectives: ['nordic'] },
  { label: 'Scandinavia', codes: ['DK', 'NO', 'SE'], names: ['scandinavia'], adjectives: ['scandinavian'] },
  { label: 'Benelux', codes: ['BE', 'NL', 'LU'], names: ['benelux'], adjectives: [] },
  { label: 'Iberia', codes: ['ES', 'PT'], names: ['iberia', 'the iberian peninsula', 'iberian peninsula'], adjectives: ['iberian'] },
  { label: 'the Baltics', codes: ['EE', 'LV', 'LT'], names: ['baltics', 'baltic states', 'the baltic states'], adjectives: ['baltic'] },
  { label: 'the UK and Ireland', codes: ['GB', 'IE'], names: ['uki', 'uk&i', 'uk and i', 'uk and ireland', 'uk & ireland', 'british isles', 'the british isles'], adjectives: [] },
  // The UN geoscheme's parts of Europe, and the usual sales shorthand for the centre and east.
  { label: 'Western Europe', codes: ['AT', 'BE', 'FR', 'DE', 'LI', 'LU', 'MC', 'NL', 'CH'], names: ['western europe'], adjectives: ['western european'] },
  { label: 'Southern Europe', codes: ['AL', 'AD', 'BA', 'HR', 'GR', 'IT', 'MT', 'ME', 'MK', 'PT', 'SM', 'RS', 'SI', 'ES', 'VA'], names: ['southern europe'], adjectives: ['southern european'] },
  { label: 'Northern Europe', codes: ['DK', 'EE', 'FI', 'IS', 'IE', 'LV', 'LT', 'NO', 'SE', 'GB'], names: ['northern europe'], adjectives: ['northern european'] },
  { label: 'Eastern Europe', codes: ['BY', 'BG', 'CZ', 'HU', 'MD', 'PL', 'RO', 'RU', 'SK', 'UA'], names: ['eastern europe'], adjectives: ['eastern european'] },
  { label: 'CEE', codes: ['AL', 'BA', 'BG', 'HR', 'CZ', 'EE', 'HU', 'LV', 'LT', 'ME', 'MK', 'PL', 'RO', 'RS', 'SK', 'SI'], names: ['cee', 'central and eastern europe', 'central eastern europe'], adjectives: [] },
  { label: 'the GCC', codes: ['AE', 'BH', 'KW', 'OM', 'QA', 'SA'], names: ['gcc', 'the gulf', 'gulf states', 'the gulf states'], adjectives: [] },
  { label: 'Central America', codes: ['BZ', 'CR', 'SV', 'GT', 'HN', 'NI', 'PA'], names: ['central america'], adjectives: ['central american'] },
  { label: 'South Asia', codes: ['AF', 'BD', 'BT', 'IN', 'MV', 'NP', 'PK', 'LK'], names: ['south asia'], adjectives: ['south asian'] },
  { label: 'East Asia', codes: ['CN', 'HK', 'JP', 'KR', 'MN', 'MO', 'TW'], names: ['east asia'], adjectives: ['east asian'] },
  { label: 'Latin America', codes: LATAM, names: ['latam', 'latin america'], adjectives: ['latin american'] },
  {
    label: 'South America',
    codes: ['AR', 'BO', 'BR', 'CL', 'CO', 'EC', 'GY', 'PY', 'PE', 'SR', 'UY', 'VE'],
    names: ['south america'],
    adjectives: ['south american'],
  },
  { label: 'North America', codes: ['US', 'CA', 'MX'], names: ['north america', 'noram'], adjectives: ['north american'] },
  // Sales regions: Europe, the Middle East and Africa; the Americas.
  { label: 'EMEA', codes: [...new Set([...EUROPE, ...MIDDLE_EAST, ...AFRICA])], names: ['emea'], adjectives: [] },
  { label: 'the Americas', codes: [...new Set(['US', 'CA', 'MX', ...LATAM, 'GY', 'SR'])], names: ['amer', 'americas', 'the americas'], adjectives: [] },
  { label: 'the Middle East', codes: MIDDLE_EAST, names: ['middle east', 'the middle east'], adjectives: ['middle eastern'] },
  { label: 'MENA', codes: MENA, names: ['mena'], adjectives: [] },
  { label: 'Africa', codes: AFRICA, names: ['africa'], adjectives: ['african'] },
  {
    label: 'APAC',
    codes: ['AU', 'NZ', 'JP', 'CN', 'HK', 'TW', 'KR', 'IN', 'SG', 'MY', 'ID', 'TH', 'VN', 'PH'],
    names: ['apac', 'asia pacific', 'asia-pacific', 'asia/pacific'],
    adjectives: [],
  },
  { label: 'Southeast Asia', codes: ['BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'TL', 'VN'], names: ['southeast asia', 'south east asia'], adjectives: ['southeast asian'] },
];

/** Lower-case two-letter country codes that are also English words: never read as places. */
export const CODE_WORDS = new Set(['in', 'it', 'no', 'is', 'be', 'to', 'am', 'me', 'my', 'at', 'by', 'do', 'so', 'as', 'id', 'or', 'an', 'on', 'of', 'hi', 'ok', 'us']);

/** Of those, codes that are places after "the" ("in the us"), since the word never takes "the". */
export const THE_CODES = new Set(['us']);

/** Words after which a lower-case code is a place: "in nl", "from de", "based in br". */
export const PLACE_WORDS = new Set(['in', 'from', 'outside', 'within', 'across', 'throughout', 'country', 'location']);

/** The assumption for a region's reading. */
export function regionSays(region: { label: string; codes: readonly string[] }): string {
  return `${region.label} as the countries ${region.codes.join(', ')}`;
}
