using Microsoft.Extensions.Logging;
using UnitPay.Core.Billing;
using UnitPay.Core.Catalog;
using UnitPay.Core.Customers;
using UnitPay.Core.Faults;
using UnitPay.Core.Grants;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Money;
using UnitPay.Core.Packages;
using UnitPay.Core.Payments;
using UnitPay.Core.Plans;
using UnitPay.Core.Results;
using UnitPay.Core.Storage;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.TopUps;

/// <summary>
/// Money in: top-ups by amount and credit package purchases, settled the customer's way (see <see cref="TopUpSettlement"/>).
/// <para>
/// Never twice. Each attempt is a row of the attempt log whose id is the provider's idempotency key (one charge at the
/// provider, however often it is sent) and the key of its grant in the wallet (<see cref="TopUpGrantIds"/>): the grant is
/// inserted in the wallet's own ETag-guarded transaction, so a second insert (a webhook delivered again, a retried call,
/// a completion after a crash between charge and grant) is refused by the store and reads as "already applied".
/// Credits are granted before the attempt is marked <c>succeeded</c>, so a crash in between leaves a pending attempt
/// whose completion finds the grant made.
/// </para>
/// </summary>
public sealed partial class TopUpService(
    CustomerStore customers,
    CatalogReader catalog,
    CreditPackageStore packages,
    TopUpAttemptStore attempts,
    WalletDirectory directory,
    WalletEngine engine,
    ExpirySweeper expiries,
    InvoiceLineStore invoices,
    IPaymentProvider provider,
    CustomerPaymentService payments,
    TopUpOptions options,
    TimeProvider clock,
    ILogger<TopUpService> logger,
    IFaultInjector? faults = null)
{
    public const int MaxPageSize = 100;

    private readonly Polly.ResiliencePipeline _concurrency = StorageResilience.OptimisticConcurrency(clock, maxAttempts: 10);

    /// <summary>
    /// <c>POST /v1/top-ups</c>. 400 VALIDATION_FAILED (amount &lt;= 0 or over the maximum); 404 customer or currency;
    /// 422 CURRENCY_MISMATCH, TOPUP_NOT_PRICED; 409 WALLET_FROZEN; 402 TOPUP_REQUIRES_PM, PAYMENT_FAILED;
    /// 503 PAYMENT_PROVIDER_UNAVAILABLE (the attempt stays pending: retry with the same idempotency key).
    /// </summary>
    public async Task<Outcome<TopUpSettlement>> TopUpAsync(string orgId, TopUpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        Require(request.CustomerId, "customerId", "customerId is required (a cus_ id or your externalId).", errors);
        Require(request.CreditCurrencyId, "creditCurrencyId", "creditCurrencyId is required.", errors);
        if (request.Amount is not { } amount || amount <= 0 || amount > options.MaxAmount)
        {
            errors.Add("amount", $"amount is required: a positive integer of minor units of the wallet's denomination, at most {options.MaxAmount}.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToFailure();
        }

        var customer = await customers.FindAsync(orgId, request.CustomerId!, cancellationToken);
        if (customer is null)
        {
            return Failure.NotFound("Customer " + request.CustomerId);
        }

        var currency = await catalog.CurrencyAsync(orgId, request.CreditCurrencyId!, cancellationToken);
        if (currency is null)
        {
            return Failure.NotFound("Credit currency " + request.CreditCurrencyId);
        }

        if (request.Currency is { } meant && !(Denomination.TryParse(meant, out var d) && d.Code == currency.Denomination))
        {
            return new Failure(FailureCodes.CurrencyMismatch, $"The amount is in '{meant}', but credit currency {currency.Id} is denominated in '{currency.Denomination}'.");
        }

        var price = TopUpPricing.ChargeFor(currency, request.Amount!.Value);
        if (!price.IsSuccess)
        {
            return price.Failure!;
        }

        return await SettleAsync(orgId, customer, currency, request.Amount.Value, price.Value!, null, null, request.ForceForm, request.IdempotencyKey, cancellationToken);
    }

    /// <summary>
    /// <c>POST /v1/credit-packages/{id}/purchase</c>: the package's credits at its price (priority 50, ledger reason
    /// PACKAGE_PURCHASE, expiring after the package's expiresAfter). 404 unknown package; 409 CONFLICT archived; the rest
    /// as <see cref="TopUpAsync"/>.
    /// </summary>
    public async Task<Outcome<TopUpSettlement>> PurchasePackageAsync(string orgId, PackagePurchaseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        Require(request.PackageId, "packageId", "packageId is required.", errors);
        Require(request.CustomerId, "customerId", "customerId is required (a cus_ id or your externalId).", errors);
        if (!errors.IsEmpty)
        {
            return errors.ToFailure();
        }

        var package = Ids.HasPrefix(request.PackageId, "cpkg") ? (await packages.ReadAsync(orgId, request.PackageId!, cancellationToken))?.Package : null;
        if (package is null)
        {
            return Failure.NotFound("Credit package " + request.PackageId);
        }

        if (package.Status != CreditPackage.Active)
        {
            return new Failure(FailureCodes.Conflict, $"Credit package {package.Id} is archived and sells no more.");
        }

        if (request.CreditCurrencyId is { } wallet && wallet != package.CreditCurrencyId)
        {
            return new Failure(FailureCodes.CurrencyMismatch, $"Credit package {package.Id} sells credits of {package.CreditCurrencyId}, not of {wallet}.");
        }

        var customer = await customers.FindAsync(orgId, request.CustomerId!, cancellationToken);
        if (customer is null)
        {
            return Failure.NotFound("Customer " + request.CustomerId);
        }

        var currency = await catalog.CurrencyAsync(orgId, package.CreditCurrencyId, cancellationToken)
            ?? throw new InvalidDataException($"Credit package {package.Id} names credit currency {package.CreditCurrencyId}, which does not exist.");
        return await SettleAsync(orgId, customer, currency, package.Credits, package.Price, package.Id, package.ExpiresAfter, request.ForceForm, request.IdempotencyKey, cancellationToken);
    }

    /// <summary><c>GET /v1/top-up-attempts/{id}</c>; null (404) when unknown.</summary>
    public async Task<TopUpAttempt?> GetAttemptAsync(string orgId, string attemptId, CancellationToken cancellationToken) =>
        (await attempts.ReadAsync(orgId, attemptId, cancellationToken))?.Attempt;

    /// <summary><c>GET /v1/top-up-attempts</c>: newest first, filtered, limit 1 to 100; 400 for a bad filter or cursor.</summary>
    public async Task<Outcome<TopUpAttemptPage>> ListAttemptsAsync(string orgId, TopUpAttemptQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new ValidationErrors();
        TopUpStatus? status = null;
        if (query.Status is { } s)
        {
            status = Enum.GetValues<TopUpStatus>().FirstOrDefault(v => TopUpAttemptStore.Wire(v) == s);
            if (TopUpAttemptStore.Wire(status.Value) != s)
            {
                errors.Add("status", "status must be pending, succeeded, failed or skipped.");
            }
        }

        TriggerSource? trigger = null;
        if (query.TriggerSource is { } t)
        {
            trigger = Enum.GetValues<TriggerSource>().FirstOrDefault(v => TopUpAttemptStore.Wire(v) == t);
            if (TopUpAttemptStore.Wire(trigger.Value) != t)
            {
                errors.Add("triggerSource", "triggerSource must be manual, auto_topup or sweeper_replay.");
            }
        }

        string? after = null;
        if (query.Cursor is { } cursor)
        {
            after = TopUpAttemptStore.RowKeyOf(cursor);
            if (after is null)
            {
                errors.Add("cursor", "cursor is not one this API issued.");
            }
        }

        if (!errors.IsEmpty)
        {
            return errors.ToFailure();
        }

        string? customerId = null;
        if (query.CustomerId is { } requested)
        {
            // An unknown customer has no attempts; an external id is resolved to the customer's id.
            customerId = (await catalog.CustomerAsync(orgId, requested, cancellationToken))?.Id ?? requested;
        }

        var (page, next) = await attempts.ListAsync(orgId, customerId, query.CurrencyId, status, trigger, after, Math.Clamp(query.Limit, 1, MaxPageSize), cancellationToken);
        return new TopUpAttemptPage(page, next is null ? null : page[^1].Id);
    }

    private static void Require(string? value, string field, string message, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, message);
        }
    }
}
