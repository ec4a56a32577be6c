// Production environment. The chain is the operator's explicit choice: MLGOV_CHAIN_RPC_URL and
// MLGOV_CHAIN_ID have no defaults here, so a build without them fails instead of pointing prod at a testnet.
// Deploy with: az deployment group create -g <rg> -f infra/bicep/main.bicep -p infra/bicep/prod.bicepparam
using 'main.bicep'

import { prod as profile } from 'profiles.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'mlgov-prod')
param location = readEnvironmentVariable('AZURE_LOCATION', 'westeurope')
param appScale = profile.appScale
param storageSku = profile.storageSku
param serviceBusSku = profile.serviceBusSku
// Production is private: storage, Key Vault and Service Bus (hence Premium) only behind private endpoints,
// the apps in a virtual network. Why, and how to opt out: the prod profile in profiles.bicep.
param privateNetworking = profile.privateNetworking
param keyVaultEnablePurgeProtection = profile.keyVaultEnablePurgeProtection
param keyVaultSoftDeleteRetentionInDays = profile.keyVaultSoftDeleteRetentionInDays
param logRetentionInDays = profile.logRetentionInDays
// An action group for the alerts (its resource id); unset means the alerts only show in Azure Monitor.
param alertActionGroupId = readEnvironmentVariable('MLGOV_ALERT_ACTION_GROUP_ID', '')

param chain = {
  rpcUrl: readEnvironmentVariable('MLGOV_CHAIN_RPC_URL')
  chainId: int(readEnvironmentVariable('MLGOV_CHAIN_ID'))
}
// The `contracts` object of the deployment record, e.g. MLGOV_CONTRACTS="$(jq -c .contracts record.json)".
var contractsJson = readEnvironmentVariable('MLGOV_CONTRACTS', '')
param contracts = json(empty(contractsJson) ? '{}' : contractsJson)
param entra = {
  tenantId: readEnvironmentVariable('MLGOV_ENTRA_TENANT_ID', '')
  clientId: readEnvironmentVariable('MLGOV_ENTRA_CLIENT_ID', '')
}

// The issuer key: empty keeps what the vault already holds; required on the first deployment.
param vcIssuerKey = readEnvironmentVariable('MLGOV_VC_ISSUER_KEY', '')
