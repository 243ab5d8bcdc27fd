using UnitPay.Core.Webhooks;

namespace UnitPay.Functions.Worker;

/// <summary>
/// Dispatches webhook outbox rows in the background of either host, as the wallet engine signals their commits, so a
/// deduction never waits on a webhook (see <see cref="WebhookDispatcher"/>). <c>SweepWebhooksTimer</c> replays what is left.
/// </summary>
public sealed class WebhookDispatchLoop(WebhookDispatcher dispatcher) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => dispatcher.RunAsync(stoppingToken);
}
