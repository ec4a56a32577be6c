// One MLGov function app: its own Flex Consumption plan (Flex allows one app per plan) and a Linux
// .NET isolated-worker site with a system-assigned identity. Every connection is identity-based;
// the only secrets the app sees arrive as Key Vault references in `appSettings`.

import { appName, appScale, tagSet } from 'types.bicep'

@description('Which MLGov app this is; also its azd service name.')
param app appName

@description('Azure region of the plan and the site.')
param location string

@description('Tags applied to every resource; the site also gets `azd-service-name`.')
param tags tagSet

@description('Function app (site) name.')
param functionAppName string

@description('Flex Consumption plan name.')
param planName string

@description('Scale settings of the app.')
param scale appScale

@description('.NET version of the isolated worker.')
param dotnetVersion '8.0' | '9.0' | '10.0'

@description('Whether the site accepts traffic from the public internet.')
param publicNetworkAccess 'Enabled' | 'Disabled'

@description('Storage account used as AzureWebJobsStorage and for deployment packages.')
param storageAccountName string

@description('Blob container in the storage account that holds this app\'s deployment packages.')
param deploymentContainerName string

@description('Application Insights component the app reports to.')
param applicationInsightsName string

@description('App settings besides host storage and Application Insights; values are plain or Key Vault references, never secrets.')
param appSettings { *: string }

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var hostSettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  // The host authenticates its telemetry with the managed identity (Monitoring Metrics Publisher).
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
}
var settings = union(appSettings, hostSettings)

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: union(tags, { 'azd-service-name': app })
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    publicNetworkAccess: publicNetworkAccess
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: 'SystemAssigned'
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: 'https://${storageAccountName}.blob.${environment().suffixes.storage}/${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: scale.maximumInstanceCount
        instanceMemoryMB: scale.instanceMemoryMB
        alwaysReady: scale.alwaysReady > 0 ? [
          {
            name: 'http'
            instanceCount: scale.alwaysReady
          }
        ] : []
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: map(items(settings), s => {
        name: s.key
        value: s.value
      })
    }
  }
}

// Basic (user name and password) publishing credentials off for both FTP and SCM: deployments use Entra ID.
resource ftpPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('Function app (site) name.')
output name string = site.name

@description('Flex Consumption plan name.')
output planName string = plan.name

@description('Base URL of the app.')
output url string = 'https://${site.properties.defaultHostName}'

@description('Object id of the app\'s system-assigned managed identity.')
output principalId string = site.identity.principalId
