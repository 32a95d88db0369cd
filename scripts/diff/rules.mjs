// Turns one change reported by api-smart-diff into our entry: a rule name, a level and a
// sentence. The library decides the level (it knows the direction: a lower maxLength breaks a
// request and not a response); OVERRIDES lists where we decide otherwise, and why.
import { HTTP_METHODS } from '../../lib/openapi.mjs';

export const LEVELS = /** @type {const} */ (['breaking', 'warning', 'non-breaking', 'annotation']);

/** The library's types, in our levels. A type it could not classify gets a person's look. */
const FROM_LIBRARY = { breaking: 'breaking', 'non-breaking': 'non-breaking', annotation: 'annotation', deprecated: 'non-breaking', unclassified: 'warning' };

const DOCUMENTATION = new Set(['description', 'summary', 'title', 'example', 'examples', 'externalDocs', 'tags', '$comment', 'x-codeSamples']);
const isDocumentation = (key) => DOCUMENTATION.has(key) || String(key).startsWith('x-');
const UPPER = new Set(['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties']);
const LOWER = new Set(['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties']);
const kebab = (s) => String(s).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^\$/, '');
const show = (v) => (typeof v === 'string' ? v : JSON.stringify(v));
const types = (t) => new Set(t === undefined ? [] : [t].flat());
const subset = (a, b) => [...a].every((x) => b.has(x));
/** The values a schema allows when it lists them (`const` or `enum`), else undefined. */
const valuesOf = (schema) => (schema && 'const' in schema ? [schema.const] : Array.isArray(schema?.enum) ? schema.enum : undefined);
/** The JSON Schema types a value has (an integer is also a number). */
const jsonTypes = (v) =>
  v === null ? ['null'] : Array.isArray(v) ? ['array'] : Number.isInteger(v) ? ['integer', 'number'] : [typeof v === 'number' ? 'number' : typeof v];

/**
 * Our levels where the library's are wrong for this API's clients, by rule. Each value is
 * `(change) => level | undefined` (undefined: keep the library's).
 */
export const OVERRIDES = {
  // A strict client (a generated enum, a switch without default) fails on a value it does not know.
  'response-enum-value-added': () => 'warning',
  // A new error status is documented behaviour a client may not handle yet.
  'response-error-status-added': () => 'warning',
  // Behaviour changes silently for clients that leave the field out.
  'request-default-changed': () => 'warning',
  'response-default-changed': () => 'warning',
  'parameter-default-changed': () => 'warning',
  // A new required field breaks clients that leave it out, default or not (the library lets
  // it pass when the field has a default).
  'request-property-became-required': () => 'breaking',
  // The library calls `additionalProperties: false` on a request a non-breaking change; it
  // rejects fields that were accepted.
  'request-additional-properties-closed': () => 'breaking',
  'request-additional-properties-opened': () => 'non-breaking',
  // The library calls every response type change non-breaking and every request one breaking.
  'request-type-changed': ({ before, after }) => (subset(types(before), types(after)) ? 'non-breaking' : 'breaking'),
  'parameter-type-changed': ({ before, after }) => (subset(types(before), types(after)) ? 'non-breaking' : 'breaking'),
  'response-type-changed': ({ before, after }) => (subset(types(after), types(before)) ? 'non-breaking' : 'breaking'),
  'response-property-became-nullable': () => 'breaking',
  // The notice was given: removing what was deprecated is expected, but still worth a look.
  'deprecated-operation-removed': () => 'warning',
  'deprecated-parameter-removed': () => 'warning',
  'deprecated-response-property-removed': () => 'warning',
  // Documentation only, whatever the library thinks of an example's content.
  'request-example-changed': () => 'annotation',
  'response-example-changed': () => 'annotation',
};

/**
 * Whether a client that met the old requirements may fail the new ones: each old alternative
 * (an object of schemes, all needed) must still contain some new alternative. The library judges
 * the `security` list textually, so a requirement added beside the global one looked harmless.
 */
function narrowsSecurity(before, after) {
  const alternatives = (reqs) => (reqs.length === 0 ? [[]] : reqs.map((r) => Object.keys(r)));
  return !alternatives(before).every((old) => alternatives(after).some((neu) => neu.every((k) => old.includes(k))));
}

/** The field a schema path points at (`data[].name`) and what is left of the path. */
function fieldOf(schemaPath) {
  let field = '';
  let i = 0;
  while (i < schemaPath.length) {
    const seg = schemaPath[i];
    if (seg === 'properties' && i + 1 < schemaPath.length) {
      field += `${field ? '.' : ''}${schemaPath[i + 1]}`;
      i += 2;
    } else if (seg === 'items') {
      field += '[]';
      i += 1;
    } else if (['allOf', 'oneOf', 'anyOf'].includes(seg) && typeof schemaPath[i + 1] === 'number') {
      i += 2;
    } else if (seg === 'additionalProperties' && i + 1 < schemaPath.length) {
      field += '{*}';
      i += 1;
    } else break;
  }
  return { field, rest: schemaPath.slice(i) };
}

const join = (field, name) => (field ? `${field}.${name}` : name);

/** A change inside a schema: side is request, response or parameter. */
function schemaChange(side, subject, schemaPath, change, schemaBefore) {
  const deprecatedBefore = (/** @type {any[]} */ path) => schemaBefore(path)?.deprecated === true;
  const { action, before, after } = change;
  const { field, rest } = fieldOf(schemaPath);
  const where = field ? `${subject} field ${field}` : subject;
  const [keyword] = rest;
  const verb = { add: 'added', remove: 'removed', replace: 'changed', rename: 'renamed' }[action];
  if (keyword === undefined) {
    if (action === 'remove' && side === 'response' && deprecatedBefore(schemaPath)) {
      return { rule: 'deprecated-response-property-removed', text: `${where}: deprecated field removed` };
    }
    return { rule: `${side}-property-${verb}`, text: `${subject}: field ${field || '(body)'} ${verb}` };
  }
  if (keyword === 'required') {
    const name = join(field, action === 'add' ? after : before);
    return action === 'add'
      ? { rule: `${side}-property-became-required`, text: `${subject}: field ${name} is now required` }
      : { rule: `${side}-property-became-optional`, text: `${subject}: field ${name} is now optional` };
  }
  if (UPPER.has(keyword) || LOWER.has(keyword)) {
    const dir = action === 'replace' ? (after < before ? 'decreased' : 'increased') : action === 'add' ? 'set' : 'removed';
    const what = action === 'replace' ? `${keyword} ${before} → ${after}` : action === 'add' ? `${keyword} ${after} added` : `${keyword} ${before} removed`;
    return { rule: `${side}-${kebab(keyword)}-${dir}`, text: `${where}: ${what}` };
  }
  if (keyword === 'enum') {
    if (rest.length === 2) {
      const value = action === 'add' ? after : before;
      return { rule: `${side}-enum-value-${verb}`, text: `${where}: enum value ${show(value)} ${verb}` };
    }
    return { rule: `${side}-enum-${verb}`, text: `${where}: enum ${show(before)} → ${show(after)}` };
  }
  if (keyword === 'type') {
    const [b, a] = [types(before), types(after)];
    // `const: label` already says string: adding `type: string` beside it changes no valid value.
    const fixed = b.size === 0 ? valuesOf(schemaBefore(schemaPath.slice(0, schemaPath.length - rest.length))) : undefined;
    if (fixed && fixed.every((v) => jsonTypes(v).some((t) => a.has(t)))) {
      return { rule: `${side}-type-made-explicit`, text: `${where}: type ${[...a].join(' | ')} stated beside its ${fixed.length === 1 ? 'const' : 'enum'}`, level: 'annotation' };
    }
    const becameNullable = side === 'response' && a.has('null') && !b.has('null');
    const text = `${where}: type ${[...b].join(' | ') || '(any)'} → ${[...a].join(' | ') || '(any)'}`;
    return { rule: becameNullable ? 'response-property-became-nullable' : `${side}-type-changed`, text };
  }
  if (keyword === 'pattern') {
    const what = action === 'replace' ? `pattern ${before} → ${after}` : action === 'add' ? `pattern ${after} added` : `pattern ${before} removed`;
    return { rule: `${side}-pattern-${verb}`, text: `${where}: ${what}` };
  }
  if (keyword === 'additionalProperties' && rest.length === 1) {
    const closed = after === false;
    return closed
      ? { rule: `${side}-additional-properties-closed`, text: `${where}: unknown fields are now rejected (additionalProperties: false)` }
      : { rule: `${side}-additional-properties-opened`, text: `${where}: unknown fields are now allowed` };
  }
  if (keyword === 'default') {
    return { rule: `${side}-default-changed`, text: `${where}: default ${show(before ?? '(none)')} → ${show(after ?? '(none)')}` };
  }
  if (keyword === 'example' || keyword === 'examples') {
    return { rule: `${side === 'parameter' ? 'request' : side}-example-changed`, text: `${where}: example ${verb}` };
  }
  if (isDocumentation(keyword)) return { rule: `${side}-description-changed`, text: `${where}: ${keyword} ${verb}` };
  if (keyword === 'deprecated') return { rule: `${side}-property-deprecated`, text: `${where}: deprecated ${show(after ?? false)}` };
  return { rule: `${side}-${kebab(keyword)}-changed`, text: `${where}: ${keyword} ${show(before ?? '(none)')} → ${show(after ?? '(none)')}` };
}

/** A change inside one operation (`rest` follows paths/{path}/{method}). */
function operationChange(rest, change, ctx) {
  const { action, before, after } = change;
  const verb = { add: 'added', remove: 'removed', replace: 'changed', rename: 'renamed' }[action];
  const [key, ...more] = rest;
  if (key === undefined) {
    if (action === 'remove' && before?.deprecated === true) return { rule: 'deprecated-operation-removed', text: 'deprecated operation removed' };
    return { rule: `operation-${verb}`, text: `operation ${verb} (${ctx.method.toUpperCase()} ${ctx.path})` };
  }
  if (key === 'deprecated') {
    return after === true ? { rule: 'operation-deprecated', text: 'operation deprecated' } : { rule: 'operation-undeprecated', text: 'operation no longer deprecated' };
  }
  if (key === 'security') {
    const [was, is] = [ctx.security('before'), ctx.security('after')];
    return { rule: `security-${verb}`, text: `security ${show(was)} → ${show(is)}`, level: narrowsSecurity(was, is) ? 'breaking' : 'non-breaking' };
  }
  if (key === 'parameters') {
    const [index, ...inner] = more;
    const param = ctx.parameter(index, action) ?? {};
    const subject = `${param.in ?? ''} parameter ${param.name ?? index}`.trim();
    if (inner.length === 0) {
      if (action === 'remove' && param.deprecated === true) return { rule: 'deprecated-parameter-removed', text: `${subject}: deprecated parameter removed` };
      const required = action === 'add' && param.required ? 'required ' : '';
      return { rule: `${required ? 'required-' : ''}parameter-${verb}`, text: `${required}${subject} ${verb}` };
    }
    if (inner[0] === 'required') return { rule: after ? 'parameter-became-required' : 'parameter-became-optional', text: `${subject} is now ${after ? 'required' : 'optional'}` };
    if (inner[0] === 'schema') return schemaChange('parameter', subject, inner.slice(1), change, (p) => ctx.valueBefore(['parameters', index, 'schema', ...p]));
    if (inner[0] === 'example' || inner[0] === 'examples') return { rule: 'request-example-changed', text: `${subject}: example ${verb}` };
    if (isDocumentation(inner[0])) return { rule: 'parameter-description-changed', text: `${subject}: ${inner[0]} ${verb}` };
    return { rule: `parameter-${kebab(inner[0])}-changed`, text: `${subject}: ${inner[0]} ${show(before)} → ${show(after)}` };
  }
  if (key === 'requestBody') {
    const [section, media, part, ...schemaPath] = more;
    if (section === undefined) return { rule: `request-body-${verb}`, text: `request body ${verb}` };
    if (section === 'required') return { rule: after ? 'request-body-became-required' : 'request-body-became-optional', text: `request body is now ${after ? 'required' : 'optional'}` };
    if (section === 'content' && media !== undefined && part === undefined) return { rule: `request-media-type-${verb}`, text: `request body media type ${media} ${verb}` };
    if (section === 'content' && part === 'schema') return schemaChange('request', 'request body', schemaPath, change, (p) => ctx.valueBefore(['requestBody', 'content', media, 'schema', ...p]));
    if (section === 'content' && (part === 'example' || part === 'examples')) return { rule: 'request-example-changed', text: `request body: example ${schemaPath[0] ?? ''} ${verb}`.replace('  ', ' ') };
    return { rule: 'request-description-changed', text: `request body: ${[section, media, part].filter(Boolean).join(' ')} ${verb}` };
  }
  if (key === 'responses') {
    const [status, section, name, part, ...inner] = more;
    if (status === undefined) return { rule: `responses-${verb}`, text: `responses ${verb}` };
    const isError = /^[45]/.test(String(status));
    if (section === undefined) {
      if (action === 'add') return isError ? { rule: 'response-error-status-added', text: `new error response ${status}` } : { rule: 'response-success-status-added', text: `new response ${status}` };
      if (action === 'remove') return { rule: isError ? 'response-error-status-removed' : 'response-success-status-removed', text: `response ${status} removed` };
      return { rule: 'response-status-changed', text: `response ${status} ${verb}` };
    }
    if (section === 'headers') {
      const subject = `response ${status} header ${name}`;
      if (part === undefined) return { rule: `response-header-${verb}`, text: `${subject} ${verb}` };
      if (part === 'schema') return schemaChange('response', subject, inner, change, (p) => ctx.valueBefore(['responses', status, 'headers', name, 'schema', ...p]));
      if (part === 'required') return { rule: after ? 'response-header-became-required' : 'response-header-became-optional', text: `${subject} is now ${after ? 'always sent' : 'optional'}` };
      return { rule: 'response-description-changed', text: `${subject}: ${part} ${verb}` };
    }
    if (section === 'content') {
      if (part === undefined) return { rule: `response-media-type-${verb}`, text: `response ${status} media type ${name} ${verb}` };
      if (part === 'schema') {
        return schemaChange('response', `response ${status} body`, inner, change, (p) => ctx.valueBefore(['responses', status, 'content', name, 'schema', ...p]));
      }
      if (part === 'example' || part === 'examples') return { rule: 'response-example-changed', text: `response ${status}: example ${inner[0] ?? ''} ${verb}`.replace('  ', ' ') };
    }
    if (isDocumentation(section)) return { rule: 'response-description-changed', text: `response ${status}: ${section} ${verb}` };
    return { rule: `response-${kebab(section)}-changed`, text: `response ${status}: ${[section, name, part].filter(Boolean).join(' ')} ${verb}` };
  }
  if (isDocumentation(key)) return { rule: `operation-${kebab(key === 'x-codeSamples' ? 'code-samples' : key.replace(/^x-/, 'extension-'))}-changed`, text: `${key} ${verb}` };
  return { rule: `operation-${kebab(key)}-changed`, text: `${key} ${show(before ?? '(none)')} → ${show(after ?? '(none)')}` };
}

/**
 * One library change → `{ rule, level, operation, segments, message, origin }`, or null for
 * changes a type-level rule reports instead (operationIds, renamed paths) and for info.version.
 * `ctx` gives operation ids and parameters by path and method, and values of the base.
 */
export function classify(change, ctx) {
  const typeAt = change.path.findIndex((seg, i) => seg === 'type' && change.path[i - 1] !== 'properties' && i === change.path.length - 2);
  if (typeAt > 0) {
    // One item of a type array (`[string, 'null']`) changed: judge the whole list.
    const at = change.path.slice(0, typeAt + 1);
    change = { ...change, path: at, action: 'replace', before: ctx.value('before', at), after: ctx.value('after', at) };
  }
  const { path: segments } = change;
  const libraryLevel = FROM_LIBRARY[change.type] ?? 'warning';
  let found;
  let operation = null;
  if (segments[0] === 'paths' && segments.length >= 3 && HTTP_METHODS.includes(segments[2])) {
    const [, path, method, ...rest] = segments;
    if (rest[0] === 'operationId') return null;
    operation = ctx.operationName(path, method);
    found = operationChange(rest, change, ctx.forOperation(path, method));
  } else if (segments[0] === 'paths') {
    // A renamed path (its parameter names changed): type-level.mjs expands it per operation.
    return null;
  } else if (segments[0] === 'info' && segments[1] === 'version') {
    return null;
  } else if (segments[0] === 'security') {
    const [was, is] = [ctx.value('before', ['security']) ?? [], ctx.value('after', ['security']) ?? []];
    found = { rule: `security-${change.action === 'add' ? 'added' : change.action === 'remove' ? 'removed' : 'changed'}`, text: `global security ${show(was)} → ${show(is)}`, level: narrowsSecurity(was, is) ? 'breaking' : 'non-breaking' };
  } else if (segments[0] === 'components') {
    const scheme = segments.slice(2).join('.');
    found =
      change.action === 'add' && segments.length === 3
        ? // A new scheme is only a definition: operations that require it are judged on their own.
          { rule: 'security-scheme-added', text: `security scheme ${scheme} added`, level: 'non-breaking' }
        : { rule: `security-scheme-${change.action === 'remove' && segments.length === 3 ? 'removed' : 'changed'}`, text: `security scheme ${scheme}: ${show(change.before ?? '(none)')} → ${show(change.after ?? '(none)')}` };
  } else {
    found = { rule: `document-${kebab(segments[0]).replace(/^x-/, 'extension-')}-changed`, text: `${segments.join('.')} changed`, level: 'annotation' };
  }
  const override = found.level ?? OVERRIDES[found.rule]?.(change);
  const level = override ?? libraryLevel;
  return {
    rule: found.rule,
    level,
    operation,
    segments,
    message: `${operation ?? 'document'}: ${found.text}`,
    origin: override !== undefined && override !== libraryLevel ? 'ours' : 'library',
  };
}
