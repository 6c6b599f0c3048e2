// @ts-check
import js from '@eslint/js';
import jest from 'eslint-plugin-jest';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'eslint.config.mjs', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // Issue 12: the data is reached through the stores of libs/persistence, and the time through the one clock.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['libs/persistence/**', '**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['typeorm', 'typeorm/*', 'sqlite3', 'pg'], message: 'Reach the data through the stores of @app/persistence (Stores, ActorStores): they carry the actor\'s county.' }] },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Read the time from the CLOCK (libs/domain Clock), so the demo clock and tests hold everywhere.' },
      ],
    },
  },
  {
    // The clock itself, and the CLI's progress bar (elapsed wall time, not the service's time).
    files: ['libs/ballots/src/clock.ts', 'apps/cli/src/progress.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The pure core: no framework, no database, no network, no clock.
    files: ['libs/audit/**/*.ts', 'libs/domain/**/*.ts', 'libs/lifecycle/**/*.ts', 'libs/rules/**/*.ts', 'libs/wording/**/*.ts', 'libs/notices/src/notice-map.ts', 'libs/notices/src/sms-webhooks.ts', 'libs/notices/src/quiet-hours.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', 'typeorm', 'sqlite3', 'pg', 'express', 'node:http', 'node:https', 'node:net', 'http', 'https', 'net', 'axios'], message: 'The core libraries stay pure: no framework, database or network.' },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'The clock comes in as `now`; the core never reads it.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The clock comes in as `now`; the core never reads it.' },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      'jest/valid-expect': ['error', { alwaysAwait: true }],
      'jest/no-disabled-tests': 'error',
      'jest/no-focused-tests': 'error',
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*', 'fc.assert', '**.expect'] }],
      '@typescript-eslint/unbound-method': 'off',
      // Tests build deliberately malformed JSON to prove the loaders refuse it.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  {
    // A property holds of the cases its precondition selects: its expectations are conditional by nature.
    files: ['**/*.property.spec.ts'],
    rules: { 'jest/no-conditional-expect': 'off' },
  },
);
