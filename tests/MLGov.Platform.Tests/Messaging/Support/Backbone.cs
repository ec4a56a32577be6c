namespace MLGov.Platform.Tests.Messaging.Support;

/// <summary>The backbone tests share emulator entities, so they run one class at a time (alongside the rest of the project).</summary>
public static class Backbone
{
    public const string Collection = "Messaging backbone";
}
