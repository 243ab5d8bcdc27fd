using Microsoft.Extensions.Logging;
using UnitPay.Core.Billing;
using UnitPay.Core.Catalog;
using UnitPay.Core.Customers;
using UnitPay.Core.Faults;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Money;
using UnitPay.Core.Payments;
using UnitPay.Core.Plans;
using UnitPay.Core.Results;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.TopUps;

/// <summary>Settling an attempt: choosing how it is funded, recording it, and taking it as far as it can go now.</summary>
public sealed partial class TopUpService
{
    /// <summary>
    /// Takes a pending attempt as far as it can go now: charges it again with its own idempotency key (the provider
    /// answers the charge it made, if it made one) and grants on success, or answers the form it waits for. A settled
    /// attempt answers as it was settled. A retried call with the same idempotency key comes here; so will the sweeper.
    /// </summary>
    public async Task<Outcome<TopUpSettlement>> ResumeAsync(string orgId, string attemptId, CancellationToken cancellationToken)
    {
        var read = await attempts.ReadAsync(orgId, attemptId, cancellationToken);
        if (read is null)
        {
            return Failure.NotFound("Top-up attempt " + attemptId);
        }

        var customer = await customers.FindAsync(orgId, read.Value.Attempt.CustomerId, cancellationToken)
            ?? throw new InvalidDataException($"Top-up attempt {attemptId} names customer {read.Value.Attempt.CustomerId}, which does not exist.");
        return await ProceedAsync(orgId, customer, read.Value.Attempt, cancellationToken);
    }

    private async Task<Outcome<TopUpSettlement>> SettleAsync(
        string orgId,
        Customer customer,
        CreditCurrency currency,
        long amount,
        Price price,
        string? packageId,
        CalendarDuration? expiresAfter,
        bool forceForm,
        string? requestKey,
        CancellationToken cancellationToken)
    {
        var walletId = WalletDirectory.WalletIdFor(orgId, customer.Id, currency.Id);
        var wallet = await engine.ReadAsync(walletId, cancellationToken);
        switch (wallet?.Head.Status)
        {
            case WalletStatus.Frozen:
                return new Failure(FailureCodes.WalletFrozen, $"Credit account {walletId} is frozen: unfreeze it before topping it up.");
            case WalletStatus.Closed:
                return new Failure(FailureCodes.Conflict, $"Credit account {walletId} is closed.");
        }

        FundingMethod funding;
        if (customer.CollectionMethod == Customer.SendInvoice)
        {
            funding = FundingMethod.Invoice;
        }
        else if (forceForm && price.Amount > 0)
        {
            funding = FundingMethod.Form;
        }
        else if (customer.DefaultPaymentMethodId is not null || price.Amount == 0)
        {
            funding = FundingMethod.Charge;
        }
        else
        {
            return new Failure(
                FailureCodes.TopupRequiresPaymentMethod,
                $"Customer {customer.Id} has no saved payment method: save one (POST /v1/customers/{customer.Id}/payment-methods/setup), or send forceForm: true to pay in a form. Nothing was charged or granted.");
        }

        var now = clock.GetUtcNow();
        var attempt = new TopUpAttempt
        {
            Id = Ids.New("topup", clock),
            CustomerId = customer.Id,
            CreditCurrencyId = currency.Id,
            CreditAccountId = walletId,
            PackageId = packageId,
            Status = TopUpStatus.Pending,
            TriggerSource = TriggerSource.Manual,
            FundingMethod = funding,
            Amount = amount,
            ChargeAmount = price,
            ExpiresAfter = expiresAfter,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var (stored, created) = await attempts.CreateAsync(orgId, attempt, requestKey is null ? null : orgId + "|" + requestKey, cancellationToken);
        if (!created && (stored.CustomerId != attempt.CustomerId || stored.CreditCurrencyId != attempt.CreditCurrencyId || stored.Amount != attempt.Amount || stored.PackageId != attempt.PackageId))
        {
            return new Failure(FailureCodes.IdempotencyKeyReused, $"This idempotency key started top-up attempt {stored.Id} for another purchase.");
        }

        return await ProceedAsync(orgId, customer, stored, cancellationToken);
    }

    private async Task<Outcome<TopUpSettlement>> ProceedAsync(string orgId, Customer customer, TopUpAttempt attempt, CancellationToken cancellationToken)
    {
        switch (attempt.Status)
        {
            case TopUpStatus.Failed:
                return Declined(attempt);
            case TopUpStatus.Skipped:
                return new Failure(FailureCodes.Conflict, $"Top-up attempt {attempt.Id} was skipped: {attempt.SkipReason}");
            case TopUpStatus.Succeeded when attempt.FundingMethod != FundingMethod.Invoice:
                return new TopUpSettlement(attempt.FundingMethod == FundingMethod.Form ? TopUpSettlement.RequiresForm : TopUpSettlement.ChargedInline, attempt);
        }

        switch (attempt.FundingMethod)
        {
            case FundingMethod.Invoice:
                // Billed before it is credited: the line (its id derived from the attempt, added once) comes first.
                var line = await invoices.AddAsync(orgId, InvoiceLineFor(attempt), cancellationToken);
                var invoiced = await CompleteAsync(orgId, attempt.Id, null, a => a with { InvoiceId = line.Id }, cancellationToken);
                return new TopUpSettlement(TopUpSettlement.InvoiceAdded, invoiced.Attempt, line);
            case FundingMethod.Form:
                return await StartFormAsync(orgId, customer, attempt, cancellationToken);
            default:
                return await ChargeAsync(orgId, customer, attempt, cancellationToken);
        }
    }

    private async Task<Outcome<TopUpSettlement>> ChargeAsync(string orgId, Customer customer, TopUpAttempt attempt, CancellationToken cancellationToken)
    {
        if (attempt.ChargeAmount.Amount == 0)
        {
            return new TopUpSettlement(TopUpSettlement.ChargedInline, (await CompleteAsync(orgId, attempt.Id, null, null, cancellationToken)).Attempt);
        }

        if (attempt.ClientSecret is not null && attempt.PaymentId is not null)
        {
            // The charge asked the customer to act (authentication): it waits for the form, not for another charge.
            return new TopUpSettlement(TopUpSettlement.RequiresForm, attempt, Client: new PaymentClient(provider.Name, attempt.ClientSecret, attempt.PaymentId));
        }

        if (customer.DefaultPaymentMethodId is not { } paymentMethod)
        {
            return new Failure(FailureCodes.TopupRequiresPaymentMethod, $"Customer {customer.Id} has no saved payment method any more; top-up attempt {attempt.Id} was not charged.");
        }

        var providerCustomer = await payments.EnsureProviderCustomerAsync(orgId, customer, cancellationToken);
        ChargeResult result;
        try
        {
            result = await provider.ChargeOffSessionAsync(ChargeFor(orgId, attempt, providerCustomer, paymentMethod), cancellationToken);
        }
        catch (PaymentProviderUnavailableException e)
        {
            LogProviderUnavailable(logger, e, attempt.Id);
            return new Failure(
                FailureCodes.PaymentProviderUnavailable,
                $"The payment provider did not answer for top-up attempt {attempt.Id}. It stays pending: retry with the same Idempotency-Key (it will not be charged twice), or wait for the provider's confirmation.");
        }

        switch (result.Status)
        {
            case ChargeStatus.Succeeded:
                faults?.Hit(FaultPoint.AfterChargeBeforeGrant);
                var done = await CompleteAsync(orgId, attempt.Id, result.PaymentId, null, cancellationToken);
                return new TopUpSettlement(TopUpSettlement.ChargedInline, done.Attempt);
            case ChargeStatus.Failed:
                var failed = await FailAsync(orgId, attempt.Id, result.PaymentId, result.ErrorCode, result.ErrorMessage, cancellationToken);
                return Declined(failed);
            case ChargeStatus.RequiresAction when result.ClientSecret is not null && result.PaymentId is not null:
                var waiting = await UpdateAsync(orgId, attempt.Id, a => a.Status != TopUpStatus.Pending ? null : a with { PaymentId = result.PaymentId, ClientSecret = result.ClientSecret, UpdatedAt = clock.GetUtcNow() }, cancellationToken);
                return new TopUpSettlement(TopUpSettlement.RequiresForm, waiting, Client: new PaymentClient(provider.Name, result.ClientSecret, result.PaymentId));
            default:
                // Processing: the provider's webhook completes it.
                var processing = await UpdateAsync(orgId, attempt.Id, a => a.Status != TopUpStatus.Pending ? null : a with { PaymentId = result.PaymentId, UpdatedAt = clock.GetUtcNow() }, cancellationToken);
                return new TopUpSettlement(TopUpSettlement.ChargedInline, processing);
        }
    }

    private async Task<Outcome<TopUpSettlement>> StartFormAsync(string orgId, Customer customer, TopUpAttempt attempt, CancellationToken cancellationToken)
    {
        if (attempt.ClientSecret is null || attempt.PaymentId is null)
        {
            var providerCustomer = await payments.EnsureProviderCustomerAsync(orgId, customer, cancellationToken);
            var form = await provider.StartPaymentFormAsync(ChargeFor(orgId, attempt, providerCustomer, null), cancellationToken);
            attempt = await UpdateAsync(orgId, attempt.Id, a => a.ClientSecret is not null ? null : a with { PaymentId = form.IntentId, ClientSecret = form.ClientSecret, UpdatedAt = clock.GetUtcNow() }, cancellationToken);
        }

        return new TopUpSettlement(TopUpSettlement.RequiresForm, attempt, Client: new PaymentClient(provider.Name, attempt.ClientSecret!, attempt.PaymentId!));
    }

    private static ChargeRequest ChargeFor(string orgId, TopUpAttempt attempt, string providerCustomer, string? paymentMethod) => new()
    {
        IdempotencyKey = attempt.Id,
        Amount = attempt.ChargeAmount.Amount,
        Currency = attempt.ChargeAmount.Currency,
        ProviderCustomerId = providerCustomer,
        PaymentMethodId = paymentMethod,
        Description = attempt.IsPackagePurchase ? $"Credit package {attempt.PackageId}" : $"Top-up of {attempt.Amount} credits",
        Metadata = PaymentMetadata.For(orgId, PaymentMetadata.TopUpPurpose, attempt.Id, attempt.CustomerId, savePaymentMethod: paymentMethod is null),
    };

    private InvoiceLine InvoiceLineFor(TopUpAttempt attempt) => new()
    {
        Id = InvoiceLineStore.IdFor(attempt.Id),
        CustomerId = attempt.CustomerId,
        SourceRef = attempt.Id,
        Description = attempt.IsPackagePurchase ? $"Credit package {attempt.PackageId}" : $"Top-up: {attempt.Amount} credits",
        Amount = attempt.ChargeAmount.Amount,
        Currency = attempt.ChargeAmount.Currency,
        CreditCurrencyId = attempt.CreditCurrencyId,
        Credits = attempt.Amount,
        CreatedAt = clock.GetUtcNow(),
    };

    private static Failure Declined(TopUpAttempt attempt) => new(
        FailureCodes.PaymentFailed,
        $"The payment for top-up attempt {attempt.Id} failed ({attempt.ErrorCode}: {attempt.ErrorMessage}). No credits were granted.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Top-up attempt {AttemptId}: the payment provider did not answer; the attempt stays pending")]
    private static partial void LogProviderUnavailable(ILogger logger, Exception exception, string attemptId);
}
