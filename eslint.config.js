import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import projectRules from './lint-rules/no-import-cycle.js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'client/routeTree.gen.ts', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Leaving out fields by destructuring them beside a rest element names what is dropped; it is not dead code.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { project: projectRules },
    rules: { 'project/no-import-cycle': 'error', 'project/alias-across-folders': 'error' },
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['server/db/dialect.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          // On PostgreSQL a plain transaction runs beside others at READ COMMITTED: two joins could both take a last seat.
          selector: "CallExpression[callee.property.name='transaction']",
          message:
            'Use inTransaction(db, work) from #server/db/dialect: it makes a transaction as atomic on PostgreSQL as on SQLite.',
        },
        {
          // PostgreSQL keeps statements prepared per connection (server/db/named-statements.ts), and refuses a prepared
          // `select *` once a migration changes the table's columns: every query names its columns.
          selector: "CallExpression[callee.property.name='selectAll']",
          message: 'Name the columns: a prepared `select *` breaks on PostgreSQL when a migration adds one.',
        },
      ],
    },
  },
  {
    files: ['server/db/migrations/**/*.ts'],
    // Migrations are written against Kysely<any> on purpose: frozen in time, they must not import app types.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['client/**/*.tsx', 'client/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['client/routes/**/*.tsx'],
    // TanStack Router's redirect() and notFound() are thrown by design; they are not Error objects.
    rules: { '@typescript-eslint/only-throw-error': 'off' },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      // Test helpers read loosely typed JSON bodies from real HTTP answers.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['eslint.config.js', 'stylelint.config.js', 'lint-rules/**/*.js', 'scripts/**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
