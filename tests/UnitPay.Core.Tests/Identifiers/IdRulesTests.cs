using Microsoft.Extensions.Time.Testing;
using UnitPay.Contracts.Usage;
using UnitPay.Core.Customers;
using UnitPay.Core.Identifiers;
using UnitPay.Core.Results;
using UnitPay.Core.Storage;
using UnitPay.Core.Usage;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.Tests.Identifiers;

public sealed class IdRulesTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(IdPrefixes.Customer)]
    [InlineData(IdPrefixes.CreditCurrency)]
    [InlineData(IdPrefixes.Feature)]
    [InlineData(IdPrefixes.Plan)]
    [InlineData(IdPrefixes.Subscription)]
    [InlineData(IdPrefixes.CreditPackage)]
    [InlineData(IdPrefixes.TopUp)]
    public void Ids_the_engine_makes_are_well_formed_for_their_prefix_only(string prefix)
    {
        var made = Ids.New(prefix, Clock);
        Assert.True(IdRules.IsWellFormed(made, prefix));
        Assert.True(IdRules.IsWellFormed(Ids.Derived(prefix, "a", "b"), prefix));
        Assert.False(IdRules.IsWellFormed(made, prefix == "cus" ? "plan" : "cus"));
        Assert.Null(IdRules.ValidateId("id", made, prefix));
    }

    [Fact]
    public void Wallet_scoped_and_ledger_ids_are_well_formed()
    {
        var wallet = WalletDirectory.WalletIdFor("org_1", "cus_1", "ccur_1");
        Assert.True(IdRules.IsWellFormed(wallet, IdPrefixes.CreditAccount));
        Assert.True(IdRules.IsWellFormed(WalletDirectory.NewScopedId(IdPrefixes.Grant, wallet, Clock), IdPrefixes.Grant));
        Assert.True(IdRules.IsWellFormed(WalletDirectory.NewScopedId(IdPrefixes.Hold, wallet, Clock), IdPrefixes.Hold));
        Assert.True(IdRules.IsWellFormed(WalletRows.LedgerEntryId(wallet, 42), IdPrefixes.LedgerEntry));
        Assert.False(IdRules.IsWellFormed(WalletRows.LedgerEntryId(wallet, 42) + "x", IdPrefixes.LedgerEntry));
    }

    [Theory]
    [InlineData("")]
    [InlineData("cus_")]
    [InlineData("cus_0123456789abcdefghjkmnpqr")] // 25
    [InlineData("cus_0123456789abcdefghjkmnpqrst")] // 27
    [InlineData("cus_0123456789ABCDEFGHJKMNPQRS")] // upper case
    [InlineData("cus_0123456789abcdefghjkmnpqri")] // 'i' is not Crockford base32
    [InlineData("cus_0123456789abcdefghjkmnpq/s")]
    [InlineData("cus-0123456789abcdefghjkmnpqrs")]
    [InlineData("cusx0123456789abcdefghjkmnpqrs")]
    [InlineData("customer_0123456789abcdefghjkmnpq")]
    public void Malformed_prefixed_ids_fail_validation_naming_the_field(string id)
    {
        Assert.False(IdRules.IsWellFormed(id, IdPrefixes.Customer));
        var failure = IdRules.ValidateId("customerId", id, IdPrefixes.Customer);
        Assert.NotNull(failure);
        Assert.Equal(FailureCodes.ValidationFailed, failure.Code);
        Assert.Equal(["customerId"], failure.Errors!.Keys);
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("ai-generation_2", true)]
    [InlineData("0day", true)]
    [InlineData("-lead", false)]
    [InlineData("_lead", false)]
    [InlineData("Upper", false)]
    [InlineData("a/b", false)]
    [InlineData("a b", false)]
    [InlineData("é", false)]
    [InlineData("", false)]
    public void Slugs_are_lowercase_ascii_letters_digits_dash_and_underscore(string slug, bool valid)
    {
        Assert.Equal(valid, IdRules.IsValidSlug(slug));
        Assert.Equal(valid, IdRules.ValidateSlug("featureSlug", slug) is null);
    }

    [Fact]
    public void A_slug_is_at_most_64_characters()
    {
        Assert.True(IdRules.IsValidSlug(new string('a', 64)));
        Assert.False(IdRules.IsValidSlug(new string('a', 65)));
    }

    [Theory]
    [InlineData("ada@example.com")]
    [InlineData("user:123")]
    [InlineData("https://example.com/users/7?tab=1#top")]
    [InlineData("team\\ops")]
    [InlineData("Zoë Ünal")]
    [InlineData("用户-42")]
    [InlineData("😀 smile")]
    [InlineData("a|b")]
    [InlineData("cus_notbase32ilou")]
    public void External_ids_are_as_permissive_as_callers_ids(string externalId)
    {
        Assert.True(IdRules.IsValidExternalId(externalId));
        Assert.Null(IdRules.CustomerRefProblem("customerId", externalId));
        Assert.True(TableKeys.IsValid(CustomerStore.ExternalIdRowKey(externalId)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a\u0000b")]
    [InlineData("a\nb")]
    [InlineData("a\u007Fb")]
    [InlineData("a\u0085b")]
    public void External_ids_with_control_characters_or_broken_text_are_refused(string externalId)
    {
        var failure = IdRules.ValidateExternalId("externalId", externalId);
        Assert.NotNull(failure);
        Assert.Equal(["externalId"], failure.Errors!.Keys);
    }

    [Fact]
    public void External_ids_with_unpaired_surrogates_are_refused()
    {
        // Built at run time: attribute arguments are stored as UTF-8, which cannot hold an unpaired surrogate.
        Assert.NotNull(IdRules.ValidateExternalId("externalId", "a" + '\uD800' + "b"));
        Assert.NotNull(IdRules.ValidateExternalId("externalId", "a" + '\uDC00'));
        Assert.NotNull(IdRules.ValidateExternalId("externalId", "a" + '\uDC00' + '\uD800'));
        Assert.Null(IdRules.ValidateExternalId("externalId", "a" + '\uD83D' + '\uDE00'));
    }

    [Fact]
    public void An_external_id_is_at_most_200_characters_and_never_a_customer_id()
    {
        Assert.True(IdRules.IsValidExternalId(new string('x', 200)));
        Assert.False(IdRules.IsValidExternalId(new string('x', 201)));
        var customerId = Ids.New(IdPrefixes.Customer, Clock);
        Assert.False(IdRules.IsValidExternalId(customerId));
        Assert.Null(IdRules.ValidateCustomerRef("customerId", customerId)); // but a customer reference may be one
    }

    [Fact]
    public void External_ids_that_keys_accept_keep_their_plain_key_and_others_are_hashed()
    {
        Assert.Equal("ext|ada@example.com", CustomerStore.ExternalIdRowKey("ada@example.com"));
        Assert.Equal("ext|Zoë", CustomerStore.ExternalIdRowKey("Zoë"));
        var hashed = CustomerStore.ExternalIdRowKey("a/b");
        Assert.StartsWith("exth|", hashed, StringComparison.Ordinal);
        Assert.Equal(48, hashed.Length);
        Assert.NotEqual(hashed, CustomerStore.ExternalIdRowKey("a\\b"));
        Assert.Equal(hashed, CustomerStore.ExternalIdRowKey("a/b"));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\u0001b")]
    [InlineData("a\u009Fb")]
    public void Table_keys_refuse_what_storage_refuses(string key)
    {
        Assert.False(TableKeys.IsValid(key));
        Assert.Throws<ArgumentException>(() => JsonRows.ToEntity("org_1", key, new { }));
    }

    [Fact]
    public void Table_keys_are_at_most_512_characters()
    {
        Assert.True(TableKeys.IsValid(new string('x', 512)));
        Assert.False(TableKeys.IsValid(new string('x', 513)));
        Assert.True(TableKeys.IsValid("ok|é😀 :%+'"));
    }

    [Theory]
    [InlineData("a\u0000b", "chat")]
    [InlineData("user:1", "a/b")]
    [InlineData("user:1", "Chat")]
    [InlineData("user:1", "")]
    public void Usage_events_with_unusable_ids_are_refused_before_storage(string customerId, string featureSlug)
    {
        var e = new UsageEvent { CustomerId = customerId, FeatureSlug = featureSlug };
        Assert.NotNull(UsageValidator.Check(e, Clock.GetUtcNow()));
        Assert.Null(UsageValidator.Check(e with { CustomerId = "user:1", FeatureSlug = "chat" }, Clock.GetUtcNow()));
    }

    [Fact]
    public void A_producer_set_event_id_must_be_usable_as_a_key()
    {
        var good = new UsageEvent { CustomerId = "user:1", FeatureSlug = "chat", EventId = "evt_mine-1" };
        Assert.Null(UsageValidator.Check(good, Clock.GetUtcNow()));
        Assert.Contains("eventId", UsageValidator.Check(good with { EventId = "a/b" }, Clock.GetUtcNow()), StringComparison.Ordinal);
        Assert.Contains("eventId", UsageValidator.Check(good with { EventId = new string('e', 201) }, Clock.GetUtcNow()), StringComparison.Ordinal);
        Assert.True(TableKeys.IsValid(UsageRejectionStore.RowKeyOf("a/b")));
    }
}
