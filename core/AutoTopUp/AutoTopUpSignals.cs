using System.Threading.Channels;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.AutoTopUp;

/// <summary>
/// The hand-off between the wallet commit path and the firing: <see cref="OnCrossed"/> only writes the crossing into an
/// in-memory channel (a lock-free enqueue, never a wait), and <see cref="AutoTopUpFirer"/> reads it. Crossings are rare
/// (one per burst below a threshold), so the channel stays small.
/// </summary>
public sealed class AutoTopUpSignals : IThresholdCrossingObserver
{
    private readonly Channel<ThresholdCrossing> _channel = Channel.CreateUnbounded<ThresholdCrossing>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });

    public ChannelReader<ThresholdCrossing> Reader => _channel.Reader;

    public void OnCrossed(ThresholdCrossing crossing) => _channel.Writer.TryWrite(crossing);
}
