/**
 * Shared pieces for detectors that recognise a key by its context rather than by a signature:
 * key shapes with their randomness checks, "a value assigned to one of these names" (variables,
 * properties, settings, headers, CLI flags), the Azure host nearest to a value, and a bounded
 * regex walk over a window. Every helper reads a bounded amount of text.
 */
import { decodeBase64 } from "../text/base64.js";
import { gateOf, matchesInWindow as matchesIn, type WordsAt } from "../text/window.js";
import { isNameValuePair, isReference, stringLiteralAt, valueAfterKey, type ValueSpan } from "../text/literal-context.js";
import type { ServiceId } from "../types.js";
import { distinctChars, entropy, isPlaceholder } from "../keys/validators.js";
import { COSMOS_EMULATOR_KEY, STORAGE_EMULATOR_KEY } from "../keys/well-known.js";

/** Shapes of keys that carry no signature. */
export type KeyShape = "hex32" | "alnum32" | "b64-44" | "b64-88";

const SHAPES: Record<KeyShape, { re: RegExp; bytes?: number; minEntropy: number; minDistinct: number }> = {
  hex32: { re: /^[0-9a-fA-F]{32}$/, minEntropy: 3.0, minDistinct: 9 },
  alnum32: { re: /^[A-Za-z0-9]{32}$/, minEntropy: 3.0, minDistinct: 10 },
  "b64-44": { re: /^[A-Za-z0-9+/]{43}=$/, bytes: 32, minEntropy: 4.0, minDistinct: 18 },
  "b64-88": { re: /^[A-Za-z0-9+/]{86}==$/, bytes: 64, minEntropy: 4.6, minDistinct: 30 },
};

/** The published, non-secret emulator keys (the storage and Cosmos detectors report them at `info`). */
export const isEmulatorKey = (value: string): boolean => value === STORAGE_EMULATOR_KEY || value === COSMOS_EMULATOR_KEY;

/** Not a placeholder or reference, varied enough, and a mix of digits and letters. */
export function looksLikeRandomKey(value: string, minEntropy: number, minDistinct: number): boolean {
  if (isPlaceholder(value) || isReference(value)) return false;
  if (distinctChars(value) < minDistinct || entropy(value) < minEntropy) return false;
  // A random key mixes digits and letters; words and identifiers do not.
  return /[0-9]/.test(value) && /[A-Za-z]/.test(value);
}

/** The first of `shapes` that `value` has, when it also looks random (not a placeholder). */
export function keyShape(value: string, shapes: readonly KeyShape[]): KeyShape | undefined {
  for (const s of shapes) {
    const spec = SHAPES[s];
    if (!spec.re.test(value)) continue;
    if (spec.bytes !== undefined && decodeBase64(value)?.length !== spec.bytes) continue;
    if (isEmulatorKey(value)) return undefined;
    if (looksLikeRandomKey(value, spec.minEntropy, spec.minDistinct)) return s;
  }
  return undefined;
}

/**
 * Iterate the matches of a global regex that start inside [from, to). The regex runs over a slice
 * (16 characters of look-behind context, and `maxLength` characters past `to` for a match that
 * starts inside and ends outside), never over the rest of the text: `exec` from `lastIndex` would
 * otherwise search to the end of the text for every window, which is quadratic over many windows.
 * `maxLength` must exceed the longest match plus one character of look-ahead. Yielded matches carry
 * absolute offsets in `index`.
 */
export { matchesIn };

const QUOTE = /["'`]/;

/** A bare token of key characters (for CLI arguments and YAML values). */
export function bareToken(text: string, at: number, limit = 200): ValueSpan | undefined {
  let i = at;
  const max = Math.min(text.length, at + limit);
  while (i < max && /[A-Za-z0-9+/=_~.\-]/.test(text[i]!)) i++;
  if (i === at) return undefined;
  return { start: at, end: i, value: text.slice(at, i), quoted: false };
}

/**
 * The value assigned to the name that ends at `nameEnd`: everything `valueAfterKey` knows
 * (`=`, `:`, XML `key="n" value="v"`, YAML, .env, ARM `{ "value": ... }`) plus the call/header
 * form `("name", "value")` and the name/value pairs of Kubernetes env lists and ARM app settings
 * (`name: N` then `value: V`).
 */
export function valueAfterName(text: string, nameEnd: number): ValueSpan | undefined {
  // A type between the name and the value: `key: string = "v"` (TS), `param key string = 'v'` (Bicep).
  const typed = /^\??[ \t]*:?[ \t]*(?:string|String|str)\??[ \t]*(?==)/.exec(text.slice(nameEnd, nameEnd + 40));
  if (typed && /^[ \t?:]/.test(text.slice(nameEnd, nameEnd + 1))) nameEnd += typed[0].length;
  const direct = valueAfterKey(text, nameEnd);
  if (direct) return direct;
  let i = nameEnd;
  if (QUOTE.test(text[i] ?? "")) i++;
  const rest = text.slice(i, i + 80);
  // ("api-key", "value"): a header or setting set through a call (not `"name": "X", "value": ...`).
  const comma = /^[ \t]*,[ \t]*/.exec(rest);
  if (comma) {
    const lit = stringLiteralAt(text, i + comma[0].length);
    const quotedName = i > nameEnd;
    if (lit && (quotedName ? isNameValuePair(text, nameEnd, lit) : !/^["'`]?[ \t]*:/.test(text.slice(lit.end, lit.end + 8)))) return lit;
  }
  // - name: AZURE_OPENAI_API_KEY\n  value: "..."  /  { "name": "X", "value": "..." }
  const pair = /^[ \t]*,?[ \t]*(?:\r?\n[ \t]{0,40}(?:- )?)?["']?value["']?[ \t]*[:=][ \t]*/.exec(rest);
  if (pair) {
    const at = i + pair[0].length;
    const lit = QUOTE.test(text[at] ?? "") ? stringLiteralAt(text, at) : bareToken(text, at);
    if (lit) return lit;
  }
  return undefined;
}

/** The value after a CLI flag ending at `flagEnd`: `--flag value`, `--flag=value`, `--flag "value"`. */
export function valueAfterFlag(text: string, flagEnd: number): ValueSpan | undefined {
  const sep = /^(?:=|[ \t]{1,4})/.exec(text.slice(flagEnd, flagEnd + 5));
  if (!sep) return undefined;
  const at = flagEnd + sep[0].length;
  return QUOTE.test(text[at] ?? "") ? stringLiteralAt(text, at) : bareToken(text, at);
}

/** Azure hosts that name a service. */
const HOSTS: ReadonlyArray<readonly [RegExp, ServiceId]> = [
  [/\.search\.windows\.net/i, "search"],
  [/\.openai\.azure\.com|\.cognitiveservices\.azure\.com|\.cognitive\.microsoft\.com|\.services\.ai\.azure\.com/i, "ai-services"],
  [/\.documents\.azure\.com/i, "cosmos-db"],
  [/\.(?:blob|queue|table|file|dfs)\.core\.windows\.net/i, "storage"],
  [/\.azure-devices\.net/i, "iot-hub"],
  [/\.redis\.cache\.windows\.net|\.redis\.azure\.net/i, "redis"],
  [/\.service\.signalr\.net/i, "signalr"],
  [/\.webpubsub\.azure\.com/i, "web-pubsub"],
  [/\.communication\.azure\.com/i, "communication-services"],
  [/\.eventgrid\.azure\.net/i, "event-grid"],
  [/\.batch\.azure\.com/i, "batch"],
  [/\.azure-api\.net/i, "api-management"],
  [/atlas\.microsoft\.com/i, "maps"],
  [/\.azconfig\.io/i, "app-configuration"],
  [/\.azurecr\.io/i, "container-registry"],
  [/\.servicebus\.windows\.net/i, "service-bus"],
];

/** Bounded slice of text around [start, end). */
export const around = (text: string, start: number, end: number, radius: number): string =>
  text.slice(Math.max(0, start - radius), Math.min(text.length, end + radius));

/** Services whose hosts occur within `radius` characters of [start, end). */
export function hostServices(text: string, start: number, end: number, radius = 400): ServiceId[] {
  const near = around(text, start, end, radius);
  const out: ServiceId[] = [];
  for (const [re, service] of HOSTS) if (re.test(near)) out.push(service);
  return out;
}

/** A host of `service` (e.g. `.search.windows.net`) occurs within `radius` characters of the value. */
export const hasHostOf = (text: string, start: number, end: number, service: ServiceId, radius = 400): boolean =>
  hostServices(text, start, end, radius).includes(service);

/**
 * Values of `[from, to)` assigned to a name matched by `names` (a global, case-insensitive regex
 * whose match ends where the name ends; a match starting with `-` is a CLI flag).
 */
export function* namedValues(
  names: RegExp,
  text: string,
  from: number,
  to: number,
  words?: WordsAt,
): Generator<{ readonly name: string; readonly nameStart: number; readonly value: ValueSpan }> {
  // A registered end-anchored check (window.ts) runs inside matchesIn and is cheaper than the names
  // alone; `words` (where the names' last words start) lets it run at those offsets only.
  const core = gateOf(names) === undefined ? namesOf(names) : null;
  if (core && !core.test(text.slice(Math.max(0, from - 64), Math.min(text.length, to + NAME_REACH)))) return;
  for (const m of matchesIn(names, text, from, to, undefined, words)) {
    const end = m.index + m[0].length;
    const value = m[0].startsWith("-") ? valueAfterFlag(text, end) : valueAfterName(text, end);
    if (value) yield { name: m[0], nameStart: m.index, value };
  }
}

/**
 * Performance: name patterns that start with the optional env-style prefix
 * (`(?<![\w-])(?:[A-Za-z][A-Za-z0-9]{0,20}_){0,3}` then the names) try that prefix at every word
 * start of a window. Every match contains a match of the rest of the pattern (the names), which is
 * far cheaper to look for; a window without one is skipped. Other patterns are run as they are.
 */
const ENV_PREFIXED = String.raw`(?<![\w-])(?:[A-Za-z][A-Za-z0-9]{0,20}_){0,3}`;
/** How far past a window a name may reach (more than matchesIn's look-ahead room). */
const NAME_REACH = 512;
const NAMES_ALONE = new WeakMap<RegExp, RegExp | null>();

function namesOf(re: RegExp): RegExp | null {
  let core = NAMES_ALONE.get(re);
  if (core === undefined) {
    core = null;
    if (re.source.startsWith(ENV_PREFIXED)) {
      try {
        core = new RegExp(re.source.slice(ENV_PREFIXED.length), re.flags.replace(/[gy]/g, ""));
      } catch {
        core = null;
      }
    }
    NAMES_ALONE.set(re, core);
  }
  return core;
}

/** Drop trailing punctuation a bare read may include (`;`, `,`, `.`, `)`). */
export function trimValue(v: ValueSpan): ValueSpan {
  let end = v.end;
  while (end > v.start && /[;,.)}\]]/.test(v.value[end - v.start - 1]!)) end--;
  return end === v.end ? v : { ...v, end, value: v.value.slice(0, end - v.start) };
}
