/**
 * The fake secrets the recipe samples are made of, generated on first use (src/core/keys/fake.ts): the
 * repository never holds a realistic key. Shared by every recipe file's samples and by the tests.
 */
import { makeCaskKey } from "../keys/cask.js";
import { makeEntraSecret } from "../keys/entra-secret.js";
import { fakeBase64, fakeFromAlphabet, fakeHex, fakeIdentifiable, rng, B62 } from "../keys/fake.js";

function make() {
  const storageKey = fakeBase64(64, "fix-storage");
  const sbKey = fakeBase64(32, "fix-sb");
  const cosmosKey = fakeBase64(64, "fix-cosmos");
  return {
    storageKey,
    storageCs: `DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey=${storageKey};EndpointSuffix=core.windows.net`,
    storageSas: `sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig=${encodeURIComponent(fakeBase64(32, "fix-sas-url"))}`,
    sbKey,
    sbCs: `Endpoint=sb://contoso-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${sbKey}`,
    ehCs: `Endpoint=sb://contoso-events.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${sbKey};EntityPath=telemetry`,
    cosmosKey,
    cosmosCs: `AccountEndpoint=https://contoso-db.documents.azure.com:443/;AccountKey=${cosmosKey};`,
    appConfigCs: `Endpoint=https://contoso-config.azconfig.io;Id=${fakeFromAlphabet(4, B62, "fix-appcs-id1")}-l0-s0:${fakeFromAlphabet(20, B62, "fix-appcs-id2")};Secret=${fakeBase64(32, "fix-appcs")}`,
    searchKey: fakeIdentifiable(39, "AzSe", "PAdmin00", "fix-search"),
    openAiKey: fakeHex(32, "fix-openai"),
    webPubSubCs: `Endpoint=https://contoso-live.webpubsub.azure.com;AccessKey=${fakeBase64(32, "fix-wps")};Version=1.0;`,
    eventGridKey: fakeIdentifiable(32, "AZEG", "SendRecv", "fix-eg"),
    entraSecret: makeEntraSecret(rng("fix-entra")),
    iotCs: `HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${fakeIdentifiable(32, "AIoT", "IoTHub00", "fix-iot")}`,
    acsCs: `endpoint=https://contoso-notify.communication.azure.com/;accesskey=${fakeBase64(64, "fix-acs")}`,
    mapsKey: makeCaskKey({ provider: "AZMP" }, rng("fix-maps")),
    sqlPassword: fakeFromAlphabet(16, "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%", "fix-sql"),
    tediousClientSecret: fakeFromAlphabet(34, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789~._-", "fix-tedious-sp"),
    redisKey: fakeBase64(32, "fix-redis"),
  };
}

export type SampleSecrets = ReturnType<typeof make>;

let made: SampleSecrets | undefined;

/** The sample secrets (the same values on every call). */
export const sampleSecrets = (): SampleSecrets => (made ??= make());

