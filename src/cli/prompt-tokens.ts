// npm run prompt:tokens   Counts the prompt's tokens (o200k_base, the tokenizer of current OpenAI
// models) for the demo tenant: the static, cacheable part and the per-request part.
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { DEMO_FIXTURE } from '../fixture/demo.js';
import { readFixtureFile } from '../fixture/import.js';
import { buildMessages, PROMPT_VERSION, staticPrompt, tenantPrompt } from '../nl/prompt.js';
import { tenantValuesFromFixture } from '../fixture/tenant-values.js';

const fixture = readFixtureFile(DEMO_FIXTURE);
const orgId = 'org_acme';
const tenant = tenantValuesFromFixture(fixture, orgId);
const description = 'enterprise accounts in Germany that opened our last 3 campaigns but have no deal created in the last 90 days';
const all = buildMessages(description, tenant, fixture.asOf);
const count = (text: string) => encode(text).length;
const fewShots = all.slice(1, -2).reduce((n, m) => n + count(m.content), 0);
console.log(`prompt ${PROMPT_VERSION}, tokenizer o200k_base, tenant ${orgId}`);
console.log(`  static system prompt (cacheable): ${count(staticPrompt())} tokens`);
console.log(`  few-shot examples (cacheable):    ${fewShots} tokens`);
console.log(`  tenant values + clock:            ${count(tenantPrompt(tenant, fixture.asOf))} tokens`);
console.log(`  the description:                 ${count(description)} tokens`);
console.log(`  total (message text):             ${all.reduce((n, m) => n + count(m.content), 0)} tokens`);
