// Least-privilege data-plane roles of one app's user-assigned identity, each at the narrowest scope the
// app needs (see the scope table in docs/deploy.md). main.bicep grants them before the app's site
// exists, so the first start of the app never races role propagation:
//   Storage Blob Data Owner          on the app's own host storage account (leases, timers, keys, packages)
//   Storage Table Data Contributor   on the app's own table in the data account
//   Azure Service Bus Data Sender    on each topic the app publishes to
//   Azure Service Bus Data Receiver  on each subscription the app consumes
//   Key Vault Secrets User           on each individual secret the app references
//   Key Vault Crypto User            on the app's own chain signing key, and for Identity on the
//                                    credential issuer key
//   Monitoring Metrics Publisher     on the Application Insights component (Entra-authenticated telemetry)
// Assignment names are guid(scope, principal, role), so they are stable across deployments.

import { subscriptionRef } from 'types.bicep'

@description('Object (principal) id of the app\'s user-assigned identity.')
param principalId string

@description('The app\'s own host storage account.')
param hostStorageAccountName string

@description('Storage account holding the apps\' tables.')
param dataStorageAccountName string

@description('The table the app owns in the data account.')
param tableName string

@description('Service Bus namespace of the topology.')
param serviceBusNamespaceName string

@description('Topics the app publishes to.')
param senderTopics string[]

@description('Subscriptions the app receives from.')
param receiverSubscriptions subscriptionRef[]

@description('Key Vault holding the app\'s secrets and signing key.')
param keyVaultName string

@description('Secrets the app reads through Key Vault references.')
param keyVaultSecretNames string[]

@description('The app\'s own chain signing key in the vault.')
param chainKeyName string

@description('The credential issuer key the app signs with (Identity only); empty for none.')
param issuerKeyName string = ''

@description('Application Insights component the app reports to.')
param applicationInsightsName string

var roles = {
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultCryptoUser: '12338af0-0e69-4776-bea7-57ae8d297424'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource hostStorage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: hostStorageAccountName
}

resource dataStorage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: dataStorageAccountName
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2024-01-01' existing = {
  parent: dataStorage
  name: 'default'
}

resource table 'Microsoft.Storage/storageAccounts/tableServices/tables@2024-01-01' existing = {
  parent: tableService
  name: tableName
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource topics 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' existing = [
  for topic in senderTopics: {
    parent: serviceBus
    name: topic
  }
]

resource subscriptionTopics 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' existing = [
  for s in receiverSubscriptions: {
    parent: serviceBus
    name: s.topic
  }
]

resource subscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' existing = [
  for (s, i) in receiverSubscriptions: {
    parent: subscriptionTopics[i]
    name: s.subscription
  }
]

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource secrets 'Microsoft.KeyVault/vaults/secrets@2024-11-01' existing = [
  for secret in keyVaultSecretNames: {
    parent: vault
    name: secret
  }
]

resource chainKey 'Microsoft.KeyVault/vaults/keys@2024-11-01' existing = {
  parent: vault
  name: chainKeyName
}

resource issuerKey 'Microsoft.KeyVault/vaults/keys@2024-11-01' existing = if (!empty(issuerKeyName)) {
  parent: vault
  name: empty(issuerKeyName) ? 'none' : issuerKeyName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource topicSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (topic, i) in senderTopics: {
    scope: topics[i]
    name: guid(topics[i].id, principalId, roles.serviceBusDataSender)
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
    }
  }
]

resource subscriptionReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (s, i) in receiverSubscriptions: {
    scope: subscriptions[i]
    name: guid(subscriptions[i].id, principalId, roles.serviceBusDataReceiver)
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataReceiver)
    }
  }
]

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (secret, i) in keyVaultSecretNames: {
    scope: secrets[i]
    name: guid(secrets[i].id, principalId, roles.keyVaultSecretsUser)
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    }
  }
]

resource cryptoUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: chainKey
  name: guid(chainKey.id, principalId, roles.keyVaultCryptoUser)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultCryptoUser)
  }
}

resource issuerCryptoUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(issuerKeyName)) {
  scope: issuerKey
  name: guid(issuerKey.id, principalId, roles.keyVaultCryptoUser)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultCryptoUser)
  }
}

resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: table
  name: guid(table.id, principalId, roles.storageTableDataContributor)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
  }
}

resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: hostStorage
  name: guid(hostStorage.id, principalId, roles.storageBlobDataOwner)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: applicationInsights
  name: guid(applicationInsights.id, principalId, roles.monitoringMetricsPublisher)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

@description('Number of role assignments made for the app.')
output assignmentCount int = length(senderTopics) + length(receiverSubscriptions) + length(keyVaultSecretNames) + 4 + (empty(issuerKeyName) ? 0 : 1)
