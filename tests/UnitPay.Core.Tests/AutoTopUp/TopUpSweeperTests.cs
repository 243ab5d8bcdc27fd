using UnitPay.Core.AutoTopUp;
using UnitPay.Core.Grants;
using UnitPay.Core.Payments.Sandbox;
using UnitPay.Core.Tests.TopUps;
using UnitPay.Core.TopUps;

namespace UnitPay.Core.Tests.AutoTopUp;

/// <summary>The top-up sweeper on Azurite with the sandbox provider and a test clock: never a second charge, never a second grant.</summary>
public sealed class TopUpSweeperTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_crash_after_the_charge_and_before_the_grant_is_completed_by_the_sweeper_with_one_charge_and_one_grant()
    {
        var crash = new CrashAfterCharge();
        var world = await MoneyWorld.StartAsync(crash.Around);
        var wallet = await AutoTopUpWallet.CreateAsync(world, SandboxPaymentMethods.Success);
        await wallet.SpendAsync(1, 9_000);

        Assert.Empty(await world.Firer.DrainAsync(None)); // the firing "crashed" after the provider charged
        var stuck = Assert.Single(await wallet.AutoAttemptsAsync());
        Assert.Equal(TopUpStatus.Pending, stuck.Status);
        Assert.Equal(1_000, await wallet.AvailableAsync());

        // Before the pending timeout the sweeper leaves it; after, it resumes it under the same idempotency key.
        Assert.Equal(0, (await world.NewSweeper().RunAsync(None)).Resumed);
        world.Clock.Advance(world.SweeperOptions.PendingTimeout + TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await world.NewSweeper().RunAsync(None)).Resumed);

        var done = Assert.Single(await wallet.AutoAttemptsAsync());
        Assert.Equal((stuck.Id, TopUpStatus.Succeeded), (done.Id, done.Status));
        var charge = Assert.Single(await world.Sandbox.ListChargesAsync(None));
        Assert.Equal(stuck.Id, charge.IdempotencyKey);

        // The provider's webhook arrives too, and a later sweep runs: still one grant.
        await world.DeliverWebhooksAsync();
        world.Clock.Advance(TimeSpan.FromHours(1));
        await world.NewSweeper().RunAsync(None);
        Assert.Single((await world.RecordAsync(wallet.Customer, wallet.Currency)).Grants, g => g.Source == GrantSource.Topup);
        Assert.Equal(6_000, await wallet.AvailableAsync());
        Assert.False((await wallet.StateAsync()).AutoTopupRuntime!.IsPending);
        await wallet.AssertAuditedAsync();
    }

    [Fact]
    public async Task A_provider_timeout_then_success_is_charged_once_and_frees_the_wallet_for_its_next_crossing()
    {
        var world = await MoneyWorld.StartAsync();
        var wallet = await AutoTopUpWallet.CreateAsync(world, SandboxPaymentMethods.TimeoutOnce);
        await wallet.SpendAsync(1, 9_000);
        await world.Firer.DrainAsync(None);
        Assert.Equal(TopUpStatus.Pending, Assert.Single(await wallet.AutoAttemptsAsync()).Status);

        world.Clock.Advance(world.SweeperOptions.PendingTimeout + TimeSpan.FromSeconds(1));
        await world.NewSweeper().RunAsync(None);

        Assert.Equal(TopUpStatus.Succeeded, Assert.Single(await wallet.AutoAttemptsAsync()).Status);
        Assert.Equal(1, await wallet.ChargesAsync());
        Assert.Equal(6_000, await wallet.AvailableAsync());

        // The slot is free again: the next crossing fires.
        await wallet.SpendAsync(1, 5_000);
        Assert.Equal(AutoTopUpFiring.Fired, Assert.Single(await world.Firer.DrainAsync(None)).Kind);
        Assert.Equal(2, (await wallet.AutoAttemptsAsync()).Count);
        await wallet.AssertAuditedAsync();
    }

    [Fact]
    public async Task A_card_declined_three_times_disables_the_rule_and_records_why()
    {
        var world = await MoneyWorld.StartAsync();
        var wallet = await AutoTopUpWallet.CreateAsync(world, SandboxPaymentMethods.Decline);
        await wallet.SpendAsync(1, 9_000);
        await world.Firer.DrainAsync(None);
        Assert.Equal(TopUpStatus.Failed, Assert.Single(await wallet.AutoAttemptsAsync()).Status);

        // Back-off: nothing before it is due, then one replay per failure (15 min, then 30 min).
        Assert.Equal(0, (await world.NewSweeper().RunAsync(None)).Replayed);
        world.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(1, (await world.NewSweeper().RunAsync(None)).Replayed);
        world.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(0, (await world.NewSweeper().RunAsync(None)).Replayed);
        world.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(1, (await world.NewSweeper().RunAsync(None)).Replayed);
        world.Clock.Advance(TimeSpan.FromHours(12));
        Assert.Equal(0, (await world.NewSweeper().RunAsync(None)).Replayed);

        var attempts = await wallet.AutoAttemptsAsync();
        Assert.Equal([TriggerSource.AutoTopup, TriggerSource.SweeperReplay, TriggerSource.SweeperReplay], attempts.Select(a => a.TriggerSource));
        Assert.All(attempts, a => Assert.Equal((TopUpStatus.Failed, "card_declined"), (a.Status, a.ErrorCode)));
        Assert.Equal(attempts[0].Id, attempts[1].ReplayOf);
        Assert.Equal(attempts[1].Id, attempts[2].ReplayOf);
        var rule = await MoneyWorld.Ok(world.RuleService.GetAsync(MoneyWorld.Org, wallet.Customer.Id, wallet.Currency.Id, None));
        Assert.False(rule.Enabled);
        Assert.Contains("3 consecutive failed top-ups", rule.DisabledReason, StringComparison.Ordinal);
        Assert.Contains("card_declined", rule.DisabledReason, StringComparison.Ordinal);
        Assert.Equal((5_000L, 2_000L), (rule.TopupAmount!.Value, rule.Threshold)); // kept for a re-enable
        Assert.Null((await world.Engine.ReadAsync(wallet.WalletId, None))!.Head.AutoTopUpThreshold);
        Assert.Equal(3, (await wallet.StateAsync()).AutoTopupRuntime!.ConsecutiveFailures);
        Assert.Equal(3, await wallet.ChargesAsync()); // three declined charges, no money taken
        Assert.Equal(1_000, await wallet.AvailableAsync());
        await wallet.AssertAuditedAsync();
    }

    [Fact]
    public async Task Two_sweepers_running_at_the_same_instant_charge_and_grant_once()
    {
        var world = await MoneyWorld.StartAsync();
        var wallet = await AutoTopUpWallet.CreateAsync(world, SandboxPaymentMethods.TimeoutOnce);
        await wallet.SpendAsync(1, 9_000);
        await world.Firer.DrainAsync(None);
        world.Clock.Advance(world.SweeperOptions.PendingTimeout + TimeSpan.FromSeconds(1));

        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => world.NewSweeper().RunAsync(None))));

        Assert.Equal(1, runs.Sum(r => r.Resumed)); // one claim won; the other found it claimed or already settled
        Assert.Equal(1, await wallet.ChargesAsync());
        Assert.Single((await world.RecordAsync(wallet.Customer, wallet.Currency)).Grants, g => g.Source == GrantSource.Topup);
        Assert.Equal(TopUpStatus.Succeeded, Assert.Single(await wallet.AutoAttemptsAsync()).Status);
        Assert.Equal(6_000, await wallet.AvailableAsync());
        await wallet.AssertAuditedAsync();
    }

    [Fact]
    public async Task A_sweeper_killed_after_its_claim_leaves_the_work_to_the_next_run_once_the_lease_ends()
    {
        var world = await MoneyWorld.StartAsync();
        var wallet = await AutoTopUpWallet.CreateAsync(world, SandboxPaymentMethods.TimeoutOnce);
        await wallet.SpendAsync(1, 9_000);
        await world.Firer.DrainAsync(None);
        world.Clock.Advance(world.SweeperOptions.PendingTimeout + TimeSpan.FromSeconds(1));

        // A run that claimed the attempt and died before doing anything.
        var index = new TopUpSweepIndex(world.Storage);
        var entry = Assert.Single(await index.DueAsync(world.Clock.GetUtcNow(), 10, None));
        Assert.NotNull(await index.TryClaimAsync(entry, world.Clock.GetUtcNow() + world.SweeperOptions.Lease, None));

        Assert.Equal(0, (await world.NewSweeper().RunAsync(None)).Looked); // still claimed
        world.Clock.Advance(world.SweeperOptions.Lease);
        Assert.Equal(1, (await world.NewSweeper().RunAsync(None)).Resumed);

        Assert.Equal(TopUpStatus.Succeeded, Assert.Single(await wallet.AutoAttemptsAsync()).Status);
        Assert.Equal(1, await wallet.ChargesAsync());
        await wallet.AssertAuditedAsync();
    }
}
