// Segment membership: "in the Q1 batch segment", "members of Q1 batch", "not in the Cooldown
// segment" (a unique first word of a title is enough next to the word "segment").
import type { Clause, Parse } from '../state.js';

const INTROS: [string[], true][] = [
  [['in'], true], [['within'], true], [['inside'], true], [['from'], true], [['on'], true], [['members', 'of'], true], [['member', 'of'], true],
  [['part', 'of'], true], [['belong', 'to'], true], [['belongs', 'to'], true], [['belonging', 'to'], true],
];
const NOUNS = new Set(['segment', 'segments', 'list', 'audience']);

export function segment(p: Parse, i: number): Clause | undefined {
  const intro = p.phrase(i, INTROS);
  let j = p.skip(intro ? intro.end : i, ['the', 'our']);
  const nounBefore = NOUNS.has(p.w(j));
  if (nounBefore) j = p.skip(j + 1, ['the']);
  for (const { sense, match } of p.senses(j, 'segment')) {
    const nounAfter = NOUNS.has(p.w(match.end));
    if (sense.partial && !nounBefore && !nounAfter) continue;
    p.use(match, sense);
    if (sense.partial) p.assume(`read "${p.text(match.start, match.end)}" as segment "${sense.label}"`);
    return { node: { type: 'segment', operator: 'in', segment: sense.id }, end: nounAfter ? match.end + 1 : match.end };
  }
  return undefined;
}
