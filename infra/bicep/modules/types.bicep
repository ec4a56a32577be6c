// User-defined types shared by main.bicep, the parameter files and the modules.

@export()
@description('One of the five MLGov function apps; also the azd service name, the table name and the name used in infra/servicebus/topology.json.')
type appName = 'identity' | 'registry' | 'voting' | 'finance' | 'risk'

@export()
@description('Scale settings of one Flex Consumption function app.')
type appScale = {
  @description('Always-ready instances of the "http" group. Apps that run Service Bus consumers as hosted services (main.bicep eventConsumers) are raised to at least 1; other apps keep 0 (docs/decisions/006-service-bus-consumers.md).')
  @minValue(0)
  @maxValue(20)
  alwaysReady: int

  @description('Upper bound of instances the platform may scale out to (Flex Consumption allows 40 to 1000). All Flex apps of a subscription in a region share 512,000 MB of instance memory; see profiles.bicep.')
  @minValue(40)
  @maxValue(1000)
  maximumInstanceCount: int

  @description('Memory of each instance in MB.')
  instanceMemoryMB: 512 | 2048 | 4096
}

@export()
@description('Scale settings for each of the five apps.')
type appScaleByApp = {
  @description('Scale of the identity app.')
  identity: appScale

  @description('Scale of the registry app.')
  registry: appScale

  @description('Scale of the voting app.')
  voting: appScale

  @description('Scale of the finance app.')
  finance: appScale

  @description('Scale of the risk app.')
  risk: appScale
}

@export()
@description('The EVM chain the apps write to. The operator key is not here: it is a Key Vault secret.')
type chainSettings = {
  @description('JSON-RPC endpoint. If the provider embeds an API key in the URL, treat the URL as a secret (see docs/deploy.md).')
  rpcUrl: string

  @description('EIP-155 chain id.')
  @minValue(1)
  chainId: int
}

@export()
@description('Microsoft Entra ID app registration used by the enterprise-login bridge (Identity) and the Azure Monitor secure webhook (Risk). Leave clientId empty to deploy without enterprise login.')
type entraSettings = {
  @description('Directory (tenant) id of the app registration; empty means the tenant of the deployment.')
  tenantId: string

  @description('Application (client) id of the app registration; empty disables the settings.')
  clientId: string
}

@export()
@description('Contract addresses from the deployment record written by `mlgov contracts deploy`, by contract name; each becomes the app setting Contracts__<Name>.')
type contractAddresses = {
  @description('Checksummed 0x address of the contract with this name.')
  *: string
}

@export()
@description('A subscription of a Service Bus topic.')
type subscriptionRef = {
  @description('Topic name.')
  topic: string

  @description('Subscription name within the topic.')
  subscription: string
}

@export()
@description('What main.bicep reports about one deployed function app.')
type appInfo = {
  @description('App name as used in azure.yaml and the topology file.')
  app: appName

  @description('Function app (site) resource name.')
  functionAppName: string

  @description('Flex Consumption plan resource name.')
  planName: string

  @description('Blob container holding the app\'s deployment packages.')
  deploymentContainerName: string

  @description('The app\'s own host storage account.')
  hostStorageAccountName: string

  @description('Client id of the app\'s user-assigned identity.')
  identityClientId: string

  @description('Name of the app\'s chain signing key in Key Vault.')
  chainKeyName: string

  @description('Base URL of the app.')
  url: string
}

@export()
@description('Correlation filter of a topology rule; `subject` maps to the ARM property `label`.')
type correlationFilterSpec = {
  @description('Message subject (ARM: label).')
  subject: string?

  @description('Correlation id.')
  correlationId: string?

  @description('Message id.')
  messageId: string?

  @description('To address.')
  to: string?

  @description('Reply-to address.')
  replyTo: string?

  @description('Session id.')
  sessionId: string?

  @description('Content type.')
  contentType: string?

  @description('Application properties to match.')
  properties: {
    @description('Value the application property must have.')
    *: string
  }?
}

@export()
@description('A subscription rule of infra/servicebus/topology.json.')
type ruleSpec = {
  @description('Rule name.')
  name: string

  @description('Correlation filter of the rule.')
  correlationFilter: correlationFilterSpec
}

@export()
@description('A topic subscription of infra/servicebus/topology.json.')
type subscriptionSpec = {
  @description('Subscription name.')
  name: string

  @description('App that receives from the subscription (gets Azure Service Bus Data Receiver on it).')
  subscriber: appName

  @description('Deliveries before a message is dead-lettered.')
  maxDeliveryCount: int

  @description('Peek-lock duration (ISO 8601).')
  lockDuration: string

  @description('Whether expired messages go to the dead-letter queue.')
  deadLetteringOnMessageExpiration: bool

  @description('Correlation-filter rules; none means every message.')
  rules: ruleSpec[]
}

@export()
@description('A topic of infra/servicebus/topology.json.')
type topicSpec = {
  @description('Topic name.')
  name: string

  @description('Apps that publish to the topic (get Azure Service Bus Data Sender on it).')
  publishers: appName[]

  @description('Default message time to live (ISO 8601).')
  defaultMessageTimeToLive: string

  @description('Whether duplicate detection on MessageId is on.')
  requiresDuplicateDetection: bool

  @description('Duplicate detection window (ISO 8601).')
  duplicateDetectionHistoryTimeWindow: string

  @description('Subscriptions of the topic.')
  subscriptions: subscriptionSpec[]
}

@export()
@description('Resource tags.')
type tagSet = {
  @description('Tag value.')
  *: string
}

@export()
@description('A private endpoint main.bicep creates: which resource, which sub-resource.')
type privateEndpointSpec = {
  @description('Name of the private endpoint.')
  name: string

  @description('Resource type of the target (Microsoft.Storage/storageAccounts, Microsoft.KeyVault/vaults or Microsoft.ServiceBus/namespaces).')
  targetType: string

  @description('Name of the target resource.')
  targetName: string

  @description('Sub-resource (private link group id).')
  groupId: 'blob' | 'table' | 'vault' | 'namespace'
}
