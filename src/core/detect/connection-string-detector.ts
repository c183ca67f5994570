/**
 * A small factory for detectors whose secret is one field of an Azure connection string found
 * around a host name (`Endpoint=https://x.azconfig.io;Id=...;Secret=...`,
 * `HostName=x.azure-devices.net;...;SharedAccessKey=...`). The prefilter keyword is the host
 * suffix; the literal around it is parsed with connection-string.ts; the detector decides which
 * field is the secret and what to say about it.
 */
import { findConnectionString, hostOf, type ConnectionString, type ConnectionStringField } from "../keys/connection-string.js";
import { isReference } from "../text/literal-context.js";
import { isPlaceholder } from "../keys/validators.js";
import type { Candidate, Detector, DetectorSamples, ServiceId, Severity } from "../types.js";

export interface ConnectionStringDetectorSpec {
  readonly id: string;
  readonly service: ServiceId;
  readonly title: string;
  readonly description: string;
  /** Lower-case host suffixes, with their leading dot (".azconfig.io"). */
  readonly hosts: readonly string[];
  /** Keys whose value names the host (the first one present is used). */
  readonly endpointKeys: readonly string[];
  /** Keys whose value is the secret. */
  readonly secretKeys: readonly string[];
  readonly severity?: Severity;
  readonly priority?: number;
  /** Shortest plausible secret value. */
  readonly minLength?: number;
  /**
   * Final say over one secret field: return extra fields (and optionally a severity or note), or
   * undefined to drop it. Defaults to accepting every non-placeholder value.
   */
  readonly judge?: (
    cs: ConnectionString,
    field: ConnectionStringField,
  ) => { fields?: Record<string, string>; severity?: Severity; note?: string } | undefined;
  readonly samples: () => DetectorSamples;
}

/** Host hits closer than this to the previous one are not parsed again (no real connection string is this short). */
export const MIN_HIT_GAP = 32;

/** True when `host` ends with one of `suffixes` (each starting with a dot). */
const hostMatches = (host: string, suffixes: readonly string[]): boolean =>
  suffixes.some((s) => `.${host}`.endsWith(s));

export function connectionStringDetector(spec: ConnectionStringDetectorSpec): Detector {
  const minLength = spec.minLength ?? 16;
  return {
    id: spec.id,
    service: spec.service,
    title: spec.title,
    description: spec.description,
    keywords: spec.hosts.map((h) => h.toLowerCase()),
    window: { before: 1024, after: 1024 },
    severity: spec.severity ?? "error",
    priority: spec.priority ?? 60,
    find({ text, from, to }) {
      const out: Candidate[] = [];
      const lower = text.slice(from, to).toLowerCase();
      const seen = new Set<number>();
      for (const suffix of spec.hosts) {
        let lastAt = -MIN_HIT_GAP;
        let lastEnd = -1;
        for (let i = lower.indexOf(suffix); i !== -1; i = lower.indexOf(suffix, i + suffix.length)) {
          // Hits inside the literal just parsed, or packed closer than any two real connection
          // strings can be, add nothing: skipping them keeps dense input linear.
          const at = from + i;
          if (at < lastEnd || at - lastAt < MIN_HIT_GAP) continue;
          lastAt = at;
          const cs = findConnectionString(text, at, from, to);
          lastEnd = cs.end;
          if (seen.has(cs.start)) continue;
          seen.add(cs.start);
          const endpoint = spec.endpointKeys.map((k) => cs.value(k)).find((v) => v !== undefined);
          const host = endpoint === undefined ? undefined : hostOf(endpoint);
          if (!host || !hostMatches(host, spec.hosts)) continue;
          for (const key of spec.secretKeys) {
            const field = cs.get(key);
            if (!field) continue;
            const v = field.value;
            if (v.length < minLength || isPlaceholder(v) || isReference(v)) continue;
            const verdict = spec.judge ? spec.judge(cs, field) : {};
            if (!verdict) continue;
            out.push({
              start: field.valueStart,
              end: field.valueEnd,
              fields: { host, field: field.key, ...(verdict.fields ?? {}) },
              container: { start: cs.start, end: cs.end },
              ...(verdict.severity ? { severity: verdict.severity } : {}),
              ...(verdict.note ? { note: verdict.note } : {}),
            });
          }
        }
      }
      return out;
    },
    samples: spec.samples,
  };
}
