using System.Text.Json;
using MLGov.Platform.Http;
using MLGov.Voting.Domain.Spaces;

namespace MLGov.Voting.Spaces;

/// <summary>A space as stored: its definition (JSON), who created it and when.</summary>
public sealed record SpaceRecord(string SpaceId, string Definition, string CreatedBy, DateTimeOffset CreatedAt)
{
    public static SpaceRecord Of(SpaceDefinition space, string createdBy, DateTimeOffset now) =>
        new(space.Id, JsonSerializer.Serialize(space, ApiJson.Options), createdBy, now);

    public SpaceDefinition ToDefinition() =>
        JsonSerializer.Deserialize<SpaceDefinition>(Definition, ApiJson.Options) ?? throw new InvalidDataException($"Space '{SpaceId}' has no definition.");
}

/// <summary>What the API returns for a space.</summary>
public sealed record SpaceResource(SpaceDefinition Space, string CreatedBy, DateTimeOffset CreatedAt)
{
    public static SpaceResource From(SpaceRecord record) => new(record.ToDefinition(), record.CreatedBy, record.CreatedAt);
}
