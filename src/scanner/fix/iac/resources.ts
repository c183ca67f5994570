/**
 * Which infrastructure resource types matter to the fix: the compute that runs the app (where the
 * identity lives) and, per service, the target resource (where the role is granted), with the
 * switch that turns its keys off. Resource types and switch names are from the project's MSI
 * reference (ARM/Bicep and azurerm sections); role ids come from src/core/catalog only.
 */
import type { ServiceId } from "../../../core/types.js";

export type ComputeKind = "app-service" | "functions" | "container-app" | "aks" | "vm";

export interface ComputeType {
  readonly kind: ComputeKind;
  readonly label: string;
}

/** ARM / Bicep types (lower case) of the compute resources. */
export const ARM_COMPUTE: Readonly<Record<string, ComputeType>> = {
  "microsoft.web/sites": { kind: "app-service", label: "App Service / Functions app" },
  "microsoft.app/containerapps": { kind: "container-app", label: "Container App" },
  "microsoft.containerservice/managedclusters": { kind: "aks", label: "AKS cluster" },
  "microsoft.compute/virtualmachines": { kind: "vm", label: "virtual machine" },
  "microsoft.compute/virtualmachinescalesets": { kind: "vm", label: "virtual machine scale set" },
};

/** azurerm resource types of the compute resources. */
export const TF_COMPUTE: Readonly<Record<string, ComputeType>> = {
  azurerm_linux_web_app: { kind: "app-service", label: "App Service app" },
  azurerm_windows_web_app: { kind: "app-service", label: "App Service app" },
  azurerm_app_service: { kind: "app-service", label: "App Service app" },
  azurerm_linux_function_app: { kind: "functions", label: "Functions app" },
  azurerm_windows_function_app: { kind: "functions", label: "Functions app" },
  azurerm_function_app: { kind: "functions", label: "Functions app" },
  azurerm_function_app_flex_consumption: { kind: "functions", label: "Functions app" },
  azurerm_container_app: { kind: "container-app", label: "Container App" },
  azurerm_kubernetes_cluster: { kind: "aks", label: "AKS cluster" },
  azurerm_linux_virtual_machine: { kind: "vm", label: "virtual machine" },
  azurerm_windows_virtual_machine: { kind: "vm", label: "virtual machine" },
  azurerm_virtual_machine: { kind: "vm", label: "virtual machine" },
  azurerm_linux_virtual_machine_scale_set: { kind: "vm", label: "virtual machine scale set" },
  azurerm_windows_virtual_machine_scale_set: { kind: "vm", label: "virtual machine scale set" },
};

export const ARM_USER_IDENTITY = "microsoft.managedidentity/userassignedidentities";
export const ARM_FEDERATED_CREDENTIAL = "microsoft.managedidentity/userassignedidentities/federatedidentitycredentials";
export const ARM_ROLE_ASSIGNMENT = "microsoft.authorization/roleassignments";
export const ARM_COSMOS_SQL_ROLE_ASSIGNMENT = "microsoft.documentdb/databaseaccounts/sqlroleassignments";
export const TF_USER_IDENTITY = "azurerm_user_assigned_identity";
export const TF_FEDERATED_CREDENTIAL = "azurerm_federated_identity_credential";
export const TF_ROLE_ASSIGNMENT = "azurerm_role_assignment";
export const TF_COSMOS_SQL_ROLE_ASSIGNMENT = "azurerm_cosmosdb_sql_role_assignment";

export interface TargetType {
  readonly service: ServiceId;
  /** ARM type (as Microsoft writes it). */
  readonly arm: string;
  /** An API version of the ARM type (for `existing` declarations in emitted modules). */
  readonly api: string;
  readonly tf: readonly string[];
  /** Property under `properties` that turns keys off, and its value (ARM/Bicep). */
  readonly armLocalAuth?: readonly [string, boolean];
  /** azurerm attribute that turns keys off, and its value. */
  readonly tfLocalAuth?: readonly [string, boolean];
  /** Role grants are Cosmos DB data-plane assignments, not Azure RBAC. */
  readonly cosmos?: boolean;
}

/** Services whose roles are Azure RBAC (or Cosmos data plane) assignments on one resource. */
export const TARGETS: readonly TargetType[] = [
  { service: "storage", arm: "Microsoft.Storage/storageAccounts", api: "2023-05-01", tf: ["azurerm_storage_account"], armLocalAuth: ["allowSharedKeyAccess", false], tfLocalAuth: ["shared_access_key_enabled", false] },
  { service: "service-bus", arm: "Microsoft.ServiceBus/namespaces", api: "2021-11-01", tf: ["azurerm_servicebus_namespace"], armLocalAuth: ["disableLocalAuth", true], tfLocalAuth: ["local_auth_enabled", false] },
  { service: "event-hubs", arm: "Microsoft.EventHub/namespaces", api: "2021-11-01", tf: ["azurerm_eventhub_namespace"], armLocalAuth: ["disableLocalAuth", true], tfLocalAuth: ["local_authentication_enabled", false] },
  { service: "cosmos-db", arm: "Microsoft.DocumentDB/databaseAccounts", api: "2024-05-15", tf: ["azurerm_cosmosdb_account"], armLocalAuth: ["disableLocalAuth", true], tfLocalAuth: ["local_authentication_disabled", true], cosmos: true },
  { service: "key-vault", arm: "Microsoft.KeyVault/vaults", api: "2023-07-01", tf: ["azurerm_key_vault"], armLocalAuth: ["enableRbacAuthorization", true], tfLocalAuth: ["rbac_authorization_enabled", true] },
  { service: "app-configuration", arm: "Microsoft.AppConfiguration/configurationStores", api: "2023-03-01", tf: ["azurerm_app_configuration"], armLocalAuth: ["disableLocalAuth", true], tfLocalAuth: ["local_auth_enabled", false] },
  { service: "search", arm: "Microsoft.Search/searchServices", api: "2023-11-01", tf: ["azurerm_search_service"], armLocalAuth: ["disableLocalAuth", true], tfLocalAuth: ["local_authentication_enabled", false] },
  { service: "ai-services", arm: "Microsoft.CognitiveServices/accounts", api: "2023-05-01", tf: ["azurerm_cognitive_account"], armLocalAuth: ["disableLocalAuth", true], tfLocalAuth: ["local_auth_enabled", false] },
  { service: "event-grid", arm: "Microsoft.EventGrid/topics", api: "2022-06-15", tf: ["azurerm_eventgrid_topic"], armLocalAuth: ["disableLocalAuth", true], tfLocalAuth: ["local_auth_enabled", false] },
  { service: "signalr", arm: "Microsoft.SignalRService/signalR", api: "2023-02-01", tf: ["azurerm_signalr_service"], armLocalAuth: ["disableLocalAuth", true], tfLocalAuth: ["local_auth_enabled", false] },
  { service: "web-pubsub", arm: "Microsoft.SignalRService/webPubSub", api: "2023-02-01", tf: ["azurerm_web_pubsub"], armLocalAuth: ["disableLocalAuth", true], tfLocalAuth: ["local_auth_enabled", false] },
  { service: "iot-hub", arm: "Microsoft.Devices/IotHubs", api: "2023-06-30", tf: ["azurerm_iothub"], armLocalAuth: ["disableLocalAuth", true], tfLocalAuth: ["local_authentication_enabled", false] },
  { service: "maps", arm: "Microsoft.Maps/accounts", api: "2021-02-01", tf: ["azurerm_maps_account"], armLocalAuth: ["disableLocalAuth", true], tfLocalAuth: ["local_authentication_enabled", false] },
  { service: "container-registry", arm: "Microsoft.ContainerRegistry/registries", api: "2023-07-01", tf: ["azurerm_container_registry"], armLocalAuth: ["adminUserEnabled", false], tfLocalAuth: ["admin_enabled", false] },
  { service: "application-insights", arm: "Microsoft.Insights/components", api: "2020-02-02", tf: ["azurerm_application_insights"], armLocalAuth: ["DisableLocalAuth", true], tfLocalAuth: ["local_authentication_disabled", true] },
  { service: "communication-services", arm: "Microsoft.Communication/communicationServices", api: "2023-04-01", tf: ["azurerm_communication_service"] },
  { service: "relay", arm: "Microsoft.Relay/namespaces", api: "2021-11-01", tf: ["azurerm_relay_namespace"] },
  { service: "batch", arm: "Microsoft.Batch/batchAccounts", api: "2023-05-01", tf: ["azurerm_batch_account"] },
];

export const targetOf = (service: ServiceId): TargetType | undefined => TARGETS.find((t) => t.service === service);
export const targetByArm = (type: string): TargetType | undefined => TARGETS.find((t) => t.arm.toLowerCase() === type.toLowerCase());
export const targetByTf = (type: string): TargetType | undefined => TARGETS.find((t) => t.tf.includes(type));
