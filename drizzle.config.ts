import { defineConfig } from 'drizzle-kit';

// Only `generate` is used: migrations are written to drizzle/ and applied by the service itself.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
});
