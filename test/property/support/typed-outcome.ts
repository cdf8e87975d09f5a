/**
 * The property every parser of server input must hold: it returns a value, or throws one of its own
 * typed errors. Anything else (a TypeError from reading a field of undefined, a RangeError, a string)
 * fails the property with the input that caused it.
 */
type ErrorClass = abstract new (...args: never[]) => Error;

/** What a parser call came to: its value, or the typed error it threw. */
export type Outcome<T> = { readonly value: T } | { readonly error: Error };

/** Calls `parse`; returns its value or its typed error; rethrows anything else as an untyped-exception failure. */
export function typedOutcome<T>(parse: () => T, allowed: readonly ErrorClass[]): Outcome<T> {
  try {
    return { value: parse() };
  } catch (error) {
    if (allowed.some((type) => error instanceof type)) return { error: error as Error };
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new Error(`untyped exception: ${text}`, { cause: error });
  }
}

/** Whether `text` is an absolute URL in the normalised form `new URL` gives it. */
export function isAbsoluteUrl(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  try {
    return new URL(text).toString() === text;
  } catch {
    return false;
  }
}
