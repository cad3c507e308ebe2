import { table } from './table.js';
import { TABLES } from './tables/index.js';

for (const [family, rows] of Object.entries(TABLES)) table(family, rows);
