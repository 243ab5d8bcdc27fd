using Microsoft.Azure.Functions.Worker;
using UnitPay.Core.TopUps;
using UnitPay.Functions.Configuration;

namespace UnitPay.Functions.Functions;

/// <summary>
/// The top-up sweeper on its schedule (<c>UNITPAY_TOPUP_SWEEPER_SCHEDULE</c>, default every five minutes): stuck pending
/// attempts resumed under their own idempotency key, failed auto top-ups replayed with back-off (see <see cref="TopUpSweeper"/>).
/// Two instances running it at once, or a run cut short, leave what one run leaves.
/// </summary>
public sealed partial class SweepTopUpsTimer(TopUpSweeper sweeper, ILogger<SweepTopUpsTimer> logger)
{
    [Function("SweepTopUpsTimer")]
    public async Task<TopUpSweepSummary> RunAsync([TimerTrigger("%" + SettingNames.TopUpSweeperSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var summary = await sweeper.RunAsync(cancellationToken);
        LogSwept(logger, summary.Looked, summary.Resumed, summary.Replayed, summary.Removed, summary.Contended, summary.Failed, timer.IsPastDue);
        return summary;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SweepTopUpsTimer: looked={Looked} resumed={Resumed} replayed={Replayed} removed={Removed} contended={Contended} failed={Failed} pastDue={PastDue}")]
    private static partial void LogSwept(ILogger logger, int looked, int resumed, int replayed, int removed, int contended, int failed, bool pastDue);
}
