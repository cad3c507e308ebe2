// The HTTP surface. Sub-apps are composed here with app.route(); handlers sit right after their path.
import { Hono } from 'hono';
import type { Database } from '../db/client.js';
import { onError, problem } from './problem.js';

export interface AppDeps {
  database: Database;
  log?: (err: Error) => void;
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();

  app.get('/health', async (c) => {
    await deps.database.sql`select 1`;
    return c.json({ status: 'ok' });
  });

  app.notFound((c) => problem(c, 'not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`));
  app.onError((err, c) => onError(err, c, deps.log));
  return app;
}
