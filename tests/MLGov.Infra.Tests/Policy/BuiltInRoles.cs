namespace MLGov.Infra.Tests.Policy;

/// <summary>Ids of the Azure built-in roles the template assigns.</summary>
public static class BuiltInRoles
{
    public const string ServiceBusDataSender = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39";
    public const string ServiceBusDataReceiver = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0";
    public const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    public const string KeyVaultCryptoUser = "12338af0-0e69-4776-bea7-57ae8d297424";
    public const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    public const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    public const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    public static string NameOf(string roleId) => roleId switch
    {
        ServiceBusDataSender => "Azure Service Bus Data Sender",
        ServiceBusDataReceiver => "Azure Service Bus Data Receiver",
        KeyVaultSecretsUser => "Key Vault Secrets User",
        KeyVaultCryptoUser => "Key Vault Crypto User",
        StorageTableDataContributor => "Storage Table Data Contributor",
        StorageBlobDataOwner => "Storage Blob Data Owner",
        MonitoringMetricsPublisher => "Monitoring Metrics Publisher",
        _ => "role " + roleId,
    };
}
