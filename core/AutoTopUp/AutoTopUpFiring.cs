using UnitPay.Core.TopUps;

namespace UnitPay.Core.AutoTopUp;

/// <summary>What a crossing (or a sweeper replay) led to: <see cref="Kind"/>, and the attempt when one was recorded.</summary>
public sealed record AutoTopUpFiring(string Kind, TopUpAttempt? Attempt = null, string? Detail = null)
{
    /// <summary>An attempt was made (it may have succeeded, failed, or be pending).</summary>
    public const string Fired = "fired";

    /// <summary>A <c>skipped</c> attempt was recorded (monthly cap, no payment method, wallet frozen, package archived).</summary>
    public const string Skipped = "skipped";

    /// <summary>Another attempt of the wallet is pending: nothing fired.</summary>
    public const string Busy = "busy";

    /// <summary>No enabled rule, or the crossing is stale (the rule changed since): nothing fired.</summary>
    public const string NotArmed = "not_armed";

    /// <summary>This crossing was handled before (a signal handled twice): nothing new.</summary>
    public const string AlreadyHandled = "already_handled";
}
