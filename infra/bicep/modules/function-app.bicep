// One MLGov function app: its own Flex Consumption plan (Flex allows one app per plan) and a Linux
// .NET isolated-worker site that runs as the app's user-assigned identity, created and granted its
// roles before the site (main.bicep). The identity reads the deployment package, the host storage,
// Service Bus, Key Vault references and sends telemetry; every connection is identity-based, and the
// only secrets the app sees arrive as Key Vault references in `appSettings`.

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

@description('Resource id of the app\'s user-assigned identity.')
param identityId string

@description('Client id of the app\'s user-assigned identity.')
param identityClientId string

@description('The app\'s own storage account: AzureWebJobsStorage and deployment packages.')
param storageAccountName string

@description('Blob container in the storage account that holds this app\'s deployment packages.')
param deploymentContainerName string

@description('Application Insights component the app reports to.')
param applicationInsightsName string

@description('App settings besides host storage and Application Insights; values are plain or Key Vault references, never secrets.')
param appSettings { *: string }

@description('Subnet (delegated to Microsoft.App/environments) the app integrates with; empty for none.')
param subnetId string

@description('Log Analytics workspace that receives the app\'s logs.')
param logAnalyticsWorkspaceId string

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var hostSettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  // DefaultAzureCredential (Tables, Service Bus, the Key Vault signer) picks the user-assigned identity by this.
  AZURE_CLIENT_ID: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  // Telemetry is sent with the identity (Monitoring Metrics Publisher); the component refuses anything else.
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identityClientId}'
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
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    publicNetworkAccess: publicNetworkAccess
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identityId
    virtualNetworkSubnetId: empty(subnetId) ? null : subnetId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: 'https://${storageAccountName}.blob.${environment().suffixes.storage}/${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
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

// The Functions host and worker logs, with each invocation's outcome.
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: site
  name: 'to-log-analytics'
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      { category: 'FunctionAppLogs', enabled: true }
    ]
    metrics: [
      { category: 'AllMetrics', enabled: true }
    ]
  }
}

@description('Function app (site) name.')
output name string = site.name

@description('Flex Consumption plan name.')
output planName string = plan.name

@description('Base URL of the app.')
output url string = 'https://${site.properties.defaultHostName}'
