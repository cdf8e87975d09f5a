/**
 * UCWA's XML representation (PayloadFormat: "XML representation"; seed 002), as a pure mapping
 * from the JSON representation the handlers build:
 * - a resource is `<resource rel href>`, `href` being its self link; other links are
 *   `<link rel href [title] />`, repeated for arrays;
 * - scalar properties are `<property name>value</property>`, arrays `<propertyList name>` of
 *   `<item>`s; ASP.NET AJAX dates (`/Date(ms)/`) become ISO 8601;
 * - embedded resources nest as `<resource>` elements, repeated for arrays;
 * - an event page is `<events href>` with its `next`/`resume`/`resync` links and one
 *   `<sender rel href>` per sender holding `<added|updated|deleted|… rel href>` events.
 */

/** The namespace of every UCWA XML document. */
export const UCWA_NAMESPACE = 'http://schemas.microsoft.com/rtc/2012/03/ucwa';

const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
const INDENT = '  ';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Escapes text for element content and double-quoted attributes. Pure. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** A JSON scalar as XML text: dates in ISO 8601, booleans and numbers as JSON spells them. */
function scalarText(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  const date = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(value);
  return date ? new Date(Number(date[1])).toISOString() : value;
}

const isScalar = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

interface Element {
  readonly name: string;
  readonly attrs: readonly (readonly [string, string | undefined])[];
  readonly text?: string;
  readonly children?: readonly Element[];
}

function render(el: Element, depth: number): string {
  const pad = INDENT.repeat(depth);
  const attrs = el.attrs
    .filter((a): a is readonly [string, string] => a[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  if (el.text !== undefined) return `${pad}<${el.name}${attrs}>${escapeXml(el.text)}</${el.name}>\n`;
  if (!el.children || el.children.length === 0) return `${pad}<${el.name}${attrs} />\n`;
  return `${pad}<${el.name}${attrs}>\n${el.children.map((c) => render(c, depth + 1)).join('')}${pad}</${el.name}>\n`;
}

function hrefOf(link: unknown): string | undefined {
  return isObject(link) && typeof link['href'] === 'string' ? link['href'] : undefined;
}

function linkElements(links: unknown, skip: readonly string[]): Element[] {
  if (!isObject(links)) return [];
  const out: Element[] = [];
  for (const [rel, value] of Object.entries(links)) {
    if (skip.includes(rel)) continue;
    for (const link of Array.isArray(value) ? value : [value]) {
      const href = hrefOf(link);
      if (href === undefined) continue;
      const title = isObject(link) && typeof link['title'] === 'string' ? link['title'] : undefined;
      out.push({ name: 'link', attrs: [['rel', rel], ['href', href], ['title', title]] });
    }
  }
  return out;
}

function propertyElement(name: string, value: unknown): Element | undefined {
  if (value === undefined) return undefined;
  if (value === null) return { name: 'property', attrs: [['name', name]] };
  if (isScalar(value)) return { name: 'property', attrs: [['name', name]], text: scalarText(value) };
  if (Array.isArray(value)) {
    const items = value.map((item): Element =>
      isScalar(item) ? { name: 'item', attrs: [], text: scalarText(item) } : { name: 'item', attrs: [], children: propertyElements(isObject(item) ? item : {}) },
    );
    return { name: 'propertyList', attrs: [['name', name]], children: items };
  }
  // A structured property (not a resource): its members as nested properties.
  return { name: 'property', attrs: [['name', name]], children: propertyElements(value as JsonObject) };
}

function propertyElements(value: JsonObject): Element[] {
  const out: Element[] = [];
  for (const [name, member] of Object.entries(value)) {
    if (name === '_links' || name === '_embedded') continue;
    const el = propertyElement(name, member);
    if (el) out.push(el);
  }
  return out;
}

function embeddedElements(embedded: unknown): Element[] {
  if (!isObject(embedded)) return [];
  const out: Element[] = [];
  for (const [rel, value] of Object.entries(embedded)) {
    for (const resource of Array.isArray(value) ? value : [value]) {
      if (isObject(resource)) out.push(resourceElement(resource, rel, false));
    }
  }
  return out;
}

function resourceElement(resource: JsonObject, fallbackRel: string | undefined, root: boolean): Element {
  const rel = typeof resource['rel'] === 'string' ? resource['rel'] : fallbackRel;
  const links = resource['_links'];
  const href = isObject(links) ? hrefOf(links['self']) : undefined;
  return {
    name: 'resource',
    attrs: [['rel', rel], ['href', href], ['xmlns', root ? UCWA_NAMESPACE : undefined]],
    children: [...linkElements(links, ['self']), ...propertyElements(resource), ...embeddedElements(resource['_embedded'])],
  };
}

/** One JSON resource as an XML document (declaration, `<resource … xmlns>`). Pure. */
export function resourceToXml(resource: JsonObject): string {
  return `${DECLARATION}\n${render(resourceElement(resource, undefined, true), 0)}`;
}

function eventElement(event: JsonObject): Element {
  const type = typeof event['type'] === 'string' && /^[A-Za-z][\w-]*$/.test(event['type']) ? event['type'] : 'event';
  const link = event['link'];
  const rel = isObject(link) && typeof link['rel'] === 'string' ? link['rel'] : undefined;
  const title = isObject(link) && typeof link['title'] === 'string' ? link['title'] : undefined;
  const children: Element[] = [];
  const within = event['in'];
  if (isObject(within)) {
    children.push({ name: 'in', attrs: [['rel', typeof within['rel'] === 'string' ? within['rel'] : undefined], ['href', hrefOf(within)]] });
  }
  for (const [name, value] of Object.entries(event)) {
    if (['type', 'link', 'in', '_embedded'].includes(name)) continue;
    const el = propertyElement(name, value);
    if (el) children.push(el);
  }
  children.push(...embeddedElements(event['_embedded']));
  return { name: type, attrs: [['rel', rel], ['href', hrefOf(link)], ['title', title]], children };
}

function senderElement(sender: JsonObject): Element {
  const events = Array.isArray(sender['events']) ? sender['events'].filter(isObject) : [];
  return {
    name: 'sender',
    attrs: [['rel', typeof sender['rel'] === 'string' ? sender['rel'] : undefined], ['href', typeof sender['href'] === 'string' ? sender['href'] : undefined]],
    children: events.map(eventElement),
  };
}

/** One event-channel answer (§5.2, also resync/resume pages) as an XML `<events>` document. Pure. */
export function eventsToXml(page: JsonObject): string {
  const links = page['_links'];
  const senders = Array.isArray(page['sender']) ? page['sender'].filter(isObject) : [];
  const root: Element = {
    name: 'events',
    attrs: [['href', isObject(links) ? hrefOf(links['self']) : undefined], ['xmlns', UCWA_NAMESPACE]],
    children: [...linkElements(links, ['self']), ...senders.map(senderElement)],
  };
  return `${DECLARATION}\n${render(root, 0)}`;
}

/** A parsed XML element: local name (prefix dropped), attributes, child elements and text. */
export interface XmlNode {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
  readonly text: string;
}

/** The document is not well-formed enough to read. */
export class XmlSyntaxError extends Error {}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    if (!Number.isFinite(code) || code > 0x10ffff) throw new XmlSyntaxError(`bad character reference &${e};`);
    return String.fromCodePoint(code);
  });
}

const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

/**
 * A small XML reader for request bodies: elements, attributes, text, CDATA, character and the
 * five predefined entity references; the declaration, comments, processing instructions and a
 * DOCTYPE without an internal subset are skipped. Throws `XmlSyntaxError` on anything malformed. Pure.
 */
export function parseXml(source: string): XmlNode {
  let pos = 0;
  const fail = (what: string): never => {
    throw new XmlSyntaxError(`${what} at offset ${pos}`);
  };
  const skipMisc = (): void => {
    for (;;) {
      const ws = /^\s*/.exec(source.slice(pos));
      pos += ws ? ws[0].length : 0;
      if (source.startsWith('<?', pos)) {
        const end = source.indexOf('?>', pos);
        if (end < 0) fail('unterminated processing instruction');
        pos = end + 2;
      } else if (source.startsWith('<!--', pos)) {
        const end = source.indexOf('-->', pos);
        if (end < 0) fail('unterminated comment');
        pos = end + 3;
      } else if (source.startsWith('<!DOCTYPE', pos)) {
        const end = source.indexOf('>', pos);
        if (end < 0 || source.slice(pos, end).includes('[')) fail('unsupported DOCTYPE');
        pos = end + 1;
      } else return;
    }
  };
  const element = (): XmlNode => {
    const open = /^<([A-Za-z_][\w.:-]*)/.exec(source.slice(pos));
    if (!open?.[1]) return fail('element expected');
    const qname = open[1];
    pos += open[0].length;
    const attrs: Record<string, string> = {};
    for (;;) {
      const attr = /^\s+([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/.exec(source.slice(pos));
      if (!attr?.[1]) break;
      attrs[localName(attr[1])] = decodeEntities(attr[2] ?? attr[3] ?? '');
      pos += attr[0].length;
    }
    const close = /^\s*(\/?)>/.exec(source.slice(pos));
    if (!close) return fail(`malformed start tag <${qname}>`);
    pos += close[0].length;
    const name = localName(qname);
    if (close[1] === '/') return { name, attrs, children: [], text: '' };
    const children: XmlNode[] = [];
    let text = '';
    for (;;) {
      if (pos >= source.length) fail(`unclosed <${qname}>`);
      if (source.startsWith('</', pos)) {
        const end = /^<\/([A-Za-z_][\w.:-]*)\s*>/.exec(source.slice(pos));
        if (end?.[1] !== qname) fail(`mismatched end tag for <${qname}>`);
        pos += end![0].length;
        return { name, attrs, children, text };
      }
      if (source.startsWith('<![CDATA[', pos)) {
        const end = source.indexOf(']]>', pos);
        if (end < 0) fail('unterminated CDATA');
        text += source.slice(pos + 9, end);
        pos = end + 3;
      } else if (source.startsWith('<!--', pos)) {
        const end = source.indexOf('-->', pos);
        if (end < 0) fail('unterminated comment');
        pos = end + 3;
      } else if (source.startsWith('<?', pos)) {
        const end = source.indexOf('?>', pos);
        if (end < 0) fail('unterminated processing instruction');
        pos = end + 2;
      } else if (source[pos] === '<') {
        children.push(element());
      } else {
        const next = source.indexOf('<', pos);
        const chunk = source.slice(pos, next < 0 ? source.length : next);
        text += decodeEntities(chunk);
        pos += chunk.length;
      }
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (pos < source.length) fail('content after the root element');
  return root;
}

/**
 * The inputs of an XML request body in UCWA's format: `<property name>` → string,
 * `<propertyList name>` → its `<item>` texts. Links and embedded resources are ignored, as the
 * reference says the server ignores them in POST/PUT inputs. Pure.
 */
export function xmlInputs(root: XmlNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const child of root.children) {
    const name = child.attrs['name'];
    if (name === undefined) continue;
    if (child.name === 'property') out[name] = child.text.trim();
    else if (child.name === 'propertyList') out[name] = child.children.filter((c) => c.name === 'item').map((c) => c.text.trim());
  }
  return out;
}
