using Azure;
using UnitPay.Core.Catalog;
using UnitPay.Core.Customers;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Money;
using UnitPay.Core.Packages;
using UnitPay.Core.Results;
using UnitPay.Core.Storage;
using UnitPay.Core.TopUps;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.AutoTopUp;

/// <summary>
/// Auto top-up rules: <c>PUT</c> and <c>DELETE /v1/customers/{id}/auto-topup-rules/{creditCurrencyId}</c>, and the auto
/// top-up part of wallet views. The rule row is the truth; its threshold is also cached on the wallet head (one
/// ETag-guarded wallet transaction after the rule is written), which is what lets every wallet commit see a crossing for free.
/// </summary>
public sealed class AutoTopUpRuleService(
    AutoTopUpRuleStore rules,
    CatalogReader catalog,
    CustomerStore customers,
    CreditPackageStore packages,
    WalletDirectory directory,
    WalletEngine engine,
    AutoTopUpHistory history,
    TopUpOptions options,
    TimeProvider clock)
{
    private readonly Polly.ResiliencePipeline _concurrency = StorageResilience.OptimisticConcurrency(clock, maxAttempts: 10);

    /// <summary>
    /// Creates or replaces the rule (the wallet is created if missing). A body with only <c>enabled</c> switches an
    /// existing rule off or on and keeps the rest. 400 VALIDATION_FAILED (every bad field named); 404 customer, currency,
    /// package, or (enabled only) rule; 422 AUTO_TOPUP_MODE_MISMATCH naming the mode that fits, CURRENCY_MISMATCH (a
    /// package of another currency), TOPUP_NOT_PRICED; 409 CONFLICT (archived package, closed wallet).
    /// </summary>
    public async Task<Outcome<AutoTopUpRule>> PutAsync(string orgId, string customerId, string creditCurrencyId, AutoTopUpRuleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var customer = await catalog.CustomerAsync(orgId, customerId, cancellationToken);
        if (customer is null)
        {
            return Failure.NotFound("Customer " + customerId);
        }

        var currency = await catalog.CurrencyAsync(orgId, creditCurrencyId, cancellationToken);
        if (currency is null)
        {
            return Failure.NotFound("Credit currency " + creditCurrencyId);
        }

        if (request is { Enabled: { } only, Mode: null, Threshold: null, TopupAmount: null, CreditPackageId: null, MonthlyChargeLimit: null })
        {
            return await SetEnabledAsync(orgId, WalletDirectory.WalletIdFor(orgId, customer.Id, currency.Id), only, null, cancellationToken);
        }

        var draft = await ValidateAsync(orgId, currency, request, cancellationToken);
        if (!draft.IsSuccess)
        {
            return draft.Failure!;
        }

        var walletId = await directory.EnsureAsync(orgId, customer.Id, currency.Id, cancellationToken);
        if ((await engine.ReadAsync(walletId, cancellationToken))?.Head.Status == WalletStatus.Closed)
        {
            return new Failure(FailureCodes.Conflict, $"Credit account {walletId} is closed.");
        }

        var (mode, threshold, amount, packageId, limit, chargeCurrency) = draft.Value;
        var rule = await _concurrency.ExecuteAsync(async ct =>
        {
            var existing = await rules.ReadAsync(orgId, walletId, ct);
            var now = clock.GetUtcNow();
            var next = new AutoTopUpRule
            {
                CustomerId = customer.Id,
                CreditCurrencyId = currency.Id,
                CreditAccountId = walletId,
                Mode = mode,
                Threshold = threshold,
                TopupAmount = amount,
                CreditPackageId = packageId,
                MonthlyChargeLimit = limit,
                ChargeCurrency = chargeCurrency,
                Enabled = request.Enabled ?? true,
                Version = (existing?.Rule.Version ?? 0) + 1,
                CreatedAt = existing?.Rule.CreatedAt ?? now,
                UpdatedAt = now,
            };
            await rules.WriteAsync(orgId, next, existing?.PendingAttemptId, existing?.PendingSince, existing?.ETag ?? default, ct);
            return next;
        }, cancellationToken);
        await CacheThresholdAsync(rule, cancellationToken);
        return rule;
    }

    /// <summary><c>DELETE</c>: disables the rule and keeps its fields (a re-enable pre-fills). 404 when there is none.</summary>
    public async Task<Outcome<AutoTopUpRule>> DisableAsync(string orgId, string customerId, string creditCurrencyId, CancellationToken cancellationToken)
    {
        var customer = await catalog.CustomerAsync(orgId, customerId, cancellationToken);
        return customer is null
            ? Failure.NotFound("Customer " + customerId)
            : await SetEnabledAsync(orgId, WalletDirectory.WalletIdFor(orgId, customer.Id, creditCurrencyId), false, null, cancellationToken);
    }

    /// <summary>The rule of the customer's wallet in <paramref name="creditCurrencyId"/>; 404 when none was ever set.</summary>
    public async Task<Outcome<AutoTopUpRule>> GetAsync(string orgId, string customerId, string creditCurrencyId, CancellationToken cancellationToken)
    {
        var customer = await catalog.CustomerAsync(orgId, customerId, cancellationToken);
        var row = customer is null ? null : await rules.ReadAsync(orgId, WalletDirectory.WalletIdFor(orgId, customer.Id, creditCurrencyId), cancellationToken);
        return row is null ? Failure.NotFound($"An auto top-up rule of customer {customerId} in {creditCurrencyId}") : row.Rule;
    }

    /// <summary>
    /// Disables a rule on the engine's behalf (the sweeper, after consecutive failures), recording <paramref name="reason"/>.
    /// Returns the rule as it stands, or null when there is none.
    /// </summary>
    public async Task<AutoTopUpRule?> DisableForAsync(string orgId, string walletId, string reason, CancellationToken cancellationToken)
    {
        var outcome = await SetEnabledAsync(orgId, walletId, false, reason, cancellationToken);
        return outcome.Value;
    }

    /// <summary>
    /// The wallet view's <c>autoTopup</c>, <c>autoTopupRuntime</c> and <c>effectiveFundingMethod</c>. The runtime reads the
    /// wallet's auto attempts in the attempt log (a filtered read of the organization's partition).
    /// </summary>
    public async Task<AutoTopUpWalletState> WalletStateAsync(WalletHead head, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(head);
        var row = await rules.ReadAsync(head.OrgId, head.WalletId, cancellationToken);
        var customer = await customers.FindAsync(head.OrgId, head.CustomerId, cancellationToken);
        var runtime = row is null ? null : await history.RuntimeAsync(head.OrgId, head.CustomerId, head.CurrencyId, clock.GetUtcNow(), complete: true, cancellationToken);
        return new AutoTopUpWalletState(row?.Rule, runtime is null ? null : runtime with { ChargeCurrency = runtime.ChargeCurrency ?? row!.Rule.ChargeCurrency }, FundingOf(customer));
    }

    /// <summary>How an automatic top-up of <paramref name="customer"/> is paid now, or null when it cannot be (no saved payment method).</summary>
    public static FundingMethod? FundingOf(Customer? customer) => customer switch
    {
        null => null,
        { CollectionMethod: Customer.SendInvoice } => FundingMethod.Invoice,
        { DefaultPaymentMethodId: not null } => FundingMethod.Charge,
        _ => null,
    };

    private async Task<Outcome<AutoTopUpRule>> SetEnabledAsync(string orgId, string walletId, bool enabled, string? reason, CancellationToken cancellationToken)
    {
        var rule = await _concurrency.ExecuteAsync(async ct =>
        {
            var row = await rules.ReadAsync(orgId, walletId, ct);
            if (row is null)
            {
                return null;
            }

            if (row.Rule.Enabled == enabled && (enabled || row.Rule.DisabledReason == reason || reason is null))
            {
                return row.Rule;
            }

            var now = clock.GetUtcNow();
            var next = row.Rule with
            {
                Enabled = enabled,
                DisabledReason = enabled ? null : reason,
                DisabledAt = enabled ? null : now,
                Version = row.Rule.Version + 1,
                UpdatedAt = now,
            };
            await rules.WriteAsync(orgId, next, row.PendingAttemptId, row.PendingSince, row.ETag, ct);
            return next;
        }, cancellationToken);
        if (rule is null)
        {
            return Failure.NotFound("An auto top-up rule of credit account " + walletId);
        }

        await CacheThresholdAsync(rule, cancellationToken);
        return rule;
    }

    /// <summary>The wallet head's copy of the threshold follows the rule (written after it: a crossing seen early reads the rule and finds it off).</summary>
    private async Task CacheThresholdAsync(AutoTopUpRule rule, CancellationToken cancellationToken) =>
        await engine.MutateAsync(rule.CreditAccountId, (session, at) =>
        {
            session.SetAutoTopUpThreshold(rule.Enabled ? rule.Threshold : null, at);
            return true;
        }, cancellationToken);

    private async Task<Outcome<(AutoTopUpMode Mode, long Threshold, long? Amount, string? PackageId, long? Limit, string ChargeCurrency)>> ValidateAsync(
        string orgId, CreditCurrency currency, AutoTopUpRuleRequest request, CancellationToken cancellationToken)
    {
        var denomination = Denomination.TryParse(currency.Denomination, out var d) ? d : Denomination.Unit;
        var fitting = denomination.IsUnit ? AutoTopUpMode.Package : AutoTopUpMode.Amount;
        var errors = new ValidationErrors();
        AutoTopUpMode? mode = request.Mode switch
        {
            "package" => AutoTopUpMode.Package,
            "amount" => AutoTopUpMode.Amount,
            _ => null,
        };
        if (mode is null)
        {
            errors.Add("mode", $"mode is required: 'package' (unit wallets) or 'amount' (fiat wallets); this wallet takes '{TopUpAttemptStore.Wire(fitting)}'.");
        }
        else if (mode != fitting)
        {
            return new Failure(
                FailureCodes.AutoTopupModeMismatch,
                $"Credit currency {currency.Id} is denominated in '{currency.Denomination}': its auto top-up rule takes mode '{TopUpAttemptStore.Wire(fitting)}', not '{request.Mode}'.");
        }

        if (request.Threshold is not { } threshold || threshold < 0 || threshold > AmountLimits.MaxBalance)
        {
            errors.Add("threshold", $"threshold is required: an integer of minor units of the wallet's denomination, 0 to {AmountLimits.MaxBalance}.");
        }

        if (fitting == AutoTopUpMode.Amount)
        {
            if (request.TopupAmount is not { } amount || amount <= 0 || amount > options.MaxAmount)
            {
                errors.Add("topupAmount", $"topupAmount is required for mode 'amount': a positive integer of minor units, at most {options.MaxAmount}.");
            }

            if (request.CreditPackageId is not null)
            {
                errors.Add("creditPackageId", "creditPackageId applies to mode 'package' only.");
            }
        }
        else
        {
            if (string.IsNullOrWhiteSpace(request.CreditPackageId))
            {
                errors.Add("creditPackageId", "creditPackageId is required for mode 'package'.");
            }

            if (request.TopupAmount is not null)
            {
                errors.Add("topupAmount", "topupAmount applies to mode 'amount' only: a package fixes its credits.");
            }
        }

        if (request.MonthlyChargeLimit is { } cap && (cap <= 0 || cap > Price.MaxAmount))
        {
            errors.Add("monthlyChargeLimit", $"monthlyChargeLimit must be a positive integer of minor units of the charge currency, at most {Price.MaxAmount}.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToFailure();
        }

        Price price;
        if (fitting == AutoTopUpMode.Amount)
        {
            var priced = TopUpPricing.ChargeFor(currency, request.TopupAmount!.Value);
            if (!priced.IsSuccess)
            {
                return priced.Failure!;
            }

            price = priced.Value!;
        }
        else
        {
            var package = Ids.HasPrefix(request.CreditPackageId, "cpkg") ? (await packages.ReadAsync(orgId, request.CreditPackageId!, cancellationToken))?.Package : null;
            if (package is null)
            {
                return Failure.NotFound("Credit package " + request.CreditPackageId);
            }

            if (package.Status != CreditPackage.Active)
            {
                return new Failure(FailureCodes.Conflict, $"Credit package {package.Id} is archived and sells no more.");
            }

            if (package.CreditCurrencyId != currency.Id)
            {
                return new Failure(FailureCodes.CurrencyMismatch, $"Credit package {package.Id} sells credits of {package.CreditCurrencyId}, not of {currency.Id}.");
            }

            price = package.Price;
        }

        if (request.MonthlyChargeLimit is { } limit && limit < price.Amount)
        {
            return Failure.Validation("monthlyChargeLimit", $"monthlyChargeLimit ({limit}) is below the price of one top-up ({price.Amount} {price.Currency}): no top-up could ever fire.");
        }

        return (fitting, request.Threshold!.Value, request.TopupAmount, request.CreditPackageId, request.MonthlyChargeLimit, price.Currency);
    }
}
