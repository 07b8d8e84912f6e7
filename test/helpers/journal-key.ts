// An Ed25519 key for the tests' PRODUCTION environments (check-config, process start, ops): production refuses
// the demo's and the tests' own keys (src/config/development.ts, test.ts), so they need a third one.
export const PRODUCTION_TEST_JOURNAL_KEY = 'MC4CAQAwBQYDK2VwBCIEILjBxEDQmJw4fCdgmz/FpJEIq6cEkyolswuGWdhUpJqh';
