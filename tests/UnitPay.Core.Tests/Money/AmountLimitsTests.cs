using UnitPay.Core.Catalog;
using UnitPay.Core.Customers;
using UnitPay.Core.Grants;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Ledger;
using UnitPay.Core.Money;
using UnitPay.Core.Results;
using UnitPay.Core.Storage;
using UnitPay.Core.Wallets;
using UnitPay.Testing;

namespace UnitPay.Core.Tests.Money;

/// <summary>Amounts past the documented maxima are refused as values, before any arithmetic; nothing overflows into an exception.</summary>
public sealed class AmountLimitsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private static WalletSession Funded(long amount)
    {
        var s = new WalletSession(new WalletHead { WalletId = "cacc_w", OrgId = "org_1", CustomerId = "cus_1", CurrencyId = "ccur_1", CreatedAt = T0 }, []);
        if (amount > 0)
        {
            s.AddGrant(NewGrant("g0", amount), LedgerReason.Grant, T0);
        }

        return new WalletSession(s.Head, s.Grants);
    }

    private static Grant NewGrant(string id, long amount) => new()
    {
        Id = id, Source = GrantSource.Manual, Amount = amount, Remaining = amount, Priority = 10, EffectiveAt = T0, CreatedAt = T0,
    };

    [Fact]
    public void A_grant_of_long_max_to_a_funded_wallet_is_refused_and_writes_nothing()
    {
        var s = Funded(100);

        var added = s.TryAddGrant(NewGrant("huge", long.MaxValue), LedgerReason.Grant, T0);

        Assert.Equal(FailureCodes.ValidationFailed, added.Failure?.Code);
        Assert.Equal(["amount"], added.Failure!.Errors!.Keys);
        Assert.False(s.HeadChanged);
        Assert.Empty(s.NewEntries);
        Assert.Empty(s.TouchedGrants);
        Assert.Equal(100, s.Head.Balance);
    }

    [Fact]
    public void Grants_fill_a_wallet_up_to_the_maximum_balance_and_no_further()
    {
        var s = Funded(0);
        var n = 0;
        while (s.GrantRefusal(AmountLimits.MaxGrant) is null)
        {
            Assert.True(s.TryAddGrant(NewGrant("g" + n++, AmountLimits.MaxGrant), LedgerReason.Grant, T0).IsSuccess);
        }

        var room = AmountLimits.MaxBalance - s.Head.Balance;
        Assert.InRange(room, 0, AmountLimits.MaxGrant - 1);
        Assert.True(s.TryAddGrant(NewGrant("last", room), LedgerReason.Grant, T0).IsSuccess);
        Assert.Equal(AmountLimits.MaxBalance, s.Head.Balance);
        Assert.False(s.TryAddGrant(NewGrant("one-more", 1), LedgerReason.Grant, T0).IsSuccess);
        Assert.Throws<ArgumentOutOfRangeException>(() => s.AddGrant(NewGrant("forced", 1), LedgerReason.Grant, T0));

        // A full wallet still spends in full.
        Assert.Equal(EventOutcomeStatus.Applied, s.Debit(new UsageCharge("e1", "chat", AmountLimits.MaxBalance, T0, 1), T0).Status);
        Assert.Equal(0, s.Head.Balance);
    }

    [Fact]
    public void A_grant_above_the_per_grant_maximum_is_refused_even_in_an_empty_wallet()
    {
        var s = Funded(0);
        Assert.NotNull(s.GrantRefusal(AmountLimits.MaxGrant + 1));
        Assert.Null(s.GrantRefusal(AmountLimits.MaxGrant));
        Assert.NotNull(AmountLimits.ValidateTopUp("amount", AmountLimits.MaxTopUp + 1));
        Assert.NotNull(AmountLimits.ValidateTopUp("amount", 0));
        Assert.Null(AmountLimits.ValidateTopUp("amount", AmountLimits.MaxTopUp));
    }

    [Fact]
    public void A_huge_usage_charge_under_an_overage_policy_is_rejected_instead_of_overflowing_the_deficit()
    {
        // Regression: Deficit + shortfall wrapped to a negative number, passed the limit check, and the checked
        // deficit update then threw OverflowException.
        var s = Funded(10);
        Assert.Equal(EventOutcomeStatus.Applied, s.Debit(new UsageCharge("e1", "chat", 20, T0, 1, 150, OveragePolicy.ForgiveAtReset), T0).Status);
        Assert.Equal(10, s.Head.Deficit);

        var outcome = s.Debit(new UsageCharge("e2", "chat", long.MaxValue - 5, T0, 1, 150, OveragePolicy.ForgiveAtReset), T0);

        Assert.Equal(("INSUFFICIENT_CREDITS", -10L, 10L), (outcome.Reason, s.Head.Balance, s.Head.Deficit));
    }

    [Fact]
    public void An_overage_limit_stored_above_the_maximum_never_takes_a_wallet_past_the_maximum()
    {
        var s = Funded(0);
        var charge = new UsageCharge("e1", "chat", AmountLimits.MaxOverageLimit + 1, T0, 1, long.MaxValue, OveragePolicy.CarryDeficit);
        Assert.Equal(EventOutcomeStatus.Rejected, s.Debit(charge, T0).Status);
        Assert.Equal(EventOutcomeStatus.Applied, s.Debit(charge with { EventId = "e2", Amount = AmountLimits.MaxOverageLimit }, T0).Status);
        Assert.NotNull(new OveragePolicy { Mode = OveragePolicy.Allow, OverageLimit = AmountLimits.MaxOverageLimit + 1, OverageBehavior = OveragePolicy.CarryDeficit }.Validate());
    }

    [Theory]
    [InlineData("1000000000000", "1000000000000")] // 10^24
    [InlineData("1000000000000", "4611687")] // just over 2^62
    public void A_cost_no_wallet_could_pay_does_not_resolve(string quantity, string perUnit) =>
        Assert.False(CostCalculator.TryResolve(decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(perUnit, System.Globalization.CultureInfo.InvariantCulture), 0, out _));

    [Fact]
    public async Task A_grant_of_long_max_through_the_service_is_a_validation_failure_and_the_wallet_is_unchanged()
    {
        var options = new StorageOptions { ConnectionString = await SharedAzurite.ConnectionStringAsync(), TablePrefix = StorageNamespace.Fresh().TablePrefix };
        var worker = new EngineWorker(options);
        await worker.Storage.EnsureCreatedAsync(CancellationToken.None);
        var currency = new CreditCurrency { Id = Ids.New(IdPrefixes.CreditCurrency, TimeProvider.System), Name = "Credits", Slug = "credits", Denomination = "unit", MinorUnitScale = 0, CreatedAt = T0 };
        Assert.True(await new CatalogStore(worker.Storage).TryCreateCurrencyAsync("org_1", currency, CancellationToken.None));
        var customer = new Customer { Id = Ids.New(IdPrefixes.Customer, TimeProvider.System), Name = "Ada", CreatedAt = T0 };
        Assert.True(await new CustomerStore(worker.Storage).TryCreateAsync("org_1", customer, CancellationToken.None));
        GrantRequest Grant(long amount) => new() { CustomerId = customer.Id, CreditCurrencyId = currency.Id, Amount = amount };

        var first = await worker.Accounts.GrantAsync("org_1", Grant(AmountLimits.MaxGrant), CancellationToken.None);
        Assert.True(first.IsSuccess);
        var huge = await worker.Accounts.GrantAsync("org_1", Grant(long.MaxValue), CancellationToken.None);

        Assert.Equal(FailureCodes.ValidationFailed, huge.Failure?.Code);
        var wallet = await worker.Store.LoadAsync(first.Value.WalletId, CancellationToken.None);
        Assert.Equal((AmountLimits.MaxGrant, 1L), (wallet!.Head.Balance, wallet.Head.LastSequence));
    }
}
