using MLGov.Core.Events;

namespace MLGov.Core.Tests.Events;

public enum ParcelPriority
{
    Standard,
    NextDay,
}

/// <summary>A well-formed event of a made-up app, with a two-digit version.</summary>
public sealed record ParcelShippedV12(string ParcelId, int Quantity, ParcelPriority Priority, string? Note = null) : IIntegrationEvent
{
    public static string EventType => "com.mlgov.post.parcel.shipped.v12";

    public static string Topic => "post-events";

    string IIntegrationEvent.Subject => "parcels/" + ParcelId;

    public IEnumerable<string> Validate() => [];
}

/// <summary>Claims <see cref="ParcelShippedV12"/>'s type name with another schema.</summary>
public sealed record ParcelImpostorV12 : IIntegrationEvent
{
    public static string EventType => ParcelShippedV12.EventType;

    public static string Topic => "post-events";

    public string Subject => "x";

    public IEnumerable<string> Validate() => [];
}

public sealed record ParcelLostV1 : IIntegrationEvent
{
    public static string EventType => "com.mlgov.post.parcel.lost.v1";

    public static string Topic => "post-events";

    public string Subject => "x";

    public IEnumerable<string> Validate() => [];
}

public sealed record UpperCaseNameV1 : IIntegrationEvent
{
    public static string EventType => "com.mlgov.Post.parcel.lost.v1";

    public static string Topic => "post-events";

    public string Subject => "x";

    public IEnumerable<string> Validate() => [];
}

public sealed record NoTopicV1 : IIntegrationEvent
{
    public static string EventType => "com.mlgov.post.parcel.found.v1";

    public static string Topic => "";

    public string Subject => "x";

    public IEnumerable<string> Validate() => [];
}
