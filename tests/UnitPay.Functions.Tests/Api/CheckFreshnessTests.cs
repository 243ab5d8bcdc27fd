using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Storage;
using UnitPay.Core.Usage;
using UnitPay.Core.Wallets;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Api;

/// <summary>How current a check is: this process's own writes at once; another instance's within the freshness window.</summary>
public sealed class CheckFreshnessTests
{
    [Fact]
    public async Task A_check_sees_its_own_writes_at_once_and_another_instances_writes_once_its_window_has_passed()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(services => services.AddSingleton<TimeProvider>(clock), QuietTimers.Settings());
        var scenario = await Scenario.CreateAsync(app.Client, costPerUnit: 1);
        await scenario.GrantAsync(app.Client, 100);
        Assert.Equal(100, await RemainingAsync(app, scenario));

        // This process's own write (a reservation) shows at once, with the clock standing still.
        var (reserved, _) = await app.Client.PostAsync("/v1/reservations", new { customerId = scenario.CustomerId, creditCurrencyId = scenario.CurrencyId, amount = 30 });
        Assert.Equal(201, reserved);
        Assert.Equal(70, await RemainingAsync(app, scenario));

        // Another instance (its own engine over the same storage) grants 500.
        var (_, accounts) = await app.Client.GetJsonAsync("/v1/credit-accounts?customerId=" + scenario.CustomerId);
        var walletId = accounts!["accounts"]![0].Str("id");
        var other = new WalletEngine(new WalletStore(new StorageAccount(app.Service<StorageOptions>()), clock), clock, NullLogger<WalletEngine>.Instance);
        await other.MutateAsync(walletId, (session, at) => session.AddGrant(
            new Grant
            {
                Id = WalletDirectory.NewScopedId("grant", walletId, clock),
                Source = GrantSource.Manual,
                Amount = 500,
                Remaining = 500,
                Priority = 50,
                EffectiveAt = at,
                CreatedAt = at,
            },
            LedgerReason.Grant,
            at), CancellationToken.None);

        // Within the window (the clock stands still) this process answers from what it last wrote; past it, from the store.
        Assert.Equal(70, await RemainingAsync(app, scenario));
        clock.MoveTo(clock.GetUtcNow() + CreditCheck.Freshness + TimeSpan.FromMilliseconds(1));
        Assert.Equal(570, await RemainingAsync(app, scenario));
    }

    private static async Task<long> RemainingAsync(TestApp app, Scenario scenario)
    {
        var (status, body) = await app.Client.PostAsync("/v1/check", new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug, requestedUsage = 1 });
        Scenario.Ensure(status, 200, body);
        return body.Num("remaining");
    }
}
