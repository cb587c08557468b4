import { deliNo, orderNo } from '../support/fixtures';
import { INSTRUCT_PATH, STAT_UPDATE_PATH } from '../support/harness';

/**
 * Hostile requests, as data. Each is answered with a documented status and the envelope, and
 * none may change the database: the orders the suite loads are chosen so that not one of these
 * requests is valid in full (see `hostileOrders` in hostile-input.test.ts).
 */

/** What the Authorization header carries. */
export type Credential =
  | 'valid'
  | 'none'
  | 'expired'
  | 'readOnly'
  | 'wrongKey'
  | 'algNone'
  | 'garbage'
  | 'basic'
  | 'huge';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'options' | 'trace';

export interface HostileCase {
  readonly name: string;
  readonly method: Method;
  readonly path: string;
  /** The body as bytes on the wire; `undefined` sends none. */
  readonly body?: string | Buffer;
  /** `null` sends no Content-Type header at all. */
  readonly contentType: string | null;
  readonly credential: Credential;
  readonly headers?: Readonly<Record<string, string>>;
  readonly status: number;
  readonly code: string;
}

interface Expected {
  readonly status?: number;
  readonly code: string;
}

type Options = Partial<Pick<HostileCase, 'method' | 'path' | 'contentType' | 'credential'>> & {
  readonly headers?: Readonly<Record<string, string>>;
};

const JSON_TYPE = 'application/json';

function raw(
  name: string,
  body: string | Buffer | undefined,
  expected: Expected,
  options: Options = {},
): HostileCase {
  return {
    name,
    method: options.method ?? 'post',
    path: options.path ?? INSTRUCT_PATH,
    body,
    contentType: options.contentType === undefined ? JSON_TYPE : options.contentType,
    credential: options.credential ?? 'valid',
    headers: options.headers,
    status: expected.status ?? 900,
    code: expected.code,
  };
}

/** A body as JSON.stringify writes it. */
function json(
  name: string,
  value: unknown,
  expected: Expected,
  options: Options = {},
): HostileCase {
  return raw(name, JSON.stringify(value), expected, options);
}

// Order 1: one return detail in 32 (rtnQty 2). Order 4: in 34, parcel. Unknown: order 999.
const KNOWN = { ordNo: orderNo(1), deliNo: deliNo(1), rtnQty: 2 };
const UNKNOWN = { ordNo: orderNo(999), deliNo: deliNo(999), rtnQty: 2 };
const AT_34 = { ordNo: orderNo(4), deliNo: deliNo(4), hdcCd: '04', invNo: 'W4' };

const instruct = (...items: unknown[]) => ({ withdrawInstructHandlingSaveInfoList: items });
const instructOne = (patch: Record<string, unknown>) => instruct({ ...KNOWN, ...patch });
const statUpdate = (items: unknown[], from: unknown = '35', to: unknown = '36') => ({
  ordDtlStatCd: from,
  updateTargetOrdDtlStatCd: to,
  withdrawStatUpdateSaveInfoList: items,
});
/** A status update of order 4 that is refused because order 4 is in 34, not 35. */
const statOne = (patch: Record<string, unknown>) => statUpdate([{ ...AT_34, ...patch }]);

// Bodies written by hand, for what JSON.stringify cannot write: bad literals, repeated keys,
// `__proto__` as a real key.
const LIST_KEY = '"withdrawInstructHandlingSaveInfoList"';
const KNOWN_TEXT = JSON.stringify(KNOWN);
const UNKNOWN_TEXT = JSON.stringify(UNKNOWN);
/** A 회수지시 body from its items' text, then further members (`,"x":1`). */
const listText = (items: string, more = '') => `{${LIST_KEY}:[${items}]${more}}`;
/** Order n's item with rtnQty written as given, after members of its own. */
const itemText = (n: number, rtnQty: string, before = '') =>
  `{${before}"ordNo":"${orderNo(n)}","deliNo":"${deliNo(n)}","rtnQty":${rtnQty}}`;
/** A 35 → 36 status update body from its items' text. */
const statText = (items: string) =>
  `{"ordDtlStatCd":"35","updateTargetOrdDtlStatCd":"36",` +
  `"withdrawStatUpdateSaveInfoList":[${items}]}`;
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

const LONG = 'x'.repeat(10_000);
const STAT = { path: STAT_UPDATE_PATH };
const VALIDATION = { code: 'VALIDATION_FAILED' };
const MALFORMED = { code: 'MALFORMED_JSON' };
const MEDIA = { code: 'UNSUPPORTED_MEDIA_TYPE' };
const REJECTED = { code: 'ITEMS_REJECTED' };
const TRANSITION = { code: 'TRANSITION_NOT_ALLOWED' };

const malformedJson: HostileCase[] = [
  raw('a lone opening brace', '{', MALFORMED),
  raw('a list cut off after its bracket', '{"withdrawInstructHandlingSaveInfoList":[', MALFORMED),
  raw(
    'a string cut off mid-value',
    '{"withdrawInstructHandlingSaveInfoList":[{"ordNo":"2026',
    MALFORMED,
  ),
  raw('a trailing comma', listText(`${KNOWN_TEXT},`), MALFORMED),
  raw('single-quoted keys', "{'withdrawInstructHandlingSaveInfoList':[]}", MALFORMED),
  raw('unquoted keys', '{withdrawInstructHandlingSaveInfoList:[]}', MALFORMED),
  raw('a NaN literal', listText(itemText(1, 'NaN')), MALFORMED),
  raw(
    'an Infinity literal',
    '{"withdrawInstructHandlingSaveInfoList":[{"rtnQty":Infinity}]}',
    MALFORMED,
  ),
  raw('a comment', '// note\n{"withdrawInstructHandlingSaveInfoList":[]}', MALFORMED),
  raw('the word undefined', 'undefined', MALFORMED),
  raw(
    'a raw control character inside a string',
    '{"withdrawInstructHandlingSaveInfoList":[{"ordNo":"\u0001"}]}',
    MALFORMED,
  ),
  raw(
    'invalid UTF-8 bytes',
    Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    VALIDATION,
  ),
  raw('two documents back to back', '{}{}', MALFORMED),
  raw('a bare string', '"withdrawInstructHandlingSaveInfoList"', MALFORMED),
  raw('a bare null', 'null', MALFORMED),
  raw('a bare number', '12345', MALFORMED),
  raw('XML sent as JSON', '<withdrawInstructHandlingSaveInfoList/>', MALFORMED),
  raw('an unterminated escape', '{"withdrawInstructHandlingSaveInfoList":"\\', MALFORMED),
  raw('a lone closing bracket', ']', MALFORMED),
  raw('only whitespace', '   \n\t ', MALFORMED),
  raw(
    'a status update cut off',
    '{"ordDtlStatCd":"34","updateTargetOrdDtlStatCd":"3',
    MALFORMED,
    STAT,
  ),
  raw('100,000 nested arrays', nested(100_000), VALIDATION),
  raw('100,000 nested objects', '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000), VALIDATION),
  raw(
    '100,000 nested arrays in an unknown property, with an Idempotency-Key',
    listText(UNKNOWN_TEXT, `,"x":${nested(100_000)}`),
    VALIDATION,
    { headers: { 'Idempotency-Key': 'hostile-deep' } },
  ),
  raw(
    '40 nested arrays in an unknown property',
    listText(UNKNOWN_TEXT, `,"x":${nested(40)}`),
    VALIDATION,
  ),
  raw('a top-level array of requests', `[${JSON.stringify(instruct(KNOWN))}]`, VALIDATION),
];

const wrongTypes: HostileCase[] = [
  json('the list as an object', { withdrawInstructHandlingSaveInfoList: KNOWN }, VALIDATION),
  json('the list as a string', { withdrawInstructHandlingSaveInfoList: 'all' }, VALIDATION),
  json('the list as a number', { withdrawInstructHandlingSaveInfoList: 1 }, VALIDATION),
  json('the list as a boolean', { withdrawInstructHandlingSaveInfoList: true }, VALIDATION),
  json('an item as a string', instruct('20261203O000001'), VALIDATION),
  json('an item as a number', instruct(1), VALIDATION),
  json('an item as a nested list', instruct([KNOWN]), VALIDATION),
  json('ordNo as a number', instructOne({ ordNo: 20261203000001 }), VALIDATION),
  json('ordNo as a list', instructOne({ ordNo: [orderNo(1)] }), VALIDATION),
  json('ordNo as an object', instructOne({ ordNo: { $ne: null } }), VALIDATION),
  json('deliNo as a boolean', instructOne({ deliNo: true }), VALIDATION),
  json('rtnQty as a numeric string', instructOne({ rtnQty: '2' }), VALIDATION),
  json('rtnQty as a fraction', instructOne({ rtnQty: 2.5 }), VALIDATION),
  json('rtnQty as a boolean', instructOne({ rtnQty: true }), VALIDATION),
  json('rtnQty as an empty string', instructOne({ rtnQty: '' }), VALIDATION),
  json('rtnQty as a tiny fraction', instructOne({ rtnQty: 1e-7 }), VALIDATION),
  json('ordDtlStatCd as a number', statUpdate([AT_34], 34, '35'), VALIDATION, STAT),
  json('the status update list as an object', statUpdate(AT_34 as never), VALIDATION, STAT),
  json('hdcCd as a number', statOne({ hdcCd: 4 }), VALIDATION, STAT),
  json('invNo as an object', statOne({ invNo: { w: 1 } }), VALIDATION, STAT),
  json('wthdYn as a boolean', statOne({ wthdYn: true }), VALIDATION, STAT),
  json('wthdFnshGbCd as a list', statOne({ wthdFnshGbCd: ['01'] }), VALIDATION, STAT),
];

const nulls: HostileCase[] = [
  json('the list null', { withdrawInstructHandlingSaveInfoList: null }, VALIDATION),
  json('an item null', instruct(null), VALIDATION),
  json('ordNo null', instructOne({ ordNo: null }), VALIDATION),
  json('deliNo null', instructOne({ deliNo: null }), VALIDATION),
  json('rtnQty null', instructOne({ rtnQty: null }), VALIDATION),
  json(
    'every instruct field null',
    instruct({ ordNo: null, deliNo: null, rtnQty: null }),
    VALIDATION,
  ),
  json('both status codes null', statUpdate([AT_34], null, null), VALIDATION, STAT),
  json('the status update list null', statUpdate(null as never), VALIDATION, STAT),
  json(
    'every status update field null',
    {
      ordDtlStatCd: null,
      updateTargetOrdDtlStatCd: null,
      withdrawStatUpdateSaveInfoList: [
        { ordNo: null, deliNo: null, hdcCd: null, invNo: null, wthdYn: null, wthdFnshGbCd: null },
      ],
    },
    VALIDATION,
    STAT,
  ),
  json('wthdYn null', statOne({ wthdYn: null }), VALIDATION, STAT),
  json(
    'courier and waybill null on a parcel delivery',
    statUpdate([{ ...AT_34, hdcCd: null, invNo: null }], '34', '35'),
    REJECTED,
    STAT,
  ),
];

const numbers: HostileCase[] = [
  json('rtnQty negative', instructOne({ rtnQty: -1 }), REJECTED),
  json('rtnQty zero', instructOne({ rtnQty: 0 }), REJECTED),
  json('rtnQty the largest int32', instructOne({ rtnQty: 2_147_483_647 }), REJECTED),
  json('rtnQty the smallest int32', instructOne({ rtnQty: -2_147_483_648 }), REJECTED),
  json('rtnQty one past int32', instructOne({ rtnQty: 2_147_483_648 }), VALIDATION),
  json('rtnQty one below int32', instructOne({ rtnQty: -2_147_483_649 }), VALIDATION),
  raw('rtnQty past the safe integers', listText(itemText(1, '9007199254740993')), VALIDATION),
  json('rtnQty 1e20', instructOne({ rtnQty: 1e20 }), VALIDATION),
  raw('rtnQty 1e999 (Infinity once parsed)', listText(itemText(1, '1e999')), VALIDATION),
  raw('rtnQty -1e999', listText(itemText(1, '-1e999')), VALIDATION),
  raw('rtnQty with 400 digits', listText(itemText(1, '9'.repeat(400))), VALIDATION),
  raw('rtnQty -0', listText(itemText(1, '-0')), REJECTED),
  json('an unknown order with a negative rtnQty', instruct({ ...UNKNOWN, rtnQty: -5 }), REJECTED),
];

const longStrings: HostileCase[] = [
  json('ordNo of 10,000 characters', instructOne({ ordNo: LONG }), VALIDATION),
  json('deliNo of 10,000 characters', instructOne({ deliNo: LONG }), VALIDATION),
  json('ordNo one past its column', instructOne({ ordNo: '2'.repeat(21) }), VALIDATION),
  json('hdcCd of 10,000 characters', statOne({ hdcCd: LONG }), VALIDATION, STAT),
  json('invNo of 10,000 characters', statOne({ invNo: LONG }), VALIDATION, STAT),
  json('wthdFnshGbCd of 10,000 characters', statOne({ wthdFnshGbCd: LONG }), VALIDATION, STAT),
  json('wthdYn of 10,000 characters', statOne({ wthdYn: LONG }), VALIDATION, STAT),
  json('ordDtlStatCd of 10,000 characters', statUpdate([AT_34], LONG, '35'), VALIDATION, STAT),
  json('an unknown property of 10,000 characters', { ...instruct(UNKNOWN), note: LONG }, REJECTED),
  json('a property name of 10,000 characters', { ...instruct(UNKNOWN), [LONG]: 1 }, REJECTED),
  json(
    '10,000 characters in every string',
    instruct({ ordNo: LONG, deliNo: LONG, rtnQty: 2 }),
    VALIDATION,
  ),
  json('an Idempotency-Key of 10,000 characters', instruct(UNKNOWN), VALIDATION, {
    headers: { 'Idempotency-Key': LONG },
  }),
  json('an X-Request-Id of 10,000 characters', instruct(UNKNOWN), REJECTED, {
    headers: { 'X-Request-Id': LONG },
  }),
];

const emoji: HostileCase[] = [
  json('an emoji order number', instructOne({ ordNo: '📦📦📦' }), REJECTED),
  json('an emoji delivery number', instructOne({ deliNo: '🚚' }), REJECTED),
  json(
    '20 emoji: at the limit in code points, 80 bytes',
    instructOne({ ordNo: '📦'.repeat(20) }),
    REJECTED,
  ),
  json('21 emoji', instructOne({ ordNo: '📦'.repeat(21) }), VALIDATION),
  json(
    'a family emoji (a ZWJ sequence) repeated past the limit',
    instructOne({ ordNo: '👨‍👩‍👧‍👦'.repeat(3) }),
    VALIDATION,
  ),
  json('an emoji wthdYn', statOne({ wthdYn: '👍' }), REJECTED, STAT),
  json(
    'an emoji courier on an unknown order',
    statUpdate([{ ...AT_34, ordNo: orderNo(999), hdcCd: '🚚' }], '34', '35'),
    REJECTED,
    STAT,
  ),
  json('Korean in the order number', instructOne({ ordNo: '회수지시주문번호' }), REJECTED),
  json(
    'a right-to-left override in the order number',
    instructOne({ ordNo: '\u202e1000O30216202' }),
    REJECTED,
  ),
  json('a lone surrogate in the order number', instructOne({ ordNo: '\ud800' }), REJECTED),
  json('an emoji status code', statUpdate([AT_34], '📦', '35'), TRANSITION, STAT),
];

const prototypeKeys: HostileCase[] = [
  raw('__proto__ wrapping the list', `{"__proto__":${listText(KNOWN_TEXT)}}`, VALIDATION),
  raw(
    '__proto__ beside the list',
    listText(UNKNOWN_TEXT, ',"__proto__":{"polluted":true}'),
    REJECTED,
  ),
  raw('__proto__ inside an item', listText(`{"__proto__":${KNOWN_TEXT}}`), VALIDATION),
  raw(
    '__proto__ overriding an item field',
    listText(itemText(999, '2', '"__proto__":{"rtnQty":2},')),
    REJECTED,
  ),
  raw(
    'constructor.prototype beside the list',
    listText(UNKNOWN_TEXT, ',"constructor":{"prototype":{"polluted":true}}'),
    REJECTED,
  ),
  raw(
    'constructor as an item field',
    listText(itemText(999, '2', '"constructor":{"prototype":{"polluted":1}},')),
    REJECTED,
  ),
  raw(
    '__proto__ as the whole status update',
    `{"__proto__":${statText(JSON.stringify(AT_34))}}`,
    VALIDATION,
    STAT,
  ),
  raw(
    '__proto__ in a status update item',
    statText(`{"__proto__":{"wthdYn":"Y"},${JSON.stringify(AT_34).slice(1)}`),
    REJECTED,
    STAT,
  ),
  raw(
    '__proto__ with an Idempotency-Key',
    listText(UNKNOWN_TEXT, ',"__proto__":{"x":1}'),
    REJECTED,
    { headers: { 'Idempotency-Key': 'hostile-proto' } },
  ),
];

const sqlMetacharacters: HostileCase[] = [
  json("ordNo ' OR '1'='1", instructOne({ ordNo: "' OR '1'='1" }), REJECTED),
  json('ordNo with a stacked DROP TABLE', instructOne({ ordNo: '1;DROP TABLE op_ord' }), REJECTED),
  json("deliNo ' OR 1=1 --", instructOne({ deliNo: "' OR 1=1 --" }), REJECTED),
  json('ordNo as LIKE wildcards', instructOne({ ordNo: '%_%' }), REJECTED),
  json('ordNo with a backslash and quotes', instructOne({ ordNo: '\\\'"`' }), REJECTED),
  json('ordNo as bind placeholders', instructOne({ ordNo: '? $1 :name' }), REJECTED),
  json('ordNo with a NUL character', instructOne({ ordNo: 'O\u0000001' }), VALIDATION),
  json('a NUL character in a property name', { ...instruct(UNKNOWN), 'a\u0000b': 1 }, VALIDATION),
  json('ordNo as a UNION SELECT', instructOne({ ordNo: "'UNION SELECT 1--" }), REJECTED),
  json('hdcCd closing a quote', statOne({ hdcCd: "'); --" }), REJECTED, STAT),
  json(
    'invNo with a comment and a NUL, on an order it could move',
    statUpdate([{ ...AT_34, invNo: "W4'/*\u0000*/--" }], '34', '35'),
    VALIDATION,
    STAT,
  ),
  json('wthdFnshGbCd with a semicolon', statOne({ wthdFnshGbCd: "';DELETE--" }), REJECTED, STAT),
  json('a quoted status code', statUpdate([AT_34], "3'", '35'), TRANSITION, STAT),
];

const duplicates: HostileCase[] = [
  json('the same item twice', instruct(KNOWN, KNOWN), REJECTED),
  json('the same item three times', instruct(KNOWN, KNOWN, KNOWN), REJECTED),
  json('the same delivery with two quantities', instruct(KNOWN, { ...KNOWN, rtnQty: 1 }), REJECTED),
  raw(
    'a duplicated list key, the later one empty',
    listText(KNOWN_TEXT, `,${LIST_KEY}:[]`),
    VALIDATION,
  ),
  raw(
    'a duplicated item key, the later one unknown',
    listText(itemText(999, '2', `"ordNo":"${orderNo(1)}",`)),
    REJECTED,
  ),
  json(
    'a status update listing a delivery twice in the wrong status',
    statUpdate([AT_34, AT_34]),
    REJECTED,
    STAT,
  ),
];

const itemsOf = (count: number, item: object) => Array.from({ length: count }, () => item);
const unknownItems = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    ordNo: orderNo(5000 + i),
    deliNo: deliNo(5000 + i),
    rtnQty: 1,
  }));

const emptiesAndSizes: HostileCase[] = [
  json('an empty instruct list', instruct(), VALIDATION),
  json('an empty status update list', statUpdate([], '34', '35'), VALIDATION, STAT),
  json('an empty object', {}, VALIDATION),
  json('an empty object as the status update', {}, VALIDATION, STAT),
  json('a list of one empty item', instruct({}), VALIDATION),
  json('empty strings everywhere', instruct({ ordNo: '', deliNo: '', rtnQty: 2 }), REJECTED),
  json('empty status codes', statUpdate([AT_34], '', ''), VALIDATION, STAT),
  raw('no body at all', undefined, VALIDATION),
  raw('an empty body declared as JSON', '', VALIDATION),
  json('1,001 instruct items', instruct(...unknownItems(1001)), VALIDATION),
  json('1,001 status update items', statUpdate(itemsOf(1001, AT_34), '34', '35'), VALIDATION, STAT),
  json('5,000 items', instruct(...unknownItems(5000)), VALIDATION),
  json('1,000 unknown orders', instruct(...unknownItems(1000)), REJECTED),
  json('a body over the size limit', instruct(...unknownItems(20_000)), {
    code: 'PAYLOAD_TOO_LARGE',
  }),
  json('a 2 MB string', instructOne({ ordNo: 'x'.repeat(2 * 1024 * 1024) }), {
    code: 'PAYLOAD_TOO_LARGE',
  }),
];

const VALID_BODY = JSON.stringify(instruct(KNOWN));

const contentTypes: HostileCase[] = [
  raw('text/plain', VALID_BODY, MEDIA, { contentType: 'text/plain' }),
  raw('a form', `ordNo=${orderNo(1)}&deliNo=${deliNo(1)}&rtnQty=2`, MEDIA, {
    contentType: 'application/x-www-form-urlencoded',
  }),
  raw('multipart', '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--\r\n', MEDIA, {
    contentType: 'multipart/form-data; boundary=b',
  }),
  raw('XML', '<list><ordNo>1</ordNo></list>', MEDIA, { contentType: 'application/xml' }),
  raw('HTML', '<script>alert(1)</script>', MEDIA, { contentType: 'text/html' }),
  raw('no Content-Type', VALID_BODY, MEDIA, { contentType: null }),
  raw('octet-stream', VALID_BODY, MEDIA, { contentType: 'application/octet-stream' }),
  raw('a Latin-1 charset', VALID_BODY, MEDIA, { contentType: 'application/json; charset=latin1' }),
  raw('an unknown charset', VALID_BODY, MEDIA, {
    contentType: 'application/json; charset=klingon',
  }),
  raw('a garbled Content-Type', VALID_BODY, MEDIA, { contentType: ';;;/' }),
  raw(
    'JSON declared gzip but not compressed',
    VALID_BODY,
    { code: 'MALFORMED_JSON' },
    { headers: { 'Content-Encoding': 'gzip' } },
  ),
  raw(
    'JSON declared deflate but not compressed',
    VALID_BODY,
    { code: 'MALFORMED_JSON' },
    { headers: { 'Content-Encoding': 'deflate' } },
  ),
  raw(
    'JSON declared brotli but not compressed',
    VALID_BODY,
    { code: 'MALFORMED_JSON' },
    { headers: { 'Content-Encoding': 'br' } },
  ),
  raw('an unknown Content-Encoding', VALID_BODY, MEDIA, {
    headers: { 'Content-Encoding': 'compress' },
  }),
  raw('a +json type with an unknown order', JSON.stringify(instruct(UNKNOWN)), REJECTED, {
    contentType: 'application/vnd.x2bee+json',
  }),
];

const ALL_METHODS: Method[] = ['get', 'put', 'patch', 'delete', 'options', 'trace'];
const NOT_ALLOWED = { status: 905, code: 'METHOD_NOT_ALLOWED' };
const NOT_FOUND = { status: 904, code: 'NOT_FOUND' };

const methodsAndPaths: HostileCase[] = [
  ...ALL_METHODS.map((method) =>
    raw(`${method.toUpperCase()} on 회수지시`, undefined, NOT_ALLOWED, { method }),
  ),
  ...ALL_METHODS.map((method) =>
    raw(`${method.toUpperCase()} on 회수 진행상태 수정`, undefined, NOT_ALLOWED, {
      method,
      path: STAT_UPDATE_PATH,
    }),
  ),
  raw('PUT with a valid body', VALID_BODY, NOT_ALLOWED, { method: 'put' }),
  raw('POST on the liveness probe', VALID_BODY, NOT_ALLOWED, { path: '/api/order/health' }),
  raw('DELETE on the readiness probe', undefined, NOT_ALLOWED, {
    method: 'delete',
    path: '/api/order/ready',
  }),
  raw('an unknown version', VALID_BODY, NOT_FOUND, { path: INSTRUCT_PATH.replace('/v1/', '/v2/') }),
  raw('an operation path with a suffix', VALID_BODY, NOT_FOUND, { path: `${INSTRUCT_PATH}/extra` }),
  raw('a path outside the API', VALID_BODY, NOT_FOUND, { path: '/admin' }),
  raw('a dot-dot path', undefined, NOT_FOUND, {
    method: 'get',
    path: '/api/order/../../etc/passwd',
  }),
  raw('an encoded NUL in the path', VALID_BODY, NOT_FOUND, { path: '/api/order/v1/%00' }),
  raw('broken percent-encoding in the path', VALID_BODY, NOT_FOUND, {
    path: '/api/order/v1/%E0%A4%A',
  }),
  raw('a path of 10,000 characters', undefined, NOT_FOUND, {
    method: 'get',
    path: `/api/order/${LONG}`,
  }),
  raw('a query polluting the prototype', JSON.stringify(instruct(UNKNOWN)), REJECTED, {
    path: `${INSTRUCT_PATH}?__proto__[polluted]=1&constructor[prototype][x]=1`,
  }),
];

const UNAUTHENTICATED = { status: 901, code: 'UNAUTHENTICATED' };

const credentials: HostileCase[] = [
  raw('no token', VALID_BODY, UNAUTHENTICATED, { credential: 'none' }),
  raw('an expired token', VALID_BODY, UNAUTHENTICATED, { credential: 'expired' }),
  raw('a token signed with another key', VALID_BODY, UNAUTHENTICATED, { credential: 'wrongKey' }),
  raw('an unsigned alg:none token', VALID_BODY, UNAUTHENTICATED, { credential: 'algNone' }),
  raw('a garbage token', VALID_BODY, UNAUTHENTICATED, { credential: 'garbage' }),
  raw('Basic credentials', VALID_BODY, UNAUTHENTICATED, { credential: 'basic' }),
  raw('a token of 10,000 characters', VALID_BODY, UNAUTHENTICATED, { credential: 'huge' }),
  raw(
    'a token without the write scope',
    VALID_BODY,
    { status: 903, code: 'FORBIDDEN' },
    { credential: 'readOnly' },
  ),
  raw('no token and malformed JSON', '{', MALFORMED, { credential: 'none' }),
];

/** Every case, each named after what makes it hostile. */
export const HOSTILE_CORPUS: readonly HostileCase[] = [
  ...malformedJson,
  ...wrongTypes,
  ...nulls,
  ...numbers,
  ...longStrings,
  ...emoji,
  ...prototypeKeys,
  ...sqlMetacharacters,
  ...duplicates,
  ...emptiesAndSizes,
  ...contentTypes,
  ...methodsAndPaths,
  ...credentials,
];
