/**
 * The one Content-Security-Policy of the app's windows. Main sends it as a header with every page
 * (main/adapters/renderer-protocol.ts) and each page in renderer/app carries the same string in its
 * `<meta http-equiv>`, so a page loaded without main (tests, a saved file) is held to it as well;
 * test/unit/build/content-security-policy.test.ts fails when the two drift apart.
 *
 * Nothing loads from anywhere but the page's own origin, no inline code, no network (`connect-src`),
 * no plugins, no `<base>`, no form posts. Images are `data:` URLs only: contact photos are fetched by
 * main (with the token, which the page never sees) and handed over as `data:image/…` URLs, and the
 * stylesheet's icons are inline; so an injected `<img src="https://…">` cannot reach anywhere. `frame-ancestors` is left out on purpose: Chromium ignores
 * it in a meta tag and warns, and the windows are top-level with navigation denied.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src data:; font-src 'self'; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";
