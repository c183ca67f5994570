/**
 * A small factory for detectors whose secret is a password with no fixed shape, tied to an Azure
 * host (PostgreSQL, MySQL, Redis): the prefilter keywords are the host suffixes, and
 * host-secrets.ts finds the password in the URL, keyword string, config object, command line or
 * setting around each host. The detectors differ only in their hosts, the forms they accept and
 * the fields they add.
 */
import { findHostSecrets, type HostSecret, type HostSecretSpec } from "./host-secrets.js";
import type { Detector, DetectorSamples, ServiceId } from "../types.js";

export interface HostSecretDetectorSpec extends HostSecretSpec {
  readonly id: string;
  readonly service: ServiceId;
  readonly title: string;
  readonly description: string;
  readonly priority?: number;
  /** Fields reported besides `host` and `form`; by default the URL's user name, when there is one. */
  readonly extraFields?: (secret: HostSecret) => Record<string, string>;
  readonly samples: () => DetectorSamples;
}

/** Characters of generated sample passwords (no look-alikes; URL-safe apart from `!*+=`). */
export const SAMPLE_PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!*+-.=_~";

const userField = (s: HostSecret): Record<string, string> => (s.user ? { user: s.user } : {});

export function hostSecretDetector(spec: HostSecretDetectorSpec): Detector {
  const extra = spec.extraFields ?? userField;
  return {
    id: spec.id,
    service: spec.service,
    title: spec.title,
    description: spec.description,
    keywords: spec.hosts,
    window: { before: 700, after: 700 },
    severity: "error",
    priority: spec.priority ?? 60,
    find({ text, from, to }) {
      return findHostSecrets(text, from, to, spec).map((s) => ({
        start: s.start,
        end: s.end,
        fields: { host: s.host, form: s.form, ...extra(s) },
      }));
    },
    samples: spec.samples,
  };
}
