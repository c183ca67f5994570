import { findConnectionString, hostOf, parseSasQuery, percentDecode, sasSignatureLooksReal, serviceFromHost } from "../keys/connection-string.js";
import { fakeBase64 } from "../keys/fake.js";
import { classifyMessaging, reasonNote } from "../detect/messaging.js";
import type { Candidate, Detector } from "../types.js";
import { isPlaceholder } from "../keys/validators.js";
import { isLocalHost } from "../keys/well-known.js";

const ANCHOR = /sharedaccesssignature[ \t]{1,4}(?=(?:sr|sig|se|skn)=)/gi;

export const messagingSasToken: Detector = {
  id: "messaging-sas-token",
  service: "service-bus",
  title: "Azure Service Bus / Event Hubs / Relay / Notification Hubs SAS token",
  description:
    "A signed SAS token of the Service Bus family (`SharedAccessSignature sr=<resource>&sig=<signature>&se=<expiry>&skn=<rule>`), alone, in an `Authorization` header, or in a connection string's `SharedAccessSignature=`. It grants its rule's rights on the resource until `se`. The service comes from the resource host and the code around it; IoT Hub tokens (`sr=<hub>.azure-devices.net`) are reported as iot-hub.",
  keywords: ["sharedaccesssignature"],
  window: { before: 400, after: 700 },
  severity: "error",
  priority: 65,
  find({ text, from, to }) {
    const out: Candidate[] = [];
    ANCHOR.lastIndex = from;
    for (let m = ANCHOR.exec(text); m !== null && m.index < to; m = ANCHOR.exec(text)) {
      const qs = m.index + m[0].length;
      const q = parseSasQuery(text, qs, Math.min(text.length, qs + 1024));
      const sig = q.get("sig");
      const sr = q.value("sr");
      if (!sig || !sr || !q.has("se")) continue;
      if (!sasSignatureLooksReal(sig.value) || isPlaceholder(percentDecode(sig.value))) continue;
      const resource = percentDecode(sr);
      const host = hostOf(resource);
      if (isLocalHost(host)) continue;
      const fields: Record<string, string> = { sr: resource };
      const skn = q.value("skn");
      if (skn) fields.skn = percentDecode(skn);
      fields.se = percentDecode(q.value("se") ?? "");
      if (host) fields.fullyQualifiedNamespace = host;
      const path = /^[a-z]+:\/\/[^/]+\/([^?#]+?)\/?$/i.exec(resource)?.[1];
      if (path) fields.EntityPath = path;
      // Inside `Endpoint=...;SharedAccessSignature=SharedAccessSignature sr=...`: the whole string.
      const cs = findConnectionString(text, m.index, Math.max(0, m.index - 1024), Math.min(text.length, m.index + 1024));
      const inCs = cs.fields.some((f) => f.valueStart === m!.index) && cs.has("Endpoint");
      const container = inCs ? { start: cs.start, end: cs.end } : { start: m.index, end: q.end };
      const hostService = host ? serviceFromHost(host) : undefined;
      let service: Candidate["service"];
      let note: string | undefined;
      if (hostService === "iot-hub") {
        service = "iot-hub";
      } else if (hostService && hostService !== "service-bus") {
        continue;
      } else {
        const c = classifyMessaging(text, container.start, container.end, {
          ...(skn ? { rule: percentDecode(skn) } : {}),
          ...(path ? { entityPath: path } : {}),
        });
        service = c.service;
        fields.serviceFrom = c.reason;
        note = reasonNote(c.reason);
      }
      out.push({ start: sig.valueStart, end: sig.valueEnd, service, fields, container, ...(note ? { note } : {}) });
    }
    return out;
  },
  samples() {
    const sig = (label: string) => encodeURIComponent(fakeBase64(32, label));
    const token = (ns: string, entity: string, label: string, rule = "RootManageSharedAccessKey") =>
      `SharedAccessSignature sr=${encodeURIComponent(`https://${ns}.servicebus.windows.net/${entity}`)}&sig=${sig(label)}&se=1893456000&skn=${rule}`;
    return {
      positive: [
        `const headers = { Authorization: "${token("orders-ns", "orders", "msg-sas-1")}" };`,
        `SERVICEBUS_SAS=${token("orders-ns", "orders", "msg-sas-2", "send")}`,
        `"EventHubConnection": "Endpoint=sb://telemetry-ns.servicebus.windows.net/;SharedAccessSignature=${token("telemetry-ns", "telemetry", "msg-sas-3", "send")};EntityPath=telemetry"`,
        `curl -H "Authorization: ${token("push-ns", "hub1", "msg-sas-4", "DefaultFullSharedAccessSignature")}" https://push-ns.servicebus.windows.net/hub1/messages`,
        `# token: SharedAccessSignature sig=${sig("msg-sas-5")}&se=1893456000&skn=listen&sr=amqps%3A%2F%2Fns2.servicebus.windows.net%2Fq2`,
      ],
      negative: [
        "Authorization: SharedAccessSignature sr={resource}&sig={signature}&se={expiry}&skn={keyName}",
        `const token = \`SharedAccessSignature sr=\${encodeURIComponent(uri)}&sig=\${encodeURIComponent(signature)}&se=\${expiry}&skn=\${keyName}\`;`,
        "SharedAccessSignature sr=https%3A%2F%2Fns.servicebus.windows.net%2Fq&sig=<signature>&se=1893456000&skn=send",
        `SharedAccessSignature sr=sb%3A%2F%2Flocalhost%2Fq&sig=${sig("msg-sas-6")}&se=1893456000&skn=RootManageSharedAccessKey`,
        "// The header is SharedAccessSignature followed by sr, sig, se and skn.",
      ],
    };
  },
};
