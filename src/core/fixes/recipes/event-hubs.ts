/**
 * Azure Event Hubs (@azure/event-hubs): producer and consumer overloads. The TokenCredential form
 * needs the hub name: from the string argument after the connection string, or from its EntityPath.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import type { Node } from "../ast.js";
import type { NewArg } from "../edits.js";
import type { RecipeFamily, SampleMaker } from "../family.js";
import type { RecipeContext, RecipeResult, RewriteKit, SinkUse } from "../rewrite.js";
import { newOf, slot, type Rewrite } from "../sink.js";

const EVENT_HUBS = ["@azure/event-hubs"];

const producer: Rewrite = { type: "recipe", apply: (use, ctx, kit) => eventHubsRewrite(use, "producer", ctx, kit) };
const consumer: Rewrite = { type: "recipe", apply: (use, ctx, kit) => eventHubsRewrite(use, "consumer", ctx, kit) };

/** True when an argument is (statically) a string: the hub-name overloads of Event Hubs clients. */
function isStringArg(node: Node, ctx: RecipeContext, kit: RewriteKit): boolean | undefined {
  const { staticString, unwrap } = kit;
  const n = unwrap(node);
  if (n.type === "Literal") return typeof n.value === "string";
  if (n.type === "TemplateLiteral") return true;
  if (n.type === "ObjectExpression" || n.type === "NewExpression") return false;
  if (n.type === "Identifier") {
    const init = ctx.lookup(n.name);
    if (!init) return undefined;
    const i = unwrap(init);
    if (i.type === "Literal" || i.type === "TemplateLiteral") return isStringArg(i, ctx, kit);
    if (i.type === "ObjectExpression" || i.type === "NewExpression") return false;
    return staticString(i, ctx.lookup) !== undefined ? true : undefined;
  }
  if (n.type === "MemberExpression") {
    // process.env.X is a string (or undefined); an options object is rarely read from a member.
    const o = unwrap(n.object);
    if (o.type === "MemberExpression" && o.object.type === "Identifier" && o.object.name === "process" && propertyKeyOf(o) === "env") return true;
  }
  return undefined;
}

const propertyKeyOf = (m: TSESTree.MemberExpression): string | undefined =>
  !m.computed && m.property.type === "Identifier" ? m.property.name : undefined;

function eventHubsRewrite(use: SinkUse, role: "producer" | "consumer", ctx: RecipeContext, kit: RewriteKit): RecipeResult {
  const { deriveEndpoint, lit, manual, parsed, rewriteArgs, RUNTIME, src } = kit;
  const cs = parsed(use);
  if (!cs) return manual(RUNTIME);
  const d = deriveEndpoint("amqp-namespace", cs);
  if ("missing" in d) return manual(`The connection string does not name ${d.missing}.`);
  const csIndex = role === "producer" ? 0 : 1;
  const args = use.call.arguments;
  const hubIndex = csIndex + 1;
  const next = args[hubIndex];
  const entity = cs.value("EntityPath");
  let hub: NewArg | undefined;
  let restFrom = hubIndex;
  if (next) {
    const s = isStringArg(next, ctx, kit);
    if (s === undefined) return manual(`Cannot tell whether \`${src(ctx, next)}\` is the event hub name or options: rewrite by hand.`);
    if (s) {
      hub = { keep: hubIndex };
      restFrom = hubIndex + 1;
    }
  }
  if (!hub) {
    if (!entity) return manual("The event hub name is neither in the connection string (EntityPath) nor an argument: add it and construct the client with a TokenCredential.");
    hub = { text: lit(ctx, entity) };
  }
  const newArgs: NewArg[] = [];
  if (role === "consumer") newArgs.push({ keep: 0 });
  newArgs.push({ text: lit(ctx, d.value) }, hub, { text: ctx.credential });
  for (let i = restFrom; i < args.length; i++) newArgs.push({ keep: i });
  const a = rewriteArgs(ctx.text, use.call, newArgs);
  if (!a) return manual("The argument list could not be rewritten safely.");
  return { edits: a, summary: `${use.sink.callee.path.join(".")} with ${d.value}`, notes: [] };
}

export const eventHubs: RecipeFamily = {
  family: "event-hubs",
  sinks: [
    {
      id: "event-hubs-producer-from-connection-string",
      service: "event-hubs",
      modules: EVENT_HUBS,
      callee: newOf("EventHubProducerClient"),
      form: "new EventHubProducerClient(connectionString[, eventHubName])",
      secret: { kind: "connection-string", arg: 0 },
      keyless: 'new EventHubProducerClient("<namespace>.servicebus.windows.net", eventHubName, credential)',
      rewrite: producer,
    },
    {
      id: "event-hubs-buffered-producer-from-connection-string",
      service: "event-hubs",
      modules: EVENT_HUBS,
      callee: newOf("EventHubBufferedProducerClient"),
      form: "new EventHubBufferedProducerClient(connectionString[, eventHubName], options)",
      secret: { kind: "connection-string", arg: 0 },
      keyless: 'new EventHubBufferedProducerClient("<namespace>.servicebus.windows.net", eventHubName, credential, options)',
      rewrite: producer,
    },
    {
      id: "event-hubs-consumer-from-connection-string",
      service: "event-hubs",
      modules: EVENT_HUBS,
      callee: newOf("EventHubConsumerClient"),
      form: "new EventHubConsumerClient(consumerGroup, connectionString[, eventHubName])",
      secret: { kind: "connection-string", arg: 1 },
      keyless: 'new EventHubConsumerClient(consumerGroup, "<namespace>.servicebus.windows.net", eventHubName, credential)',
      rewrite: consumer,
    },
  ],
  credentialSlots: [
    slot(EVENT_HUBS, "EventHubProducerClient", "event-hubs", 2),
    slot(EVENT_HUBS, "EventHubBufferedProducerClient", "event-hubs", 2),
    slot(EVENT_HUBS, "EventHubConsumerClient", "event-hubs", 3),
  ],
  samples: () => SAMPLES,
};

const SAMPLES: readonly SampleMaker[] = [
  (s) => ({
    name: "event hubs producer with EntityPath",
    before: `import { EventHubProducerClient } from "@azure/event-hubs";

export const producer = new EventHubProducerClient("${s.ehCs}");
`,
    after: `import { EventHubProducerClient } from "@azure/event-hubs";
import { DefaultAzureCredential } from "@azure/identity";

export const producer = new EventHubProducerClient("contoso-events.servicebus.windows.net", "telemetry", new DefaultAzureCredential());
`,
  }),
  (s) => ({
    name: "event hubs consumer with a hub argument",
    before: `import { EventHubConsumerClient } from "@azure/event-hubs";

const EVENTS = "${s.sbCs.replace("contoso-bus", "contoso-events")}";
export const consumer = new EventHubConsumerClient("$Default", EVENTS, "telemetry");
`,
    after: `import { EventHubConsumerClient } from "@azure/event-hubs";
import { DefaultAzureCredential } from "@azure/identity";

export const consumer = new EventHubConsumerClient("$Default", "contoso-events.servicebus.windows.net", "telemetry", new DefaultAzureCredential());
`,
  }),
  (s) => ({
    name: "event hubs consumer with EntityPath and options",
    before: `import { EventHubConsumerClient } from "@azure/event-hubs";

export const consumer = new EventHubConsumerClient("$Default", "${s.ehCs}", { retryOptions: { maxRetries: 3 } });
`,
    after: `import { EventHubConsumerClient } from "@azure/event-hubs";
import { DefaultAzureCredential } from "@azure/identity";

export const consumer = new EventHubConsumerClient("$Default", "contoso-events.servicebus.windows.net", "telemetry", new DefaultAzureCredential(), { retryOptions: { maxRetries: 3 } });
`,
  }),
  (s) => ({
    name: "event hubs producer without a hub name (no fix)",
    before: `import { EventHubProducerClient } from "@azure/event-hubs";

export const producer = new EventHubProducerClient("${s.sbCs.replace("contoso-bus", "contoso-events")}");
`,
    manual: /event hub name/,
  }),
  (s) => ({
    name: "event hubs buffered producer with EntityPath and options",
    before: `import { EventHubBufferedProducerClient } from "@azure/event-hubs";

export const producer = new EventHubBufferedProducerClient("${s.ehCs}", {
  onSendEventsErrorHandler: (ctx) => console.error(ctx.error),
});
`,
    after: `import { EventHubBufferedProducerClient } from "@azure/event-hubs";
import { DefaultAzureCredential } from "@azure/identity";

export const producer = new EventHubBufferedProducerClient("contoso-events.servicebus.windows.net", "telemetry", new DefaultAzureCredential(), {
  onSendEventsErrorHandler: (ctx) => console.error(ctx.error),
});
`,
  }),
];
