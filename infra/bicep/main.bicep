// MLGov on Azure: five .NET isolated-worker function apps on Flex Consumption, each with its own
// user-assigned identity (created and granted its roles before the app) and its own host storage
// account (host state, function keys, deployment packages); a data account with one table per app; a
// Service Bus namespace built from infra/servicebus/topology.json; Key Vault (RBAC mode) with the issuer
// key secret and one chain signing key per app; Application Insights (Entra ingestion only) on Log
// Analytics, diagnostic settings on every data service and app, and alerts on consumer backlog,
// dead letters and outbox lag. `privateNetworking` puts storage, Key Vault and Service Bus behind
// private endpoints and integrates the apps with a virtual network.
// Deployed with `azd up` (azure.yaml) or `az deployment group create`; see docs/deploy.md.

targetScope = 'resourceGroup'

import {
  appName
  appScaleByApp
  chainSettings
  contractAddresses
  privateEndpointSpec
  entraSettings
  appInfo
  tagSet
} from 'modules/types.bicep'

@description('Name of the environment (for example mlgov-dev); feeds the resource token and the azd-env-name tag.')
@minLength(1)
@maxLength(32)
param environmentName string

@description('Azure region of every resource; Flex Consumption must be available there.')
param location string = resourceGroup().location

@description('Extra tags for every resource.')
param extraTags tagSet = {}

@description('Whether the function apps accept traffic from the public internet. Disabled needs private endpoints for the sites, which this template does not create.')
param publicNetworkAccess 'Enabled' | 'Disabled' = 'Enabled'

@description('Put storage, Key Vault and Service Bus behind private endpoints (public access off) and integrate the apps with a virtual network. Forces Service Bus Premium, the only tier with private endpoints.')
param privateNetworking bool = false

@description('Address space of the virtual network when privateNetworking is on; a /24 per app and one for the endpoints are cut from it.')
param virtualNetworkAddressPrefix string = '10.40.0.0/16'

@description('Action group the alerts notify; empty means the alerts only show in Azure Monitor.')
param alertActionGroupId string = ''

@description('Scale of each app. Apps that run Service Bus consumers (eventConsumers) are raised to at least one always-ready instance.')
param appScale appScaleByApp

@description('.NET version of the isolated worker.')
param dotnetVersion '8.0' | '9.0' | '10.0' = '10.0'

@description('Replication SKU of the storage account.')
param storageSku 'Standard_LRS' | 'Standard_ZRS' | 'Standard_GRS' | 'Standard_GZRS' = 'Standard_LRS'

@description('Service Bus tier; topics need Standard or Premium, private endpoints need Premium.')
param serviceBusSku 'Standard' | 'Premium' = 'Standard'

@description('Turn on Key Vault purge protection (irreversible).')
param keyVaultEnablePurgeProtection bool = false

@description('Days a deleted vault or secret can be recovered.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 7

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('The EVM chain the apps use.')
param chain chainSettings

@description('Contract addresses by name from the deployment record of `mlgov contracts deploy`; each becomes Contracts__<Name>.')
param contracts contractAddresses = {}

@description('Entra ID app registration for the enterprise-login bridge and the Azure Monitor secure webhook; an empty tenantId means the deployment\'s tenant.')
param entra entraSettings = {
  tenantId: ''
  clientId: ''
}

@secure()
@description('Verifiable-credential issuer private key, stored as the Key Vault secret vc-issuer-key. Required on the first deployment; empty afterwards keeps the stored value.')
param vcIssuerKey string

var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName, location))
var tags = union(extraTags, { 'azd-env-name': environmentName })
var appNames appName[] = ['identity', 'registry', 'voting', 'finance', 'risk']
var topology = loadJsonContent('../servicebus/topology.json')

var names = {
  storage: 'st${resourceToken}'
  hostStorage: map(appNames, n => 'st${n}${resourceToken}')
  identities: map(appNames, n => 'id-${n}-${resourceToken}')
  virtualNetwork: 'vnet-${resourceToken}'
  alerts: 'alert-${resourceToken}'
  serviceBus: 'sb-${resourceToken}'
  keyVault: 'kv-${resourceToken}'
  logAnalytics: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  functionApps: map(appNames, n => 'func-${n}-${resourceToken}')
  plans: map(appNames, n => 'plan-${n}-${resourceToken}')
  deploymentContainers: map(appNames, n => 'app-package-${n}')
  chainKeys: map(appNames, n => 'chain-${n}')
  // Identity's credential issuer key (EC P-256, ES256), signed with in the vault like the chain keys.
  issuerKey: 'vc-issuer-es256'
}
// The one secret an app reads. Chain accounts are keys in the vault (names.chainKeys), not secrets:
// the apps sign with Key Vault and no chain private key is in any setting or secret.
var secretNames = {
  vcIssuerKey: 'vc-issuer-key'
}

// The apps that run a Service Bus consumer: those whose registration (functions/<App>/<App>App.cs)
// calls AddEventHandler. Consumers are hosted services that Flex does not scale on backlog, so each
// keeps at least one always-ready instance; no other app gets one by default
// (docs/decisions/006-service-bus-consumers.md). tests/MLGov.Infra.Tests reads the C# to check this list.
var eventConsumers appName[] = ['finance']
var effectiveServiceBusSku = privateNetworking ? 'Premium' : serviceBusSku
var appRoles = map(appNames, n => {
  senderTopics: map(filter(topology.topics, t => contains(t.publishers, n)), t => t.name)
  receiverSubscriptions: flatten(map(
    topology.topics,
    t => map(filter(t.subscriptions, s => s.subscriber == n), s => { topic: t.name, subscription: s.name })
  ))
  secrets: n == 'identity' ? [secretNames.vcIssuerKey] : []
})

var keyVaultHost = '${names.keyVault}${environment().suffixes.keyvaultDns}'
var sharedSettings = {
  Tables__ServiceUri: 'https://${names.storage}.table.${environment().suffixes.storage}'
  ServiceBus__FullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
  Chain__RpcUrl: chain.rpcUrl
  Chain__ChainId: string(chain.chainId)
}
// The private DNS zones of the endpoints, by private-link group.
var privateDnsZones = {
  blob: 'privatelink.blob.${environment().suffixes.storage}'
  table: 'privatelink.table.${environment().suffixes.storage}'
  vault: 'privatelink.vaultcore.azure.net'
  namespace: 'privatelink.servicebus.windows.net'
}
var privateEndpointSpecs privateEndpointSpec[] = concat(
  [
    {
      name: 'pe-${names.storage}-table'
      targetType: 'Microsoft.Storage/storageAccounts'
      targetName: names.storage
      groupId: 'table'
    }
    {
      name: 'pe-${names.keyVault}'
      targetType: 'Microsoft.KeyVault/vaults'
      targetName: names.keyVault
      groupId: 'vault'
    }
    {
      name: 'pe-${names.serviceBus}'
      targetType: 'Microsoft.ServiceBus/namespaces'
      targetName: names.serviceBus
      groupId: 'namespace'
    }
  ],
  map(names.hostStorage, n => {
    name: 'pe-${n}-blob'
    targetType: 'Microsoft.Storage/storageAccounts'
    targetName: n
    groupId: 'blob'
  })
)
var contractSettings = toObject(items(contracts), c => 'Contracts__${c.key}', c => c.value)
var entraLoginSettings = empty(entra.clientId)
  ? {}
  : {
      AzureAd__Instance: environment().authentication.loginEndpoint
      AzureAd__TenantId: empty(entra.tenantId) ? tenant().tenantId : entra.tenantId
      AzureAd__ClientId: entra.clientId
    }
var appSpecificSettings = {
  identity: union(entraLoginSettings, {
    Identity__IssuerKey: '@Microsoft.KeyVault(SecretUri=https://${keyVaultHost}/secrets/${secretNames.vcIssuerKey})'
    // Credentials are signed in the vault with this key (ES256); the secret above is the Ed25519 fallback (docs/keys.md).
    Identity__Issuer__KeyVaultKeyId: 'https://${keyVaultHost}/keys/${names.issuerKey}'
  })
  registry: {}
  voting: {
    // Presentations (eligibility credentials, proposers) and signed bodies are addressed to this audience.
    Identity__Presentations__Audience: 'urn:mlgov:voting'
  }
  finance: {}
  risk: entraLoginSettings
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    retentionInDays: logRetentionInDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: tags
    name: names.storage
    skuName: storageSku
    apps: appNames
    privateNetworking: privateNetworking
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsId
  }
}

module hostStorage 'modules/host-storage.bicep' = [
  for (app, i) in appNames: {
    name: 'host-storage-${app}'
    params: {
      location: location
      tags: tags
      name: names.hostStorage[i]
      skuName: storageSku
      deploymentContainerName: names.deploymentContainers[i]
      privateNetworking: privateNetworking
      logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsId
    }
  }
]

module serviceBus 'modules/service-bus.bicep' = {
  name: 'service-bus'
  params: {
    location: location
    tags: tags
    name: names.serviceBus
    skuName: effectiveServiceBusSku
    topics: topology.topics
    privateNetworking: privateNetworking
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsId
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  params: {
    location: location
    tags: tags
    name: names.keyVault
    enablePurgeProtection: keyVaultEnablePurgeProtection
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    vcIssuerKeySecretName: secretNames.vcIssuerKey
    chainKeyNames: names.chainKeys
    issuerKeyName: names.issuerKey
    privateNetworking: privateNetworking
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsId
    vcIssuerKey: vcIssuerKey
  }
}

module network 'modules/network.bicep' = if (privateNetworking) {
  name: 'network'
  params: {
    location: location
    tags: tags
    name: names.virtualNetwork
    addressPrefix: virtualNetworkAddressPrefix
    apps: appNames
    dnsZones: privateDnsZones
  }
}

module privateEndpoints 'modules/private-endpoint.bicep' = [
  for e in (privateNetworking ? privateEndpointSpecs : []): {
    name: e.name
    params: {
      location: location
      tags: tags
      name: e.name
      subnetId: network.?outputs.privateEndpointSubnetId ?? ''
      targetId: resourceId(e.targetType, e.targetName)
      groupId: e.groupId
      dnsZoneId: resourceId('Microsoft.Network/privateDnsZones', privateDnsZones[e.groupId])
    }
    // Targets and zones are named, not referenced: wait for them (the network through subnetId).
    dependsOn: [
      storage
      hostStorage
      keyVault
      serviceBus
    ]
  }
]

// One identity per app, granted its roles (roleAssignments) before its site is created (apps).
resource identities 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = [
  for (app, i) in appNames: {
    name: names.identities[i]
    location: location
    // Not tagged azd-service-name: azd deploys a service to the one resource carrying its tag, the site.
    tags: tags
  }
]

module roleAssignments 'modules/role-assignments.bicep' = [
  for (app, i) in appNames: {
    name: 'roles-${app}'
    params: {
      principalId: identities[i].properties.principalId
      hostStorageAccountName: hostStorage[i].outputs.name
      dataStorageAccountName: storage.outputs.name
      tableName: storage.outputs.tableNames[i]
      serviceBusNamespaceName: serviceBus.outputs.name
      senderTopics: appRoles[i].senderTopics
      receiverSubscriptions: appRoles[i].receiverSubscriptions
      keyVaultName: keyVault.outputs.name
      keyVaultSecretNames: appRoles[i].secrets
      chainKeyName: keyVault.outputs.chainKeyNames[i]
      issuerKeyName: app == 'identity' ? keyVault.outputs.issuerKeyName : ''
      applicationInsightsName: monitoring.outputs.applicationInsightsName
    }
  }
]

module apps 'modules/function-app.bicep' = [
  for (app, i) in appNames: {
    name: 'app-${app}'
    params: {
      app: app
      location: location
      tags: tags
      functionAppName: names.functionApps[i]
      planName: names.plans[i]
      scale: contains(eventConsumers, app)
        ? union(appScale[app], { alwaysReady: max(1, appScale[app].alwaysReady) })
        : appScale[app]
      dotnetVersion: dotnetVersion
      publicNetworkAccess: publicNetworkAccess
      identityId: identities[i].id
      identityClientId: identities[i].properties.clientId
      storageAccountName: hostStorage[i].outputs.name
      deploymentContainerName: hostStorage[i].outputs.deploymentContainerName
      applicationInsightsName: monitoring.outputs.applicationInsightsName
      appSettings: union(sharedSettings, contractSettings, appSpecificSettings[app], {
        // The app's chain account: its own key, signed with by Key Vault as its own identity (docs/keys.md).
        Chain__Signer__KeyVaultKeyId: 'https://${keyVaultHost}/keys/${names.chainKeys[i]}'
        Chain__Signer__ManagedIdentityClientId: identities[i].properties.clientId
      })
      subnetId: network.?outputs.appSubnetIds[i] ?? ''
      logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsId
    }
    // The identity holds every role before the site exists, and with private networking the
    // endpoints resolve before the app first starts.
    dependsOn: [
      roleAssignments[i]
      privateEndpoints
    ]
  }
]

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    location: location
    tags: tags
    namePrefix: names.alerts
    serviceBusNamespaceId: serviceBus.outputs.id
    topicNames: serviceBus.outputs.topicNames
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    activeMessagesThreshold: 100
    outboxLagThresholdMs: 60000
    actionGroupId: alertActionGroupId
  }
}

@description('Azure region of the deployment.')
output AZURE_LOCATION string = location

@description('Tenant of the deployment.')
output AZURE_TENANT_ID string = tenant().tenantId

@description('Resource group of the deployment.')
output AZURE_RESOURCE_GROUP string = resourceGroup().name

@description('Data storage account name (the tables).')
output STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Table names, one per app.')
output STORAGE_TABLE_NAMES string[] = storage.outputs.tableNames

@description('Service Bus namespace name.')
output SERVICE_BUS_NAMESPACE_NAME string = serviceBus.outputs.name

@description('Service Bus fully qualified namespace.')
output SERVICE_BUS_FULLY_QUALIFIED_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace

@description('Service Bus topic names.')
output SERVICE_BUS_TOPIC_NAMES string[] = serviceBus.outputs.topicNames

@description('Service Bus subscriptions as topic/subscription.')
output SERVICE_BUS_SUBSCRIPTION_NAMES string[] = serviceBus.outputs.subscriptionNames

@description('Service Bus rules as topic/subscription/rule.')
output SERVICE_BUS_RULE_NAMES string[] = serviceBus.outputs.ruleNames

@description('Key Vault name.')
output KEY_VAULT_NAME string = keyVault.outputs.name

@description('Key Vault URI.')
output KEY_VAULT_URI string = keyVault.outputs.uri

@description('Key Vault secret names.')
output KEY_VAULT_SECRET_NAMES string[] = [secretNames.vcIssuerKey]

@description('Log Analytics workspace name.')
output LOG_ANALYTICS_WORKSPACE_NAME string = monitoring.outputs.logAnalyticsName

@description('Application Insights component name.')
output APPLICATION_INSIGHTS_NAME string = monitoring.outputs.applicationInsightsName

@description('Every app with its site, plan and container names and URL.')
output APPS appInfo[] = [
  for (app, i) in appNames: {
    app: app
    functionAppName: apps[i].outputs.name
    planName: apps[i].outputs.planName
    deploymentContainerName: names.deploymentContainers[i]
    hostStorageAccountName: hostStorage[i].outputs.name
    identityClientId: identities[i].properties.clientId
    chainKeyName: names.chainKeys[i]
    url: apps[i].outputs.url
  }
]

@description('Function app name of the identity app.')
output SERVICE_IDENTITY_NAME string = apps[0].outputs.name

@description('URL of the identity app.')
output SERVICE_IDENTITY_URL string = apps[0].outputs.url

@description('Function app name of the registry app.')
output SERVICE_REGISTRY_NAME string = apps[1].outputs.name

@description('URL of the registry app.')
output SERVICE_REGISTRY_URL string = apps[1].outputs.url

@description('Function app name of the voting app.')
output SERVICE_VOTING_NAME string = apps[2].outputs.name

@description('URL of the voting app.')
output SERVICE_VOTING_URL string = apps[2].outputs.url

@description('Function app name of the finance app.')
output SERVICE_FINANCE_NAME string = apps[3].outputs.name

@description('URL of the finance app.')
output SERVICE_FINANCE_URL string = apps[3].outputs.url

@description('Function app name of the risk app.')
output SERVICE_RISK_NAME string = apps[4].outputs.name

@description('URL of the risk app.')
output SERVICE_RISK_URL string = apps[4].outputs.url
