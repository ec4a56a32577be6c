using System.ComponentModel.DataAnnotations;

namespace MLGov.Platform.Chain;

/// <summary>The EVM chain the app talks to and the operator account it signs with.</summary>
public sealed class ChainOptions
{
    public const string SectionName = "Chain";

    [Required]
    public Uri? RpcUrl { get; set; }

    [Range(1, long.MaxValue)]
    public long ChainId { get; set; }

    /// <summary>Hex private key of the operator account; arrives through configuration (a Key Vault reference in Azure).</summary>
    public string? OperatorKey { get; set; }

    /// <summary>How long to wait for a sent transaction to be mined before giving up (it may still be mined later).</summary>
    public TimeSpan ReceiptTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan ReceiptPollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Timeout of one JSON-RPC attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of a failed JSON-RPC transport attempt (never of a node's answer).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Gas limit = estimate × (100 + this) / 100, for headroom against state changes.</summary>
    [Range(0, 200)]
    public int GasHeadroomPercent { get; set; } = 20;
}
