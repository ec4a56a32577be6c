using System.Globalization;
using MLGov.DevStack;

// Starts anvil as mlgov up and the fixtures do, says where, and waits to be killed.
await using var anvil = await AnvilServer.StartAsync(0, AnvilServer.DefaultChainId, CancellationToken.None);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"anvil-port {anvil.Port}"));
await Task.Delay(Timeout.Infinite);
