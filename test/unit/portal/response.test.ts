import { describe, expect, it } from 'vitest';
import { flattenFieldErrors, parseAnswer, PORTAL_CODES, snippetOf } from '../../../src/portal/response.js';
import { PortalError } from '../../../src/errors.js';

const fail = (status: number, body: string, lang: 'id' | 'en' = 'en'): PortalError => {
  try {
    parseAnswer('package_create', { status, body }, lang);
  } catch (e) {
    return e as PortalError;
  }
  throw new Error('no error');
};

describe('parseAnswer', () => {
  it('returns the result of a success envelope', () => {
    expect(parseAnswer('x', { status: 200, body: '{"help":"h","success":true,"result":{"a":1}}' })).toEqual({ a: 1 });
  });

  it.each([
    [409, '{"success":false,"error":{"__type":"Validation Error","name":["That URL is already in use."]}}', PORTAL_CODES.validation, 'Validation Error'],
    [403, '{"success":false,"error":{"__type":"Authorization Error","message":"Access denied"}}', PORTAL_CODES.forbidden, 'Authorization Error'],
    [404, '{"success":false,"error":{"__type":"Not Found Error","message":"Not found"}}', PORTAL_CODES.notFound, 'Not Found Error'],
    [400, '"Bad request - Action name not known: foo"', PORTAL_CODES.badRequest, undefined],
    [400, '{"success":false,"error":{"__type":"Integrity Error","message":"Only lists of dicts"}}', PORTAL_CODES.ckan, 'Integrity Error'],
    [413, '<html><head><title>413 Request Entity Too Large</title></head></html>', PORTAL_CODES.tooLarge, undefined],
    [500, '{"success":false,"error":{"__type":"Internal Server Error","message":"Internal Server Error"}}', PORTAL_CODES.server, 'Internal Server Error'],
    [502, '<html><title>502 Bad Gateway</title></html>', PORTAL_CODES.server, undefined],
    [200, '<html><title>Login</title></html>', PORTAL_CODES.notCkan, undefined],
    [200, '[1,2]', PORTAL_CODES.notCkan, undefined],
  ])('HTTP %i %s → %s', (status, body, code, type) => {
    const e = fail(status, body);
    expect(e).toBeInstanceOf(PortalError);
    expect(e.exitCode).toBe(3);
    expect(e.code).toBe(code);
    expect(e.status).toBe(status);
    expect(e.ckanType).toBe(type);
  });

  it('messages follow the language', () => {
    expect(fail(413, '<html></html>', 'id').message).toMatch(/menolak ukuran kiriman/);
    expect(fail(413, '<html></html>', 'en').hint).toMatch(/client_max_body_size/);
  });
});

describe('flattenFieldErrors', () => {
  it('walks nested resource errors and keeps flat lists', () => {
    expect(
      flattenFieldErrors({
        __type: 'Validation Error',
        name: ['Missing value'],
        tags: ['Tag "x" length is less than minimum 2'],
        resources: [{}, { size: ['Invalid integer'] }],
        extras_validation: ['Duplicate key "k"'],
      }),
    ).toEqual({
      name: ['Missing value'],
      tags: ['Tag "x" length is less than minimum 2'],
      'resources[1].size': ['Invalid integer'],
      extras_validation: ['Duplicate key "k"'],
    });
  });
});

it('snippetOf prefers the HTML title', () => {
  expect(snippetOf('<html><title> 413 Too Large </title><body>x</body></html>')).toBe('413 Too Large');
  expect(snippetOf('')).toBe('(empty)');
});
