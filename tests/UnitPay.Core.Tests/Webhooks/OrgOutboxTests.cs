using Azure.Data.Tables;
using UnitPay.Core.Payments.Sandbox;
using UnitPay.Core.Plans;
using UnitPay.Core.Results;
using UnitPay.Core.Storage;
using UnitPay.Core.Subscriptions;
using UnitPay.Core.TopUps;
using UnitPay.Core.Webhooks;
using static UnitPay.Core.Tests.TopUps.MoneyWorld;

namespace UnitPay.Core.Tests.Webhooks;

/// <summary>
/// Events of changes that are not wallet commits (a failed top-up, a past-due or renewed subscription) are outbox rows
/// written with the change, in the organization's partition (Azurite, the sandbox; no dispatcher here, so the rows stay).
/// </summary>
public sealed class OrgOutboxTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_declined_top_up_writes_one_credit_topup_failed_with_the_failed_attempt()
    {
        var world = await StartAsync();
        var usd = await world.CurrencyAsync("usd");
        var ada = await world.CustomerAsync(paymentMethod: SandboxPaymentMethods.Decline);

        var refused = await world.TopUps.TopUpAsync(Org, new TopUpRequest { CustomerId = ada.Id, CreditCurrencyId = usd.Id, Amount = 1000 }, None);
        Assert.Equal(FailureCodes.PaymentFailed, refused.Failure?.Code);
        await world.DeliverWebhooksAsync(); // the provider's payment_failed webhook changes nothing more

        var attempt = Assert.Single((await Ok(world.TopUps.ListAttemptsAsync(Org, new TopUpAttemptQuery(CustomerId: ada.Id), None))).Attempts);
        var e = Assert.Single(await OutboxAsync(world, TableNames.TopUpAttempts));
        Assert.Equal((WebhookEventTypes.TopUpFailed, attempt.Id, "card_declined"), (e.Type, (string?)e.Data["topUpId"], (string?)e.Data["errorCode"]));
        Assert.Equal(OrgWebhookEvents.TopUpFailed(Org, attempt, attempt.UpdatedAt).Id, e.Id);
    }

    [Fact]
    public async Task A_failed_renewal_writes_past_due_once_and_the_paid_renewal_writes_renewed()
    {
        var world = await StartAsync();
        var credits = await world.CurrencyAsync("unit");
        var plan = await Ok(world.PlanService.CreateAsync(
            Org,
            new PlanDraft("Pro", new PlanPriceDraft(2000, "usd", "month"), [new CreditGrantRuleDraft(credits.Id, 100, "per_cycle", null, null, null)]),
            None));
        var ada = await world.CustomerAsync();
        var subscribed = await Ok(world.Subscriptions.SubscribeAsync(Org, ada.Id, plan.Id, None));
        Assert.Empty(await OutboxAsync(world, TableNames.Subscriptions)); // the first cycle is no renewal

        await Ok(world.CustomerPayments.SetDefaultPaymentMethodAsync(Org, ada.Id, SandboxPaymentMethods.Decline, None));
        world.Clock.MoveTo(subscribed.Subscription.CurrentPeriodEnd + TimeSpan.FromMinutes(1));
        await world.Cycles.RunDueAsync(None);
        await world.Cycles.RunDueAsync(None);
        await world.DeliverWebhooksAsync();

        var pastDue = Assert.Single(await OutboxAsync(world, TableNames.Subscriptions));
        Assert.Equal((WebhookEventTypes.SubscriptionPastDue, subscribed.Subscription.Id, "past_due"), (pastDue.Type, (string?)pastDue.Data["subscriptionId"], (string?)pastDue.Data["status"]));

        var charges = await world.Sandbox.ListChargesAsync(None);
        await world.Sandbox.CompletePaymentFormAsync(charges[1].Id, SandboxPaymentMethods.Success, None);
        await world.DeliverWebhooksAsync();

        var events = await OutboxAsync(world, TableNames.Subscriptions);
        Assert.Equal([WebhookEventTypes.SubscriptionPastDue, WebhookEventTypes.SubscriptionRenewed], events.Select(x => x.Type).Order(StringComparer.Ordinal));
        var renewed = events.Single(x => x.Type == WebhookEventTypes.SubscriptionRenewed);
        Assert.Equal(pastDue.Data["currentPeriodStart"]!.GetValue<string>(), renewed.Data["currentPeriodStart"]!.GetValue<string>());
        Assert.Equal("active", (string?)renewed.Data["status"]);
    }

    private static async Task<List<WebhookEvent>> OutboxAsync(TopUps.MoneyWorld world, string table)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Org} and RowKey ge {WebhookOutboxRows.Prefix} and RowKey lt {"o}"}");
        var events = new List<WebhookEvent>();
        await foreach (var row in world.Storage.Table(table).QueryAsync<TableEntity>(filter, cancellationToken: None))
        {
            events.AddRange(WebhookOutboxRows.Envelopes(row).Select(WebhookEvent.Parse));
        }

        return events;
    }
}
