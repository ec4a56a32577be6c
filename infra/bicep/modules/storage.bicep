// The one storage account: Functions host storage (identity-based), one table per app, and one
// blob container per app for Flex Consumption deployment packages. Shared-key access is off, so
// no account key or key-based connection string can work anywhere.

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

@description('Apps that get a table named after them and a deployment-package container.')
param apps appName[]

@description('Deployment-package container name per app, in the order of `apps`.')
param deploymentContainerNames string[]

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
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
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

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = [
  for container in deploymentContainerNames: {
    parent: blobService
    name: container
    properties: {
      publicAccess: 'None'
    }
  }
]

@description('Name of the storage account.')
output name string = account.name

@description('Names of the tables, one per app.')
output tableNames string[] = [for (app, i) in apps: tables[i].name]

@description('Names of the deployment-package containers, one per app.')
output deploymentContainerNames string[] = [for (c, i) in deploymentContainerNames: deploymentContainers[i].name]
