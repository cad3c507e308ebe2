// Request and response shapes of the field-definition API (/v1/fields), in zod: they validate the
// requests and document them in the OpenAPI document.
import { z } from '@hono/zod-openapi';
import { DEFINITION_OBJECTS, DEFINITION_TYPES, PROPERTY_KEY } from '../rules/catalog.js';

const Key = z
  .string()
  .regex(PROPERTY_KEY, 'a property key starts with a letter and uses letters, digits and "_" (at most 64), e.g. "renewal_date"')
  .openapi({ example: 'renewal_date', description: 'The property key in the records’ `properties` (EzFlow: `customProperties.<key>`). Fixed once created.' });
const Label = z.string().trim().min(1).max(100).openapi({ example: 'Renewal date' });
const Type = z.enum(DEFINITION_TYPES).openapi({ description: 'text, number, boolean (yes/no), date, single_select (one of `values`), multi_select (a list of `values`).' });
const Values = z
  .array(z.string().trim().min(1).max(200))
  .min(1)
  .max(500)
  .nullable()
  .openapi({ description: 'The allowed values of a single_select or multi_select field; null for other types.', example: ['gold', 'silver'] });
const Synonyms = z.array(z.string().trim().min(1).max(100)).max(50).openapi({ description: 'Other words for the field, for descriptions and the LLM.', example: ['renewal', 'contract end'] });
const Description = z.string().max(500).nullable().openapi({ description: 'What the field holds (units, format); shown in the editor and the prompt.' });
const Indexed = z.boolean().openapi({
  description:
    'number and date fields only: build an index of this tenant’s values for range filters ("NPS above 8", "renewal date before April"). Equality on selects, booleans and multi-selects needs none. Built in the background; `index` says when it is ready.',
});
const ObjectType = z.enum(DEFINITION_OBJECTS).openapi({ description: 'The object type the field is defined on.' });

export const CreateFieldRequest = z
  .strictObject({
    object: ObjectType.optional(),
    key: Key,
    label: Label,
    type: Type,
    values: Values.optional(),
    synonyms: Synonyms.optional(),
    description: Description.optional(),
    indexed: Indexed.optional(),
  })
  .openapi('CreateFieldRequest');

export const UpdateFieldRequest = z
  .strictObject({ label: Label.optional(), type: Type.optional(), values: Values.optional(), synonyms: Synonyms.optional(), description: Description.optional(), indexed: Indexed.optional() })
  .openapi('UpdateFieldRequest', { description: 'Only the properties given change. Changing the type, or removing values, is refused (409) while segments use them.' });

export const FieldDefinition = z
  .object({
    object: ObjectType,
    key: z.string(),
    field: z.string().openapi({ description: 'The field key rule trees use: `properties.<key>`.', example: 'properties.renewal_date' }),
    label: z.string(),
    type: Type,
    values: z.array(z.string()).nullable(),
    synonyms: z.array(z.string()),
    description: z.string().nullable(),
    indexed: z.boolean(),
    index: z.enum(['building', 'ready', 'failed']).nullable().openapi({ description: 'Its index, when indexed: building, ready, or failed (PATCH `indexed: true` builds it again).' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('FieldDefinition');

export const FieldList = z.object({ fields: z.array(FieldDefinition) }).openapi('FieldList');

export const FieldKeyParam = z.object({ key: Key.openapi({ param: { name: 'key', in: 'path' } }) });
export const FieldObjectQuery = z.object({ object: ObjectType.optional().openapi({ param: { name: 'object', in: 'query' } }) });
