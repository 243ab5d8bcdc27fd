using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Results;
using UnitPay.Core.Storage;

namespace UnitPay.Core.TopUps;

/// <summary>Completing and failing attempts: the paths the webhook handler, a retried call and the sweeper share.</summary>
public sealed partial class TopUpService
{
    /// <summary>
    /// For an attempt whose money the provider confirmed: applies its grant once (in the wallet's own transaction, keyed
    /// by the attempt) and marks it <c>succeeded</c>. Safe to call any number of times, concurrently, and after a crash
    /// anywhere in between: the grant is made once. A <c>failed</c> attempt whose payment later succeeded (a form the
    /// customer retried) is completed too: the money was taken.
    /// </summary>
    public async Task<Outcome<TopUpCompletion>> CompleteAttemptAsync(string orgId, string attemptId, string? paymentId, CancellationToken cancellationToken)
    {
        if (await attempts.ReadAsync(orgId, attemptId, cancellationToken) is null)
        {
            return Failure.NotFound("Top-up attempt " + attemptId);
        }

        return await CompleteAsync(orgId, attemptId, paymentId, null, cancellationToken);
    }

    /// <summary>For an attempt whose payment the provider declined: marks it <c>failed</c> unless it succeeded (a success is final).</summary>
    public async Task<Outcome<TopUpAttempt>> FailAttemptAsync(string orgId, string attemptId, string? paymentId, string? errorCode, string? errorMessage, CancellationToken cancellationToken)
    {
        if (await attempts.ReadAsync(orgId, attemptId, cancellationToken) is null)
        {
            return Failure.NotFound("Top-up attempt " + attemptId);
        }

        return await FailAsync(orgId, attemptId, paymentId, errorCode, errorMessage, cancellationToken);
    }

    private async Task<TopUpCompletion> CompleteAsync(string orgId, string attemptId, string? paymentId, Func<TopUpAttempt, TopUpAttempt>? also, CancellationToken cancellationToken)
    {
        var (attempt, _) = await attempts.ReadAsync(orgId, attemptId, cancellationToken)
            ?? throw new InvalidOperationException($"Top-up attempt {attemptId} disappeared.");
        if (attempt.Status == TopUpStatus.Succeeded)
        {
            return new TopUpCompletion(attempt, GrantApplied: false);
        }

        var (grantId, applied) = await GrantOnceAsync(orgId, attempt, cancellationToken);
        var now = clock.GetUtcNow();
        var completed = await UpdateAsync(orgId, attemptId, a => a.Status == TopUpStatus.Succeeded ? null : (also?.Invoke(a) ?? a) with
        {
            Status = TopUpStatus.Succeeded,
            PaymentId = a.PaymentId ?? paymentId,
            GrantId = grantId,
            ErrorCode = null,
            ErrorMessage = null,
            UpdatedAt = now,
            CompletedAt = now,
        }, cancellationToken);
        if (applied)
        {
            LogGranted(logger, attemptId, attempt.Amount, attempt.CreditAccountId, grantId);
        }

        return new TopUpCompletion(completed, applied);
    }

    private async Task<TopUpAttempt> FailAsync(string orgId, string attemptId, string? paymentId, string? errorCode, string? errorMessage, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await UpdateAsync(orgId, attemptId, a => a.Status is TopUpStatus.Succeeded or TopUpStatus.Failed ? null : a with
        {
            Status = TopUpStatus.Failed,
            PaymentId = a.PaymentId ?? paymentId,
            ErrorCode = errorCode ?? "payment_failed",
            ErrorMessage = errorMessage ?? "The payment failed.",
            UpdatedAt = now,
            CompletedAt = now,
        }, cancellationToken);
    }

    /// <summary>
    /// Grants the attempt's credits in one wallet transaction whose new grant has the id derived from the attempt. An
    /// open grant with that id is in the session (skipped); a closed one is not, so its re-insert meets 409: either
    /// way the grant was made before. Returns the grant id and whether this call made it.
    /// </summary>
    private async Task<(string GrantId, bool Applied)> GrantOnceAsync(string orgId, TopUpAttempt attempt, CancellationToken cancellationToken)
    {
        var walletId = await directory.EnsureAsync(orgId, attempt.CustomerId, attempt.CreditCurrencyId, cancellationToken);
        var grantId = TopUpGrantIds.For(walletId, attempt.Id);
        var expiresAt = attempt.ExpiresAfter?.AddTo(clock.GetUtcNow());
        if (expiresAt is { } expiry)
        {
            await expiries.ListAsync(walletId, grantId, expiry, cancellationToken); // listed before it exists
        }

        var source = attempt.IsPackagePurchase ? GrantSource.Package : GrantSource.Topup;
        try
        {
            var applied = await engine.MutateAsync(walletId, (session, at) =>
            {
                if (session.Grants.Any(g => g.Id == grantId))
                {
                    return false;
                }

                session.AddGrant(
                    new Grant
                    {
                        Id = grantId,
                        Source = source,
                        Amount = attempt.Amount,
                        Remaining = attempt.Amount,
                        Priority = GrantSources.DefaultPriority(source),
                        EffectiveAt = at,
                        ExpiresAt = expiresAt,
                        SourceRef = attempt.Id,
                        Reason = attempt.IsPackagePurchase ? "Credit package " + attempt.PackageId : "Top-up " + attempt.Id,
                        CreatedAt = at,
                    },
                    attempt.IsPackagePurchase ? LedgerReason.PackagePurchase : LedgerReason.Topup,
                    at);
                return true;
            }, cancellationToken);
            return (grantId, applied);
        }
        catch (TableTransactionFailedException e) when (StorageFailure.IsAlreadyExists(e))
        {
            return (grantId, false);
        }
    }

    /// <summary>Reads, changes (null: nothing to change) and replaces an attempt under its ETag, re-reading on a lost race.</summary>
    private async Task<TopUpAttempt> UpdateAsync(string orgId, string attemptId, Func<TopUpAttempt, TopUpAttempt?> change, CancellationToken cancellationToken) =>
        await _concurrency.ExecuteAsync(async ct =>
        {
            var (current, etag) = await attempts.ReadAsync(orgId, attemptId, ct)
                ?? throw new InvalidOperationException($"Top-up attempt {attemptId} disappeared.");
            if (change(current) is not { } changed)
            {
                return current;
            }

            // Webhooks: an attempt that has just failed is credit.topup.failed, written with the change.
            var events = changed.Status == TopUpStatus.Failed && current.Status != TopUpStatus.Failed
                ? new[] { Webhooks.OrgWebhookEvents.TopUpFailed(orgId, changed, changed.UpdatedAt) }
                : null;
            await attempts.ReplaceAsync(orgId, changed, etag, ct, events);
            return changed;
        }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Top-up attempt {AttemptId}: {Amount} credits granted to {WalletId} as {GrantId}")]
    private static partial void LogGranted(ILogger logger, string attemptId, long amount, string walletId, string grantId);
}
