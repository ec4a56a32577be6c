// One private endpoint, registered in its private DNS zone through a zone group, so that the
// resource's public host name resolves to the endpoint's address inside the virtual network.

import { tagSet } from 'types.bicep'

@description('Azure region of the endpoint (the virtual network\'s).')
param location string

@description('Tags applied to every resource.')
param tags tagSet

@description('Name of the private endpoint.')
param name string

@description('Subnet the endpoint gets its address from.')
param subnetId string

@description('Resource id of the storage account, vault or namespace.')
param targetId string

@description('Sub-resource (private link group id) the endpoint connects to.')
param groupId 'blob' | 'table' | 'vault' | 'namespace'

@description('Private DNS zone the endpoint registers its address in.')
param dnsZoneId string

resource endpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    subnet: {
      id: subnetId
    }
    privateLinkServiceConnections: [
      {
        name: name
        properties: {
          privateLinkServiceId: targetId
          groupIds: [groupId]
        }
      }
    ]
  }
}

resource zoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: endpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: groupId
        properties: {
          privateDnsZoneId: dnsZoneId
        }
      }
    ]
  }
}

@description('Name of the endpoint.')
output name string = endpoint.name
