// The data account: one table per app, nothing else. Each app's identity holds Storage Table Data
// Contributor on its own table only (role-assignments.bicep); the Functions host storage and the
// deployment packages live in each app's own account (host-storage.bicep). Shared-key access is off,
// so no account key or key-based connection string can work anywhere.

import { appName, tagSet } from 'types.bicep'

@description('Azure region of the account.')
param location string

@description('Tags applied to every resource.')
param tags tagSet

@description('Storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Replication SKU of the account.')
param skuName 'Standard_LRS' | 'Standard_ZRS' | 'Standard_GRS' | 'Standard_GZRS'

@description('Apps that get a table named after them.')
param apps appName[]

@description('Whether the account is reachable only through private endpoints.')
param privateNetworking bool

@description('Log Analytics workspace that receives the table service\'s diagnostic logs.')
param logAnalyticsWorkspaceId string

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: privateNetworking ? 'Deny' : 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2024-01-01' = [
  for app in apps: {
    parent: tableService
    name: app
  }
]

// Every read, write and delete on the tables, with the identity that made it.
resource tableDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: tableService
  name: 'to-log-analytics'
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      { category: 'StorageRead', enabled: true }
      { category: 'StorageWrite', enabled: true }
      { category: 'StorageDelete', enabled: true }
    ]
    metrics: [
      { category: 'Transaction', enabled: true }
    ]
  }
}

@description('Name of the storage account.')
output name string = account.name

@description('Resource id of the storage account.')
output id string = account.id

@description('Names of the tables, one per app.')
output tableNames string[] = [for (app, i) in apps: tables[i].name]
