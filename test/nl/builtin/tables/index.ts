// Every phrasing table, by family; the test runner and the parse benchmark both read this.
import type { Row } from '../build.js';
import { activities } from './activities.js';
import { boolean } from './boolean.js';
import { company } from './company.js';
import { dates } from './dates.js';
import { deals } from './deals.js';
import { email } from './email.js';
import { fit } from './fit.js';
import { forms } from './forms.js';
import { headline } from './headline.js';
import { names } from './names.js';
import { numbers } from './numbers.js';
import { owners } from './owners.js';
import { places } from './places.js';
import { coordinatedEvents, letters, phrasesAndSentences, pointing, sharedWindows } from './pointing.js';
import { properties } from './properties.js';
import { quantifiers } from './quantifiers.js';
import { refusals } from './refusals.js';
import { regions } from './regions.js';
import { relations } from './relations.js';
import { requests } from './requests.js';
import { scope } from './scope.js';
import { segments } from './segments.js';
import { shorthand } from './shorthand.js';
import { asides, briefs, checklists, queryStrings, described, exact, hedged, indian, ones, pasted, queries, rankings, relative, spoken, symbols, terse, tickets } from './spoken.js';
import { tags } from './tags.js';
import { text } from './text.js';
import { typos } from './typos.js';
import { unrecognized } from './unrecognized.js';
import { vocabulary } from './vocabulary.js';

export const TABLES: Record<string, Row[]> = {
  'countries and languages': places,
  'lifecycle, status and custom properties': properties,
  tags,
  owners,
  company,
  deals,
  'email engagement': email,
  activities,
  'one relation recognizer': relations,
  dates,
  segments,
  'fit scores': fit,
  'text and phone': text,
  numbers,
  'and / or / not': boolean,
  'scope of negation and coordination': scope,
  'the headline example': headline,
  refusals,
  'unrecognized words': unrecognized,
  typos,
  'names, domains and owner emails': names,
  'all / only / every product': quantifiers,
  'regions, codes and elsewhere': regions,
  'shorthand and misspelled verbs': shorthand,
  'vocabulary gaps (regions, periods, ranges, typos)': vocabulary,
  'requests and purposes': requests,
  'second-language English and form words': forms,
  'pointing back, lists and second requests': pointing,
  'coordinated events, exclusions and other words': coordinatedEvents,
  'shared windows and exclusions said first': sharedWindows,
  'letters, slash dates and one row said twice': letters,
  'noun phrases, sentences and jargon': phrasesAndSentences,
  'said aloud: hesitations, hedges, numbers as words': spoken,
  'filters typed as queries': queries,
  'asides that say which rows, or who is left out': asides,
  'things named by their words': described,
  'filter summaries pasted from another tool': pasted,
  'hedges, corrections and what no field records': hedged,
  'tickets, goals, loose dates and roles': tickets,
  'exact bounds, compounds, second audiences': exact,
  'symbols, double negatives and conversations': symbols,
  'days, campaign families and "themselves"': relative,
  'checklists, double negatives and names pointed at': checklists,
  'negated noun phrases, "ones", Australian English': ones,
  'rankings said as an order': rankings,
  'Indian English, exclusions said first, stage history': indian,
  'terse lists, French-first English, predictions': terse,
  'Boolean strings, American dates, hashtags and flags': queryStrings,
  'briefs with sections, year-first dates, usage metrics': briefs,
};
