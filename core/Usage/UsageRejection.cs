namespace UnitPay.Core.Usage;

/// <summary>Why one event of a track batch was not accepted. <see cref="Index"/> is its place in the batch.</summary>
public sealed record UsageRejection(int Index, string Reason, string Message);
