using UnitPay.Core.AutoTopUp;
using UnitPay.Core.Grants;
using UnitPay.Core.Payments.Sandbox;
using UnitPay.Core.Tests.TopUps;
using UnitPay.Core.TopUps;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.Tests.AutoTopUp;

/// <summary>Auto top-up firing on Azurite with the sandbox provider: one attempt per crossing, none while one is pending, the monthly cap.</summary>
public sealed class AutoTopUpFiringTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_thousand_event_batch_crossing_the_threshold_fires_exactly_one_attempt()
    {
        var world = await MoneyWorld.StartAsync();
        var wallet = await AutoTopUpWallet.CreateAsync(world, SandboxPaymentMethods.Success);

        // 1,000 events of 9 cents, from four concurrent calls: 10,000 -> 1,000, crossing 2,000 once, mid-batch.
        await wallet.SpendAsync(1_000, 9, perCall: 250);
        var firings = await world.Firer.DrainAsync(None);

        var firing = Assert.Single(firings);
        Assert.Equal(AutoTopUpFiring.Fired, firing.Kind);
        var attempt = Assert.Single(await wallet.AutoAttemptsAsync());
        Assert.Equal((TopUpStatus.Succeeded, TriggerSource.AutoTopup, FundingMethod.Charge, 5_000L, 2_000L), (attempt.Status, attempt.TriggerSource, attempt.FundingMethod, attempt.Amount, attempt.ThresholdAtFire!.Value));
        Assert.True(attempt.BalanceAtFire <= 2_000);
        Assert.Equal(1, await wallet.ChargesAsync());
        Assert.Equal(6_000, await wallet.AvailableAsync());
        var state = await wallet.StateAsync();
        Assert.Equal((1, false, 0, 5_000L), (state.AutoTopupRuntime!.TotalFiresCount, state.AutoTopupRuntime.IsPending, state.AutoTopupRuntime.ConsecutiveFailures, state.AutoTopupRuntime.MonthToDateCharge));
        Assert.Equal(FundingMethod.Charge, state.EffectiveFundingMethod);
        await wallet.AssertAuditedAsync();
    }

    [Fact]
    public async Task A_crossing_whose_firer_stopped_after_the_commit_is_fired_once_by_the_sweeper()
    {
        var world = await MoneyWorld.StartAsync();
        var wallet = await AutoTopUpWallet.CreateAsync(world, SandboxPaymentMethods.Success);

        // The commit crosses the threshold; the process then stops: the in-memory signal is lost (never drained).
        await wallet.SpendAsync(9, 1_000);
        var recorded = Assert.Single(await world.Pending.DueAsync(world.Clock.GetUtcNow(), 10, None));
        Assert.Equal((wallet.WalletId, 1_000L), (recorded.WalletId, recorded.AvailableAfter));
        Assert.Empty(await wallet.AutoAttemptsAsync());

        // Within the grace the sweeper leaves it to the live firer; past it, the sweeper fires it, once.
        Assert.Equal(0, (await world.NewSweeper().RunAsync(None)).Crossings);
        world.Clock.Advance(world.SweeperOptions.CrossingGrace + TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await world.NewSweeper().RunAsync(None)).Crossings);
        Assert.Equal(0, (await world.NewSweeper().RunAsync(None)).Crossings);

        var attempt = Assert.Single(await wallet.AutoAttemptsAsync());
        Assert.Equal((TopUpStatus.Succeeded, TriggerSource.AutoTopup), (attempt.Status, attempt.TriggerSource));
        Assert.Equal(6_000, await wallet.AvailableAsync());
        Assert.Empty(await world.Pending.DueAsync(world.Clock.GetUtcNow(), 10, None));

        // The lost signal, delivered late after all (a second instance's channel, say), names the same attempt.
        world.Signals.OnCrossed(recorded);
        await world.Firer.DrainAsync(None);
        Assert.Single(await wallet.AutoAttemptsAsync());
        Assert.Equal(1, await wallet.ChargesAsync());
        await wallet.AssertAuditedAsync();
    }

    [Fact]
    public async Task A_crash_right_after_the_crossing_commit_is_made_good_by_the_sweeper_with_one_attempt()
    {
        var chaos = new UnitPay.Testing.ChaosFaults(seed: 3, new Dictionary<UnitPay.Core.Faults.FaultPoint, double> { [UnitPay.Core.Faults.FaultPoint.AfterCrossingCommit] = 1.0 });
        var world = await MoneyWorld.StartAsync(faults: chaos);
        var wallet = await AutoTopUpWallet.CreateAsync(world, SandboxPaymentMethods.Success);
        var charges = Enumerable.Range(0, 9).Select(i => new UnitPay.Core.Wallets.UsageCharge($"crash-{i}", "gen", 1_000, world.Clock.GetUtcNow(), 1)).ToList();

        // The commit lands, then the process "dies" before the crossing reaches the firer.
        chaos.Enabled = true;
        await Assert.ThrowsAsync<UnitPay.Core.Faults.InjectedCrashException>(() => world.Engine.ApplyUsageAsync(wallet.WalletId, charges, None));
        chaos.Enabled = false;
        Assert.Equal(1, chaos.CrashesAt(UnitPay.Core.Faults.FaultPoint.AfterCrossingCommit));
        Assert.Empty(await world.Firer.DrainAsync(None));
        Assert.Equal(1_000, await wallet.AvailableAsync());

        // The retried delivery of the same usage applies nothing again; the sweeper, past the grace, fires once.
        var again = await world.Engine.ApplyUsageAsync(wallet.WalletId, charges, None);
        Assert.All(again, r => Assert.Equal(EventOutcomeStatus.Applied, r.Outcome.Status));
        world.Clock.Advance(world.SweeperOptions.CrossingGrace + TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await world.NewSweeper().RunAsync(None)).Crossings);

        var attempt = Assert.Single(await wallet.AutoAttemptsAsync());
        Assert.Equal(TopUpStatus.Succeeded, attempt.Status);
        Assert.Equal(6_000, await wallet.AvailableAsync());
        Assert.Equal(1, await wallet.ChargesAsync());
    }

    [Fact]
    public async Task A_handled_crossing_is_cleared_and_a_recorded_one_whose_wallet_is_above_the_threshold_fires_nothing()
    {
        var world = await MoneyWorld.StartAsync();
        var wallet = await AutoTopUpWallet.CreateAsync(world, SandboxPaymentMethods.Success);

        // The live path: recorded before the commit, cleared once the firer handled it.
        await wallet.SpendAsync(9, 1_000);
        Assert.Single(await world.Firer.DrainAsync(None));
        Assert.Empty(await world.Pending.DueAsync(world.Clock.GetUtcNow(), 10, None));

        // A crossing recorded for a commit that then failed (or one long overtaken): the wallet is above its threshold
        // now, so the sweeper clears it without an attempt.
        var phantom = new ThresholdCrossingFor(wallet).At(sequence: 999, availableAfter: 500, world.Clock.GetUtcNow());
        await world.Pending.RecordAsync(phantom, None);
        world.Clock.Advance(world.SweeperOptions.CrossingGrace + TimeSpan.FromSeconds(1));

        Assert.Equal(1, (await world.NewSweeper().RunAsync(None)).Crossings);
        Assert.Single(await wallet.AutoAttemptsAsync());
        Assert.Empty(await world.Pending.DueAsync(world.Clock.GetUtcNow(), 10, None));
    }

    [Fact]
    public async Task A_crossing_while_an_attempt_is_pending_fires_nothing()
    {
        // The provider times out on the first charge: the attempt stays pending.
        var world = await MoneyWorld.StartAsync();
        var wallet = await AutoTopUpWallet.CreateAsync(world, SandboxPaymentMethods.TimeoutOnce);
        await wallet.SpendAsync(9, 1_000);
        Assert.Equal(AutoTopUpFiring.Fired, Assert.Single(await world.Firer.DrainAsync(None)).Kind);
        Assert.Equal(TopUpStatus.Pending, Assert.Single(await wallet.AutoAttemptsAsync()).Status);

        // Back above the threshold, and down again: a new crossing, but the wallet's attempt is still pending.
        await wallet.GrantAsync(3_000);
        await wallet.SpendAsync(3, 1_000);
        var second = Assert.Single(await world.Firer.DrainAsync(None));

        Assert.Equal(AutoTopUpFiring.Busy, second.Kind);
        Assert.Single(await wallet.AutoAttemptsAsync());
        Assert.True((await wallet.StateAsync()).AutoTopupRuntime!.IsPending);
        Assert.Equal(1, await wallet.ChargesAsync());
        await wallet.AssertAuditedAsync();
    }

    [Fact]
    public async Task The_monthly_cap_skips_a_top_up_mid_month_and_the_next_month_fires_again()
    {
        var world = await MoneyWorld.StartAsync(start: new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        var wallet = await AutoTopUpWallet.CreateAsync(world, SandboxPaymentMethods.Success, monthlyChargeLimit: 10_000);

        for (var crossing = 1; crossing <= 3; crossing++)
        {
            await wallet.SpendAsync(1, (await wallet.AvailableAsync()) - 1_000); // down to 1,000 each time
            await world.Firer.DrainAsync(None);
            world.Clock.Advance(TimeSpan.FromDays(1));
        }

        var march = await wallet.AutoAttemptsAsync();
        Assert.Equal([TopUpStatus.Succeeded, TopUpStatus.Succeeded, TopUpStatus.Skipped], march.Select(a => a.Status));
        Assert.StartsWith("monthly_charge_limit_reached", march[2].SkipReason, StringComparison.Ordinal);
        Assert.Equal(10_000, (await wallet.StateAsync()).AutoTopupRuntime!.MonthToDateCharge);
        Assert.Equal(1_000, await wallet.AvailableAsync());

        // April: the month-to-date charge starts again at 0.
        world.Clock.MoveTo(new DateTimeOffset(2026, 4, 1, 0, 5, 0, TimeSpan.Zero));
        await wallet.GrantAsync(2_000);
        await wallet.SpendAsync(1, 2_000);
        Assert.Equal(AutoTopUpFiring.Fired, Assert.Single(await world.Firer.DrainAsync(None)).Kind);

        var april = (await wallet.AutoAttemptsAsync())[^1];
        Assert.Equal(TopUpStatus.Succeeded, april.Status);
        Assert.Equal(5_000, (await wallet.StateAsync()).AutoTopupRuntime!.MonthToDateCharge);
        Assert.Equal(3, await wallet.ChargesAsync());
        await wallet.AssertAuditedAsync();
    }

    [Fact]
    public async Task An_invoiced_customer_is_topped_up_at_once_with_an_invoice_line()
    {
        var world = await MoneyWorld.StartAsync();
        var wallet = await AutoTopUpWallet.CreateAsync(world, SandboxPaymentMethods.Success, collectionMethod: Customers.Customer.SendInvoice);

        await wallet.SpendAsync(1, 8_500);
        await world.Firer.DrainAsync(None);

        var attempt = Assert.Single(await wallet.AutoAttemptsAsync());
        Assert.Equal((TopUpStatus.Succeeded, FundingMethod.Invoice), (attempt.Status, attempt.FundingMethod));
        Assert.NotNull(attempt.InvoiceId);
        Assert.Equal(0, await wallet.ChargesAsync());
        Assert.Equal(6_500, await wallet.AvailableAsync());
        Assert.Equal(FundingMethod.Invoice, (await wallet.StateAsync()).EffectiveFundingMethod);
        await wallet.AssertAuditedAsync();
    }

    [Fact]
    public async Task A_hold_that_takes_the_available_balance_below_the_threshold_fires()
    {
        var world = await MoneyWorld.StartAsync();
        var wallet = await AutoTopUpWallet.CreateAsync(world, SandboxPaymentMethods.Success);

        await world.Engine.MutateAsync(wallet.WalletId, (session, at) => session.PlaceHold(
            new Reservations.Hold
            {
                Id = UnitPay.Core.Wallets.WalletDirectory.NewScopedId("hold", wallet.WalletId, world.Clock),
                CustomerId = wallet.Customer.Id,
                CreditCurrencyId = wallet.Currency.Id,
                Amount = 9_000,
                Breakdown = [],
                ExpiresAt = at.AddMinutes(15),
                CreatedAt = at,
            },
            at), None);
        await world.Firer.DrainAsync(None);

        Assert.Equal(TopUpStatus.Succeeded, Assert.Single(await wallet.AutoAttemptsAsync()).Status);
        Assert.Equal(6_000, await wallet.AvailableAsync());
    }

    [Fact]
    public async Task A_rule_set_on_a_wallet_already_below_its_threshold_fires_once()
    {
        var world = await MoneyWorld.StartAsync();
        var wallet = await AutoTopUpWallet.CreateAsync(world, SandboxPaymentMethods.Success);
        await MoneyWorld.Ok(world.RuleService.DisableAsync(MoneyWorld.Org, wallet.Customer.Id, wallet.Currency.Id, None));
        await wallet.SpendAsync(1, 9_500);
        Assert.Empty(await world.Firer.DrainAsync(None)); // no rule enabled: no crossing signalled

        await MoneyWorld.Ok(world.RuleService.PutAsync(MoneyWorld.Org, wallet.Customer.Id, wallet.Currency.Id, new AutoTopUpRuleRequest { Enabled = true }, None));
        await world.Firer.DrainAsync(None);

        Assert.Equal(TopUpStatus.Succeeded, Assert.Single(await wallet.AutoAttemptsAsync()).Status);
        Assert.Equal(5_500, await wallet.AvailableAsync());
        Assert.Equal(GrantSource.Topup, (await world.RecordAsync(wallet.Customer, wallet.Currency)).Grants.Single(g => g.Amount == 5_000).Source);
        await wallet.AssertAuditedAsync();
    }
}

/// <summary>Builds a crossing record for a test wallet.</summary>
internal sealed class ThresholdCrossingFor(AutoTopUpWallet wallet)
{
    public UnitPay.Core.Wallets.ThresholdCrossing At(long sequence, long availableAfter, DateTimeOffset at) =>
        new(MoneyWorld.Org, wallet.Customer.Id, wallet.Currency.Id, wallet.WalletId, sequence, availableAfter + 1_000, availableAfter, 2_000, at);
}
