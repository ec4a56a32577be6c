// Key Vault in RBAC mode holding the chain operator key and the VC issuer key. The apps read them
// through Key Vault references resolved with their managed identity; nothing else holds the values.
// A secret is written only when its value is given, so a redeploy without the value (CI) keeps the
// secret already in the vault instead of overwriting it.

import { tagSet } from 'types.bicep'

@description('Azure region of the vault.')
param location string

@description('Tags applied to every resource.')
param tags tagSet

@description('Vault name (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Turn on purge protection. It cannot be turned off again, so dev environments usually leave it off.')
param enablePurgeProtection bool

@description('Days a deleted vault or secret can be recovered.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Name of the chain operator key secret.')
param chainOperatorKeySecretName string

@description('Name of the VC issuer key secret.')
param vcIssuerKeySecretName string

@secure()
@description('Chain operator private key; empty keeps the value already stored.')
param chainOperatorKey string

@secure()
@description('VC issuer private key (JWK or PEM as the Identity app expects); empty keeps the value already stored.')
param vcIssuerKey string

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // Purge protection can only be switched on; `false` is rejected once it is on, so send null instead.
    enablePurgeProtection: enablePurgeProtection ? true : null
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource chainOperatorKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(chainOperatorKey)) {
  parent: vault
  name: chainOperatorKeySecretName
  properties: {
    value: chainOperatorKey
    contentType: 'text/plain; hex secp256k1 private key'
  }
}

resource vcIssuerKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(vcIssuerKey)) {
  parent: vault
  name: vcIssuerKeySecretName
  properties: {
    value: vcIssuerKey
    contentType: 'text/plain; VC issuer private key'
  }
}

@description('Name of the vault.')
output name string = vault.name

@description('Vault URI, for example https://kv-xyz.vault.azure.net/.')
output uri string = vault.properties.vaultUri
