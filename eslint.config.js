import js from '@eslint/js';
import pluginQuery from '@tanstack/eslint-plugin-query';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-server',
      'node_modules',
      'test-results',
      'playwright-report',
      'coverage',
      '.bench',
    ],
  },
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
    files: [
      'server/**/*.ts',
      'e2e/**/*.ts',
      'scripts/**/*.{js,mjs,ts}',
      'bench/**/*.{ts,mjs}',
      '*.config.{js,ts}',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    // The architecture, enforced: app → features → job/components/lib; features stay apart;
    // job/ is the job's domain (it knows no feature); lib/ is generic (it knows no job);
    // the browser app and the Node side never import each other (common/ is the shared part).
    files: ['src/**/*.{ts,tsx}', 'server/**/*.ts', 'common/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] }),
      ],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src',
              from: './server',
              message: 'The browser app must not import Node code.',
            },
            {
              target: './server',
              from: './src',
              message: 'Node code must not import the browser app.',
            },
            {
              target: './common',
              from: ['./src', './server'],
              message: 'common/ depends on nothing.',
            },
            {
              target: './src/features/job',
              from: ['./src/features/lookup', './src/features/board'],
              message: 'Features do not import each other.',
            },
            {
              target: './src/features/lookup',
              from: ['./src/features/job', './src/features/board'],
              message: 'Features do not import each other.',
            },
            {
              target: './src/features/board',
              from: ['./src/features/job', './src/features/lookup'],
              message: 'Features do not import each other.',
            },
            {
              target: ['./src/job', './src/components', './src/lib'],
              from: ['./src/features', './src/app'],
              message: 'Shared code does not depend on features or the app shell.',
            },
            {
              target: './src/job',
              from: './src/components',
              message: "The job's domain draws nothing: components import it, not the other way.",
            },
            {
              // The API client checks a job's answer against the job's schema before anyone sees it.
              target: './src/lib',
              from: './src/job',
              except: ['./job-schema.ts'],
              message:
                'lib/ holds generic helpers with no job in them; job code lives in src/job/.',
            },
            {
              target: './src/features',
              from: './src/app',
              except: ['./paths.ts'],
              message: 'Features do not import the app shell (paths excepted).',
            },
          ],
        },
      ],
    },
  },
  {
    // The server's layers run down only: http → auth, proxy → credentials → net, config.
    // A layer imports the ones below it, never one above or beside it. The API's steps
    // (server/proxy/steps/) have the server's step shape and answer with its helpers, so
    // proxy/ may import those three http/ files and nothing else of it. Tests and the test
    // harness put layers together, so they are outside these zones. Replaces the block above
    // for these files (a rule's options are not merged), hence the repeated first zone.
    files: ['server/**/*.ts'],
    ignores: ['server/**/*.test.ts', 'server/testing/**'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './server',
              from: './src',
              message: 'Node code must not import the browser app.',
            },
            {
              target: './server',
              from: './server/testing',
              message: 'Only tests and benches use the test harness.',
            },
            {
              target: [
                './server/auth',
                './server/credentials',
                './server/net',
                './server/config',
                './server/simulator',
              ],
              from: './server/http',
              message: 'Layers run down: only the entry points use server/http/.',
            },
            {
              target: './server/proxy',
              from: './server/http',
              except: ['./context.ts', './chain.ts', './responses.ts'],
              message:
                "The API's steps use the server's step shape and answer helpers, nothing else of server/http/.",
            },
            {
              target: [
                './server/credentials',
                './server/net',
                './server/config',
                './server/simulator',
              ],
              from: ['./server/auth', './server/proxy'],
              message: 'Layers run down: server/auth/ and server/proxy/ are above this one.',
            },
            {
              target: './server/auth',
              from: './server/proxy',
              message: 'server/auth/ and server/proxy/ stand side by side.',
            },
            {
              target: './server/proxy',
              from: './server/auth',
              message: 'server/auth/ and server/proxy/ stand side by side.',
            },
            {
              target: ['./server/net', './server/config', './server/simulator'],
              from: './server/credentials',
              message: 'Layers run down: server/credentials/ is above this one.',
            },
            {
              target: ['./server/net', './server/config'],
              from: './server/simulator',
              message: 'The simulator stands apart: only the proxy runtime starts it.',
            },
            {
              target: './server/config',
              from: './server/net',
              message: 'server/net/ is a plain HTTP client; config/ is below nothing.',
            },
            {
              target: './server/net',
              from: './server/config',
              message: 'Configuration does not send requests.',
            },
          ],
        },
      ],
    },
  },
  {
    // Configuration is read once, at start, by server/config/ (the entry points hand it the
    // environment; the simulator's CLI reads its own options): everything else receives it.
    files: ['server/**/*.ts'],
    ignores: [
      'server/config/**',
      'server/main.ts',
      'server/vite-plugin.ts',
      'server/cli/**',
      'server/**/*.test.ts',
      'server/**/*.cloud-test.ts',
    ],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message:
            'Only server/config/ reads the environment (loadAppConfig, once at start): take the value from the configuration.',
        },
      ],
    },
  },
  {
    // One import order everywhere (eslint --fix sorts them): Node built-ins, packages, then
    // the project's own files from the farthest to the nearest, each group alphabetical.
    files: ['**/*.{js,mjs,ts,tsx}'],
    plugins: { 'import-x': importX },
    rules: {
      'import-x/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', 'parent', 'sibling', 'index'],
          alphabetize: { order: 'asc', caseInsensitive: true },
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
);
