using UnitPay.Client.Tests.Support;
using UnitPay.Client.Webhooks;
using UnitPay.Testing;

namespace UnitPay.Client.Tests;

/// <summary>Webhook endpoints, the delivery log and the low-balance threshold through the client, with a loopback receiver.</summary>
public sealed class WebhookTests
{
    [Fact]
    public async Task An_endpoint_made_through_the_client_receives_a_grant_that_the_clients_verifier_accepts()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        await using var app = await TestApp.StartAsync(settings: QuietTimers.Settings());
        using var client = ClientFor.App(app);
        var (currencyId, _) = await ClientFor.CatalogAsync(client);
        await client.CreateCustomerAsync(new("Ada", ExternalId: "user_wh"));

        var endpoint = await client.CreateWebhookEndpointAsync(new(receiver.Url("client"), ["credit.grant.created", "credit.balance_low"], "from the client"));
        Assert.StartsWith("whsec_", endpoint.Secret, StringComparison.Ordinal);
        Assert.Equal(endpoint.Id, Assert.Single(await client.ListWebhookEndpointsAsync()).Id);
        Assert.Equal(["credit.grant.created", "credit.balance_low"], (await client.GetWebhookEndpointAsync(endpoint.Id)).EventTypes);

        var grant = await client.CreateCreditGrantAsync(new("user_wh", currencyId, 100));
        var account = Assert.Single(await client.ListCreditAccountsAsync("user_wh"));
        var threshold = await client.SetLowBalanceThresholdAsync(account.Id, 50);
        Assert.Equal((account.Id, (long?)50), (threshold.CreditAccountId, threshold.LowBalanceThreshold));
        Assert.Equal(50, (await client.GetCreditAccountAsync(account.Id)).LowBalanceThreshold);

        var delivered = (await Poll.UntilAsync(() => Task.FromResult(receiver.At("client")), r => r.Count == 1, TimeSpan.FromSeconds(30), "the grant's delivery")).Single();
        Assert.True(WebhookSignature.Verify(delivered.Body, delivered.Signature, endpoint.Secret));
        Assert.False(WebhookSignature.Verify(delivered.Body, delivered.Signature, endpoint.Secret + "0"));
        Assert.Equal(grant.Id, delivered.Event["data"]!["grantId"]!.GetValue<string>());

        var attempts = await Poll.UntilAsync(() => client.ListWebhookDeliveriesAsync(endpoint.Id).ToListAsync().AsTask(), a => a.Count == 1, TimeSpan.FromSeconds(30), "the attempt log");
        Assert.Equal(("delivered", (int?)200, 1), (attempts[0].Status, attempts[0].StatusCode, attempts[0].Attempt));

        Assert.Null((await client.SetLowBalanceThresholdAsync(account.Id, null)).LowBalanceThreshold);
        await client.DeleteWebhookEndpointAsync(endpoint.Id);
        Assert.Empty(await client.ListWebhookEndpointsAsync());
        var gone = await Assert.ThrowsAsync<UnitPayApiException>(() => client.GetWebhookEndpointAsync(endpoint.Id));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.Status);
    }
}
