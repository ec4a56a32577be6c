using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MLGov.LocalHost.Discovery;

namespace MLGov.LocalHost.Http;

/// <summary>
/// Enforces a function's AuthorizationLevel the way the Functions host does: the key comes in
/// the "code" query parameter or the x-functions-key header; Function level accepts the
/// function's own keys, any host key or the master key; Admin and System need the master key.
/// Keys are compared in constant time.
/// </summary>
internal sealed class KeyAuthorizer
{
    private readonly FunctionKeys _keys;

    public KeyAuthorizer(FunctionKeys keys)
    {
        _keys = keys;
    }

    public bool IsAuthorized(FunctionDescriptor function, HttpRequest request)
    {
        var level = function.Http!.AuthLevel;
        if (level == AuthorizationLevel.Anonymous)
        {
            return true;
        }

        var presented = PresentedKey(request);
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        if (Matches(presented, _keys.Master))
        {
            return true;
        }

        if (level is AuthorizationLevel.Admin or AuthorizationLevel.System)
        {
            return false;
        }

        var functionKeys = _keys.Functions.TryGetValue(function.Name, out var keys) ? keys.Values : Enumerable.Empty<string>();
        return _keys.Host.Values.Concat(functionKeys).Any(key => Matches(presented, key));
    }

    public bool IsMaster(HttpRequest request) => Matches(PresentedKey(request), _keys.Master);

    private static string? PresentedKey(HttpRequest request) =>
        request.Headers.TryGetValue("x-functions-key", out var header) && !string.IsNullOrEmpty(header)
            ? header.ToString()
            : request.Query.TryGetValue("code", out var code) ? code.ToString() : null;

    private static bool Matches(string? presented, string? expected) =>
        !string.IsNullOrEmpty(presented) && !string.IsNullOrEmpty(expected)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
