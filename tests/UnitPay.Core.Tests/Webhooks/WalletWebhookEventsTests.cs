using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Wallets;
using UnitPay.Core.Webhooks;

namespace UnitPay.Core.Tests.Webhooks;

public sealed class WalletWebhookEventsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 0, 0, 0, TimeSpan.Zero);

    private static WalletHead Head(long? lowBalance = null) =>
        new() { WalletId = "cacc_w", OrgId = "org_1", CustomerId = "cus_1", CurrencyId = "ccur_1", CreatedAt = T0, LowBalanceThreshold = lowBalance };

    private static Grant NewGrant(string id, long amount, DateTimeOffset? expires = null, GrantSource source = GrantSource.Manual, string? sourceRef = null) => new()
    {
        Id = id,
        Source = source,
        SourceRef = sourceRef,
        Amount = amount,
        Remaining = amount,
        Priority = 10,
        EffectiveAt = T0,
        ExpiresAt = expires,
        CreatedAt = T0,
    };

    private static UsageCharge Charge(string id, long amount) => new(id, "calls", amount, T0, 1);

    /// <summary>A session over the wallet as the previous one left it, as the engine starts each commit.</summary>
    private static WalletSession Next(WalletSession done) =>
        new(done.Head, done.Grants.Where(g => g.Status == GrantStatus.Open));

    [Fact]
    public void A_grant_is_credit_grant_created_with_an_id_derived_from_wallet_sequence_and_type()
    {
        var session = new WalletSession(Head(), []);
        session.AddGrant(NewGrant("grant_a", 1_000, T0.AddDays(30)), LedgerReason.Grant, T0);

        var e = Assert.Single(WalletWebhookEvents.From(session));

        Assert.Equal((WebhookEventTypes.GrantCreated, "org_1", "grant_a", 1_000L), (e.Type, e.OrgId, (string?)e.Data["grantId"], (long?)e.Data["amount"]));
        Assert.Equal(WalletWebhookEvents.EventId("cacc_w", 1, WebhookEventTypes.GrantCreated), e.Id);
        Assert.StartsWith("whevt_", e.Id, StringComparison.Ordinal);
        Assert.Equal(e.Id, Assert.Single(WalletWebhookEvents.From(session)).Id); // derived again: the same id
        Assert.NotEqual(e.Id, WalletWebhookEvents.EventId("cacc_other", 1, WebhookEventTypes.GrantCreated));
        Assert.Equal(e.ToJson(), WebhookEvent.Parse(e.ToJson()).ToJson());
    }

    [Fact]
    public void A_top_up_grant_is_also_credit_topup_succeeded_naming_the_top_up()
    {
        var session = new WalletSession(Head(), []);
        session.AddGrant(NewGrant("grant_t", 2_000, source: GrantSource.Topup, sourceRef: "topup_1"), LedgerReason.Topup, T0);

        var events = WalletWebhookEvents.From(session);

        Assert.Equal([WebhookEventTypes.GrantCreated, WebhookEventTypes.TopUpSucceeded], events.Select(e => e.Type));
        Assert.Equal("topup_1", (string?)events[1].Data["topUpId"]);
        Assert.NotEqual(events[0].Id, events[1].Id);
    }

    [Fact]
    public void An_expiry_is_credit_grant_expired_for_what_remained()
    {
        var granted = new WalletSession(Head(), []);
        granted.AddGrant(NewGrant("grant_e", 500, T0.AddHours(1)), LedgerReason.Grant, T0);
        var later = Next(granted);

        later.ExpireDue(T0.AddHours(2));

        var e = Assert.Single(WalletWebhookEvents.From(later));
        Assert.Equal((WebhookEventTypes.GrantExpired, "grant_e", 500L), (e.Type, (string?)e.Data["grantId"], (long?)e.Data["expiredAmount"]));
    }

    [Fact]
    public void Plain_usage_emits_nothing_and_costs_no_extra_operation()
    {
        var granted = new WalletSession(Head(), []);
        granted.AddGrant(NewGrant("grant_u", 1_000), LedgerReason.Grant, T0);
        var usage = Next(granted);

        usage.Debit(Charge("evt_1", 100), T0);
        usage.Debit(Charge("evt_2", 100), T0);

        Assert.False(usage.HasWebhookEvents);
        Assert.Empty(WalletWebhookEvents.From(usage));
        Assert.Equal(1 + 1 + 1 + 2, usage.OperationCount); // head, the grant, one ledger page, two markers: as before webhooks
    }

    [Fact]
    public void Balance_low_fires_on_the_commit_that_crosses_and_not_on_the_next_below_it()
    {
        var granted = new WalletSession(Head(lowBalance: 500), []);
        granted.AddGrant(NewGrant("grant_l", 1_000), LedgerReason.Grant, T0);
        Assert.DoesNotContain(WalletWebhookEvents.From(granted), e => e.Type == WebhookEventTypes.BalanceLow);

        var crossing = Next(granted);
        crossing.Debit(Charge("evt_1", 400), T0); // 600: above
        crossing.Debit(Charge("evt_2", 200), T0); // 400: crossed
        var low = Assert.Single(WalletWebhookEvents.From(crossing));
        Assert.Equal((WebhookEventTypes.BalanceLow, 500L, 1_000L, 400L), (low.Type, (long?)low.Data["threshold"], (long?)low.Data["availableBefore"], (long?)low.Data["available"]));
        Assert.Equal(WalletWebhookEvents.EventId("cacc_w", crossing.Head.LastSequence, WebhookEventTypes.BalanceLow), low.Id);

        var below = Next(crossing);
        below.Debit(Charge("evt_3", 100), T0); // 300: still below, no new crossing
        Assert.Empty(WalletWebhookEvents.From(below));

        var refill = Next(below);
        refill.AddGrant(NewGrant("grant_m", 1_000), LedgerReason.Grant, T0); // 1300: above again
        var again = Next(refill);
        again.Debit(Charge("evt_4", 900), T0); // 400: a second crossing
        Assert.Equal(WebhookEventTypes.BalanceLow, Assert.Single(WalletWebhookEvents.From(again)).Type);
    }

    [Fact]
    public void Setting_a_threshold_the_balance_is_already_below_is_no_crossing_and_a_hold_that_crosses_is_one()
    {
        var granted = new WalletSession(Head(), []);
        granted.AddGrant(NewGrant("grant_h", 1_000), LedgerReason.Grant, T0);
        var set = Next(granted);
        set.SetLowBalanceThreshold(2_000, T0);
        Assert.Empty(WalletWebhookEvents.From(set));

        var lowered = Next(set);
        lowered.SetLowBalanceThreshold(800, T0);
        var held = Next(lowered);
        Assert.True(held.PlaceHold(new Reservations.Hold { Id = "hold_1", CustomerId = "cus_1", CreditCurrencyId = "ccur_1", Amount = 300, Breakdown = [], ExpiresAt = T0.AddHours(1), CreatedAt = T0 }, T0).IsSuccess);
        Assert.Equal(WebhookEventTypes.BalanceLow, Assert.Single(WalletWebhookEvents.From(held)).Type);
    }
}
