import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('config', () => {
  it('defaults to the embedded database when DATABASE_URL is unset or empty', () => {
    expect(loadConfig({}).DATABASE_URL).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
    expect(loadConfig({}).PORT).toBe(3000);
  });

  it('fails fast naming every bad variable and its value', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://db/x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://db/x' });
    } catch (err) {
      expect((err as Error).message).toMatch(/DATABASE_URL="mysql:\/\/db\/x": must be a postgres:\/\/ or postgresql:\/\/ URL/);
      expect((err as Error).message).toMatch(/PORT="eighty"/);
    }
  });

  it('accepts a postgres URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@localhost:5432/db' }).DATABASE_URL).toBe('postgres://u:p@localhost:5432/db');
  });

  it('keeps webhooks to public addresses unless WEBHOOK_ALLOW_PRIVATE says true', () => {
    expect(loadConfig({}).WEBHOOK_ALLOW_PRIVATE).toBe(false);
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'true' }).WEBHOOK_ALLOW_PRIVATE).toBe(true);
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'false' }).WEBHOOK_ALLOW_PRIVATE).toBe(false);
    expect(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'sometimes' })).toThrow(/WEBHOOK_ALLOW_PRIVATE="sometimes": must be true or false/);
  });
});
