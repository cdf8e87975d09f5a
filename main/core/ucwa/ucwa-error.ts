/**
 * Every failure the engine sees, typed at the boundary. `kind` drives retry decisions
 * (classify before retry: DESIGN.md §3).
 */
export type UcwaErrorKind =
  /** Non-2xx HTTP answer from the server (body parsed into code/subcode when JSON). */
  | 'http'
  /** No answer: DNS, refused, reset, TLS, aborted by timeout. */
  | 'network'
  /** 2xx answer whose body does not fit what the protocol promises. */
  | 'malformed';

export class UcwaError extends Error {
  override readonly name = 'UcwaError';

  constructor(
    readonly kind: UcwaErrorKind,
    message: string,
    readonly details: {
      readonly status?: number;
      readonly code?: string;
      readonly subcode?: string;
      /** Seconds, from a Retry-After header. */
      readonly retryAfter?: number;
      /** URL without query string: never log tokens or passwords. */
      readonly url?: string;
      /**
       * `certificate` when TLS verification failed, `timeout` when we gave up waiting; `tooLarge` /
       * `tooDeep` when an answer passed the body or JSON nesting cap (asking again gets the same).
       */
      readonly cause?: 'certificate' | 'timeout' | 'dns' | 'refused' | 'other' | 'tooLarge' | 'tooDeep';
    } = {},
  ) {
    super(message);
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get subcode(): string | undefined {
    return this.details.subcode;
  }
}

export function isUcwaError(error: unknown): error is UcwaError {
  return error instanceof UcwaError;
}
