/**
 * The detector registry: every credential format, one file each. Order does not matter (overlaps
 * are resolved by priority). Keep the sections sorted by file name.
 */
import type { Detector } from "../types.js";
import { aiServicesKey } from "./ai-services-key.js";
import { apiManagementKey } from "./api-management-key.js";
import { appConfigurationConnectionString } from "./app-configuration-connection-string.js";
import { applicationInsightsApiKey } from "./application-insights-api-key.js";
import { applicationInsightsConnectionString } from "./application-insights-connection-string.js";
import { base64Wrapped } from "./base64-wrapped.js";
import { batchAccountKey } from "./batch-account-key.js";
import { caskKey } from "./cask-key.js";
import { communicationServicesConnectionString } from "./communication-services-connection-string.js";
import { containerRegistryPassword } from "./container-registry-password.js";
import { contextualKey } from "./contextual-key.js";
import { cosmosDbKey } from "./cosmos-db-key.js";
import { cosmosDbMongodbPassword } from "./cosmos-db-mongodb-password.js";
import { databaseAdminPassword } from "./database-admin-password.js";
import { databricksToken } from "./databricks-token.js";
import { devopsPat } from "./devops-pat.js";
import { entraClientSecret } from "./entra-client-secret.js";
import { entraClientSecretAssignment } from "./entra-client-secret-assignment.js";
import { entraUsernamePassword } from "./entra-username-password.js";
import { eventGridAccessKey } from "./event-grid-access-key.js";
import { eventGridIdentifiableKey } from "./event-grid-identifiable-key.js";
import { eventHubsKey } from "./event-hubs-key.js";
import { functionsKey } from "./functions-key.js";
import { iacParameterSecret } from "./iac-parameter-secret.js";
import { iotHubConnectionString } from "./iot-hub-connection-string.js";
import { iotHubIdentifiableKey } from "./iot-hub-identifiable-key.js";
import { mapsKey } from "./maps-key.js";
import { messagingSasToken } from "./messaging-sas-token.js";
import { mysqlPassword } from "./mysql-password.js";
import { notificationHubsKey } from "./notification-hubs-key.js";
import { postgresqlPassword } from "./postgresql-password.js";
import { redisIdentifiableKey } from "./redis-identifiable-key.js";
import { redisPassword } from "./redis-password.js";
import { relayKey } from "./relay-key.js";
import { sdkKeyCredential } from "./sdk-key-credential.js";
import { searchApiKey } from "./search-api-key.js";
import { serviceBusKey } from "./service-bus-key.js";
import { signalrConnectionString } from "./signalr-connection-string.js";
import { sqlPassword } from "./sql-password.js";
import { storageAccountKey } from "./storage-account-key.js";
import { storageConnectionString } from "./storage-connection-string.js";
import { storageSasToken } from "./storage-sas-token.js";
import { webPubsubConnectionString } from "./web-pubsub-connection-string.js";

export const DETECTORS: readonly Detector[] = [
  aiServicesKey,
  apiManagementKey,
  appConfigurationConnectionString,
  applicationInsightsApiKey,
  applicationInsightsConnectionString,
  base64Wrapped,
  batchAccountKey,
  caskKey,
  communicationServicesConnectionString,
  containerRegistryPassword,
  contextualKey,
  cosmosDbKey,
  cosmosDbMongodbPassword,
  databaseAdminPassword,
  databricksToken,
  devopsPat,
  entraClientSecret,
  entraClientSecretAssignment,
  entraUsernamePassword,
  eventGridAccessKey,
  eventGridIdentifiableKey,
  eventHubsKey,
  functionsKey,
  iacParameterSecret,
  iotHubConnectionString,
  iotHubIdentifiableKey,
  mapsKey,
  messagingSasToken,
  mysqlPassword,
  notificationHubsKey,
  postgresqlPassword,
  redisIdentifiableKey,
  redisPassword,
  relayKey,
  sdkKeyCredential,
  searchApiKey,
  serviceBusKey,
  signalrConnectionString,
  sqlPassword,
  storageAccountKey,
  storageConnectionString,
  storageSasToken,
  webPubsubConnectionString,
];
