namespace UnitPay.Core.TopUps;

/// <summary>An attempt after completion, and whether this call applied its grant (false: it was applied before).</summary>
public sealed record TopUpCompletion(TopUpAttempt Attempt, bool GrantApplied);
