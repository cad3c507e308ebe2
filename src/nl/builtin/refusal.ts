// Text that is not an audience description is refused: instructions to the model, requests for
// other tenants' data, commands that would change data, SQL, and chit-chat. An audience with a few
// unknown words is not refused; it comes back with those words marked.
import type { TenantValues } from '../../rules/tenant.js';
import { changesData } from './attributes.js';

const CHECKS: [RegExp, string][] = [
  [/\b(ignore|disregard|forget|override)\b[^.]{0,40}\b(instructions?|prompts?|rules|guidelines)\b/i, 'This looks like an instruction to the parser, not a description of an audience.'],
  [/\b(you are now|system prompt|jailbreak|developer mode|act as)\b/i, 'This looks like an instruction to the parser, not a description of an audience.'],
  [/\b(all|every|other|another|any|each|across)\s+(of\s+the\s+)?(tenants?|organi[sz]ations?|orgs|workspaces|customers'? databases?)\b/i, 'A segment can only describe contacts of your own organization.'],
  [/\btenants?\b/i, 'A segment can only describe contacts of your own organization.'],
  [/\bselect\b[\s\S]*\bfrom\b|\bwhere\b\s+\w+\s*=|;\s*--|\bunion\s+select\b/i, 'Describe the audience in plain words; SQL is not accepted.'],
  [/^\s*(please\s+)?(write|compose|tell|translate|summari[sz]e|draw|sing|calculate|compute|explain)\b(?![\s\S]*\b(segment|audience|contacts)\b)/i, 'This is not a description of an audience of contacts.'],
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
  return changesData(description);
}

/** Why the parsed text is refused, or undefined: nothing about contacts was recognized. */
export function refuseAfter(clauses: number, unknownWords: number, question: boolean): string | undefined {
  if (clauses === 0) return 'This does not describe an audience: no contact attribute, tag, campaign, deal, activity or segment was recognized.';
  if (question && unknownWords > clauses) return 'This reads as a question rather than a description of an audience.';
  return undefined;
}
