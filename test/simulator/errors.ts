/**
 * UCWA error responses (ucwa-protocol.md §8.1): always `{code, subcode, message}` JSON, 400 adds
 * `parameters`. Handlers throw `UcwaError`; the server turns it into a response.
 */
export interface ErrorParameter {
  readonly name: string;
  readonly reason: string;
}

const CODES: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  408: 'ClientTimeout',
  409: 'Conflict',
  410: 'Gone',
  412: 'PreconditionFailed',
  413: 'EntityTooLarge',
  415: 'UnsupportedMediaType',
  428: 'PreconditionRequired',
  429: 'TooManyRequests',
  500: 'ServiceFailure',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** The `code` UCWA uses for an HTTP status. */
export function codeForStatus(status: number): string {
  return CODES[status] ?? (status >= 500 ? 'ServiceFailure' : 'BadRequest');
}

export class UcwaError extends Error {
  constructor(
    readonly status: number,
    readonly subcode: string | undefined,
    message: string,
    readonly parameters?: readonly ErrorParameter[],
    readonly code: string = codeForStatus(status),
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    const body: Record<string, unknown> = { code: this.code };
    if (this.subcode !== undefined) body['subcode'] = this.subcode;
    body['message'] = this.message;
    if (this.status === 400) body['parameters'] = this.parameters ?? [];
    return body;
  }
}

export const notFound = (what = 'The requested resource was not found.'): UcwaError =>
  new UcwaError(404, 'ResourceNotFound', what);

export const applicationNotFound = (): UcwaError =>
  new UcwaError(404, 'ApplicationNotFound', 'An error occurred. Please retry. If the problem persists, contact your support team.');

export const validationFailure = (name: string, reason: string): UcwaError =>
  new UcwaError(400, 'ParameterValidationFailure', `Invalid or missing parameter: ${name}.`, [{ name, reason }]);

export const methodNotAllowed = (): UcwaError =>
  new UcwaError(405, 'MethodNotAllowed', 'The requested method is not allowed on this resource.');

export const makeMeAvailableRequired = (): UcwaError =>
  new UcwaError(409, 'MakeMeAvailableRequired', 'This operation requires makeMeAvailable to be called first.');
