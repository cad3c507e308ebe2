import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';

export const DEMO_FIXTURE_PATH = path.join(PROJECT_ROOT, 'fixtures', 'crm-demo.json.gz');
