// The accuracy floors CI holds each provider to (evals/floor.json). Raise a floor when the parser or
// prompt improves; never lower one to make a change pass.
import fs from 'node:fs';
import path from 'node:path';
import { EVALS_DIR } from './cases.js';

export const FLOOR_FILE = path.join(EVALS_DIR, 'floor.json');

export function readStoredFloors(file = FLOOR_FILE): Record<string, number> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, number>;
}
