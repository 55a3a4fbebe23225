import js from '@eslint/js';
import pluginQuery from '@tanstack/eslint-plugin-query';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'dist-server', 'node_modules', 'test-results', 'playwright-report', 'coverage', '.bench'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-refresh': reactRefresh },
    extends: [
      reactHooks.configs.flat['recommended-latest'],
      ...pluginQuery.configs['flat/recommended'],
      jsxA11y.flatConfigs.recommended,
    ],
    rules: {
      'react-refresh/only-export-components': ['warn', { allowConstantExport: true }],
    },
  },
  {
    files: ['server/**/*.ts', 'e2e/**/*.ts', 'scripts/**/*.{js,mjs,ts}', 'bench/**/*.{ts,mjs}', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    // The architecture, enforced: app → features → job/components/lib; features stay apart;
    // job/ is the job's domain (it knows no feature); lib/ is generic (it knows no job);
    // the browser app and the Node side never import each other (common/ is the shared part).
    files: ['src/**/*.{ts,tsx}', 'server/**/*.ts', 'common/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })] },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src', from: './server', message: 'The browser app must not import Node code.' },
            { target: './server', from: './src', message: 'Node code must not import the browser app.' },
            { target: './common', from: ['./src', './server'], message: 'common/ depends on nothing.' },
            { target: './src/features/job', from: ['./src/features/lookup', './src/features/board'], message: 'Features do not import each other.' },
            { target: './src/features/lookup', from: ['./src/features/job', './src/features/board'], message: 'Features do not import each other.' },
            { target: './src/features/board', from: ['./src/features/job', './src/features/lookup'], message: 'Features do not import each other.' },
            {
              target: ['./src/job', './src/components', './src/lib'],
              from: ['./src/features', './src/app'],
              message: 'Shared code does not depend on features or the app shell.',
            },
            { target: './src/job', from: './src/components', message: "The job's domain draws nothing: components import it, not the other way." },
            {
              // The API client checks a job's answer against the job's schema before anyone sees it.
              target: './src/lib',
              from: './src/job',
              except: ['./job-schema.ts'],
              message: 'lib/ holds generic helpers with no job in them; job code lives in src/job/.',
            },
            { target: './src/features', from: './src/app', except: ['./paths.ts'], message: 'Features do not import the app shell (paths excepted).' },
          ],
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
);
