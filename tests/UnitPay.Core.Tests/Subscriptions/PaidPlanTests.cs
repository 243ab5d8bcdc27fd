using UnitPay.Core.Catalog;
using UnitPay.Core.Customers;
using UnitPay.Core.Payments.Sandbox;
using UnitPay.Core.Plans;
using UnitPay.Core.Results;
using UnitPay.Core.Subscriptions;
using UnitPay.Core.Tests.TopUps;
using UnitPay.Core.TopUps;
using static UnitPay.Core.Tests.TopUps.MoneyWorld;

namespace UnitPay.Core.Tests.Subscriptions;

/// <summary>Paid plans for card customers on Azurite with the sandbox: charged before credited, past_due when a renewal fails, proceeding when paid.</summary>
public sealed class PaidPlanTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static async Task<(CreditCurrency Credits, Plan Plan)> PaidPlanAsync(MoneyWorld world)
    {
        var credits = await world.CurrencyAsync("unit");
        var plan = await Ok(world.PlanService.CreateAsync(
            Org,
            new PlanDraft("Pro", new PlanPriceDraft(2000, "usd", "month"), [new CreditGrantRuleDraft(credits.Id, 100, "per_cycle", null, null, null)]),
            None));
        return (credits, plan);
    }

    [Fact]
    public async Task A_card_customer_is_charged_for_the_first_period_and_granted_on_activation()
    {
        var world = await StartAsync();
        var (credits, plan) = await PaidPlanAsync(world);
        var ada = await world.CustomerAsync();

        var result = await Ok(world.Subscriptions.SubscribeAsync(Org, new SubscribeRequest { CustomerId = ada.Id, PlanId = plan.Id }, None));
        await world.DeliverWebhooksAsync();

        Assert.Equal((SubscribeResult.ChargedInline, SubscriptionStatus.Active), (result.Kind, result.Subscription.Status));
        var charge = Assert.Single(await world.Sandbox.ListChargesAsync(None));
        Assert.Equal((2000L, "usd", "succeeded"), (charge.Amount, charge.Currency, charge.Status));
        Assert.Equal(100, await world.BalanceAsync(ada, credits));
        Assert.Empty(await world.Invoices.ListAsync(Org, ada.Id, None));
        await world.AssertAuditedAsync(ada, credits);
    }

    [Fact]
    public async Task A_card_customer_without_a_method_is_refused_or_pays_in_a_form_and_is_granted_on_confirmation()
    {
        var world = await StartAsync();
        var (credits, plan) = await PaidPlanAsync(world);
        var ada = await world.CustomerAsync(paymentMethod: null);

        await Refused(world.Subscriptions.SubscribeAsync(Org, ada.Id, plan.Id, None), FailureCodes.TopupRequiresPaymentMethod);
        Assert.Empty(await world.Subscriptions.ListAsync(Org, ada.Id, None) is { Value: { } listed } ? listed : []);

        var result = await Ok(world.Subscriptions.SubscribeAsync(Org, new SubscribeRequest { CustomerId = ada.Id, PlanId = plan.Id, ForceForm = true }, None));
        Assert.Equal((SubscribeResult.RequiresForm, SubscriptionStatus.Incomplete), (result.Kind, result.Subscription.Status));
        Assert.Equal(0, await world.BalanceAsync(ada, credits));
        await world.Cycles.RunDueAsync(None); // the timer finds the cycle unpaid and grants nothing
        Assert.Equal(0, await world.BalanceAsync(ada, credits));

        await world.Sandbox.CompletePaymentFormAsync(result.Client!.PaymentId, SandboxPaymentMethods.Success, None);
        await world.DeliverWebhooksAsync();

        Assert.Equal(100, await world.BalanceAsync(ada, credits));
        Assert.Equal(SubscriptionStatus.Active, (await world.Subscriptions.GetAsync(Org, result.Subscription.Id, None))!.Status);
        Assert.Equal(SandboxPaymentMethods.Success, (await world.Customers.FindAsync(Org, ada.Id, None))!.DefaultPaymentMethodId);
    }

    [Fact]
    public async Task A_declined_first_charge_answers_PAYMENT_FAILED_and_the_subscription_ends_unpaid()
    {
        var world = await StartAsync();
        var (credits, plan) = await PaidPlanAsync(world);
        var ada = await world.CustomerAsync(paymentMethod: SandboxPaymentMethods.Decline);

        await Refused(world.Subscriptions.SubscribeAsync(Org, ada.Id, plan.Id, None), FailureCodes.PaymentFailed);
        await world.DeliverWebhooksAsync();
        await world.Cycles.RunDueAsync(None);

        var subscription = Assert.Single((await world.Subscriptions.ListAsync(Org, ada.Id, None)).Value!);
        Assert.Equal((SubscriptionStatus.Canceled, (DateTimeOffset?)null), (subscription.Status, subscription.NextStepAt));
        Assert.Equal(0, await world.BalanceAsync(ada, credits));
        Assert.Single(await world.Sandbox.ListChargesAsync(None));
    }

    [Fact]
    public async Task A_failed_renewal_marks_the_subscription_past_due_grants_nothing_and_proceeds_when_a_later_webhook_confirms_payment()
    {
        var world = await StartAsync();
        var (credits, plan) = await PaidPlanAsync(world);
        var ada = await world.CustomerAsync();
        var subscribed = await Ok(world.Subscriptions.SubscribeAsync(Org, ada.Id, plan.Id, None));
        Assert.Equal(100, await world.BalanceAsync(ada, credits));

        await Ok(world.CustomerPayments.SetDefaultPaymentMethodAsync(Org, ada.Id, SandboxPaymentMethods.Decline, None)); // the card stops working
        world.Clock.MoveTo(subscribed.Subscription.CurrentPeriodEnd + TimeSpan.FromMinutes(1));
        await world.Cycles.RunDueAsync(None);
        await world.Cycles.RunDueAsync(None); // a second run neither charges again nor grants
        await world.DeliverWebhooksAsync();

        var pastDue = (await world.Subscriptions.GetAsync(Org, subscribed.Subscription.Id, None))!;
        Assert.Equal(SubscriptionStatus.PastDue, pastDue.Status);
        Assert.Equal(0, await world.BalanceAsync(ada, credits)); // the first cycle's credits expired; the second's are not granted
        var charges = await world.Sandbox.ListChargesAsync(None);
        Assert.Equal(["succeeded", "failed"], charges.Select(c => c.Status));
        Assert.Single((await world.RecordAsync(ada, credits)).Grants);

        // The customer pays the renewal (the PSP's hosted page, here the sandbox's form): the webhook lets the cycle proceed.
        await world.Sandbox.CompletePaymentFormAsync(charges[1].Id, SandboxPaymentMethods.Success, None);
        await world.DeliverWebhooksAsync();

        Assert.Equal(SubscriptionStatus.Active, (await world.Subscriptions.GetAsync(Org, subscribed.Subscription.Id, None))!.Status);
        Assert.Equal(100, await world.BalanceAsync(ada, credits));
        Assert.Equal(2, (await world.RecordAsync(ada, credits)).Grants.Count);
        Assert.Equal(2, (await world.Sandbox.ListChargesAsync(None)).Count);
        await world.AssertAuditedAsync(ada, credits);
    }

    [Fact]
    public async Task An_invoiced_customer_still_gets_an_invoice_line_and_no_charge()
    {
        var world = await StartAsync();
        var (credits, plan) = await PaidPlanAsync(world);
        var ada = await world.CustomerAsync(Customer.SendInvoice, paymentMethod: null);

        var result = await Ok(world.Subscriptions.SubscribeAsync(Org, ada.Id, plan.Id, None));

        Assert.Equal((SubscribeResult.InvoiceAdded, SubscriptionStatus.Active), (result.Kind, result.Subscription.Status));
        Assert.Equal(2000, Assert.Single(await world.Invoices.ListAsync(Org, ada.Id, None)).Amount);
        Assert.Empty(await world.Sandbox.ListChargesAsync(None));
        Assert.Equal(100, await world.BalanceAsync(ada, credits));
    }
}
