import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { AppError } from '../shared/errors.ts';

describe('configuration', () => {
  it('defaults to the embedded database in ./.highbar on port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, dataDir: './.highbar' });
    expect(config.databaseUrl).toBeUndefined();
  });

  it('lets command-line options override the environment', () => {
    expect(loadConfig({ PORT: '4000', HIGHBAR_DATA: '/env' }, { port: '5000', dataDir: undefined })).toMatchObject({ port: 5000, dataDir: '/env' });
  });

  it('refuses production on the embedded database unless explicitly allowed', () => {
    const error = (() => {
      try {
        loadConfig({ NODE_ENV: 'production' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).detail).toMatch(/PGlite does not flush/);
    expect(loadConfig({ NODE_ENV: 'production', HIGHBAR_ALLOW_EMBEDDED_IN_PRODUCTION: '1' }).nodeEnv).toBe('production');
    expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db.example:5432/highbar' }).databaseUrl).toContain('db.example');
  });

  it('asks for a password proof within 15 minutes on step-up routes unless configured otherwise', () => {
    expect(loadConfig({}).stepUpWindowSeconds).toBe(900);
    expect(loadConfig({ HIGHBAR_STEP_UP_WINDOW_SECONDS: '300' }).stepUpWindowSeconds).toBe(300);
    expect(() => loadConfig({ HIGHBAR_STEP_UP_WINDOW_SECONDS: '0' })).toThrow(/stepUpWindowSeconds/);
    expect(() => loadConfig({ HIGHBAR_STEP_UP_WINDOW_SECONDS: String(13 * 3600) })).toThrow(/stepUpWindowSeconds/);
  });

  it('names the offending setting when a value is invalid', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/port/);
  });
});
