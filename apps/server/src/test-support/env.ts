/**
 * Where the real PostgreSQL and Redis for tests are. `.ci/run` exports both; on a
 * laptop the defaults are the local servers. Tests never skip when they are down:
 * they fail, saying which URL they could not reach.
 */
export const TEST_PG = process.env.KEFU_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS = process.env.KEFU_TEST_REDIS ?? 'redis://127.0.0.1:6379';
