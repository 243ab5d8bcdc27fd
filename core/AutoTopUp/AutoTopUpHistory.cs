using UnitPay.Core.TopUps;

namespace UnitPay.Core.AutoTopUp;

/// <summary>
/// Reads a wallet's auto top-up history from the attempt log (newest first) and derives its runtime: the counters of
/// <see cref="AutoTopUpRuntime"/>, the month-to-date charge the cap is checked against, and the run of failures the sweeper
/// disables a rule after. Only attempts with trigger source <c>auto_topup</c> or <c>sweeper_replay</c> count.
/// </summary>
public sealed class AutoTopUpHistory(TopUpAttemptStore attempts)
{
    private const int Page = 100;

    /// <summary>
    /// The runtime at <paramref name="now"/>. With <paramref name="complete"/> false the read stops once it is past the
    /// month's start and past the last success (what firing needs); <see cref="AutoTopUpRuntime.TotalFiresCount"/> then
    /// counts only what was read.
    /// </summary>
    public async Task<AutoTopUpRuntime> RuntimeAsync(string orgId, string customerId, string currencyId, DateTimeOffset now, bool complete, CancellationToken cancellationToken)
    {
        var monthStart = new DateTimeOffset(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
        DateTimeOffset? lastFired = null, lastFailed = null;
        int failures = 0, fires = 0;
        var pending = false;
        var failuresEnded = false;
        long monthToDate = 0;
        string? chargeCurrency = null;
        string? after = null;
        do
        {
            var (page, next) = await attempts.ListAsync(orgId, customerId, currencyId, null, null, after, Page, cancellationToken);
            after = next;
            foreach (var attempt in page.Where(a => a.TriggerSource != TriggerSource.Manual))
            {
                if (!complete && failuresEnded && attempt.CreatedAt < monthStart)
                {
                    return Runtime();
                }

                if (attempt.Status == TopUpStatus.Skipped)
                {
                    continue;
                }

                lastFired ??= attempt.CreatedAt;
                fires += attempt.TriggerSource == TriggerSource.AutoTopup ? 1 : 0;
                pending |= attempt.Status == TopUpStatus.Pending;
                if (attempt.Status == TopUpStatus.Failed)
                {
                    lastFailed ??= attempt.CompletedAt ?? attempt.UpdatedAt;
                    failures += failuresEnded ? 0 : 1;
                }
                else if (attempt.Status == TopUpStatus.Succeeded)
                {
                    failuresEnded = true;
                }

                if (attempt.Status is TopUpStatus.Succeeded or TopUpStatus.Pending && attempt.CreatedAt >= monthStart)
                {
                    monthToDate = checked(monthToDate + attempt.ChargeAmount.Amount);
                    chargeCurrency ??= attempt.ChargeAmount.Currency;
                }
            }
        }
        while (after is not null);

        return Runtime();

        AutoTopUpRuntime Runtime() => new()
        {
            LastFiredAt = lastFired,
            LastFailedAt = lastFailed,
            ConsecutiveFailures = failures,
            TotalFiresCount = fires,
            IsPending = pending,
            MonthToDateCharge = monthToDate,
            ChargeCurrency = chargeCurrency,
        };
    }
}
