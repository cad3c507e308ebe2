// Email engagement: "opened Spring Sale", "clicked campaign X or Y", "never opened any campaign",
// "each of our last 3 campaigns", "opened X but did not click it", "clicked an email in the last
// 30 days", "opened more than 5 emails". "it"/"them" and a bare campaign name after an email verb
// refer back to the previous email clause.
import { relation as findRelation } from '../../../rules/catalog.js';
import type { Condition, Engagement, MatchMode, Node, RelativeDate } from '../../../rules/grammar.js';
import { lastCampaigns, relativeBoundary } from '../../../rules/clock.js';
import { readBound } from '../bounds.js';
import type { Sense } from '../lexicon.js';
import { readNumber } from '../numbers.js';
import { cond, group, relation } from '../nodes.js';
import { type DateCondition, MONTH_KEYS, monthKey } from '../dates.js';
import { phraseWords } from '../tokens.js';
import type { CampaignSet, Clause, Parse } from '../state.js';
import { CAMPAIGN_NOUNS, EMAIL_VERBS, NEGATIONS } from '../vocabulary.js';
import { readList, usesAnd } from './lists.js';

type Event = Engagement['event'];
const EVENTS = findRelation('email_events')!.fields.find((f) => f.key === 'type')!;
const VERBS: [string[], Event][] = Object.entries(EMAIL_VERBS)
  .filter(([event]) => EVENTS.values?.kind === 'static' && EVENTS.values.values.includes(event))
  .flatMap(([event, phrases]) => phrases.map((words) => [words, event as Event] as [string[], Event]));

/** Where a typed bound before "of" starts (">= 1 of the last 5"). */
const TYPED_BOUND = new Set(['>', '>=', '≥']);
const MODIFIERS: [string[], MatchMode][] = [
  [['any', 'of'], 'any'], [['at', 'least', 'one', 'of'], 'any'], [['one', 'of'], 'any'], [['a', 'single', 'one', 'of'], 'any'], [['single', 'one', 'of'], 'any'], [['a', 'single'], 'any'], [['some', 'of'], 'any'], [['either', 'of'], 'any'],
  [['each', 'of'], 'all'], [['all', 'of'], 'all'], [['every', 'one', 'of'], 'all'], [['all'], 'all'], [['every'], 'all'], [['each'], 'all'],
  [['every', 'single'], 'all'], [['each', 'and', 'every'], 'all'], [['every', 'single', 'one', 'of'], 'all'],
  [['both'], 'all'], [['none', 'of'], 'none'], [['neither', 'of'], 'none'], [['neither'], 'none'], [['no'], 'none'], [['any'], 'any'], [['either'], 'any'],
];

/** Words between an event and the campaign it followed: "unsubscribed after we sent them X". */
const AFTER_SENDING: [string[], true][] = ['after', 'when', 'once'].flatMap((at) => [
  ...['emailed', 'sent', 'mailed'].flatMap((verb) => [[at, 'we', verb], [at, 'we', verb, 'them'], [at, 'we', verb, 'out'], [at, 'we', verb, 'them', 'out']]),
  [at, 'receiving'], [at, 'getting'], [at, 'they', 'received'], [at, 'they', 'got'], [at, 'being', 'sent'],
].map((words) => [words, true] as [string[], true]));

interface Target {
  campaigns: CampaignSet;
  /** all for "each of", "both X and Y"; undefined when the words do not say. */
  match?: MatchMode;
  end: number;
  /** A count of events: "more than 5 emails". */
  count?: { operator: 'gt' | 'gte' | 'lt' | 'lte' | 'eq'; value: number };
}

/** Verbs for engaging with a campaign: an open or a click ("engaged"), beside the verbs of one event. */
const ANY_VERB: [string[], Event | 'engaged' | 'sent'][] = [
  ...VERBS, [['sent'], 'sent'], [['engaged', 'with'], 'engaged'], [['engaged'], 'engaged'], [['interacted', 'with'], 'engaged'], [['engaged', 'in'], 'engaged'],
  // "did not engage with any of the last 3", "never interact with our emails"
  [['engage', 'with'], 'engaged'], [['interact', 'with'], 'engaged'],
];

export function emailEngagement(p: Parse, i: number): Clause | undefined {
  // "unsubscribed" alone is the email status; "unsubscribed after we sent them X" is the event on X.
  const verb = p.phrase(i, ANY_VERB) ?? (p.tokens[i]?.norm === 'unsubscribed' && p.phrase(i + 1, AFTER_SENDING) ? { value: 'unsubscribed' as const, end: i + 1 } : undefined);
  if (!verb) return undefined;
  if (verb.value === 'engaged') return engaged(p, i, verb.end);
  // "leads we sent the Spring Sale to": sent, with a campaign named ("anything we sent" is not a condition).
  if (verb.value === 'sent') {
    const target = campaigns(p, verb.end);
    if (!target) return undefined;
    const found = oneEvent(p, i, { value: 'delivered', end: verb.end });
    // "contacts we sent an email to": a campaign of ours, or an email a rep logged; said.
    if (found && !target.campaigns.ids && !target.campaigns.last) {
      p.assume(`read "${p.text(i, target.end)}" as receiving one of our campaigns (an email logged as an activity is another reading)`);
    }
    return found;
  }
  return coordinated(p, i, { value: verb.value, end: verb.end }) ?? oneEvent(p, i, { value: verb.value, end: verb.end });
}

/**
 * "opened or clicked Spring Sale", "no opens or clicks since August", "opened and clicked the last
 * campaign": two events said of one object and one window. Each verb gets both; "or" is either,
 * "and" both (a negation before them then covers the pair: neither).
 */
function coordinated(p: Parse, i: number, first: { value: Event; end: number }): Clause | undefined {
  const join = p.is(first.end, 'or|and|/|nor') ? first.end : p.is(first.end, ',', 'or|and') ? first.end + 1 : -1;
  if (join < 0) return undefined;
  const second = p.phrase(join + 1, VERBS);
  if (!second || second.value === first.value) return undefined;
  const rest = oneEvent(p, join + 1, second);
  if (!rest) return undefined;
  const swap = (node: Node): Node | undefined => {
    if (node.type === 'engagement') return { ...node, event: first.value };
    if (node.type === 'relation' && node.relation === 'email_events' && node.where) {
      const where = JSON.parse(JSON.stringify(node.where).replace(`"value":"${second.value}"`, `"value":"${first.value}"`)) as typeof node.where;
      return { ...node, where };
    }
    return undefined;
  };
  const mine = swap(rest.node);
  if (!mine) return undefined;
  const both = p.is(join, 'and');
  return { ...rest, node: group(both ? 'and' : 'or', [mine, rest.node]) };
}

/**
 * "engaged with Spring Sale", "never engaged with our last 2 campaigns": an open or a click (said).
 * Each of several campaigns would need an open or a click of every one, which the grammar cannot
 * say with one event per condition: those are left unread.
 */
function engaged(p: Parse, i: number, verbEnd: number): Clause | undefined {
  const modifier = p.phrase(verbEnd, MODIFIERS);
  const j = modifier?.end ?? verbEnd;
  const target = campaigns(p, j);
  if (!target || target.count) return undefined;
  const when = p.dates.read(target.end);
  // "haven't engaged with the last 3 campaigns": with none of them (not "not with every one"), said,
  // as "haven't opened the last 3" is.
  const negated = [p.w(i - 1), p.w(i - 2)].some((w) => NEGATIONS.has(w));
  // "have not opened nothing" (an Italian or Portuguese double negative): the verb's negation, said once.
  if (negated && target.match === 'none' && !modifier) {
    p.assume(`read "${p.text(i - 1, j)}" as one negation, not two`);
    target.match = 'any';
  }
  const noneOf = negated && !modifier && !target.match && (target.campaigns.last ?? 0) > 1 && !when;
  if (noneOf) p.assume(`read "${p.text(i - 1, target.end)}" as none of the last ${target.campaigns.last} campaigns (say "not all of" for fewer than every one)`);
  let match: MatchMode = modifier?.value ?? (noneOf ? 'any' : undefined) ?? target.match ?? (target.campaigns.last !== null ? 'all' : 'any');
  const several = target.campaigns.last !== null ? target.campaigns.last > 1 : (target.campaigns.ids?.length ?? 2) > 1;
  // "engaged with the last 3 campaigns": an open or a click of each one is more than one condition can
  // say; read as at least one of them, said, rather than not at all.
  if (match === 'all' && several && !modifier && target.campaigns.last !== null) {
    p.assume(`read "${p.text(i, target.end)}" as an open or a click of at least one of the last ${target.campaigns.last} campaigns (say "opened each of the last ${target.campaigns.last}" for every one)`);
    match = 'any';
  }
  if (match === 'all' && several) return undefined;
  p.lastCampaigns = target.campaigns;
  p.lastEvent = 'opened';
  p.assume(`read "${p.text(i, verbEnd)}" as an open or a click`);
  const each = (['opened', 'clicked'] as const).map((event) => build(p, event, match, target, when?.conditions ?? [], true));
  return { node: match === 'none' ? group('and', each) : group('or', each), end: when?.end ?? target.end };
}

function oneEvent(p: Parse, i: number, verb: { value: Event; end: number }): Clause | undefined {
  const event = verb.value;
  // "clicked in any of the last 3 campaigns", "opened on", "clicked through"
  // ("opened in the last 30 days": a window, not a preposition before campaigns.)
  // ("clicked in Black Friday Teaser": a campaign named after a holiday is the campaign, not the day.)
  const dated = p.dates.read(verb.end)?.conditions.length && !p.senses(verb.end + 1, 'campaign').length;
  let j = dated ? verb.end : p.skip(verb.end, ['on', 'through', 'in', 'across', ':']);
  // "clickers from the last 5 sends": one of them ("from" picks among the campaigns).
  const among = p.is(j, 'from') && j === verb.end;
  if (among) j += 1;
  // "unsubscribed after we emailed them the Autumn Offer": the event on the campaign named.
  const sending = p.phrase(j, AFTER_SENDING);
  const sent = sending ? campaigns(p, sending.end) : undefined;
  if (sending && sent && (sent.campaigns.ids || sent.campaigns.last)) j = sending.end;
  // ">= 1 of the last 5", "> 0 of": at least one of them, typed as a bound.
  const typed = TYPED_BOUND.has(p.tokens[j]?.norm ?? '') ? readBound(p, j) : undefined;
  const atLeastOne = typed && p.is(typed.end, 'of') && ((typed.operator === 'gte' && typed.value === 1) || (typed.operator === 'gt' && typed.value === 0));
  const said = atLeastOne ? { value: 'any' as MatchMode, end: typed.end + 1 } : p.phrase(j, MODIFIERS);
  // "didn't open none of the emails" (a second-language double negative): the verb's negation, said once.
  const concord = said?.value === 'none' && [p.w(i - 1), p.w(i - 2)].some((w) => NEGATIONS.has(w));
  if (concord) p.assume(`read "${p.text(i - 1, said!.end)} …" as one negation (none of them), not two`);
  const modifier = concord ? { value: 'any' as MatchMode, end: said!.end } : said;
  if (modifier) j = modifier.end;
  const target = campaigns(p, j) ?? implicit(p, i, j);
  if (!target) return undefined;
  j = target.end;
  // "already got the spring sale (the segment)": the segment named after the campaign, as the parenthesis says.
  const listAt = p.tokens[j]?.norm === '(' ? (p.tokens[j + 1]?.norm === 'the' ? j + 2 : j + 1) : -1;
  if (listAt > 0 && ['segment', 'list'].includes(p.tokens[listAt]?.norm ?? '') && p.tokens[listAt + 1]?.norm === ')' && target.campaigns.ids?.length === 1) {
    const name = p.tenant.campaigns.find((c) => c.id === target.campaigns.ids![0])?.name.toLowerCase();
    const named = name ? p.tenant.segments.filter((s) => s.title.toLowerCase().includes(name)) : [];
    if (named.length === 1) {
      p.assume(`read "${p.text(i, listAt + 2)}" as the segment "${named[0]!.title}", as the parenthesis says`);
      return { node: { type: 'segment', operator: 'in', segment: named[0]!.id }, end: listAt + 2 };
    }
  }
  const when = p.dates.read(j);
  if (when) j = when.end;
  // "no opens across the last six campaigns", "didn't open any of …": negated, the last N are none of them
  // (not "not every one of them"), said.
  const negated = [p.w(i - 1), p.w(i - 2)].some((w) => NEGATIONS.has(w));
  // "have not opened nothing" (an Italian or Portuguese double negative): the verb's negation, said once.
  if (negated && target.match === 'none' && !modifier) {
    p.assume(`read "${p.text(i - 1, j)}" as one negation, not two`);
    target.match = 'any';
  }
  const noneOf = negated && !modifier && !among && !target.match && (target.campaigns.last ?? 0) > 1 && !target.count && !when;
  if (noneOf) p.assume(`read "${p.text(i - 1, j)}" as none of the last ${target.campaigns.last} campaigns (say "not all of" for fewer than every one)`);
  const match: MatchMode = modifier?.value ?? (among || noneOf ? 'any' : undefined) ?? target.match ?? (target.campaigns.last !== null ? 'all' : 'any');
  p.lastCampaigns = target.campaigns;
  p.lastEvent = event;
  return { node: build(p, event, match, target, when?.conditions ?? [], !!modifier || among || noneOf), end: j };
}

/** A campaign name alone, after an email clause ("clicked X but not Y"), or meaning "received". */
export function campaignMention(p: Parse, i: number): Clause | undefined {
  const list = named(p, i);
  if (!list) return undefined;
  const event: Event = (p.lastEvent as Event | undefined) ?? 'delivered';
  if (!p.lastEvent) p.assume(`read "${p.text(i, list.end)}" as contacts who received it`);
  p.lastCampaigns = list.campaigns;
  p.lastEvent = event;
  return { node: build(p, event, list.match ?? 'any', list, [], false), end: list.end };
}

function build(p: Parse, event: Event, match: MatchMode, target: Target, when: { operator: string; value: unknown }[], said: boolean): Node {
  const { last, ids } = target.campaigns;
  if (target.count || (when.length && last === null)) {
    const where: Condition[] = [cond('type', 'eq', event)];
    if (ids) where.push(ids.length === 1 ? cond('campaign', 'eq', ids[0]!) : cond('campaign', 'in', ids));
    where.push(...when.map((w) => cond('occurred_at', w.operator as 'gte', w.value as string)));
    if (target.count) return relation('email_events', match !== 'none', where, target.count);
    return relation('email_events', match !== 'none', where);
  }
  const node: Node = { type: 'engagement', event, match, campaigns: { last, ids } };
  if (last !== null && last > 1 && match === 'all' && !said) {
    p.assume(`read "the last ${last} campaigns" as each of the last ${last} campaigns (not just one of them)`, {
      says: `any of the last ${last} campaigns`,
      reading: node,
      alternative: { ...node, match: 'any' },
    });
  }
  return node;
}

/** "2 of the last 3 campaigns": the campaigns as of the clock, and a count of events on them (said). */
function someOfLast(p: Parse, j: number): Target | undefined {
  const t = p.tokens[j];
  if (!t || (t.kind !== 'number' && !readNumber(p.tokens, j) && !p.is(j, 'at|more|over|fewer|less|under|exactly|only|just'))) return undefined;
  const b = readBound(p, j);
  if (!b || b.operator === 'between' || b.operator === 'in' || typeof b.value !== 'number' || !p.is(b.end, 'of')) return undefined;
  const k = p.skip(b.end + 1, ['the', 'our', 'their', 'my']);
  // "of the last 3 campaigns", "of the most recent 3", "of our 3 most recent / latest campaigns"
  const recentFirst = p.is(k, 'most', 'recent') ? k + 2 : p.is(k, 'last|latest|previous|past|recent') ? k + 1 : undefined;
  const counted = recentFirst !== undefined ? readNumber(p.tokens, recentFirst) : readNumber(p.tokens, k);
  const after = recentFirst !== undefined || !counted ? undefined : p.is(counted.end, 'most', 'recent') ? counted.end + 2 : p.is(counted.end, 'latest|last|newest|recent|previous') ? counted.end + 1 : undefined;
  if (!counted || (recentFirst === undefined && after === undefined)) return undefined;
  const m = { value: counted.value, end: after ?? counted.end };
  // "opened 2+ of last 3": after the verb, the campaign noun may go unsaid (at the end of a clause), said.
  const noun = CAMPAIGN_NOUNS.has(p.w(m.end));
  const unsaid = !noun && recentFirst !== undefined && (m.end >= p.tokens.length || p.tokens[m.end]!.kind === 'punct' || p.is(m.end, 'and|or|but'));
  if (!Number.isInteger(m.value) || m.value < 2 || !(noun || unsaid) || b.value > m.value || b.value < 1) return undefined;
  const end = noun ? m.end + 1 : m.end;
  if (unsaid) p.assume(`read "${p.text(j, end)}" as ${p.text(j, b.end)} of our last ${m.value} campaigns`);
  // "all 3 of the last 3", "1 of the last 3": each of them, any of them (exact, and they move with the clock).
  const atLeast = b.operator === 'eq' || b.operator === 'gte';
  if (atLeast && (b.value === m.value || b.value === 1)) return { campaigns: { last: m.value, ids: null }, match: b.value === 1 ? 'any' : 'all', end };
  const chosen = lastCampaigns(p.tenant.campaigns, p.asOf, m.value);
  if (chosen.length < m.value) return undefined;
  const operator = b.operator === 'eq' ? 'gte' : b.operator;
  p.assume(
    `read "${p.text(j, end)}" as ${operator === 'gte' ? 'at least' : operator} ${b.value} events on ${chosen.map((c) => `"${c.name}"`).join(', ')} ` +
      `(the last ${m.value} as of today, fixed; each time counts, so one campaign twice counts twice)`,
  );
  return { campaigns: { last: null, ids: chosen.map((c) => c.id) }, end, count: { operator: operator as 'gte', value: b.value } };
}

/** What the verb is about: the last N campaigns, named campaigns, any campaign, it/them. */
function campaigns(p: Parse, i: number): Target | undefined {
  let j = p.skip(i, ['our', 'the', 'my', 'their', 'of']);
  // the last N campaigns / our latest campaign / the most recent 3 emails
  if (p.is(j, 'last|latest|previous|past|recent') || p.is(j, 'most', 'recent')) {
    let k = j + (p.is(j, 'most') ? 2 : 1);
    const n = readNumber(p.tokens, k);
    if (n) k = n.end;
    if (CAMPAIGN_NOUNS.has(p.w(k)) && Number.isInteger(n?.value ?? 1) && (n?.value ?? 1) >= 1) {
      // "recent campaigns", "our latest emails": several, how many not said — the last 3, said.
      if (!n && p.w(k).endsWith('s')) {
        p.assume(`read "${p.text(j, k + 1)}" as the last 3 campaigns (say how many, e.g. "the last 5 campaigns")`);
        return { campaigns: { last: 3, ids: null }, end: k + 1 };
      }
      return { campaigns: { last: n?.value ?? 1, ids: null }, end: k + 1 };
    }
  }
  // "all three of our most recent campaigns": each of the last three.
  const allAt = p.is(j, 'all|each|both') ? j + 1 : p.is(j - 1, 'all|each|both') ? j : -1;
  if (allAt > 0) {
    const n = readNumber(p.tokens, allAt);
    if (n && Number.isInteger(n.value) && n.value >= 2 && p.is(n.end, 'of')) {
      let k = p.skip(n.end + 1, ['our', 'the', 'my', 'their']);
      k = p.is(k, 'most', 'recent') ? k + 2 : p.is(k, 'latest|last|newest|recent|previous') ? k + 1 : -1;
      if (k > 0 && CAMPAIGN_NOUNS.has(p.w(k))) return { campaigns: { last: n.value, ids: null }, match: 'all', end: k + 1 };
    }
  }
  // "2 of the last 3 campaigns", "at least 4 of our last 6 emails": a count of events on those campaigns.
  const some = someOfLast(p, j);
  if (some) return some;
  // "our 3 most recent sends", "the 2 latest campaigns"
  const count = readNumber(p.tokens, j);
  if (count && Number.isInteger(count.value) && count.value >= 1) {
    const k = p.is(count.end, 'most', 'recent') ? count.end + 2 : p.is(count.end, 'latest|last|newest|recent|previous') ? count.end + 1 : undefined;
    if (k !== undefined && CAMPAIGN_NOUNS.has(p.w(k))) return { campaigns: { last: count.value, ids: null }, end: k + 1 };
  }
  // "opened a Feature Digest": an article before a campaign's name; "the two Feature Digest emails": how many it names.
  const many = readNumber(p.tokens, j);
  const list = named(p, j) ?? (p.is(j, 'a|an') ? named(p, j + 1) : undefined) ?? (many && Number.isInteger(many.value) && many.value >= 2 ? namedCount(p, many.end, many.value) : undefined);
  if (list) return list;
  // "our product-update newsletter, the Feature Digest Jul": a description, then the name set off by a comma.
  let d = j;
  while (d < j + 4 && DESCRIBING.has(p.tokens[d]?.norm ?? '')) d += 1;
  if (CAMPAIGN_NOUNS.has(p.tokens[d]?.norm ?? '') && p.tokens[d + 1]?.norm === ',') {
    const apposed = named(p, p.skip(d + 2, ['the', 'our']));
    if (apposed) return apposed;
  }
  // "the July product-update digest": a campaign described by its words, not named.
  const described = ['the', 'our'].includes(p.tokens[j - 1]?.norm ?? '') ? byHead(p, j) : undefined;
  if (described) return described;
  // "didn't open any of the last 4": the last N with no noun, at the end of the clause; said.
  if (p.is(j, 'last|latest')) {
    const n = readNumber(p.tokens, j + 1);
    const next = p.tokens[n?.end ?? -1];
    if (n && Number.isInteger(n.value) && n.value >= 1 && (!next || next.kind === 'punct' || p.is(n.end, 'and|or|but'))) {
      p.assume(`read "${p.text(j, n.end)}" as the last ${n.value} campaigns`);
      return { campaigns: { last: n.value, ids: null }, end: n.end };
    }
  }
  // more than 5 emails / at least 3 campaigns
  const b = readBound(p, j);
  if (b && b.explicit && b.operator !== 'between' && b.operator !== 'in' && CAMPAIGN_NOUNS.has(p.w(b.end))) {
    return { campaigns: { last: null, ids: null }, end: b.end + 1, count: { operator: b.operator, value: b.value } };
  }
  // anything / something / nothing [in|from|of <campaigns>]: any (none) of them
  if (p.is(j, 'anything|something|nothing')) {
    const none = p.is(j, 'nothing');
    // "something in any of our last 5 campaigns", "anything from one of them": "any of" adds nothing to "something".
    const at = p.is(j + 1, 'in|from|of|on') && p.is(j + 2, 'any|one|either|some', 'of') ? j + 4 : j + 2;
    const of = p.is(j + 1, 'in|from|of|on') ? campaigns(p, at) ?? (at !== j + 2 ? campaigns(p, j + 2) : undefined) : undefined;
    const target = of ?? { campaigns: { last: null, ids: null }, end: j + 1 };
    return { ...target, match: none ? 'none' : 'any' };
  }
  // any campaign / an email / every campaign / emails
  const article = p.is(j, 'a|an|any|every|all|some');
  const k = article ? j + 1 : j;
  if (CAMPAIGN_NOUNS.has(p.w(k))) {
    // "the newsletter", "our email": one campaign meant, none named; any of them, said.
    if (!article && p.is(k - 1, 'the|our|my|their') && !p.w(k).endsWith('s')) {
      p.assume(`read "${p.text(k - 1, k + 1)}" as any of our campaigns: no campaign is named "${p.tokens[k]!.text}" (name it to pick one)`);
    }
    // "every campaign we sent in Q3": the campaigns sent in that window, by name (said). "every campaign
    // since July" says the same without "sent": each of the campaigns of that time (any one's open is
    // the relation's window, read elsewhere).
    let q = k - 1;
    while (q >= 0 && ['our', 'the', 'of', 'my', 'their'].includes(p.tokens[q]!.norm)) q -= 1;
    const every = ['every', 'all', 'each'].includes(p.tokens[q]?.norm ?? '');
    const sent = sentIn(p, k + 1) ?? (every ? sentIn(p, k + 1, false) : undefined);
    if (sent) {
      p.assume(`read "${p.text(every ? q : j, sent.end)}" as ${sent.ids.length === 1 ? 'the campaign' : 'the campaigns'} ${sent.names.map((n) => `"${n}"`).join(', ')}`);
      return { campaigns: { last: null, ids: sent.ids }, match: p.is(j, 'every|all') ? 'all' : 'any', end: sent.end };
    }
    return { campaigns: { last: null, ids: null }, match: p.is(j, 'every|all') ? 'all' : undefined, end: k + 1 };
  }
  // "opened Spring Sale and clicked one": "one" stands for the campaign just said (an email event just said is the relation's).
  if (p.is(j, 'one') && !p.is(j + 1, 'of|or|and|more') && p.lastCampaigns) return { campaigns: p.lastCampaigns, end: j + 1 };
  // it / them / that campaign / those
  if (p.lastCampaigns && (p.is(j, 'it|them|those|these|that|this') || p.is(j, 'that|this|those|these', 'one|campaign|campaigns|email|emails'))) {
    const end = CAMPAIGN_NOUNS.has(p.w(j + 1)) || p.is(j + 1, 'one') ? j + 2 : j + 1;
    return { campaigns: p.lastCampaigns, end };
  }
  return undefined;
}

/** "(that) we sent in Q3", "sent out since July": the campaigns whose send date is in the window said (absolute windows only). */
function sentIn(p: Parse, k: number, verb = true): { ids: string[]; names: string[]; end: number } | undefined {
  let from = k;
  if (verb) {
    const at = p.skip(k, ['that', 'which', 'we', 'were', 'was', 'got', 'went']);
    if (!p.is(at, 'sent|mailed|went')) return undefined;
    from = p.is(at + 1, 'out') ? at + 2 : at + 1;
  }
  const when = p.dates.read(from);
  const instant = (c: DateCondition) => (c.operator === 'within_last' ? relativeBoundary(p.asOf, c.value as RelativeDate) : new Date(c.value as string));
  if (!when?.conditions.length || when.conditions.some((c) => (c.operator === 'within_last' ? typeof c.value !== 'object' : typeof c.value !== 'string' || (c.operator !== 'gte' && c.operator !== 'lt')))) return undefined;
  const holds = (d: Date) => d.getTime() <= p.asOf.getTime() && when.conditions.every((c) => (c.operator === 'lt' ? d.getTime() < instant(c).getTime() : d.getTime() >= instant(c).getTime()));
  const chosen = p.tenant.campaigns.filter((c) => c.sentAt && holds(new Date(c.sentAt)));
  if (!chosen.length) return undefined;
  return { ids: chosen.map((c) => c.id), names: chosen.map((c) => c.name), end: when.end };
}

/** Named campaigns after a number that counts them ("the two Feature Digest emails"), when it does. */
function namedCount(p: Parse, k: number, n: number): Target | undefined {
  const list = named(p, k);
  // ("opened the two Feature Digest emails": both, unless "one of the two" says otherwise.)
  return list?.campaigns.ids?.length === n ? { ...list, match: list.match ?? 'all' } : undefined;
}

/** Words that describe a campaign without being its name ("the monthly product-update digest"). */
const DESCRIBING = new Set(['end', 'product', 'update', 'updates', 'monthly', 'weekly', 'quarterly', 'feature', 'features', 'announcement', 'promo', 'promotional', 'marketing', 'release', 'news', 'edition', 'issue', 'big', 'new']);
const TITLES = new WeakMap<Parse['tenant'], { id: string; name: string; words: Set<string> }[]>();

/**
 * "opened the July product-update digest": the campaign whose name holds the last word said (the
 * head, "digest") and every month said ("Feature Digest Jul"), the other words its name's or words
 * that only describe a campaign; one campaign only, and more than the head said of it. Said.
 */
function titlesOf(p: Parse): { id: string; name: string; words: Set<string> }[] {
  let titles = TITLES.get(p.tenant);
  if (!titles) TITLES.set(p.tenant, (titles = p.tenant.campaigns.map((c) => ({ id: c.id, name: c.name, words: new Set(phraseWords(c.name).map(titleKey)) }))));
  return titles;
}

/** Other words for a campaign name's words ("the year-end recap" for "Year in Review", "the webinar invitation"). */
const NAME_SYNONYMS: Record<string, string> = { recap: 'review', roundup: 'review', summary: 'review', invitation: 'invite', invitations: 'invite', invites: 'invite', promo: 'offer', promotion: 'offer' };
const titleKey = (w: string) => monthKey(w) ?? NAME_SYNONYMS[w] ?? w;

/** The run of a campaign name's words that "BF" (2 or 3 capitals) gives the initials of: ["black", "friday"]. */
function wordsByInitials(titles: { name: string }[], text: string): string[] | undefined {
  if (!/^[A-Z]{2,3}$/.test(text)) return undefined;
  const initials = text.toLowerCase();
  for (const { name } of titles) {
    const ws = phraseWords(name);
    for (let a = 0; a + initials.length <= ws.length; a++) {
      const run = ws.slice(a, a + initials.length);
      if (run.map((x) => x[0]).join('') === initials) return run.map(titleKey);
    }
  }
  return undefined;
}

function byHead(p: Parse, j: number): Target | undefined {
  const titles = titlesOf(p);
  const all = new Set(titles.flatMap((t) => [...t.words]));
  const words: string[] = [];
  let k = j;
  while (k < p.tokens.length && words.length < 6 && p.tokens[k]!.kind === 'word' && !CAMPAIGN_NOUNS.has(p.tokens[k]!.norm)) {
    const w = titleKey(p.tokens[k]!.norm);
    // "the BF teaser": a name's words by their initials, in capitals.
    const initials = all.has(w) ? undefined : wordsByInitials(titles, p.tokens[k]!.text);
    if (initials) {
      words.push(...initials);
      k += 1;
      continue;
    }
    if (!all.has(w) && !DESCRIBING.has(w)) break;
    words.push(w);
    k += 1;
  }
  // ("the July Feature Digest update": words that only describe it may follow the name's last word.)
  while (words.length > 1 && DESCRIBING.has(words[words.length - 1]!) && !all.has(words[words.length - 1]!)) words.pop();
  // "opened the spring one": one word of a single campaign's name, then "one" for the campaign.
  if (words.length === 1 && p.tokens[k]?.norm === 'one' && !MONTH_KEYS.includes(words[0]!)) {
    const only = titles.filter((t) => t.words.has(words[0]!));
    if (only.length !== 1) return undefined;
    p.assume(`read "${p.text(j, k + 1)}" as campaign "${only[0]!.name}"`);
    return { campaigns: { last: null, ids: [only[0]!.id] }, end: k + 1 };
  }
  if (words.length < 2) return undefined;
  const head = words[words.length - 1]!;
  const months = words.filter((w) => MONTH_KEYS.includes(w));
  const others = words.slice(0, -1).filter((w) => !MONTH_KEYS.includes(w));
  const fits = titles.filter((t) => t.words.has(head) && months.every((m) => t.words.has(m)) && others.every((w) => t.words.has(w) || DESCRIBING.has(w)));
  if (fits.length !== 1) return undefined;
  const only = fits[0]!;
  if (!months.length && !others.some((w) => only.words.has(w))) return undefined;
  const end = CAMPAIGN_NOUNS.has(p.w(k)) ? k + 1 : k;
  p.assume(`read "${p.text(j, end)}" as campaign "${only.name}"`);
  return { campaigns: { last: null, ids: [only.id] }, end };
}

/** Named campaigns, with "campaign"/"email" before or after; a one-word partial name needs that word ("Black Friday" alone is enough). */
function named(p: Parse, i: number): Target | undefined {
  const nounBefore = p.is(i, 'campaign|campaigns|email|newsletter');
  const j = nounBefore ? p.skip(i + 1, ['the']) : i;
  const pick = (k: number) => {
    for (const found of p.senses(k, 'campaign')) {
      const after = CAMPAIGN_NOUNS.has(p.w(found.match.end));
      if (!found.sense.partial || nounBefore || after || found.sense.family || found.match.end - found.match.start > 1) return found;
    }
    return undefined;
  };
  const list = readList<Extract<Sense, { kind: 'campaign' }>>(p, j, pick, undefined, true);
  if (!list) return undefined;
  const after = p.is(list.end, 'and|or') ? list.end : p.is(list.end, ',', 'and|or') ? list.end + 1 : -1;
  if (list.conj.length && after >= 0 && p.w(after) !== list.conj[0] && pick(p.skip(after + 1, ['the', 'either', 'a', 'an']))) {
    p.assume(`read "${p.text(j, list.end)}" together, before the "${p.w(after)}" after it ("A ${list.conj[0]} B ${p.w(after)} C" as (A ${list.conj[0]} B) ${p.w(after)} C)`);
  }
  for (const it of list.items) {
    const family = it.sense.family?.map((id) => p.tenant.campaigns.find((c) => c.id === id)?.name ?? id);
    if (family) p.assume(`read "${p.text(it.match.start, it.match.end)}" as the campaigns ${family.map((n) => `"${n}"`).join(' and ')}`);
    else if (it.sense.partial) p.assume(`read "${p.text(it.match.start, it.match.end)}" as campaign "${it.sense.label}"`);
  }
  let end = list.end;
  // "the Feature Digest update in July": a month after a family of campaigns picks the one sent then.
  const familyOnly = list.items.length === 1 ? list.items[0]!.sense.family : undefined;
  if (familyOnly) {
    let k = end;
    while (DESCRIBING.has(p.tokens[k]?.norm ?? '') || CAMPAIGN_NOUNS.has(p.tokens[k]?.norm ?? '')) k += 1;
    const month = ['in', 'from', 'of'].includes(p.tokens[k]?.norm ?? '') ? monthKey(p.tokens[k + 1]?.norm ?? '') : undefined;
    const chosen = month ? familyOnly.filter((id) => titlesOf(p).find((t) => t.id === id)?.words.has(month)) : [];
    if (chosen.length === 1) {
      const name = p.tenant.campaigns.find((c) => c.id === chosen[0])?.name ?? chosen[0]!;
      p.assumptions.splice(p.assumptions.length - 1, 1);
      p.assume(`read "${p.text(j, k + 2)}" as campaign "${name}"`);
      return { campaigns: { last: null, ids: [chosen[0]!] }, end: k + 2 };
    }
  }
  if (p.is(end, 'update', 'emails|email|newsletter|newsletters')) end += 1;
  if (p.is(end, 'campaign|campaigns|email|emails|newsletter|newsletters|send|sends|mailing|mailings|issue|issues|editions')) end += 1;
  const ids = [...new Set(list.items.flatMap((it) => it.sense.family ?? [it.sense.id]))];
  return { campaigns: { last: null, ids }, match: usesAnd(list) && ids.length > 1 ? 'all' : undefined, end };
}

/** No object: "opened X but didn't click" (the same campaigns) or "never opened" (any campaign). */
function implicit(p: Parse, verbAt: number, j: number): Target | undefined {
  const next = p.tokens[j];
  const boundary = !next || next.kind === 'punct' || p.is(j, 'and|or|but|who|that|in|since|before|after|within|during|over|ever') || !!p.dates.read(j)?.conditions.length;
  if (!boundary) return undefined;
  if (p.lastCampaigns) return { campaigns: p.lastCampaigns, end: j };
  const negated = [p.w(verbAt - 1), p.w(verbAt - 2)].some((w) => NEGATIONS.has(w));
  const dated = !!p.dates.read(j);
  if (negated || dated) return { campaigns: { last: null, ids: null }, end: j };
  // "opened but never clicked", "contacts who clicked": any campaign, said.
  if (!next || next.kind === 'punct' || p.is(j, 'but|and|or')) {
    p.assume(`read "${p.text(verbAt, j)}" without a campaign as any campaign`);
    return { campaigns: { last: null, ids: null }, end: j };
  }
  return undefined;
}
