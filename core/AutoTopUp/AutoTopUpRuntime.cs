namespace UnitPay.Core.AutoTopUp;

/// <summary>
/// Where a wallet's auto top-up stands, derived from the attempt log (attempts with trigger source <c>auto_topup</c> or
/// <c>sweeper_replay</c>). Skipped attempts (the monthly cap, no payment method) are not fires and not failures.
/// </summary>
public sealed record AutoTopUpRuntime
{
    /// <summary>When the last attempt was made (pending, succeeded or failed).</summary>
    public DateTimeOffset? LastFiredAt { get; init; }

    public DateTimeOffset? LastFailedAt { get; init; }

    /// <summary>Failed attempts since the last success.</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>Attempts made by the rule (<c>auto_topup</c>; sweeper replays not counted, skipped ones not counted).</summary>
    public int TotalFiresCount { get; init; }

    /// <summary>An attempt is pending: no crossing fires another until it settles.</summary>
    public bool IsPending { get; init; }

    /// <summary>Money charged or being charged (succeeded and pending attempts) this calendar month (UTC), in minor units of <see cref="ChargeCurrency"/>.</summary>
    public long MonthToDateCharge { get; init; }

    public string? ChargeCurrency { get; init; }
}
