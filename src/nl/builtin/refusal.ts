// Text that is not an audience description is refused: instructions to the model, requests for
// other tenants' data, commands that would change data, SQL, and chit-chat. An audience with a few
// unknown words is not refused; it comes back with those words marked.
import type { TenantValues } from '../../rules/tenant.js';
import { changesData } from './attributes.js';

const CHECKS: [RegExp, string][] = [
  // ("ignore the cooldown rules and give me …" names the tenant's own exclusion: an audience, read further on.)
  [/\b(ignore|disregard|forget|override|bypass)\s+(?:(?:all|any|the|your|its|previous|previously|prior|above|earlier|preceding|system|safety|these|those|this|that|of|and|original|default|former|every|security|tenant|tenancy|scoping|scope|filtering|access|my|our|given|current|existing|said|stated|provided|you|were|have|been|told|instructed|initial|standard|usual|normal|internal|hidden|secret|developer|admin)\s+){0,6}(instructions?|prompts?|rules|guidelines|constraints|restrictions|guardrails|policies|policy)\b/i, 'This looks like an instruction to the parser, not a description of an audience.'],
  [/\b(you are now|system prompt|system override|jailbreak|developer mode|admin mode|god mode|act as)\b/i, 'This looks like an instruction to the parser, not a description of an audience.'],
  [/\b(all|every|other|another|any|each|across)\s+(of\s+the\s+)?(tenants?|organi[sz]ations?|orgs|workspaces|customers'? databases?)\b/i, 'A segment can only describe contacts of your own organization.'],
  // ("this tenant's data", "our own tenant": the tenant asking.)
  [/(?<!\b(?:this|our|my|own|the\s+same)\s+)\btenants?\b/i, 'A segment can only describe contacts of your own organization.'],
  [/\bselect\b[\s\S]*\bfrom\b|\bdrop\s+(?:the\s+)?(?:\w+\s+)?tables?\b|\b(?:output|print|write|generate|give\s+me|show\s+me|return)\s+(?:the\s+|some\s+)?(?:raw\s+)?sql\b|\bwhere\b\s+\w+\s*=|;\s*--|\bunion\s+select\b/i, 'Describe the audience in plain words; SQL is not accepted.'],
  [/^\s*(please\s+)?(write|compose|tell|translate|summari[sz]e|draw|sing|calculate|compute|explain)\b(?![\s\S]*\b(segment|audience|contacts)\b)/i, 'This is not a description of an audience of contacts.'],
  // "leads that became customers this year": when a stage changed is not recorded (only the current stage is).
  [/\b(?:became|become|turned\s+into|converted\s+(?:to|into)|moved\s+to)\s+(?:a\s+|an\s+)?(?:customers?|leads?|opportunit\w*|mqls?|sqls?|clients?|churned)\b[^.?!]*?\b(?:this|last|since|during|before|after|in\s+(?:20\d\d|q[1-4]|january|february|march|april|may|june|july|august|september|october|november|december))\b/i, 'This asks when contacts changed lifecycle stage, which this CRM does not record: it keeps each contact\'s current stage, with no history. Describe the audience by its current stage (e.g. "customers created this year"), or by a won deal and its close date.'],
  // "leads who were customers before", "who churned in Q2", "customers who downgraded their plan": a stage or plan in the past.
  [/\b(?:were|was|used\s+to\s+be|had\s+been|have\s+been|has\s+been)\s+(?:a\s+|an\s+)?(?:customers?|leads?|opportunit\w*|mqls?|sqls?|clients?|partners?|vips?)\s+(?:before|previously|earlier|once|in\s+the\s+past|at\s+some\s+point|last\s+(?:year|quarter|month))\b|\b(?:who|that|which)\s+(?:have\s+|has\s+|had\s+)?churned\s+(?:in|during|since|this|last|before|after|between|over|within)\b|\b(?:downgraded|upgraded|switched|changed)\s+(?:their\s+|the\s+|its\s+|from\s+(?:the\s+)?)?(?:plans?|tiers?|subscriptions?|stages?|owners?)\b/i, 'This asks about a past stage, plan or owner, which this CRM does not record: it keeps each contact\'s current values, with no history. Describe the audience by its current values (e.g. "churned contacts", "contacts on the starter plan").'],
  // "rank owners by number of won deals", "sort customers by revenue": an ordering is a report.
  [/^\s*(?:please\s+)?(?:rank|sort|order|compare)\b[^.?!]*?\bby\b/i, 'This asks for a ranking or an ordering rather than describing an audience: a segment is everyone who matches its conditions, with no order. Describe who belongs (e.g. "owners\' contacts with a won deal"); the preview shows how many.'],
  // "can u export all NL customers to csv": a file is made from a saved segment, not by describing one.
  [/\bexport\b[^.?!]*?\b(?:to|into|as)\s+(?:a\s+|an\s+)?(?:csv|excel|xlsx?|spreadsheet|file|sheet|google\s+sheets?)\b/i, 'This asks for an export, which the segment builder does not do: describe who should be in the segment (e.g. "customers in the Netherlands"), save it, then export it from the saved segment.'],
  // "how many customers do we have in Germany?": a question about a number; the preview of the audience answers it.
  [/^\s*(how\s+many|how\s+much|what(?:'s|\s+is|\s+are)\s+the\s+(?:number|count|total|share|percentage)\s+of|count\s+(?:how|the))\b/i, 'This asks for a number rather than describing an audience. Describe the audience itself (e.g. "customers in Germany"): its preview shows the exact count.'],
  // "which plan has the most customers in Italy?", "who are our top 10 customers by revenue?": a ranking
  // is a report; a segment is everyone who matches, with no order and no limit.
  // ("the 50 most engaged contacts", "contacts with the most meetings", "with the highest deal amounts": a ranking too.)
  [/^\s*(?:which|what|who)\b(?:\s+[\w'-]+){0,4}?\s+(?:has|have|had|gets?|got|is|are|was|were|brings?|brought|owns?|owned|handles?|manages?|closed|won|sent|sends)\s+(?:the\s+)?(?:most|fewest|least|highest|lowest|biggest|largest|smallest|best|worst|top)\b|\b(?:top|bottom)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|fifty|hundred)\b(?:\s+[\w'-]+){0,4}?\s+(?:by|in\s+terms\s+of|ranked|sorted|ordered)\b|\b(?:top|bottom)\s+(?:\d+|three|five|ten|twenty|fifty|hundred)\s+(?:best|worst|highest|lowest|biggest|largest|most)\b|\b(?:the\s+)?\d+\s+(?:most(?![\s-]+recent)|least|best|worst|highest|lowest|biggest|largest|top)\b|\bwith\s+the\s+(?:most|fewest|least|highest|lowest|biggest|largest|best|worst)\b(?!\s+recent)/i, 'This asks for a ranking (which one has the most, the top N by something) rather than describing an audience: a segment is everyone who matches its conditions, with no order or limit. Describe who belongs (e.g. "customers in Italy"); the preview shows how many.'],
  // "show me a chart of new contacts per month": a report drawn from contacts, not an audience of them.
  [/\b(?:chart|graph|histogram|dashboard|pivot\s+table)s?\s+(?:of|for|by|showing|with)\b|\b(?:breakdown|break\s+down)\s+(?:of|by)\b|\bbreak\s+(?:\w+\s+){1,4}?down\s+by\b|\bbreak\s+down\s+(?:\w+\s+){1,4}?by\b|\bbroken\s+down\s+by\b|\b(?:split|grouped|group|bucketed)\s+(?:\w+\s+){0,3}?by\s+(?:country|plan|industry|stage|owner|source|month|quarter|week|year|region|language|tag|company)\b|\b(?:bar|pie|line)\s+charts?\b/i, 'This asks for a report or a chart rather than describing an audience. Describe who belongs (e.g. "contacts created since January"); the preview shows how many.'],
  // "what SQL does the Q1 batch segment run?": a question about the machinery, not an audience.
  [/\bwhat\s+(?:sql|query|queries)\b|\b(?:sql|query)\s+(?:does|do|did|would|will)\b|\bthe\s+(?:sql|query)\s+(?:for|of|behind)\b/i, 'Describe the audience in plain words; SQL is not accepted.'],
  // "compare our customers with …": a comparison is a report.
  [/^\s*(?:please\s+|can\s+you\s+|could\s+you\s+)?compare\b/i, 'This asks for a comparison, which is a report rather than an audience. Describe one audience (e.g. "customers in Germany"); its preview shows how many.'],
  // "contacts whose call notes mention pricing": what an activity says is not recorded, only its type, direction and time.
  [/\bnotes?\s+(?:that\s+|which\s+)?(?:mention|mentions|mentioning|mentioned|contain|contains|containing|say|says|saying|discuss|discusses|discussing|talk\s+about|talks\s+about|about)\b|\b(?:mentioned|discussed)\s+in\s+(?:a\s+|the\s+|their\s+)?(?:call|meeting|note|email)s?\b/i, "What a note, call or meeting says is not recorded, only its type, direction and time. Describe the activity instead (e.g. \"contacts with a call in October\")."],
  // "contacts whose fit score went up since last month", "NPS dropped this quarter": a value's change over time; only the current value is kept.
  [/\b(?:went|gone|go|goes|going)\s+(?:up|down)\b|\b(?:increased|decreased|dropped|declined|rose|risen|fell|fallen|grew|grown|improved|worsened|changed|jumped)\b(?=[^.?!]{0,40}\b(?:since|over\s+the|from|compared|versus|vs|than\s+last|in\s+the\s+last|this\s+(?:month|quarter|year|week)|last\s+(?:month|quarter|year|week))\b)/i, 'This asks how a value changed over time, which this CRM does not record: it keeps each contact\'s current values, with no history. Describe the audience by the current value (e.g. "a crm fit score above 70").'],
  // "people likely to churn next quarter", "at-risk accounts", "churn risk above 50%": a prediction, which no field holds.
  [/\b(?:likely|unlikely|predicted|expected|forecast(?:ed)?|going|about|set|poised)\s+to\s+(?:churn|buy|convert|upgrade|downgrade|renew|leave|cancel|purchase|respond|reply|close|sign|expand)\b|\b(?:churn|attrition|purchase|buying|conversion|renewal|upgrade)\s+(?:risk|probability|likelihood|propensity|prediction|forecast)\b|\b(?:at[- ]risk|propensity|predicted|prediction|predictive)\b/i, 'This asks for a prediction (who is likely to do something), which this CRM does not hold: rules read what is recorded. Describe who belongs by recorded facts (e.g. "customers with no activity in the last 90 days").'],
  [/\b(poem|joke|story|essay|haiku|recipe|weather|song|limerick)\b/i, 'This is not a description of an audience of contacts.'],
];

/** Why the text is refused before parsing, or undefined. */
export function refuseBefore(description: string, tenant: TenantValues): string | undefined {
  if (description.trim().length === 0) return 'The description is empty; describe the contacts you want, e.g. "customers in Germany".';
  if (description.length > 2000) return 'The description is too long; describe the audience in a sentence or two.';
  const org = /\borg_[a-z0-9_]+/gi;
  for (const m of description.matchAll(org)) {
    if (m[0].toLowerCase() !== tenant.orgId.toLowerCase()) return 'A segment can only describe contacts of your own organization.';
  }
  for (const [re, reason] of CHECKS) if (re.test(description)) return reason;
  return anotherOrganization(description, tenant) ?? changesData(description);
}

/**
 * "show me Globex Corp's customers": a name that is not one of this workspace's owners, owning
 * customers or contacts, is another organization's data. Contacts at a company are said "at X".
 */
const POSSESSED = /\b((?:[A-Z][\w&.-]*\s+){0,3}[A-Z][\w&.-]*)(?:\s+(?:account|company|org|organi[sz]ation|team|workspace|instance))?(?:'s|’s|s')\s+(?:own\s+)?(?:[A-Za-z0-9][\w-]*\s+){0,3}?(customers|contacts|leads|clients|users|subscribers|audience|list|lists|segment|segments|members|data|database|crm|CRM|accounts|people|workspace)\b/;

/** "Globex Corp contacts", "Initech Inc. customers": an organization's name (by its legal suffix) owning the people, without "'s". */
const SUFFIXED = /\b((?:[A-Z][\w&-]*\s+){1,3}(?:Corp|Corporation|Inc|Ltd|LLC|GmbH|PLC|Co)\.?)\s+(customers|contacts|leads|clients|users|subscribers|audience|data|database|crm|CRM|people)\b/;

/** Typed in lower case: "globex's q1 batch segment", "show me globex corp's customers" (a word no one's, never a common one). */
const LOWER = /(?<![.@\w-])\b([a-z][\w&-]*(?:\s+(?:corp|inc|ltd|llc|gmbh|plc|co)\.?)?)(?:'s|’s)\s+(?:[a-z0-9][\w-]*\s+){0,3}?(segment|segments|customers|contacts|leads|crm|database|data|workspace|list|people|accounts)\b/;
const COMMON = new Set(['everyone', 'anyone', 'someone', 'somebody', 'everybody', 'nobody', 'anybody', 'today', 'yesterday', 'tomorrow', 'this', 'last', 'next', 'our', 'my', 'your', 'their', 'his', 'her', 'its', 'company', 'customer', 'contact', 'account', 'team', 'year', 'month', 'week', 'quarter', 'who', 'that', 'it', 'one', 'each', 'other', 'else', 'sales', 'marketing', 'world', 'country', 'lead', 'partner', 'vip', 'owner', 'user', 'rep', 'manager', 'campaign', 'segment', 'list', 'q1', 'q2', 'q3', 'q4', 'h1', 'h2', 'tenant', 'workspace', 'org', 'organization', 'organisation', 'nurture', 'webinar', 'event', 'spring', 'summer', 'autumn', 'fall', 'winter']);

/** "members of Globex's Q1 batch": a name's possessive before one of this tenant's segment titles is that other organization's segment. */
/** What names another organization's people: the words said, the organization's name, what of theirs. */
type Named = readonly [said: string, name: string, what: string];

function ownSegmentOfAnother(description: string, tenant: TenantValues): Named | null {
  for (const m of description.matchAll(/\b([A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,2}|[a-z][\w&-]*)(?:'s|’s)\s+/g)) {
    if (COMMON.has(m[1]!.toLowerCase())) continue;
    const after = description.slice(m.index + m[0].length).toLowerCase();
    const title = tenant.segments.find((x) => after.startsWith(x.title.toLowerCase()));
    if (title) return [`${m[0]}${title.title}`, m[1]!, 'segment'];
  }
  return null;
}

/** "German customers from our CRM and from Globex's also": a name's possessive standing for its own data. */
const FROM_THEIRS = /\b(?:from|in|of)\s+((?:[A-Z][\w&.-]*\s+){0,2}[A-Z][\w&.-]*)(?:'s|’s)(?=\s*(?:also|too|as\s+well|[,.;!?]|$))/;
function fromTheirs(description: string): Named | null {
  const m = FROM_THEIRS.exec(description);
  return m ? [m[0], m[1]!, 'data'] : null;
}

function anotherOrganization(description: string, tenant: TenantValues): string | undefined {
  const lower = LOWER.exec(description);
  const lowerName = lower && !COMMON.has(lower[1]!.split(/\s+/)[0]!) && !/^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/.test(lower[1]!) ? lower : null;
  const m: Named | RegExpExecArray | null = POSSESSED.exec(description) ?? SUFFIXED.exec(description) ?? lowerName ?? ownSegmentOfAnother(description, tenant) ?? fromTheirs(description);
  if (!m) return undefined;
  const name = m[1]!.replace(/^(?:Show|Give|Get|Find|List|All|Every|Only|Just|Me)\s+/g, '').replace(/^(?:me|us)\s+/i, '').trim();
  const owner = tenant.owners.some((o) => o.name.toLowerCase() === name.toLowerCase() || o.name.split(/\s+/)[0]!.toLowerCase() === name.toLowerCase().split(/\s+/)[0]);
  // "Q1's leads", "March's signups", "Spring Sale's clickers": a period or one of the tenant's own names.
  const period = /^(?:Q[1-4]|H[12]|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|spring|summer|autumn|fall|winter|today|yesterday|this|last)\b/i.test(name);
  const own = [...tenant.campaigns.map((c) => c.name), ...tenant.segments.map((x) => x.title), ...tenant.tags, ...tenant.industries].some((v) => v.toLowerCase() === name.toLowerCase());
  // ("Who's on the suppression list?": a question word's "'s" is "is", no one's possessive.)
  if (owner || period || own || !name || COMMON.has(name.toLowerCase())) return undefined;
  return `"${m[0]}" reads as another organization's ${m[2]}: a segment can only describe contacts of your own organization. For contacts who work at a company, say "contacts at ${name}".`;
}

/** Why the parsed text is refused, or undefined: nothing about contacts was recognized. */
export function refuseAfter(clauses: number, unknownWords: number, question: boolean): string | undefined {
  if (clauses === 0) return 'This does not describe an audience: no contact attribute, tag, campaign, deal, activity or segment was recognized.';
  if (question && unknownWords > clauses) return 'This reads as a question rather than a description of an audience.';
  return undefined;
}
