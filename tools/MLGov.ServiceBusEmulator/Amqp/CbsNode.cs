using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace MLGov.ServiceBusEmulator.Amqp;

/// <summary>
/// The <c>$cbs</c> node: accepts every put-token (the emulator does not check SAS tokens, as the official
/// emulator's fixed key suggests) and answers 202 so the client goes on to attach its link.
/// </summary>
internal static class CbsNode
{
    public static AmqpMessage Handle(AmqpMessage request)
    {
        string? operation = null;
        request.ApplicationProperties?.Map.TryGetValue("operation", out operation);
        bool known = operation is null || operation == "put-token";
        AmqpMessage response = AmqpMessage.Create();
        response.ApplicationProperties = new ApplicationProperties();
        response.ApplicationProperties.Map["status-code"] = known ? 202 : 400;
        response.ApplicationProperties.Map["status-description"] = known ? "Accepted" : $"Unknown operation '{operation}'.";
        return response;
    }
}
