namespace UnitPay.Core.TopUps;

/// <summary>Attempts newest first, and the cursor of the next page (null on the last).</summary>
public sealed record TopUpAttemptPage(IReadOnlyList<TopUpAttempt> Attempts, string? NextCursor);
