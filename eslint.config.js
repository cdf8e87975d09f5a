// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = {
  group: ['node:*'],
  message: 'The engine and shared code run in plain Node, Electron and the renderer: use a port from main/core/ports.ts.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'reports/**', '.stryker-tmp/**', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      globals: {
        console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly',
        clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
        AbortController: 'readonly', fetch: 'readonly', Response: 'readonly', Request: 'readonly',
        TextEncoder: 'readonly', TextDecoder: 'readonly', document: 'readonly', window: 'readonly',
        Buffer: 'readonly', structuredClone: 'readonly', queueMicrotask: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Process boundary: the engine and shared code import neither Electron nor Node built-ins.
    files: ['main/core/**', 'shared/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'main/core and shared must not import electron; add an adapter in main/adapters.' }],
        patterns: [nodeBuiltins],
      }],
    },
  },
  {
    // The tray template is pure: type-only Electron imports are allowed there.
    files: ['main/tray/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', allowTypeImports: true, message: 'The tray template is pure: import types only.' }],
      }],
    },
  },
  {
    // The window is a sandboxed web page: no Electron, no Node.
    files: ['renderer/app/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer talks only to window.ucwa (shared/ipc-contract.ts).' }],
        patterns: [nodeBuiltins],
      }],
    },
  },
);
