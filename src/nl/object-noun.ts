// Which object type a description is about, from its leading noun: "companies with more than 100
// employees", "accounts with no open deal", "deals over 50k". Nouns come from the catalog's object
// types; anything else (including "contacts", "customers", "people") is a segment of contacts.
import { BUILTIN_OBJECTS, OBJECT_TYPES, type ObjectType } from '../rules/catalog.js';

/** Words that may precede the noun: "all companies", "the deals", "our accounts". */
const LEADING = new Set(['all', 'the', 'our', 'any', 'every', 'those', 'these', 'show', 'me', 'find', 'list', 'get']);

export interface ObjectNoun {
  objectType: ObjectType;
  /** Character offsets of the noun in the description; absent when nothing named the object type. */
  start?: number;
  end?: number;
}

/** The object type a description names first (or contacts), and where that noun is. */
export function objectNoun(description: string): ObjectNoun {
  const words = [...description.matchAll(/[\p{L}\p{N}]+/gu)];
  for (const w of words) {
    const word = w[0].toLowerCase();
    if (LEADING.has(word)) continue;
    for (const type of OBJECT_TYPES) {
      const def = BUILTIN_OBJECTS[type];
      if (type !== 'contacts' && (word === type || word === def.noun || def.synonyms.includes(word))) {
        return { objectType: type, start: w.index, end: w.index + w[0].length };
      }
    }
    break;
  }
  return { objectType: 'contacts' };
}

export function objectTypeOf(description: string): ObjectType {
  return objectNoun(description).objectType;
}
