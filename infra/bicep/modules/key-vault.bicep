// Key Vault in RBAC mode holding the VC issuer key in two forms: an EC P-256 key created in the vault
// (ES256, sign only, never exported: the Identity app signs credentials with Key Vault's sign operation)
// and, as the Ed25519 fallback Key Vault cannot sign with, a secret the Identity app reads through a Key
// Vault reference resolved with its managed identity (docs/keys.md); and one chain signing key per app (EC secp256k1,
// created in the vault, never exported: the app signs with Key Vault's sign operation, docs/keys.md).
// Every use of a secret or key is logged (AuditEvent) to Log Analytics.
// The secret is written only when its value is given, so a redeploy without the value (CI) keeps the
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

@description('Name of the VC issuer key secret.')
param vcIssuerKeySecretName string

@description('Name of the credential issuer key to create (EC P-256, ES256, sign only).')
param issuerKeyName string

@description('Names of the chain signing keys to create, one per app (EC P-256K, sign and verify only).')
param chainKeyNames string[]

@description('Whether the vault is reachable only through its private endpoint.')
param privateNetworking bool

@description('Log Analytics workspace that receives the audit log.')
param logAnalyticsWorkspaceId string

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
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: privateNetworking ? 'Deny' : 'Allow'
      bypass: 'AzureServices'
    }
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

// Creating a key through ARM makes its first version only; later deployments leave an existing key
// (and so the app's chain address) untouched.
resource chainKeys 'Microsoft.KeyVault/vaults/keys@2024-11-01' = [
  for keyName in chainKeyNames: {
    parent: vault
    name: keyName
    properties: {
      kty: 'EC'
      curveName: 'P-256K'
      keyOps: ['sign', 'verify']
      attributes: {
        enabled: true
        exportable: false
      }
    }
  }
]

// The credential issuer key: verifiers check signatures with the public key (did:key), so sign is its
// only operation. Like the chain keys, ARM creates the first version only and leaves it afterwards.
resource issuerKey 'Microsoft.KeyVault/vaults/keys@2024-11-01' = {
  parent: vault
  name: issuerKeyName
  properties: {
    kty: 'EC'
    curveName: 'P-256'
    keyOps: ['sign']
    attributes: {
      enabled: true
      exportable: false
    }
  }
}

// AuditEvent records every operation on the vault: each secret read and each signature, with the caller.
resource auditLog 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: vault
  name: 'to-log-analytics'
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      { category: 'AuditEvent', enabled: true }
    ]
    metrics: [
      { category: 'AllMetrics', enabled: true }
    ]
  }
}

@description('Name of the vault.')
output name string = vault.name

@description('Vault URI, for example https://kv-xyz.vault.azure.net/.')
output uri string = vault.properties.vaultUri

@description('Resource id of the vault.')
output id string = vault.id

@description('Names of the chain signing keys.')
output chainKeyNames string[] = [for (k, i) in chainKeyNames: chainKeys[i].name]

@description('Name of the credential issuer key.')
output issuerKeyName string = issuerKey.name
