// The private-network option: one virtual network with a subnet per function app (delegated to
// Microsoft.App/environments, as Flex Consumption virtual network integration requires) and one
// subnet for the private endpoints, plus the private DNS zones those endpoints register in, each
// linked to the network so the apps resolve storage, Key Vault and Service Bus to private addresses.

import { tagSet } from 'types.bicep'

@description('Azure region of the virtual network.')
param location string

@description('Tags applied to every resource.')
param tags tagSet

@description('Virtual network name.')
param name string

@description('Address space of the network; /24 subnets are cut from it: the first for private endpoints, then one per app.')
param addressPrefix string

@description('Apps that get an integration subnet, in order.')
param apps string[]

@description('Private DNS zone names to create and link, by key (for example blob, table, vault, serviceBus).')
param dnsZones { *: string }

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [addressPrefix]
    }
    subnets: concat(
      [
        {
          name: 'private-endpoints'
          properties: {
            addressPrefix: cidrSubnet(addressPrefix, 24, 0)
            privateEndpointNetworkPolicies: 'Disabled'
          }
        }
      ],
      map(range(0, length(apps)), i => {
        name: 'app-${apps[i]}'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, i + 1)
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      })
    )
  }
}

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for zone in items(dnsZones): {
    name: zone.value
    location: 'global'
    tags: tags
  }
]

resource zoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (zone, i) in items(dnsZones): {
    parent: zones[i]
    name: vnet.name
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: vnet.id
      }
    }
  }
]

@description('Id of the private endpoint subnet.')
output privateEndpointSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'private-endpoints')

@description('Id of each app\'s integration subnet, in the order of `apps`.')
output appSubnetIds string[] = [for app in apps: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'app-${app}')]

@description('Names of the private DNS zones.')
output dnsZoneNames string[] = [for (zone, i) in items(dnsZones): zones[i].name]
