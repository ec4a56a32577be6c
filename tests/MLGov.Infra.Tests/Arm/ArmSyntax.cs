using System.Text.Json.Nodes;

namespace MLGov.Infra.Tests.Arm;

/// <summary>A node of a parsed ARM template language expression; <see cref="Text"/> is its source.</summary>
public abstract record ArmSyntax(string Text);

/// <summary>A string, integer, boolean or null literal.</summary>
public sealed record ArmLiteral(JsonNode? Value, string Text) : ArmSyntax(Text);

/// <summary>A function call such as <c>format('{0}', 'a')</c>.</summary>
public sealed record ArmCall(string Name, IReadOnlyList<ArmSyntax> Arguments, string Text) : ArmSyntax(Text);

/// <summary>A property access such as <c>reference(...).identity</c>.</summary>
public sealed record ArmMember(ArmSyntax Target, string Name, string Text) : ArmSyntax(Text);

/// <summary>An index access such as <c>split(...)[0]</c>.</summary>
public sealed record ArmIndex(ArmSyntax Target, ArmSyntax Index, string Text) : ArmSyntax(Text);
