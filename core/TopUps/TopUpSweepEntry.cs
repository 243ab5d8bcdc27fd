using Azure;

namespace UnitPay.Core.TopUps;

/// <summary>One attempt listed for the sweeper: due at <see cref="NotBefore"/>; <see cref="Resumes"/> counts the times a sweeper resumed it; <see cref="ETag"/> guards the claim.</summary>
public sealed record TopUpSweepEntry(string OrgId, string AttemptId, DateTimeOffset NotBefore, int Resumes, ETag ETag);
