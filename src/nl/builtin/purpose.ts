// How people ask for an audience in a chat or a ticket: a polite request around it ("can you pull …?",
// "I need a list of …") and, after it, why they want it ("… so we can invite them to the webinar",
// "? it's for the partner newsletter", "— the analytics team wants to talk to them"). Neither is a
// condition. The request is a way of asking (so "can you pull X?" is not a question about X); the
// purpose is set aside, never read as conditions — its words ("partner newsletter", "call blitz",
// "enterprise ABM program") are often the tenant's own tags, plans and activity types — and reported
// as an open span, so the reviewer sees what was not read.
import type { TenantValues } from '../../rules/tenant.js';

export interface Span {
  text: string;
  start: number;
  end: number;
}

const ASK = String.raw`(?:pull\s+together|pull(?:\s+up)?|get|grab|fetch|find|give|build|make|create|show|list|export|extract|send|share|put\s+together|set\s+up|dig\s+up|compile|prepare|draw\s+up|identify|segment|have|see)`;
const LIST_OF = String.raw`(?:(?:a|the|an)\s+(?:quick\s+|new\s+|fresh\s+)?(?:list|segment|audience|set|group|export|csv|count)\s+(?:of|with)\s+)?`;
/** "hey, could you build me a list of", "can I get", "I need", "I'd like", "looking for", "please pull". */
const LEAD_IN = new RegExp(
  // ("Don't change anything, just list …": a reassurance that nothing is changed, then the request.)
  String.raw`^\s*(?:(?:hey|hi|hello|ok|okay|so|quick\s+one)\b[\s,!:-]*)?` +
    // A hedge before the request ("not sure if this is possible but", "this might be a weird one, but").
    String.raw`(?:(?:i'm\s+|i\s+am\s+)?(?:not\s+sure\s+(?:if|whether)\s+(?:this|that|it)(?:'s|\s+is)\s+(?:possible|doable|a\s+thing)|this\s+(?:might|may|could)\s+be\s+a\s+(?:weird|strange|odd|silly|dumb|tricky|big)\s+(?:one|question|ask|request)|(?:sorry|apologies)\s+if\s+[^,.!?]{0,40})[\s,.!]*(?:but\s+)?)?(?:` +
    String.raw`(?:don't|do\s+not|no\s+need\s+to)\s+(?:change|modify|edit|update|touch|delete)\s+(?:anything|any\s+data|a\s+thing|any\s+records)[\s,.;:!-]*(?:just\s+|only\s+)?(?:list|show|give|find|pull|get|grab)?(?:\s+(?:me|us))?|` +
    String.raw`(?:can|could|would|will)\s+(?:you|u|ya)\s+(?:please\s+|pls\s+|plz\s+|quickly\s+)?${ASK}\b(?:\s+(?:me|us))?` +
    String.raw`|(?:can|could|may)\s+(?:i|we)\s+(?:please\s+)?${ASK}\b` +
    String.raw`|(?:i|we)(?:\s+(?:just|really|only|also|now))?(?:\s+(?:need|want|would\s+like)|['’]d\s+like)\b(?:\s+(?:to\s+(?:see|get|pull|find|have|target|reach|email)))?` +
    String.raw`|(?:i'm|i\s+am|we're|we\s+are)\s+looking\s+for|looking\s+for|need` +
    String.raw`|please\s+${ASK}\b(?:\s+(?:me|us))?` +
    // A bare imperative ("pull US contacts …", "grab everyone tagged vip"): only the verbs that are never conditions.
    String.raw`|(?:pull(?:\s+up)?|grab|fetch|export|compile|dig\s+up)\b(?:\s+(?:me|us))?` +
    String.raw`)\s+(?:up\s+)?${LIST_OF}`,
  'i',
);

/** "so we can …", "so that sales can …", "so account managers can …": a purpose wherever it starts. */
const SO_THAT = String.raw`\bso(?:\s+that)?\s+(?:(?:we|i|you|they|sales|marketing|support|the\s+[\w-]+(?:\s+[\w-]+)?|[\w-]+(?:\s+[\w-]+)?)\s+(?:can|could|may|might|will|'ll|are\s+able\s+to)|(?:we|they|the\s+(?:team|reps|sdrs|sales\s+team|account\s+managers?|ams))\s+(?:stop|stops|start|starts|don't|do\s+not|won't|never|get|gets|have|has)\b)\b`;
/** After a boundary: "? it's for …", "— we want to …", "; the SDRs want …", ", since this is for …", "? need them for …". */
const AFTER_BOUNDARY = String.raw`(?:[?.!;:,(]|\s[—–-])\s*(?:` +
  [
    String.raw`(?:it's|it’s|it\s+is|this\s+is|that's|that\s+is|these\s+are|they're|they’re|they\s+are)\s+(?:for|going|due|coming|needed|part|about)\b`,
    String.raw`since\s+(?:this|that|it)\s+(?:is|'s)\b`,
    // ", they get a separate mailing", ", the data team has not scored them yet", ", we are checking in with …":
    // a sentence of its own after the audience (its own subject and verb) says why, not who.
    String.raw`(?:they|we|i|you|those|these|the\s+(?!ones\b|people\b|contacts\b|folks\b|deals?\b|meetings?\b|calls?\b|activit(?:y|ies)\b|scores?\b|fit\b|notes?\b|opportunit(?:y|ies)\b|events?\b)[\w-]+(?:\s+(?!who\b|that\b|which\b|with\b|whose\b|in\b|at\b|from\b|of\b|on\b)[\w-]+){0,2}|our\s+[\w-]+(?:\s+[\w-]+){0,2})\s+(?:already\s+|all\s+|just\s+|still\s+|really\s+)?(?:get|gets|are|is|have|has|had|want|wants|need|needs|will|can|do|does|don't|doesn't|were|was|got|getting|deserve|qualify)\b(?!\s+(?:to\s+)?(?:have|be|been|also|only|the\s+ones?|those|all)\b)`,
    // ", and do the same for Sara's team", "; then repeat this for …": a second request, set aside (one audience per draft).
    String.raw`(?:and\s+|then\s+|and\s+then\s+)?(?:do|repeat|run)\s+(?:the\s+same|this|that|it)(?:\s+again)?\s+(?:for|with|on)\b`,
    // "— don't call them, just show me who they are": an instruction about the people, not a condition on them.
    String.raw`(?:don't|do\s+not|never|please\s+don't|please\s+do\s+not)\s+(?:call|email|e-mail|contact|message|text|touch|change|update|edit|delete|modify|remove|ping)\s+(?:them|these|those|anyone|anybody|it|any\s+of\s+them)\b`,
    // ", to deprioritize them", ", to invite them": what will be done with them.
    String.raw`to\s+(?:[\w-]+)\s+(?:them|those|these|it)\b`,
    // ", before the renewal calls start next month": a time that is the purpose's, not the audience's.
    String.raw`before\s+(?:the|our)\s+(?:[\w-]+\s+){0,3}?(?:start|starts|begin|begins|go|goes|launch|launches|kick|kicks|happen|happens)\b`,
    // ", because the ad team wants …", ", since those are the ones …": a reason ("since July" is a date, never these).
    String.raw`because\b`,
    String.raw`since\s+(?:those|these|they|they're|they’re|that's|it's|we|we're|we've|i|i'm|the\s+[\w-]+\s+(?:team|folks|people|reps?)|(?:the|our)\s+(?:[\w-]+\s+){1,3}?(?:is|are|will|has|have|was|were)\b)\b`,
    String.raw`(?:need|needed|want|wanted|using|planning\s+to\s+use)\s+(?:them|these|those|it|this|the\s+list|to)\b`,
    String.raw`(?:we|i|marketing|sales|support|the\s+[\w-]+(?:\s+[\w-]+)?|our\s+[\w-]+(?:\s+[\w-]+)?)(?:\s+(?:want|wants|need|needs|would\s+like|are\s+running|are\s+planning|plan|plans|will|am\s+going|are\s+going)|['’](?:d\s+like|re\s+running|re\s+planning|ll|m\s+going|re\s+going))\b`,
  ].join('|') +
  String.raw`)`;
/** Where the sentence that starts at or before `from` ends (after its full stop), when another follows; -1 when none does. */
const ABBREVIATIONS = new Set(['excl', 'incl', 'approx', 'resp', 'vs', 'etc', 'e', 'i', 'g', 'dr', 'mr', 'mrs', 'ms', 'st', 'no', 'inc', 'corp', 'ltd', 'co', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);
function sentenceEnd(text: string, from: number): number {
  const re = /([\p{L}\p{N}]+)[.!?]\s+(?=\p{L})/gu;
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) if (!ABBREVIATIONS.has(m[1]!.toLowerCase())) return m.index + m[1]!.length + 1;
  return -1;
}

/** "for the supply chain webinar", "for the upsell emails next week": what the list is for. */
const FOR_THE = String.raw`\bfor\s+(?:the|our|a|an|this|that|next|upcoming|an\s+upcoming|the\s+upcoming|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|next\s+week)['’]s)\s+(?:[\w'+&-]+\s+){0,4}?(?:campaign|campaigns|newsletter|program|programme|webinar|blitz|push|outreach|emails?|send|promo|promotion|test|event|survey|initiative|sequence|drip|mailing|follow-?up|invites?|invitation|effort|play|motion|review|kickoff|launch|cadence|nurture|retargeting|ads?|list|offer|dinner|gift|discount|track|team|cohort|box|roadshow|summit|conference)\b`;

/** "because …" and "since they …" without a boundary before them: a reason wherever it starts. */
const REASON = String.raw`\b(?:because|cause|'cause)\s+(?:those|these|they|they're|they’re|we|we're|i|i'm|the|our|it|it's|that|that's|sales|marketing)\b|\bsince\s+(?:those|these|they|they're|they’re|that's|it's|we're|we've)\b`;

const PURPOSE = new RegExp(`${SO_THAT}|${AFTER_BOUNDARY}|${FOR_THE}|${REASON}`, 'gi');

/** "Forget the vip filter from before, I just want …": a correction of an earlier request, then the request. */
/** ("ignore the cooldown rules and just give me …": a restriction lifted, then the request; reported, so the reviewer sees it.) */
const CORRECTION = /^\s*(?:forget|scrap|drop|never\s+mind|ignore|disregard|skip)\s+(?:about\s+)?(?:the|that|my|our|any)\s+(?:[\w-]+\s+){0,3}?(?:(?:filter|condition|part|bit|rule|one|request|list)s?\b[^,;.]*[,;.]\s*|(?:rules?|restrictions?|exclusions?|suppressions?|polic(?:y|ies)|caps?|limits?)\s+(?:and|,|;)\s+(?=(?:just\s+|only\s+|simply\s+)?(?:give|show|get|pull|list|find|grab|send|return|fetch)\b))/i;

/** "For the partner summit I need …", "For the QBR, pull …": what the list is for, said first. */
const FOR_FIRST = /^\s*(?:(?:so|ok|okay|right|alright|hi|hey|also)[,\s]+)?for\s+(?:the|our|their|my|your|a|an|this|next|upcoming)\s+(?:[\w'&+-]+\s+){0,4}?[\w'&+-]+\s*,?\s*(?=(?:i|we)\s+(?:need|want|would\s+like)|(?:i|we)['’]d\s+like|(?:can|could)\s+(?:you|i|we)\b|please\b|pull\b|grab\b|get\b|give\b|show\b|list\b|find\b)/i;

/**
 * The polite request at the start (blank it: a way of asking), and the purposes after the audience
 * (blank them and report them), in the description's own offsets. A purpose runs to the end of the
 * text, to a colon, or to its closing parenthesis when it opened one. A "for the …" that names one of the
 * tenant's campaigns ("for the Spring Sale campaign") is about that campaign, not a purpose.
 */
/** "who should get the webinar follow-up? anyone who clicked …": a question first, then the audience that answers it. */
const ASKED_FIRST = /^\s*(?:who|which\s+(?:contacts|people|leads|customers))\s+(?:should|do\s+we|would|will|can|could|must|needs?\s+to)\b[^?]{1,120}\?(?=\s*\S)/i;

/** "Hi team, I hope this finds you well.", "Dear all, hope your week is going well.": the greeting of a letter. */
const GREETING = /^\s*(?:(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening|day))\b[^.!?\n,]{0,40}[,.!]\s*)?(?:(?:i\s+|we\s+)?(?:hope|trust)\s+[^.!?]{0,80}[.!?]\s*)+|^\s*(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening))\b[^.!?\n,]{0,40},\s*/i;
/** "Thank you so much in advance, …", "Warm regards, Amina", "Thanks ever so much, Priya": its sign-off. */
const SIGN_OFF = /(?:^|[.!?]\s+|,\s+)((?:thanks|thank\s+you|many\s+thanks|cheers|best|regards|kind\s+regards|warm\s+regards|best\s+regards|sincerely|all\s+the\s+best|have\s+a\s+(?:great|good|nice)\s+\w+)\b[^]*)$/i;
/** "… and would be very grateful if someone could pull together the contacts …": the request in the middle of a letter. */
const MID_REQUEST = new RegExp(
  String.raw`\b(?:(?:could|can|would)\s+(?:you|someone|somebody|anyone|we)|(?:if\s+)?(?:you|someone|somebody|anyone)\s+(?:could|can|would))\s+(?:kindly\s+|please\s+|possibly\s+)?${ASK}\b(?:\s+(?:me|us))?\s+(?:up\s+)?${LIST_OF}`,
  'gi',
);

const HEADING = new RegExp(
  String.raw`^\s*(?:(?:ticket|req|request|case|jira)\s*#?\s*[\w-]*\d[\w-]*\s*[:—–-]\s*|(?:the\s+)?(?:client|customer|they|sales|marketing|the\s+team|account)\s+(?:wants|needs|asks\s+for|requests|requested)\s*[:—–-]?\s*|requested\s+audience\s*[:—–-]\s*|(?:audience\s+)?request\s*[:—–-]\s*|(?:win\s+back|re-?engage|reactivate|nurture|warm\s+up)\s+(?:the\s+|our\s+)?` +
    // "kindly share the list of …", "do the needful and share list of …" (Indian English requests).
    String.raw`|(?:kindly\s+|please\s+|pls\s+)?(?:do\s+the\s+needful\s+and\s+)?(?:kindly\s+|please\s+)?share\s+(?:with\s+(?:me|us)\s+)?(?:the\s+|a\s+)?(?:(?:full\s+)?list\s+of\s+)?)`,
  'i',
);

export function requestAndPurpose(description: string, tenant: TenantValues): { leadIn?: Span; purposes: Span[] } {
  // A letter: its greeting and sign-off are set aside and reported; a request in its middle starts the audience.
  const greeting = GREETING.exec(description);
  const signOff = SIGN_OFF.exec(description);
  if ((greeting && greeting[0].trim()) || (signOff && signOff.index > 0)) {
    const cutStart = greeting ? greeting[0].length : 0;
    const cutEnd = signOff && signOff.index > cutStart ? signOff.index + signOff[0].length - signOff[1]!.length : description.length;
    const inner = requestAndPurpose(' '.repeat(cutStart) + description.slice(cutStart, cutEnd) + ' '.repeat(description.length - cutEnd), tenant);
    const spans: Span[] = [];
    if (greeting && greeting[0].trim()) spans.push({ text: greeting[0].trim(), start: greeting[0].length - greeting[0].trimStart().length, end: greeting[0].trimEnd().length });
    if (cutEnd < description.length) spans.push({ text: description.slice(cutEnd).trim(), start: cutEnd, end: description.trimEnd().length });
    return { leadIn: inner.leadIn, purposes: [...spans, ...inner.purposes].sort((a, b) => a.start - b.start) };
  }
  // "Ticket #4411: …", "Client wants: …", "win back churned customers who …": a heading or a goal's verb
  // before the audience is a way of asking, like a request.
  const heading = HEADING.exec(description);
  if (heading) {
    const rest = requestAndPurpose(' '.repeat(heading[0].length) + description.slice(heading[0].length), tenant);
    const end = rest.leadIn && rest.leadIn.start <= heading[0].length + 1 ? Math.max(rest.leadIn.end, heading[0].length) : heading[0].length;
    return { leadIn: { text: description.slice(0, end), start: 0, end }, purposes: rest.purposes };
  }
  // "We are planning a roundtable in Lagos and would be grateful if someone could pull together the contacts …".
  let mid: RegExpExecArray | undefined;
  for (const m of description.matchAll(MID_REQUEST)) mid = m as RegExpExecArray;
  if (mid && mid.index > 0 && /[a-z]/i.test(description.slice(0, mid.index)) && !LEAD_IN.test(description)) {
    const before = description.slice(0, mid.index);
    const rest = requestAndPurpose(' '.repeat(mid.index + mid[0].length) + description.slice(mid.index + mid[0].length), tenant);
    const setup = { text: before.trim(), start: before.length - before.trimStart().length, end: before.trimEnd().length };
    return { leadIn: { text: mid[0], start: mid.index, end: mid.index + mid[0].length }, purposes: [setup, ...rest.purposes] };
  }
  const first = FOR_FIRST.exec(description) ?? CORRECTION.exec(description);
  if (first) {
    const rest = requestAndPurpose(' '.repeat(first[0].length) + description.slice(first[0].length), tenant);
    return { leadIn: rest.leadIn, purposes: [{ text: first[0].trim(), start: first[0].length - first[0].trimStart().length, end: first[0].trimEnd().length }, ...rest.purposes] };
  }
  const asked = ASKED_FIRST.exec(description);
  if (asked) {
    const rest = requestAndPurpose(' '.repeat(asked[0].length) + description.slice(asked[0].length), tenant);
    return { leadIn: rest.leadIn, purposes: [{ text: asked[0].trim(), start: asked[0].length - asked[0].trimStart().length, end: asked[0].length }, ...rest.purposes] };
  }
  const lead = LEAD_IN.exec(description);
  // "pull US contacts": the country, not "pull us" (the pattern ignores case, so it is looked at here).
  const said = lead ? lead[0].slice(0, /\bUS\b/.exec(lead[0])?.index ?? lead[0].length) : '';
  const leadIn = said.trim() ? { text: said, start: 0, end: said.length } : undefined;
  const from = leadIn?.end ?? 0;
  const campaigns = tenant.campaigns.map((c) => c.name.toLowerCase());
  const purposes: Span[] = [];
  PURPOSE.lastIndex = from;
  for (let m = PURPOSE.exec(description); m; m = PURPOSE.exec(description)) {
    // Something must come before it: the audience.
    if (!/[a-z0-9]/i.test(description.slice(from, m.index))) continue;
    const start = m.index + /^[?.!;:,(\s—–-]*/.exec(m[0])![0].length;
    // To its closing parenthesis, or to a colon (what follows "send list for the autumn push:" is the audience), or to the end.
    const paren = m[0].startsWith('(') ? description.indexOf(')', m.index) : -1;
    const colon = description.indexOf(':', start);
    // (Or to the end of its sentence, when another sentence follows: "Audience for the autumn push. Include: …".)
    const stop = sentenceEnd(description, start);
    const end = paren >= 0 ? paren : colon >= 0 && (stop < 0 || colon < stop) ? colon : stop >= 0 ? stop : description.length;
    const text = description.slice(start, end);
    if (/^for\b/i.test(text) && campaigns.some((name) => text.toLowerCase().includes(name))) continue;
    purposes.push({ text: text.trimEnd(), start, end: start + text.trimEnd().length });
    break;
  }
  return { leadIn, purposes };
}

/**
 * A brief's sections: "Include: opportunities. Exclude: anyone on the free plan, anyone without a phone.
 * Nice to have: opened Year in Review." The include label is a way of asking (blanked); the exclude
 * label is "except" (written in its place, the same length, so offsets hold); a nice-to-have, a
 * preference that never narrows the audience, is set aside and reported, up to the next label or the end.
 */
const SECTION = /(?<![\p{L}])(include|includes|including|must[\s-]+have|must[\s-]+haves|criteria|required|requirements|target|exclude|excludes|exclusions?|must[\s-]+not(?:[\s-]+have)?|suppress|remove|nice[\s-]+to[\s-]+have|nice[\s-]+to[\s-]+haves|optional|bonus|if\s+possible|preferred|ideally)\s*:/giu;
const EXCLUDING = /^(?:exclu|must[\s-]+not|suppress|remove)/i;
const PREFERRING = /^(?:nice|optional|bonus|if|prefer|ideal)/i;
export function criteriaSections(description: string): { text: string; optional: Span[] } {
  const labels = [...description.matchAll(SECTION)];
  // One label alone ("Criteria: …") or a field's own label is not a brief: two sections at least, or an exclusion or a preference.
  if (!labels.length || (labels.length === 1 && !EXCLUDING.test(labels[0]![1]!) && !PREFERRING.test(labels[0]![1]!))) return { text: description, optional: [] };
  let text = description;
  const optional: Span[] = [];
  const put = (at: number, len: number, what: string) => (text = text.slice(0, at) + what.padEnd(len, ' ') + text.slice(at + len));
  labels.forEach((m, n) => {
    const word = m[1]!;
    const at = m.index!;
    const len = m[0].length;
    if (EXCLUDING.test(word)) put(at, len, 'except');
    else if (PREFERRING.test(word)) {
      const span = description.slice(at, labels[n + 1]?.index ?? description.length).trimEnd();
      optional.push({ text: span, start: at, end: at + span.length });
      put(at, span.length, '');
    } else {
      // After an exclusion, what is included is "the rest" (the audience the exclusion is taken from).
      const excluded = labels.slice(0, n).some((x) => EXCLUDING.test(x[1]!));
      const rest = /^\s*(?:everyone|everybody|anyone|all)\s+(?:else|others)\b|^\s*the\s+rest\b/i.test(description.slice(at + len));
      put(at, len, excluded && !rest && len >= 8 ? 'the rest' : '');
    }
  });
  return { text, optional };
}
