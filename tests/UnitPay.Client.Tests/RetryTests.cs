using System.Diagnostics;
using UnitPay.Client.Models;
using UnitPay.Client.Tests.Support;
using UnitPay.Testing;

namespace UnitPay.Client.Tests;

/// <summary>Retries: the same Idempotency-Key on every attempt of a call, and Retry-After honoured.</summary>
public sealed class RetryTests
{
    [Fact]
    public async Task A_grant_whose_answer_was_lost_is_retried_with_the_same_key_and_granted_once()
    {
        await using var app = await TestApp.StartAsync();
        var recorder = new RecordingHandler();
        using var client = ClientFor.App(app, recorder);
        var (currencyId, _) = await ClientFor.CatalogAsync(client);
        var customer = await client.CreateCustomerAsync(new("Ada"));
        recorder.LoseAnswer = (1, r => r.RequestUri!.AbsolutePath.EndsWith("/credit-grants", StringComparison.Ordinal));

        var grant = await client.CreateCreditGrantAsync(new(customer.Id, currencyId, 100));

        var attempts = recorder.Attempts.Where(a => a.Path.EndsWith("/credit-grants", StringComparison.Ordinal)).ToList();
        var ledger = await client.ListLedgerAsync(new LedgerQuery(CustomerId: customer.Id)).ToListAsync();
        Assert.Equal([(201, true), (201, false)], attempts.Select(a => (a.Status, a.Lost)));
        Assert.NotNull(attempts[0].IdempotencyKey);
        Assert.Equal(attempts[0].IdempotencyKey, attempts[1].IdempotencyKey);
        Assert.Equal(grant.Id, Assert.Single(ledger).GrantId);
        Assert.Equal(100, Assert.Single(await client.ListCreditAccountsAsync(customer.Id)).Balance);
    }

    [Fact]
    public async Task Two_calls_with_the_same_body_get_different_keys_and_both_apply()
    {
        await using var app = await TestApp.StartAsync();
        var recorder = new RecordingHandler();
        using var client = ClientFor.App(app, recorder);
        var (currencyId, _) = await ClientFor.CatalogAsync(client);
        var customer = await client.CreateCustomerAsync(new("Ada"));

        await client.CreateCreditGrantAsync(new(customer.Id, currencyId, 100));
        await client.CreateCreditGrantAsync(new(customer.Id, currencyId, 100));

        var keys = recorder.Attempts.Where(a => a.Path.EndsWith("/credit-grants", StringComparison.Ordinal)).Select(a => a.IdempotencyKey).ToList();
        Assert.Equal(2, keys.Distinct().Count());
        Assert.Equal(200, Assert.Single(await client.ListCreditAccountsAsync(customer.Id)).Balance);
    }

    [Fact]
    public async Task Rate_limited_calls_wait_for_Retry_After_and_then_succeed()
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["UNITPAY_RATE_LIMIT"] = "2" });
        var recorder = new RecordingHandler();
        using var client = ClientFor.App(app, recorder, o => o with { MaxRetries = 6 });

        for (var i = 0; i < 10; i++)
        {
            await client.ListFeaturesAsync();
        }

        var attempts = recorder.Attempts.ToList();
        var limited = attempts.Select((a, i) => (Attempt: a, Index: i)).Where(x => x.Attempt.Status == 429).ToList();
        Assert.NotEmpty(limited);
        Assert.Equal(10, attempts.Count(a => a.Status == 200));
        foreach (var (attempt, index) in limited)
        {
            var wait = Assert.NotNull(attempt.RetryAfter);
            var waited = Stopwatch.GetElapsedTime(attempt.AnsweredAt, attempts[index + 1].SentAt);
            Assert.True(waited >= wait - TimeSpan.FromMilliseconds(20), $"waited {waited.TotalMilliseconds} ms after a Retry-After of {wait.TotalMilliseconds} ms");
        }
    }

    [Fact]
    public async Task Without_retries_a_rate_limited_call_is_a_typed_exception_carrying_the_wait()
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["UNITPAY_RATE_LIMIT"] = "1" });
        using var client = ClientFor.App(app, configure: o => o with { MaxRetries = 0 });

        var refused = await Assert.ThrowsAsync<UnitPayApiException>(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await client.ListFeaturesAsync();
            }
        });

        Assert.Equal((System.Net.HttpStatusCode.TooManyRequests, "RATE_LIMITED"), (refused.Status, refused.Code));
        Assert.True(refused.RetryAfter > TimeSpan.Zero);
    }
}
