using UnitPay.Core.AutoTopUp;
using UnitPay.Core.Grants;
using UnitPay.Core.Payments.Sandbox;
using UnitPay.Core.Tests.TopUps;
using UnitPay.Core.TopUps;

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
