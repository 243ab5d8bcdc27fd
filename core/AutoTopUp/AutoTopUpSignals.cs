using System.Threading.Channels;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.AutoTopUp;

/// <summary>
/// The hand-off between the wallet commit path and the firing: <see cref="RecordAsync"/> writes the crossing to
/// <see cref="PendingCrossings"/> before its commit, <see cref="OnCrossed"/> only writes it into an in-memory channel (a
/// lock-free enqueue, never a wait) after it, and <see cref="AutoTopUpFirer"/> reads the channel and clears the record.
/// What the channel loses when the process stops, the sweeper finds recorded. Crossings are rare (one per burst below a
/// threshold), so both stay small.
/// </summary>
public sealed class AutoTopUpSignals(PendingCrossings? pending = null) : IThresholdCrossingObserver
{
    private readonly Channel<ThresholdCrossing> _channel = Channel.CreateUnbounded<ThresholdCrossing>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });

    public ChannelReader<ThresholdCrossing> Reader => _channel.Reader;

    /// <summary>The durable record of unhandled crossings (null: none, a crossing lives only in the channel; tests only).</summary>
    public PendingCrossings? Pending => pending;

    public Task RecordAsync(ThresholdCrossing crossing, CancellationToken cancellationToken) =>
        pending?.RecordAsync(crossing, cancellationToken) ?? Task.CompletedTask;

    public void OnCrossed(ThresholdCrossing crossing) => _channel.Writer.TryWrite(crossing);
}
