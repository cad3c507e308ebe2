// npm run schema   Prints the JSON Schema the LLM is constrained by.
import { generationJsonSchema } from '../rules/json-schema.js';

process.stdout.write(`${JSON.stringify(generationJsonSchema(), null, 2)}\n`);
