// `node --import ./register-fake-electron.mjs dist/main/index.js`: every import of 'electron'
// (ours and electron-store's) resolves to fake-electron.mjs, so the real composition root runs in
// plain Node where no Electron binary exists.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
      const fake = ${JSON.stringify(new URL('./fake-electron.mjs', import.meta.url).href)};
      export async function resolve(specifier, context, next) {
        if (specifier === 'electron') return { url: fake, shortCircuit: true };
        return next(specifier, context);
      }
    `),
);
