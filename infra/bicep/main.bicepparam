// The parameter file azd reads (azure.yaml: infra.module main). MLGOV_PROFILE picks the dev or prod
// sizing from profiles.bicep; everything else comes from the azd environment (azd env set NAME VALUE),
// exactly as in dev.bicepparam and prod.bicepparam, which serve `az deployment group create`.
using 'main.bicep'

import { dev, prod } from 'profiles.bicep'

var isProd = readEnvironmentVariable('MLGOV_PROFILE', 'dev') == 'prod'
var profile = isProd ? prod : dev

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME')
param location = readEnvironmentVariable('AZURE_LOCATION')
param appScale = profile.appScale
param storageSku = profile.storageSku
param serviceBusSku = profile.serviceBusSku
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
var contractsJson = readEnvironmentVariable('MLGOV_CONTRACTS', '')
param contracts = json(empty(contractsJson) ? '{}' : contractsJson)
param entra = {
  tenantId: readEnvironmentVariable('MLGOV_ENTRA_TENANT_ID', '')
  clientId: readEnvironmentVariable('MLGOV_ENTRA_CLIENT_ID', '')
}

param vcIssuerKey = readEnvironmentVariable('MLGOV_VC_ISSUER_KEY', '')
