// npm run keys -- create --org <org> --role <admin|editor|viewer> [--name <label>]
// npm run keys -- revoke --org <org> --id <key id>
import { parseArgs } from 'node:util';
import { createApiKey, KeyError, revokeApiKey, type Role } from '../auth/keys.js';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/open.js';
import { runCli } from './run.js';

const USAGE = 'usage: npm run keys -- create --org <org id> --role <admin|editor|viewer> [--name <label>]\n       npm run keys -- revoke --org <org id> --id <key id>';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { org: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, id: { type: 'string' } },
  });
  const command = positionals[0];
  if ((command !== 'create' && command !== 'revoke') || !values.org) {
    console.error(USAGE);
    return 2;
  }
  const database = await openDatabase(loadConfig());
  try {
    if (command === 'create') {
      if (!values.role) throw new KeyError(`--role is required.\n${USAGE}`);
      const { id, key } = await createApiKey(database.db, values.org, values.role as Role, values.name);
      console.log(`created ${values.role} key ${id} for ${values.org}; it is shown only this once:\n${key}`);
    } else {
      if (!values.id) throw new KeyError(`--id is required.\n${USAGE}`);
      const done = await revokeApiKey(database.db, values.org, values.id);
      console.log(done ? `revoked ${values.id}` : `no active key ${values.id} in ${values.org}`);
      return done ? 0 : 1;
    }
    return 0;
  } finally {
    await database.close();
  }
}

runCli(main, [KeyError, ConfigError]);
