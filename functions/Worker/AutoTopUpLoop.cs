using UnitPay.Core.AutoTopUp;

namespace UnitPay.Functions.Worker;

/// <summary>
/// Fires auto top-ups in the background of either host: the wallet engine signals a threshold crossing as it commits
/// (<see cref="AutoTopUpSignals"/>), and this loop hands each to <see cref="AutoTopUpFirer"/>, so usage never waits on a
/// payment provider. Register with <c>services.AddHostedService&lt;AutoTopUpLoop&gt;()</c>.
/// </summary>
public sealed class AutoTopUpLoop(AutoTopUpFirer firer) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => firer.RunAsync(stoppingToken);
}
