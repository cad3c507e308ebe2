import { and, c, engaged, inSegment, not, notInSegment, or, type Row } from '../build.js';

const ALL = ['Already ran campaign Spring Sale', 'Cooldown — Mar 2026', 'Q1 batch'];

/** Segment membership, by title (also partial titles next to the word "segment"). */
export const segments: Row[] = [
  { say: 'contacts in the Q1 batch segment', rules: inSegment('Q1 batch') },
  { say: 'members of Q1 batch', rules: inSegment('Q1 batch') },
  { say: "in segment 'Cooldown — Mar 2026'", rules: inSegment('Cooldown — Mar 2026') },
  { say: 'contacts not in the Cooldown segment', rules: notInSegment('Cooldown — Mar 2026'), assume: ['Cooldown — Mar 2026'] },
  { say: 'vip contacts excluding the Q1 batch segment', rules: [c('tags', 'eq', 'vip'), notInSegment('Q1 batch')] },
  { say: 'in the Already ran campaign Spring Sale segment', rules: inSegment('Already ran campaign Spring Sale') },
  { say: 'customers who are not in Q1 batch', rules: [c('lifecycle_stage', 'eq', 'customer'), notInSegment('Q1 batch')] },
  { say: 'contacts in Q1 batch or Cooldown — Mar 2026', rules: or(inSegment('Q1 batch'), inSegment('Cooldown — Mar 2026')) },
  // Outside a segment, not part of it, excluding its members: not_in, never in.
  { say: 'contacts outside the Q1 batch segment', rules: notInSegment('Q1 batch') },
  { say: 'customers who sit outside of the Cooldown segment', rules: [c('lifecycle_stage', 'eq', 'customer'), notInSegment('Cooldown — Mar 2026')] },
  { say: 'leads that are not part of Q1 batch', rules: [c('lifecycle_stage', 'eq', 'lead'), notInSegment('Q1 batch')] },
  { say: 'vip contacts, leaving out anyone who is a member of the Q1 batch list', rules: [c('tags', 'eq', 'vip'), notInSegment('Q1 batch')] },
  { say: 'partners who are no longer part of Q1 batch', rules: [c('tags', 'eq', 'partner'), notInSegment('Q1 batch')] },
  { say: 'customers excluding members of the Cooldown segment', rules: [c('lifecycle_stage', 'eq', 'customer'), notInSegment('Cooldown — Mar 2026')] },
  // No segment at all / some segment: every segment of the tenant, said as an assumption.
  { say: 'contacts that are not in any segment', rules: and(...ALL.map(notInSegment)), assume: ['Q1 batch'] },
  { say: 'leads who belong to no segment', rules: [c('lifecycle_stage', 'eq', 'lead'), ...ALL.map(notInSegment)] },
  { say: 'customers that are members of none of the segments', rules: [c('lifecycle_stage', 'eq', 'customer'), ...ALL.map(notInSegment)] },
  { say: "vip contacts who aren't in a single segment", rules: [c('tags', 'eq', 'vip'), ...ALL.map(notInSegment)] },
  { say: 'contacts who are in any of our segments', rules: or(...ALL.map(inSegment)), assume: ['any of'] },
  // How many of them: every way of being in that many, said.
  { say: 'leads in at least two of our three segments', rules: [c('lifecycle_stage', 'eq', 'lead'), or(and(inSegment(ALL[0]!), inSegment(ALL[1]!)), and(inSegment(ALL[0]!), inSegment(ALL[2]!)), and(inSegment(ALL[1]!), inSegment(ALL[2]!)))], assume: ['at least 2 of the segments'] },
  { say: 'contacts in exactly one of the segments', rules: or(...ALL.map((s) => and(...ALL.map((t) => (t === s ? inSegment(t) : notInSegment(t)))))), assume: ['exactly 1 of the segments'] },
  // A title's words in another order, or some of them (two at least, or one beside "list"), said.
  { say: 'everyone in the March cooldown or in the Q1 batch', rules: or(inSegment('Cooldown — Mar 2026'), inSegment('Q1 batch')), assume: ['"March cooldown" as segment "Cooldown — Mar 2026"'] },
  { say: 'leads on the spring sale already-ran list', rules: [c('lifecycle_stage', 'eq', 'lead'), inSegment('Already ran campaign Spring Sale')], assume: ['as segment "Already ran campaign Spring Sale"'] },
  { say: 'contacts in the cooldown list who are subscribed', rules: [inSegment('Cooldown — Mar 2026'), c('email_status', 'eq', 'subscribed')], assume: ['segment'] },
  // Not a segment: a campaign's name as written, a campaign noun, one word alone.
  { say: 'contacts in the Spring Sale campaign', rules: engaged('delivered', 'any', { ids: ['Spring Sale'] }), assume: ['received it'] },
  { say: 'contacts in sale', refuse: true },
  // "it" after a segment is that segment.
  { say: 'contacts that were ever in the Q1 batch but are not in it now', rules: [{ ...inSegment('Q1 batch'), when: { event: 'member', since: null } }, not(inSegment('Q1 batch'))] },
  // "outside A and B": in neither.
  { say: 'contacts outside both the Q1 batch and the March cooldown', rules: [notInSegment('Q1 batch'), notInSegment('Cooldown — Mar 2026')], assume: ['none of them'] },
  // The second list of an "and"/"or" by one word of its title; "used to be in" is having left.
  { say: 'contacts in both the Q1 batch and the cooldown', rules: [inSegment('Q1 batch'), inSegment('Cooldown — Mar 2026')], assume: ['"cooldown"'] },
  { say: 'leads who used to be in the Q1 batch', rules: [c('lifecycle_stage', 'eq', 'lead'), { ...inSegment('Q1 batch'), when: { event: 'left', since: null } }] },
  // "in X but not in it now": having been in it, not a contradiction.
  { say: 'contacts in the cooldown segment but not in it anymore', rules: [{ ...inSegment('Cooldown — Mar 2026'), when: { event: 'member', since: null } }, not(inSegment('Cooldown — Mar 2026'))], assume: ['at some point'] },
  // "not in A or B": one clause of both, so the negation takes both (was NOT A OR B, silently).
  { say: 'contacts not in the Q1 batch or the March cooldown list', rules: not(or(inSegment('Q1 batch'), inSegment('Cooldown — Mar 2026'))) },
  { say: 'q1 batch people excluding the cooldown folks', rules: [inSegment('Q1 batch'), notInSegment('Cooldown — Mar 2026')] },
  // A quoted name whose words are all one title's; every static segment, counted.
  { say: "subscribed contacts, excluding the 'already ran Spring Sale' segment", rules: [c('email_status', 'eq', 'subscribed'), notInSegment('Already ran campaign Spring Sale')], assume: ['Already ran campaign Spring Sale'] },
  { say: 'contacts outside all three of our static segments', rules: ALL.map(notInSegment), assume: ['static segments'] },
  { say: 'not in any of our 3 segments', rules: ALL.map(notInSegment) },
  // Some of a title's words before "segment" are that segment, not a refusal.
  { say: 'contacts in the Spring Sale segment who did not open the Spring Sale email', rules: [inSegment('Already ran campaign Spring Sale'), engaged('opened', 'none', { ids: ['Spring Sale'] })], assume: ['"Spring Sale segment"'] },
  // One long word of one title only, after "in": that segment, said.
  { say: "Q1 batch contacts that aren't in the cooldown", rules: [inSegment('Q1 batch'), notInSegment('Cooldown — Mar 2026')], assume: ['as segment'] },
  // A long word of a title, misspelt, is corrected against the titles' words (said).
  { say: 'vips not in cooldwn list', rules: [c('tags', 'eq', 'vip'), notInSegment('Cooldown — Mar 2026')], assume: ['"cooldown"'] },
  { say: 'leads in exactly one of the Q1 batch or the cooldown segment', rules: [c('lifecycle_stage', 'eq', 'lead'), or(and(inSegment('Q1 batch'), notInSegment('Cooldown — Mar 2026')), and(inSegment('Cooldown — Mar 2026'), notInSegment('Q1 batch')))], assume: ['exactly 1 of the segments'] },
  // A segment's unique first word right after "not", with a segment named before it.
  { say: 'contacts in the Q1 batch and not the cooldown', rules: [inSegment('Q1 batch'), notInSegment('Cooldown — Mar 2026')], assume: ['"cooldown" as segment'] },
  // "both … and" / "either … or" before segments named by their unique words.
  { say: 'people sitting in both the cooldown and the Q1 batch segments', rules: [inSegment('Cooldown — Mar 2026'), inSegment('Q1 batch')] },
  { say: 'contacts in either the cooldown or the Q1 batch', rules: or(inSegment('Cooldown — Mar 2026'), inSegment('Q1 batch')) },
];
