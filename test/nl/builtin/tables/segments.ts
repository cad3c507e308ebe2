import { c, inSegment, notInSegment, or, type Row } from '../build.js';

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
];
