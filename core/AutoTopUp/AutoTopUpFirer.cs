using Microsoft.Extensions.Logging;
using UnitPay.Core.Catalog;
using UnitPay.Core.Customers;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Money;
using UnitPay.Core.Packages;
using UnitPay.Core.Plans;
using UnitPay.Core.Storage;
using UnitPay.Core.TopUps;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.AutoTopUp;

/// <summary>
/// Turns a threshold crossing into one auto top-up attempt, off the commit path.
/// <para>
/// One attempt per crossing: the attempt's id derives from (wallet, rule version, crossing sequence), and is inserted
/// once (a signal handled twice finds it). One attempt in flight per wallet: an attempt is made only by whoever claims the
/// rule row's slot under its ETag (see <see cref="AutoTopUpRuleRow"/>), and a slot held by a pending attempt makes a
/// crossing fire nothing. Within the monthly cap: the month-to-date charge (succeeded and pending auto attempts, from the
/// attempt log) plus this top-up's price must fit, else a <c>skipped</c> attempt records why. Funded the customer's way:
/// an off-session charge of the saved method, or an invoice line for <c>send_invoice</c> customers (credits now).
/// </para>
/// </summary>
public sealed partial class AutoTopUpFirer(
    AutoTopUpSignals signals,
    AutoTopUpRuleStore rules,
    AutoTopUpRuleService ruleService,
    AutoTopUpHistory history,
    TopUpAttemptStore attempts,
    TopUpService topUps,
    CustomerStore customers,
    CatalogReader catalog,
    CreditPackageStore packages,
    WalletEngine engine,
    TopUpSweeperOptions options,
    TimeProvider clock,
    ILogger<AutoTopUpFirer> logger)
{
    /// <summary>Crossings handled at once by <see cref="RunAsync"/> (each waits mostly on the payment provider).</summary>
    public const int Parallelism = 8;

    private readonly Polly.ResiliencePipeline _concurrency = StorageResilience.OptimisticConcurrency(clock, maxAttempts: 10);

    /// <summary>Handles crossings as they are signalled, until <paramref name="cancellationToken"/> ends (a hosted service's loop).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Parallel.ForEachAsync(
                signals.Reader.ReadAllAsync(cancellationToken),
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (crossing, ct) => await FireLoggedAsync(crossing, ct));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: crossings not yet handled stay recorded in PendingCrossings; the top-up sweeper fires them.
        }
    }

    /// <summary>Handles every crossing signalled so far, one after another; returns what each led to (tests, and a host without a loop).</summary>
    public async Task<IReadOnlyList<AutoTopUpFiring>> DrainAsync(CancellationToken cancellationToken)
    {
        var results = new List<AutoTopUpFiring>();
        while (signals.Reader.TryRead(out var crossing))
        {
            if (await FireLoggedAsync(crossing, cancellationToken) is { } firing)
            {
                results.Add(firing);
            }
        }

        return results;
    }

    /// <summary>Fires the wallet's rule for one crossing (see the type's summary).</summary>
    public async Task<AutoTopUpFiring> FireAsync(ThresholdCrossing crossing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(crossing);
        var row = await rules.ReadAsync(crossing.OrgId, crossing.WalletId, cancellationToken);
        if (row is not { Rule.Enabled: true } || crossing.AvailableAfter > row.Rule.Threshold)
        {
            return new AutoTopUpFiring(AutoTopUpFiring.NotArmed, Detail: row is null ? "no rule" : row.Rule.Enabled ? "the rule's threshold changed" : "the rule is disabled");
        }

        var attemptId = Ids.DerivedAt("topup", crossing.At, crossing.WalletId, row.Rule.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), crossing.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await StartInSlotAsync(crossing.OrgId, crossing.WalletId, attemptId, TriggerSource.AutoTopup, null, crossing.AvailableAfter, cancellationToken);
    }

    /// <summary>
    /// Fires the crossings recorded before <paramref name="recordedBy"/> that no firer handled (its process stopped between
    /// the commit and the firing), then clears them. A recorded crossing is a candidate, not a fact (its commit may have
    /// failed), so it fires only when the wallet is at or below the rule's threshold now; its attempt id is the one the
    /// live firer would have used, so a crossing that was in fact handled makes nothing twice. Returns what each led to.
    /// </summary>
    public async Task<IReadOnlyList<AutoTopUpFiring>> ReplayCrossingsAsync(DateTimeOffset recordedBy, int max, CancellationToken cancellationToken)
    {
        var results = new List<AutoTopUpFiring>();
        if (signals.Pending is not { } pending)
        {
            return results;
        }

        foreach (var crossing in await pending.DueAsync(recordedBy, max, cancellationToken))
        {
            var firing = await ArmedWalletAsync(crossing.OrgId, crossing.WalletId, cancellationToken) is { } wallet
                ? await FireAsync(crossing with { AvailableAfter = wallet.Head.Available }, cancellationToken)
                : NotArmedNow;
            LogFiring(logger, crossing.WalletId, crossing.Sequence, firing.Kind, firing.Attempt?.Id, firing.Detail);
            await pending.ClearAsync(crossing, cancellationToken);
            results.Add(firing);
        }

        return results;
    }

    /// <summary>
    /// The sweeper's replay of a failed auto top-up: a new attempt (<c>sweeper_replay</c>, <c>replayOf</c> the failed one),
    /// whose id derives from the failed attempt, so every sweeper that replays it names the same attempt and it is made
    /// once. It takes the slot and the cap like any auto attempt; nothing fires when the wallet is above its threshold now.
    /// <paramref name="due"/> (when the back-off ended: the same for every sweeper) dates the replay's id, so the log lists
    /// it after the attempt it replays.
    /// </summary>
    public async Task<AutoTopUpFiring> ReplayAsync(string orgId, TopUpAttempt failed, DateTimeOffset due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failed);
        if (await ArmedWalletAsync(orgId, failed.CreditAccountId, cancellationToken) is not { } wallet)
        {
            return NotArmedNow;
        }

        var replayId = Ids.DerivedAt("topup", due, failed.Id, "replay");
        return await StartInSlotAsync(orgId, failed.CreditAccountId, replayId, TriggerSource.SweeperReplay, failed, wallet.Head.Available, cancellationToken);
    }

    private static readonly AutoTopUpFiring NotArmedNow = new(AutoTopUpFiring.NotArmed, Detail: "no enabled rule, or the wallet is above its threshold now");

    /// <summary>
    /// The wallet as stored now, when its rule is enabled and its available balance is at or below the rule's threshold
    /// (what a replay, of a failed attempt or of a recorded crossing, must find before it fires); null otherwise.
    /// </summary>
    private async Task<WalletSnapshot?> ArmedWalletAsync(string orgId, string walletId, CancellationToken cancellationToken)
    {
        var row = await rules.ReadAsync(orgId, walletId, cancellationToken);
        var wallet = await engine.ReadAsync(walletId, cancellationToken);
        return row is { Rule.Enabled: true } && wallet is not null && wallet.Head.Available <= row.Rule.Threshold ? wallet : null;
    }

    /// <summary>
    /// After an auto attempt settled (here, by a webhook, or by the sweeper): frees the wallet's slot if it holds it, and
    /// disables the rule once the run of failures reaches <see cref="TopUpSweeperOptions.DisableAfterFailures"/>.
    /// </summary>
    public async Task AfterSettledAsync(string orgId, TopUpAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (attempt.Status == TopUpStatus.Pending || attempt.TriggerSource == TriggerSource.Manual)
        {
            return;
        }

        await _concurrency.ExecuteAsync(async ct =>
        {
            var row = await rules.ReadAsync(orgId, attempt.CreditAccountId, ct);
            if (row?.PendingAttemptId == attempt.Id)
            {
                await rules.WriteAsync(orgId, row.Rule, null, null, row.ETag, ct);
            }
        }, cancellationToken);

        if (attempt.Status == TopUpStatus.Failed)
        {
            var runtime = await history.RuntimeAsync(orgId, attempt.CustomerId, attempt.CreditCurrencyId, clock.GetUtcNow(), complete: false, cancellationToken);
            if (runtime.ConsecutiveFailures >= options.DisableAfterFailures)
            {
                var reason = $"Disabled after {runtime.ConsecutiveFailures} consecutive failed top-ups (last: attempt {attempt.Id}, {attempt.ErrorCode}: {attempt.ErrorMessage}).";
                if (await ruleService.DisableForAsync(orgId, attempt.CreditAccountId, reason, cancellationToken) is { } disabled)
                {
                    LogDisabled(logger, attempt.CreditAccountId, runtime.ConsecutiveFailures, disabled.DisabledReason ?? reason);
                }
            }
        }
    }

    private async Task<AutoTopUpFiring?> FireLoggedAsync(ThresholdCrossing crossing, CancellationToken cancellationToken)
    {
        try
        {
            var firing = await FireAsync(crossing, cancellationToken);
            LogFiring(logger, crossing.WalletId, crossing.Sequence, firing.Kind, firing.Attempt?.Id, firing.Detail);
            if (signals.Pending is { } pending)
            {
                await pending.ClearAsync(crossing, cancellationToken); // handled: the sweeper need not replay it
            }

            return firing;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The attempt (if recorded) stays pending and holds the slot: the sweeper resumes it.
            LogFireFailed(logger, e, crossing.WalletId, crossing.Sequence);
            return null;
        }
    }

    private async Task<AutoTopUpFiring> StartInSlotAsync(string orgId, string walletId, string attemptId, TriggerSource trigger, TopUpAttempt? replayOf, long balance, CancellationToken cancellationToken)
    {
        var (claimed, rule, holder) = await _concurrency.ExecuteAsync(async ct =>
        {
            var row = await rules.ReadAsync(orgId, walletId, ct);
            if (row is not { Rule.Enabled: true })
            {
                return (false, (AutoTopUpRule?)null, (string?)null);
            }

            if (row.PendingAttemptId is { } held && held != attemptId && await HoldsSlotAsync(orgId, held, row.PendingSince, ct))
            {
                return (false, row.Rule, held);
            }

            if (row.PendingAttemptId != attemptId)
            {
                await rules.WriteAsync(orgId, row.Rule, attemptId, clock.GetUtcNow(), row.ETag, ct);
            }

            return (true, row.Rule, null);
        }, cancellationToken);
        if (!claimed)
        {
            return rule is null
                ? new AutoTopUpFiring(AutoTopUpFiring.NotArmed, Detail: "the rule is disabled")
                : new AutoTopUpFiring(AutoTopUpFiring.Busy, Detail: $"attempt {holder} is pending");
        }

        if ((await attempts.ReadAsync(orgId, attemptId, cancellationToken))?.Attempt is { } earlier)
        {
            await AfterSettledAsync(orgId, earlier, cancellationToken);
            return new AutoTopUpFiring(AutoTopUpFiring.AlreadyHandled, earlier);
        }

        var customer = await customers.FindAsync(orgId, rule!.CustomerId, cancellationToken)
            ?? throw new InvalidDataException($"Auto top-up rule of {walletId} names customer {rule.CustomerId}, which does not exist.");
        var attempt = await DraftAsync(orgId, rule, customer, attemptId, trigger, replayOf, balance, cancellationToken);
        var (stored, _) = await topUps.StartEngineAttemptAsync(orgId, customer, attempt, cancellationToken);
        await AfterSettledAsync(orgId, stored, cancellationToken);
        return new AutoTopUpFiring(stored.Status == TopUpStatus.Skipped ? AutoTopUpFiring.Skipped : AutoTopUpFiring.Fired, stored, stored.SkipReason);
    }

    /// <summary>A slot is held while its attempt is pending, or, if the attempt was never written (a crash right after the claim), until the pending timeout.</summary>
    private async Task<bool> HoldsSlotAsync(string orgId, string attemptId, DateTimeOffset? since, CancellationToken cancellationToken) =>
        (await attempts.ReadAsync(orgId, attemptId, cancellationToken))?.Attempt is { } attempt
            ? attempt.Status == TopUpStatus.Pending
            : since is { } at && clock.GetUtcNow() - at < options.PendingTimeout;

    private async Task<TopUpAttempt> DraftAsync(
        string orgId, AutoTopUpRule rule, Customer customer, string attemptId, TriggerSource trigger, TopUpAttempt? replayOf, long balance, CancellationToken cancellationToken)
    {
        string? skip = null;
        long amount = 0;
        Price price = new(0, rule.ChargeCurrency);
        CalendarDuration? expiresAfter = null;
        if (rule.Mode == AutoTopUpMode.Amount)
        {
            var currency = await catalog.CurrencyAsync(orgId, rule.CreditCurrencyId, cancellationToken);
            var priced = currency is null ? default : TopUpPricing.ChargeFor(currency, rule.TopupAmount ?? 0);
            amount = rule.TopupAmount ?? 0;
            price = priced.Value ?? price;
            skip = priced.IsSuccess && currency is not null ? null : "not_priced: the credit currency no longer sells top-ups by amount.";
        }
        else
        {
            var package = (await packages.ReadAsync(orgId, rule.CreditPackageId!, cancellationToken))?.Package;
            if (package is { Status: CreditPackage.Active })
            {
                (amount, price, expiresAfter) = (package.Credits, package.Price, package.ExpiresAfter);
            }
            else
            {
                skip = $"package_unavailable: credit package {rule.CreditPackageId} is archived or gone.";
            }
        }

        var funding = AutoTopUpRuleService.FundingOf(customer);
        var now = clock.GetUtcNow();
        if (skip is null && (await engine.ReadAsync(rule.CreditAccountId, cancellationToken))?.Head.Status is WalletStatus.Frozen or WalletStatus.Closed)
        {
            skip = "wallet_frozen: the credit account is frozen or closed.";
        }

        if (skip is null && funding is null)
        {
            skip = $"no_payment_method: customer {customer.Id} has no saved payment method to charge.";
        }

        if (skip is null && rule.MonthlyChargeLimit is { } cap)
        {
            var runtime = await history.RuntimeAsync(orgId, rule.CustomerId, rule.CreditCurrencyId, now, complete: false, cancellationToken);
            if (runtime.MonthToDateCharge + price.Amount > cap)
            {
                skip = $"monthly_charge_limit_reached: {runtime.MonthToDateCharge} {price.Currency} charged this month; {price.Amount} more would pass the limit of {cap}.";
            }
        }

        return new TopUpAttempt
        {
            Id = attemptId,
            CustomerId = customer.Id,
            CreditCurrencyId = rule.CreditCurrencyId,
            CreditAccountId = rule.CreditAccountId,
            PackageId = rule.Mode == AutoTopUpMode.Package ? rule.CreditPackageId : null,
            Status = skip is null ? TopUpStatus.Pending : TopUpStatus.Skipped,
            TriggerSource = trigger,
            FundingMethod = funding ?? FundingMethod.Charge,
            Amount = amount,
            ChargeAmount = price,
            ExpiresAfter = expiresAfter,
            SkipReason = skip,
            ReplayOf = replayOf?.Id,
            BalanceAtFire = balance,
            ThresholdAtFire = rule.Threshold,
            CreatedAt = now,
            UpdatedAt = now,
            CompletedAt = skip is null ? null : now,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Auto top-up of wallet {WalletId}, crossing {Sequence}: {Kind} (attempt {AttemptId}) {Detail}")]
    private static partial void LogFiring(ILogger logger, string walletId, long sequence, string kind, string? attemptId, string? detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Auto top-up of wallet {WalletId}, crossing {Sequence} failed; a recorded attempt stays pending for the sweeper")]
    private static partial void LogFireFailed(ILogger logger, Exception exception, string walletId, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Auto top-up rule of wallet {WalletId} disabled after {Failures} consecutive failures: {Reason}")]
    private static partial void LogDisabled(ILogger logger, string walletId, int failures, string reason);
}
