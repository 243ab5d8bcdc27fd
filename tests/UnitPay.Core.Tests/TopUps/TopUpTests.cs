using UnitPay.Core.Customers;
using UnitPay.Core.Faults;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Money;
using UnitPay.Core.Payments;
using UnitPay.Core.Payments.Sandbox;
using UnitPay.Core.Results;
using UnitPay.Core.TopUps;
using UnitPay.Core.Wallets;
using UnitPay.Testing;
using static UnitPay.Core.Tests.TopUps.MoneyWorld;

namespace UnitPay.Core.Tests.TopUps;

/// <summary>Top-ups by amount through the sandbox provider, on Azurite: each outcome, and "never twice" under redelivery, retries and crashes.</summary>
public sealed class TopUpTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_saved_card_that_succeeds_is_charged_inline_and_granted_once_with_reason_TOPUP()
    {
        var world = await StartAsync();
        var usd = await world.CurrencyAsync("usd");
        var ada = await world.CustomerAsync();

        var settled = await Ok(world.TopUps.TopUpAsync(Org, new TopUpRequest { CustomerId = ada.Id, CreditCurrencyId = usd.Id, Amount = 2500 }, None));

        Assert.Equal(TopUpSettlement.ChargedInline, settled.Kind);
        Assert.Equal((TopUpStatus.Succeeded, FundingMethod.Charge, TriggerSource.Manual), (settled.TopUp.Status, settled.TopUp.FundingMethod, settled.TopUp.TriggerSource));
        Assert.Equal(new Price(2500, "usd"), settled.TopUp.ChargeAmount);
        var charge = Assert.Single(await world.Sandbox.ListChargesAsync(None));
        Assert.Equal((settled.TopUp.Id, 2500L, "usd", "succeeded"), (charge.IdempotencyKey, charge.Amount, charge.Currency, charge.Status));
        Assert.Equal(charge.Id, settled.TopUp.PaymentId);

        // The provider's confirmation arrives afterwards through the webhook path: applied already, nothing more.
        Assert.Equal(1, await world.DeliverWebhooksAsync());
        var wallet = await world.RecordAsync(ada, usd);
        Assert.Equal(2500, wallet.Head.Balance);
        var grant = Assert.Single(wallet.Grants);
        Assert.Equal((GrantSource.Topup, 50, (DateTimeOffset?)null, settled.TopUp.Id), (grant.Source, grant.Priority, grant.ExpiresAt, grant.SourceRef));
        var entry = Assert.Single(wallet.Ledger);
        Assert.Equal((LedgerEntryType.Credit, LedgerReason.Topup, 2500L), (entry.Type, entry.Reason, entry.Amount));
        await world.AssertAuditedAsync(ada, usd);
    }

    [Fact]
    public async Task A_declined_card_answers_PAYMENT_FAILED_and_grants_nothing()
    {
        var world = await StartAsync();
        var usd = await world.CurrencyAsync("usd");
        var ada = await world.CustomerAsync(paymentMethod: SandboxPaymentMethods.Decline);

        var failure = await Refused(world.TopUps.TopUpAsync(Org, new TopUpRequest { CustomerId = ada.Id, CreditCurrencyId = usd.Id, Amount = 1000 }, None), FailureCodes.PaymentFailed);
        await world.DeliverWebhooksAsync();

        Assert.Contains("card_declined", failure.Message, StringComparison.Ordinal);
        var attempt = Assert.Single((await Ok(world.TopUps.ListAttemptsAsync(Org, new TopUpAttemptQuery(CustomerId: ada.Id), None))).Attempts);
        Assert.Equal((TopUpStatus.Failed, "card_declined"), (attempt.Status, attempt.ErrorCode));
        Assert.Equal(0, await world.BalanceAsync(ada, usd));
    }

    [Fact]
    public async Task A_card_that_requires_action_answers_requires_form_and_is_granted_when_the_provider_confirms()
    {
        var world = await StartAsync();
        var usd = await world.CurrencyAsync("usd");
        var ada = await world.CustomerAsync(paymentMethod: SandboxPaymentMethods.RequiresAction);

        var settled = await Ok(world.TopUps.TopUpAsync(Org, new TopUpRequest { CustomerId = ada.Id, CreditCurrencyId = usd.Id, Amount = 700 }, None));

        Assert.Equal(TopUpSettlement.RequiresForm, settled.Kind);
        Assert.Equal(TopUpStatus.Pending, settled.TopUp.Status);
        Assert.StartsWith(settled.Client!.PaymentId + "_secret_", settled.Client.ClientSecret, StringComparison.Ordinal);
        Assert.Equal(0, await world.BalanceAsync(ada, usd));

        await world.Sandbox.CompletePaymentFormAsync(settled.Client.PaymentId, SandboxPaymentMethods.Success, None);
        Assert.Equal(0, await world.BalanceAsync(ada, usd)); // asynchronous: nothing until the webhook is delivered
        await world.DeliverWebhooksAsync();

        Assert.Equal(700, await world.BalanceAsync(ada, usd));
        Assert.Equal(TopUpStatus.Succeeded, (await world.TopUps.GetAttemptAsync(Org, settled.TopUp.Id, None))!.Status);
        Assert.Single(await world.Sandbox.ListChargesAsync(None));
        await world.AssertAuditedAsync(ada, usd);
    }

    [Fact]
    public async Task A_provider_timeout_leaves_the_attempt_pending_and_a_retry_with_the_same_key_charges_once_and_grants_once()
    {
        var world = await StartAsync();
        var usd = await world.CurrencyAsync("usd");
        var ada = await world.CustomerAsync(paymentMethod: SandboxPaymentMethods.TimeoutOnce);
        var request = new TopUpRequest { CustomerId = ada.Id, CreditCurrencyId = usd.Id, Amount = 900, IdempotencyKey = "req-timeout" };

        await Refused(world.TopUps.TopUpAsync(Org, request, None), FailureCodes.PaymentProviderUnavailable);
        var pending = Assert.Single((await Ok(world.TopUps.ListAttemptsAsync(Org, new TopUpAttemptQuery(Status: "pending"), None))).Attempts);
        Assert.Equal(0, await world.BalanceAsync(ada, usd));

        var retried = await Ok(world.TopUps.TopUpAsync(Org, request, None));
        await world.DeliverWebhooksAsync(); // the charge the timed-out request made confirms too

        Assert.Equal((TopUpSettlement.ChargedInline, pending.Id, TopUpStatus.Succeeded), (retried.Kind, retried.TopUp.Id, retried.TopUp.Status));
        Assert.Single(await world.Sandbox.ListChargesAsync(None));
        Assert.Equal(900, await world.BalanceAsync(ada, usd));
        Assert.Single((await world.RecordAsync(ada, usd)).Grants);
        await world.AssertAuditedAsync(ada, usd);
    }

    [Fact]
    public async Task A_retried_call_with_the_same_key_is_the_same_attempt_one_charge_and_one_grant()
    {
        var world = await StartAsync();
        var usd = await world.CurrencyAsync("usd");
        var ada = await world.CustomerAsync();
        var request = new TopUpRequest { CustomerId = ada.Id, CreditCurrencyId = usd.Id, Amount = 400, IdempotencyKey = "req-1" };

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Ok(world.TopUps.TopUpAsync(Org, request, None))));
        var again = await Ok(world.TopUps.TopUpAsync(Org, request, None));
        await world.DeliverWebhooksAsync();

        Assert.Single(results.Append(again).Select(r => r.TopUp.Id).Distinct());
        Assert.Single(await world.Sandbox.ListChargesAsync(None));
        Assert.Equal(400, await world.BalanceAsync(ada, usd));
        await Refused(world.TopUps.TopUpAsync(Org, request with { Amount = 401 }, None), FailureCodes.IdempotencyKeyReused);
        await world.AssertAuditedAsync(ada, usd);
    }

    [Fact]
    public async Task A_crash_between_the_charge_and_the_grant_is_completed_by_the_webhook_and_the_retry_once()
    {
        var crash = new CrashAfterCharge();
        var world = await StartAsync(wrap: sandbox => crash.Around(sandbox));
        var usd = await world.CurrencyAsync("usd");
        var ada = await world.CustomerAsync();
        var request = new TopUpRequest { CustomerId = ada.Id, CreditCurrencyId = usd.Id, Amount = 1200, IdempotencyKey = "req-crash" };

        await Assert.ThrowsAsync<InvalidOperationException>(() => world.TopUps.TopUpAsync(Org, request, None));
        Assert.Single(await world.Sandbox.ListChargesAsync(None)); // charged at the provider...
        Assert.Equal(0, await world.BalanceAsync(ada, usd));      // ...and granted nothing yet

        Assert.Equal(1, await world.DeliverWebhooksAsync());       // the provider's confirmation completes it
        var retried = await Ok(world.TopUps.TopUpAsync(Org, request, None)); // and the caller's retry finds it done
        var completedAgain = await Ok(world.TopUps.CompleteAttemptAsync(Org, retried.TopUp.Id, null, None));

        Assert.Equal(TopUpStatus.Succeeded, retried.TopUp.Status);
        Assert.False(completedAgain.GrantApplied);
        Assert.Single(await world.Sandbox.ListChargesAsync(None));
        Assert.Equal(1200, await world.BalanceAsync(ada, usd));
        Assert.Single((await world.RecordAsync(ada, usd)).Grants);
        await world.AssertAuditedAsync(ada, usd);
    }

    [Fact]
    public async Task A_crash_at_the_after_charge_fault_point_then_a_retry_or_the_webhook_grants_once_and_charges_once()
    {
        var chaos = new ChaosFaults(seed: 7, new Dictionary<FaultPoint, double> { [FaultPoint.AfterChargeBeforeGrant] = 1.0 }) { Enabled = true };
        var world = await StartAsync(faults: chaos);
        var usd = await world.CurrencyAsync("usd");
        var ada = await world.CustomerAsync();
        var request = new TopUpRequest { CustomerId = ada.Id, CreditCurrencyId = usd.Id, Amount = 700, IdempotencyKey = "req-seam" };

        await Assert.ThrowsAsync<InjectedCrashException>(() => world.TopUps.TopUpAsync(Org, request, None));
        Assert.Equal(1, chaos.CrashesAt(FaultPoint.AfterChargeBeforeGrant));
        Assert.Equal(0, await world.BalanceAsync(ada, usd)); // charged, not granted

        chaos.Enabled = false;
        var retried = await Ok(world.TopUps.TopUpAsync(Org, request, None));
        await world.DeliverWebhooksAsync(); // the provider's confirmation arrives too: still one grant

        Assert.Equal((TopUpSettlement.ChargedInline, TopUpStatus.Succeeded), (retried.Kind, retried.TopUp.Status));
        Assert.Single(await world.Sandbox.ListChargesAsync(None));
        Assert.Equal(700, await world.BalanceAsync(ada, usd));
        Assert.Single((await world.RecordAsync(ada, usd)).Grants);
        await world.AssertAuditedAsync(ada, usd);
    }

    [Fact]
    public async Task A_crash_before_the_webhook_then_a_retry_charges_once_and_grants_once()
    {
        var crash = new CrashAfterCharge();
        var world = await StartAsync(wrap: sandbox => crash.Around(sandbox));
        var usd = await world.CurrencyAsync("usd");
        var ada = await world.CustomerAsync();
        var request = new TopUpRequest { CustomerId = ada.Id, CreditCurrencyId = usd.Id, Amount = 300, IdempotencyKey = "req-crash-2" };

        await Assert.ThrowsAsync<InvalidOperationException>(() => world.TopUps.TopUpAsync(Org, request, None));
        var retried = await Ok(world.TopUps.TopUpAsync(Org, request, None)); // the retry charges again with the same key: the same charge
        await world.DeliverWebhooksAsync();

        Assert.Equal((TopUpSettlement.ChargedInline, TopUpStatus.Succeeded), (retried.Kind, retried.TopUp.Status));
        Assert.Single(await world.Sandbox.ListChargesAsync(None));
        Assert.Equal(300, await world.BalanceAsync(ada, usd));
    }

    [Fact]
    public async Task A_webhook_delivered_three_times_grants_once_and_saves_the_card_paid_with()
    {
        var world = await StartAsync();
        var usd = await world.CurrencyAsync("usd");
        var ada = await world.CustomerAsync(paymentMethod: null);

        await Refused(world.TopUps.TopUpAsync(Org, new TopUpRequest { CustomerId = ada.Id, CreditCurrencyId = usd.Id, Amount = 500 }, None), FailureCodes.TopupRequiresPaymentMethod);
        var settled = await Ok(world.TopUps.TopUpAsync(Org, new TopUpRequest { CustomerId = ada.Id, CreditCurrencyId = usd.Id, Amount = 500, ForceForm = true }, None));
        Assert.Equal((TopUpSettlement.RequiresForm, FundingMethod.Form), (settled.Kind, settled.TopUp.FundingMethod));

        await world.Sandbox.CompletePaymentFormAsync(settled.Client!.PaymentId, SandboxPaymentMethods.Success, None);
        var body = Assert.Single(await world.Sandbox.ReadEventsAsync(settled.Client.PaymentId, None));
        var deliveries = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Ok(world.Webhooks.HandleAsync(world.Sandbox.Sign(body), None))));
        await world.DeliverWebhooksAsync(); // and the queued copy, a fourth time

        Assert.Equal(1, deliveries.Sum(d => d.Applied));
        Assert.Equal(2, deliveries.Sum(d => d.AlreadyApplied));
        Assert.Equal(500, await world.BalanceAsync(ada, usd));
        Assert.Single((await world.RecordAsync(ada, usd)).Grants);
        Assert.Equal(SandboxPaymentMethods.Success, (await world.Customers.FindAsync(Org, ada.Id, None))!.DefaultPaymentMethodId);
        await world.AssertAuditedAsync(ada, usd);
    }

    [Fact]
    public async Task A_webhook_with_a_bad_signature_is_refused_and_changes_nothing()
    {
        var world = await StartAsync();
        var usd = await world.CurrencyAsync("usd");
        var ada = await world.CustomerAsync(paymentMethod: null);
        var settled = await Ok(world.TopUps.TopUpAsync(Org, new TopUpRequest { CustomerId = ada.Id, CreditCurrencyId = usd.Id, Amount = 500, ForceForm = true }, None));
        await world.Sandbox.CompletePaymentFormAsync(settled.Client!.PaymentId, SandboxPaymentMethods.Success, None);
        var body = Assert.Single(await world.Sandbox.ReadEventsAsync(settled.Client.PaymentId, None));
        var forged = new Dictionary<string, string> { [SandboxPaymentProvider.SignatureHeader] = WebhookSignature.Sign(body, "whsec_not_the_secret", world.Clock.GetUtcNow()) };
        var stale = world.Sandbox.Sign(body);
        world.Clock.Advance(TimeSpan.FromMinutes(6));

        await Refused(world.Webhooks.HandleAsync(new WebhookDelivery(body, forged), None), FailureCodes.WebhookSignatureInvalid);
        await Refused(world.Webhooks.HandleAsync(new WebhookDelivery(body.Replace("500", "900000", StringComparison.Ordinal), world.Sandbox.Sign(body).Headers), None), FailureCodes.WebhookSignatureInvalid);
        await Refused(world.Webhooks.HandleAsync(new WebhookDelivery(body, new Dictionary<string, string>()), None), FailureCodes.WebhookSignatureInvalid);
        await Refused(world.Webhooks.HandleAsync(stale, None), FailureCodes.WebhookSignatureInvalid);

        Assert.Equal(TopUpStatus.Pending, (await world.TopUps.GetAttemptAsync(Org, settled.TopUp.Id, None))!.Status);
        Assert.Equal(0, await world.BalanceAsync(ada, usd));
        Assert.Null((await world.Customers.FindAsync(Org, ada.Id, None))!.DefaultPaymentMethodId);
    }

    [Fact]
    public async Task An_invoiced_customer_is_granted_now_with_an_invoice_line()
    {
        var world = await StartAsync();
        var eur = await world.CurrencyAsync("eur");
        var ada = await world.CustomerAsync(Customer.SendInvoice, paymentMethod: null);

        var settled = await Ok(world.TopUps.TopUpAsync(Org, new TopUpRequest { CustomerId = ada.Id, CreditCurrencyId = eur.Id, Amount = 5000 }, None));

        Assert.Equal((TopUpSettlement.InvoiceAdded, FundingMethod.Invoice, TopUpStatus.Succeeded), (settled.Kind, settled.TopUp.FundingMethod, settled.TopUp.Status));
        var line = Assert.Single(await world.Invoices.ListAsync(Org, ada.Id, None));
        Assert.Equal((settled.InvoiceLine!.Id, settled.TopUp.InvoiceId, 5000L, "eur", settled.TopUp.Id), (line.Id, (string?)line.Id, line.Amount, line.Currency, line.SourceRef));
        Assert.Equal(5000, await world.BalanceAsync(ada, eur));
        Assert.Empty(await world.Sandbox.ListChargesAsync(None));
    }

    [Fact]
    public async Task A_unit_currency_sells_top_ups_only_at_its_topUpPrice_rounded_up()
    {
        var world = await StartAsync();
        var unpriced = await world.CurrencyAsync("unit");
        var priced = await world.CurrencyAsync("unit", topUpPrice: new Price(3, "usd"), scale: 1);
        var ada = await world.CustomerAsync();

        await Refused(world.TopUps.TopUpAsync(Org, new TopUpRequest { CustomerId = ada.Id, CreditCurrencyId = unpriced.Id, Amount = 100 }, None), FailureCodes.TopupNotPriced);
        var settled = await Ok(world.TopUps.TopUpAsync(Org, new TopUpRequest { CustomerId = ada.Id, CreditCurrencyId = priced.Id, Amount = 15 }, None)); // 1.5 credits at 3 cents

        Assert.Equal(new Price(5, "usd"), settled.TopUp.ChargeAmount); // 4.5 cents, rounded up
        Assert.Equal(15, await world.BalanceAsync(ada, priced));
        Assert.Equal(0, await world.BalanceAsync(ada, unpriced));
        Assert.Equal(5, Assert.Single(await world.Sandbox.ListChargesAsync(None)).Amount);
    }

    [Fact]
    public async Task Bad_input_is_refused_before_anything_is_charged()
    {
        var world = await StartAsync();
        var usd = await world.CurrencyAsync("usd");
        var ada = await world.CustomerAsync();
        TopUpRequest Request(long amount) => new() { CustomerId = ada.Id, CreditCurrencyId = usd.Id, Amount = amount };

        await Refused(world.TopUps.TopUpAsync(Org, Request(0), None), FailureCodes.ValidationFailed);
        await Refused(world.TopUps.TopUpAsync(Org, Request(-5), None), FailureCodes.ValidationFailed);
        await Refused(world.TopUps.TopUpAsync(Org, Request(new TopUpOptions().MaxAmount + 1), None), FailureCodes.ValidationFailed);
        await Refused(world.TopUps.TopUpAsync(Org, Request(100) with { Currency = "eur" }, None), FailureCodes.CurrencyMismatch);
        await Refused(world.TopUps.TopUpAsync(Org, Request(100) with { CustomerId = "cus_nobody" }, None), FailureCodes.NotFound);
        await Refused(world.TopUps.TopUpAsync(Org, Request(100) with { CreditCurrencyId = "ccur_nothing" }, None), FailureCodes.NotFound);

        Assert.Empty(await world.Sandbox.ListChargesAsync(None));
        Assert.Empty((await Ok(world.TopUps.ListAttemptsAsync(Org, new TopUpAttemptQuery(), None))).Attempts);
    }

    [Fact]
    public async Task A_frozen_wallet_is_refused_WALLET_FROZEN_and_not_charged()
    {
        var world = await StartAsync();
        var usd = await world.CurrencyAsync("usd");
        var ada = await world.CustomerAsync();
        var granted = await Ok(world.Accounts.GrantAsync(Org, new GrantRequest { CustomerId = ada.Id, CreditCurrencyId = usd.Id, Amount = 10 }, None));
        await Ok(world.Accounts.SetStatusAsync(Org, granted.WalletId, WalletStatus.Frozen, None));

        await Refused(world.TopUps.TopUpAsync(Org, new TopUpRequest { CustomerId = ada.Id, CreditCurrencyId = usd.Id, Amount = 100 }, None), FailureCodes.WalletFrozen);

        Assert.Empty(await world.Sandbox.ListChargesAsync(None));
        Assert.Equal(10, await world.BalanceAsync(ada, usd));
    }

    [Fact]
    public async Task Saving_a_payment_method_through_the_setup_form_makes_it_the_default_for_the_next_charge()
    {
        var world = await StartAsync();
        var usd = await world.CurrencyAsync("usd");
        var ada = await world.CustomerAsync(paymentMethod: null);

        var setup = await Ok(world.CustomerPayments.StartSetupAsync(Org, ada.Id, None));
        await world.Sandbox.CompleteSetupFormAsync(setup.SetupId, SandboxPaymentMethods.Success, None);
        await world.DeliverWebhooksAsync();
        var settled = await Ok(world.TopUps.TopUpAsync(Org, new TopUpRequest { CustomerId = ada.Id, CreditCurrencyId = usd.Id, Amount = 100 }, None));

        Assert.Equal("sandbox", setup.Provider);
        Assert.StartsWith(setup.SetupId + "_secret_", setup.ClientSecret, StringComparison.Ordinal);
        var saved = (await world.Customers.FindAsync(Org, ada.Id, None))!;
        Assert.Equal((SandboxPaymentMethods.Success, "sandbox"), (saved.DefaultPaymentMethodId, saved.PaymentProvider));
        Assert.NotNull(saved.ProviderCustomerId);
        Assert.Equal(TopUpSettlement.ChargedInline, settled.Kind);
        Assert.Equal(saved.ProviderCustomerId, Assert.Single(await world.Sandbox.ListChargesAsync(None)).CustomerId);
    }

    [Fact]
    public async Task The_attempt_log_lists_newest_first_with_filters_and_a_cursor()
    {
        var world = await StartAsync();
        var usd = await world.CurrencyAsync("usd");
        var ada = await world.CustomerAsync();
        var bob = await world.CustomerAsync(paymentMethod: SandboxPaymentMethods.Decline);
        var made = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            world.Clock.Advance(TimeSpan.FromSeconds(1));
            made.Add((await Ok(world.TopUps.TopUpAsync(Org, new TopUpRequest { CustomerId = ada.Id, CreditCurrencyId = usd.Id, Amount = i }, None))).TopUp.Id);
        }

        world.Clock.Advance(TimeSpan.FromSeconds(1));
        await Refused(world.TopUps.TopUpAsync(Org, new TopUpRequest { CustomerId = bob.Id, CreditCurrencyId = usd.Id, Amount = 9 }, None), FailureCodes.PaymentFailed);

        var first = await Ok(world.TopUps.ListAttemptsAsync(Org, new TopUpAttemptQuery(CustomerId: ada.Id, Limit: 3), None));
        var second = await Ok(world.TopUps.ListAttemptsAsync(Org, new TopUpAttemptQuery(CustomerId: ada.Id, Limit: 3, Cursor: first.NextCursor), None));
        var failed = await Ok(world.TopUps.ListAttemptsAsync(Org, new TopUpAttemptQuery(Status: "failed", CurrencyId: usd.Id, TriggerSource: "manual"), None));

        Assert.Equal(Enumerable.Reverse(made), first.Attempts.Concat(second.Attempts).Select(a => a.Id));
        Assert.Null(second.NextCursor);
        Assert.Equal(bob.Id, Assert.Single(failed.Attempts).CustomerId);
        Assert.Equal(6, (await Ok(world.TopUps.ListAttemptsAsync(Org, new TopUpAttemptQuery(Limit: 500), None))).Attempts.Count);
        await Refused(world.TopUps.ListAttemptsAsync(Org, new TopUpAttemptQuery(Status: "done"), None), FailureCodes.ValidationFailed);
        await Refused(world.TopUps.ListAttemptsAsync(Org, new TopUpAttemptQuery(Cursor: "not-a-cursor"), None), FailureCodes.ValidationFailed);
    }
}
