using UnitPay.Core.AutoTopUp;
using UnitPay.Core.Money;
using UnitPay.Core.Packages;
using UnitPay.Core.Results;
using UnitPay.Core.Tests.TopUps;

namespace UnitPay.Core.Tests.AutoTopUp;

/// <summary>The rule API's semantics: the mode fits the denomination, the wallet is created, disabling keeps the rest.</summary>
public sealed class AutoTopUpRuleTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_mode_that_does_not_fit_the_denomination_is_refused_naming_the_mode_that_does()
    {
        var world = await MoneyWorld.StartAsync();
        var usd = await world.CurrencyAsync("usd");
        var credits = await world.CurrencyAsync("unit");
        var ada = await world.CustomerAsync();

        var fiat = await MoneyWorld.Refused(world.RuleService.PutAsync(MoneyWorld.Org, ada.Id, usd.Id, new AutoTopUpRuleRequest { Mode = "package", Threshold = 100, CreditPackageId = "cpkg_x" }, None), FailureCodes.AutoTopupModeMismatch);
        var unit = await MoneyWorld.Refused(world.RuleService.PutAsync(MoneyWorld.Org, ada.Id, credits.Id, new AutoTopUpRuleRequest { Mode = "amount", Threshold = 100, TopupAmount = 500 }, None), FailureCodes.AutoTopupModeMismatch);

        Assert.Contains("mode 'amount'", fiat.Message, StringComparison.Ordinal);
        Assert.Contains("mode 'package'", unit.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_bad_field_is_named_and_nothing_is_written()
    {
        var world = await MoneyWorld.StartAsync();
        var usd = await world.CurrencyAsync("usd");
        var ada = await world.CustomerAsync();

        var failure = await MoneyWorld.Refused(world.RuleService.PutAsync(MoneyWorld.Org, ada.Id, usd.Id, new AutoTopUpRuleRequest { Mode = "amount", Threshold = -1, TopupAmount = 0, CreditPackageId = "cpkg_x", MonthlyChargeLimit = 0 }, None), FailureCodes.ValidationFailed);
        var tooLow = await MoneyWorld.Refused(world.RuleService.PutAsync(MoneyWorld.Org, ada.Id, usd.Id, new AutoTopUpRuleRequest { Mode = "amount", Threshold = 0, TopupAmount = 5_000, MonthlyChargeLimit = 4_999 }, None), FailureCodes.ValidationFailed);

        Assert.Equal(["creditPackageId", "monthlyChargeLimit", "threshold", "topupAmount"], failure.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("monthlyChargeLimit", tooLow.Errors!.Keys);
        await MoneyWorld.Refused(world.RuleService.GetAsync(MoneyWorld.Org, ada.Id, usd.Id, None), FailureCodes.NotFound);
    }

    [Fact]
    public async Task A_package_rule_creates_the_wallet_and_disabling_keeps_the_rest_for_a_re_enable()
    {
        var world = await MoneyWorld.StartAsync();
        var credits = await world.CurrencyAsync("unit");
        var ada = await world.CustomerAsync();
        var package = await MoneyWorld.Ok(world.Packages.CreateAsync(MoneyWorld.Org, new CreditPackageDraft("Small", credits.Id, 1_000, new CreditPackagePriceDraft(900, "usd"), null), None));

        var rule = await MoneyWorld.Ok(world.RuleService.PutAsync(MoneyWorld.Org, ada.Id, credits.Id, new AutoTopUpRuleRequest { Mode = "package", Threshold = 50, CreditPackageId = package.Id, MonthlyChargeLimit = 2_700 }, None));
        Assert.Equal((AutoTopUpMode.Package, "usd", true, 1), (rule.Mode, rule.ChargeCurrency, rule.Enabled, rule.Version));
        var head = (await world.Engine.ReadAsync(MoneyWorld.WalletOf(ada, credits), None))!.Head;
        Assert.Equal(50, head.AutoTopUpThreshold);

        var off = await MoneyWorld.Ok(world.RuleService.DisableAsync(MoneyWorld.Org, ada.Id, credits.Id, None));
        Assert.Equal((false, package.Id, 2_700L, (string?)null), (off.Enabled, off.CreditPackageId, off.MonthlyChargeLimit!.Value, off.DisabledReason));
        Assert.Null((await world.Engine.ReadAsync(MoneyWorld.WalletOf(ada, credits), None))!.Head.AutoTopUpThreshold);

        var on = await MoneyWorld.Ok(world.RuleService.PutAsync(MoneyWorld.Org, ada.Id, credits.Id, new AutoTopUpRuleRequest { Enabled = true }, None));
        Assert.Equal((true, package.Id, 50L, 3), (on.Enabled, on.CreditPackageId, on.Threshold, on.Version));
        var state = await world.RuleService.WalletStateAsync((await world.Engine.ReadAsync(MoneyWorld.WalletOf(ada, credits), None))!.Head, None);
        Assert.Equal((on, 0, "usd"), (state.AutoTopup, state.AutoTopupRuntime!.TotalFiresCount, state.AutoTopupRuntime.ChargeCurrency));
    }
}
