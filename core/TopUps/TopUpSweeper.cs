using Microsoft.Extensions.Logging;
using UnitPay.Core.AutoTopUp;

namespace UnitPay.Core.TopUps;

/// <summary>
/// The top-up sweeper (run by <c>SweepTopUpsTimer</c>): finishes what a crash, a timeout or a decline left open.
/// <list type="bullet">
/// <item>A <c>pending</c> attempt untouched for <see cref="TopUpSweeperOptions.PendingTimeout"/> is resumed: charged again
/// under its own id, the provider's idempotency key, so the provider answers the charge it made if it made one. A charge
/// that succeeded but whose grant was lost is therefore completed (granted once, keyed by the attempt), never charged
/// again. After <see cref="TopUpSweeperOptions.MaxReplays"/> resumes without an answer it is marked failed (a late webhook
/// still completes it).</item>
/// <item>A <c>failed</c> auto top-up is replayed after an exponential back-off as a new attempt (<c>sweeper_replay</c>,
/// <c>replayOf</c> the failed one; see <see cref="AutoTopUpFirer.ReplayAsync"/>), up to the maximum; the run of failures
/// disables the rule at <see cref="TopUpSweeperOptions.DisableAfterFailures"/>, with the reason. Failed manual top-ups
/// are not retried: their caller was told.</item>
/// </list>
/// Concurrency: every attempt is claimed in <see cref="TopUpSweepIndex"/> under its ETag before anything is done, so of
/// two runs at the same instant one acts on it; a claim is a lease, so a run killed half-way leaves work the next run
/// redoes, and every step is idempotent (the same key, the same replay id, the same grant id).
/// </summary>
public sealed partial class TopUpSweeper(
    TopUpSweepIndex index,
    TopUpAttemptStore attempts,
    TopUpService topUps,
    AutoTopUpFirer firer,
    AutoTopUpRuleStore rules,
    AutoTopUpHistory history,
    TopUpSweeperOptions options,
    TimeProvider clock,
    ILogger<TopUpSweeper> logger)
{
    public async Task<TopUpSweepSummary> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await index.DueAsync(now, options.MaxPerRun, cancellationToken);
        int resumed = 0, replayed = 0, removed = 0, contended = 0, failed = 0;
        foreach (var entry in due)
        {
            var claimed = await index.TryClaimAsync(entry, now + options.Lease, cancellationToken);
            if (claimed is null)
            {
                contended++;
                continue;
            }

            try
            {
                var step = await SweepAsync(entry, now, cancellationToken);
                resumed += step.Resumed ? 1 : 0;
                replayed += step.Replayed ? 1 : 0;
                if (step.NextDue is { } next)
                {
                    await index.TryMoveAsync(claimed, next, step.Resumes, cancellationToken);
                }
                else
                {
                    await index.RemoveAsync(claimed, cancellationToken);
                    removed++;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed++;
                LogSweepFailed(logger, e, entry.AttemptId);
            }
        }

        // Threshold crossings recorded but never handled (the firer's process stopped after the commit).
        var crossings = 0;
        try
        {
            crossings = (await firer.ReplayCrossingsAsync(now - options.CrossingGrace, options.MaxPerRun, cancellationToken)).Count;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failed++;
            LogCrossingsFailed(logger, e);
        }

        return new TopUpSweepSummary(due.Count, resumed, replayed, removed, contended, failed, crossings);
    }

    private async Task<Step> SweepAsync(TopUpSweepEntry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var orgId = entry.OrgId;
        if ((await attempts.ReadAsync(orgId, entry.AttemptId, cancellationToken))?.Attempt is not { } attempt)
        {
            // Listed, never written (a crash between the two): nothing to do once it can no longer appear.
            return entry.NotBefore + options.PendingTimeout <= now ? Step.Done : Step.Later(entry.NotBefore + options.PendingTimeout, entry.Resumes);
        }

        switch (attempt.Status)
        {
            case TopUpStatus.Pending:
                return await ResumeAsync(orgId, attempt, entry.Resumes, now, cancellationToken);
            case TopUpStatus.Failed:
                return await ReplayAsync(orgId, attempt, now, cancellationToken);
            default:
                await firer.AfterSettledAsync(orgId, attempt, cancellationToken);
                return Step.Done;
        }
    }

    private async Task<Step> ResumeAsync(string orgId, TopUpAttempt attempt, int resumes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (attempt.FundingMethod == FundingMethod.Form || attempt.ClientSecret is not null)
        {
            return Step.Done; // waits for the customer's form; the provider's webhook completes it
        }

        if (now - attempt.UpdatedAt < options.PendingTimeout)
        {
            return Step.Later(attempt.UpdatedAt + options.PendingTimeout, resumes);
        }

        if (resumes >= options.MaxReplays)
        {
            var gaveUp = await topUps.FailAttemptAsync(orgId, attempt.Id, null, "unresolved", $"No answer from the payment provider after {resumes} resumes; a later confirmation still completes it.", cancellationToken);
            LogGaveUp(logger, attempt.Id, resumes);
            return gaveUp.Value is { TriggerSource: not TriggerSource.Manual } ? Step.Later(now, resumes) : Step.Done;
        }

        LogResuming(logger, attempt.Id, resumes + 1);
        await topUps.ResumeAsync(orgId, attempt.Id, cancellationToken);
        var current = (await attempts.ReadAsync(orgId, attempt.Id, cancellationToken))?.Attempt ?? attempt;
        switch (current.Status)
        {
            case TopUpStatus.Pending:
                return new Step(now + options.BackoffAfter(resumes + 1), resumes + 1, Resumed: true);
            case TopUpStatus.Failed when current.TriggerSource != TriggerSource.Manual:
                await firer.AfterSettledAsync(orgId, current, cancellationToken);
                return new Step(now, resumes + 1, Resumed: true); // its replay is decided on the next pass
            default:
                await firer.AfterSettledAsync(orgId, current, cancellationToken);
                return new Step(null, resumes + 1, Resumed: true);
        }
    }

    private async Task<Step> ReplayAsync(string orgId, TopUpAttempt failed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await firer.AfterSettledAsync(orgId, failed, cancellationToken);
        if (failed.TriggerSource == TriggerSource.Manual || await rules.ReadAsync(orgId, failed.CreditAccountId, cancellationToken) is not { Rule.Enabled: true })
        {
            return Step.Done;
        }

        var failures = (await history.RuntimeAsync(orgId, failed.CustomerId, failed.CreditCurrencyId, now, complete: false, cancellationToken)).ConsecutiveFailures;
        if (failures > options.MaxReplays)
        {
            return Step.Done;
        }

        var due = (failed.CompletedAt ?? failed.UpdatedAt) + options.BackoffAfter(failures);
        if (now < due)
        {
            return Step.Later(due, 0);
        }

        var firing = await firer.ReplayAsync(orgId, failed, due, cancellationToken);
        LogReplayed(logger, failed.Id, firing.Kind, firing.Attempt?.Id);
        return firing.Kind == AutoTopUpFiring.Busy
            ? Step.Later(now + options.RetryBackoff, 0)
            : new Step(null, 0, Replayed: firing.Kind is AutoTopUpFiring.Fired or AutoTopUpFiring.Skipped);
    }

    private sealed record Step(DateTimeOffset? NextDue, int Resumes, bool Resumed = false, bool Replayed = false)
    {
        public static Step Done { get; } = new(null, 0);

        public static Step Later(DateTimeOffset at, int resumes) => new(at, resumes);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Top-up sweeper: resuming pending attempt {AttemptId} (resume {Resume}) under its own idempotency key")]
    private static partial void LogResuming(ILogger logger, string attemptId, int resume);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Top-up sweeper: attempt {AttemptId} had no answer after {Resumes} resumes; marked failed")]
    private static partial void LogGaveUp(ILogger logger, string attemptId, int resumes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Top-up sweeper: failed attempt {AttemptId} replayed: {Kind} (attempt {ReplayId})")]
    private static partial void LogReplayed(ILogger logger, string attemptId, string kind, string? replayId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Top-up sweeper: attempt {AttemptId} could not be handled; it is retried when its claim runs out")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, string attemptId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Replaying recorded auto top-up crossings failed; the next run tries again")]
    private static partial void LogCrossingsFailed(ILogger logger, Exception exception);
}
