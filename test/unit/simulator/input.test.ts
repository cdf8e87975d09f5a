import { describe, expect, it } from 'vitest';
import { UcwaError } from '../../simulator/errors';
import type { SimRequest } from '../../simulator/http-types';
import { readInputs } from '../../simulator/input';

const req = (body: string, contentType = 'application/json', query = ''): SimRequest => ({
  method: 'POST',
  url: new URL(`http://h/x${query}`),
  headers: { 'content-type': contentType },
  body,
  closed: new AbortController().signal,
});

describe('readInputs', () => {
  it('binds PascalCase and camelCase alike, and reads query parameters', () => {
    const inputs = readInputs(req('{"UserAgent":"A","endpointId":"E"}', 'application/json', '?duration=11'));
    expect(inputs.string('userAgent')).toBe('A');
    expect(inputs.string('EndpointId')).toBe('E');
    expect(inputs.number('duration')).toBe(11);
  });

  it('answers malformed JSON with 400 DeserializationFailure and other media types with 415', () => {
    const bad = (() => {
      try {
        readInputs(req('{"a":'));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(bad).toBeInstanceOf(UcwaError);
    expect((bad as UcwaError).status).toBe(400);
    expect((bad as UcwaError).subcode).toBe('DeserializationFailure');
    expect(() => readInputs(req('a=b', 'text/plain'))).toThrow(expect.objectContaining({ status: 415 }));
  });

  it('treats a string as a one-element array and rejects mixed arrays', () => {
    expect(readInputs(req('{"uris":"sip:a@b"}')).strings('Uris')).toEqual(['sip:a@b']);
    expect(() => readInputs(req('{"uris":[1]}')).strings('uris')).toThrow(expect.objectContaining({ status: 400 }));
  });
});
