using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Api;

public sealed class LedgerAndWalletTests
{
    [Fact]
    public async Task Ledger_pages_newest_first_with_a_cursor_and_never_repeats_or_skips()
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["UNITPAY_LOCAL_TRIGGERS"] = "false" });
        var scenario = await Scenario.CreateAsync(app.Client);
        for (var i = 1; i <= 7; i++)
        {
            await scenario.GrantAsync(app.Client, i);
        }

        var (seen, pages) = await ReadPagesOf3Async(app, scenario);

        Assert.Equal([7L, 6, 5, 4, 3, 2, 1], seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task A_cursor_inside_a_ledger_page_of_many_entries_still_never_repeats_or_skips()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await Scenario.CreateAsync(app.Client, costPerUnit: 1);
        await scenario.GrantAsync(app.Client, 100);

        // One message of 10 events: the worker applies them in one transaction, so their entries share one ledger row.
        var (_, tracked) = await app.Client.PostAsync("/v1/usage/track", new
        {
            events = Enumerable.Range(0, 10).Select(i => new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug, idempotencyKey = "e" + i }).ToArray(),
        });
        foreach (var id in tracked!["eventIds"]!.AsArray())
        {
            await QuickstartTests.WaitAppliedAsync(app, scenario, id!.GetValue<string>());
        }

        var (seen, pages) = await ReadPagesOf3Async(app, scenario);

        Assert.Equal(Enumerable.Range(1, 11).Reverse().Select(i => (long)i), seen);
        Assert.Equal(4, pages);

        // And the cursor did land inside a row: 11 entries sit in fewer ledger rows than that.
        var (_, accounts) = await app.Client.GetJsonAsync("/v1/credit-accounts?customerId=" + scenario.CustomerId);
        var walletId = accounts!["accounts"]![0].Str("id");
        var table = app.Service<UnitPay.Core.Storage.StorageAccount>().Table(UnitPay.Core.Storage.TableNames.Wallets);
        var rows = table.QueryAsync<Azure.Data.Tables.TableEntity>($"PartitionKey eq '{walletId}' and RowKey ge 'l|' and RowKey lt 'l}}'");
        var count = 0;
        await foreach (var _ in rows)
        {
            count++;
        }

        Assert.InRange(count, 2, 10);
    }

    [Fact]
    public async Task No_two_wallets_share_a_row_key_in_the_tables_every_wallet_writes()
    {
        // Azurite finds an entity by row key and then scans every row with that key: a key every wallet shares (a
        // constant head key, the page of sequence 1, the currency as the directory's key, the table name as a
        // webhook mark's key) made each write cost a scan over all wallets. Two wallets, each granted and charged.
        await using var app = await TestApp.StartAsync(settings: QuietTimers.Settings());
        var storage = app.Service<UnitPay.Core.Storage.StorageAccount>();
        var first = await Scenario.CreateAsync(app.Client, costPerUnit: 1);
        var (created, other) = await app.Client.PostAsync("/v1/customers", new { name = "Grace", externalId = "user_grace" });
        Scenario.Ensure(created, 201, other);
        foreach (var (i, scenario) in new[] { (1, first), (2, first with { CustomerId = other.Str("id"), ExternalId = "user_grace" }) })
        {
            // One credit currency for both: the directory row of each customer's wallet in it must still differ.
            await scenario.GrantAsync(app.Client, 10);
            var (_, tracked) = await app.Client.PostAsync("/v1/usage/track", new
            {
                events = new[] { new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug, idempotencyKey = "k" + i } },
            });
            await QuickstartTests.WaitAppliedAsync(app, scenario, tracked!["eventIds"]![0]!.GetValue<string>());
        }

        var tables = new[] { UnitPay.Core.Storage.TableNames.Wallets, UnitPay.Core.Storage.TableNames.CustomerWallets, UnitPay.Core.Storage.TableNames.WebhookOutboxIndex };
        var partitionsByKey = new Dictionary<(string Table, string RowKey), HashSet<string>>();
        foreach (var name in tables)
        {
            await foreach (var row in storage.Table(name).QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey", "RowKey"]))
            {
                var key = (name, row.RowKey);
                if (!partitionsByKey.TryGetValue(key, out var partitions))
                {
                    partitionsByKey[key] = partitions = [];
                }

                partitions.Add(row.PartitionKey);
            }
        }

        // Each wallet wrote its head, grant, ledger pages and marker; each customer a directory row; each grant a mark.
        int Rows(string table) => partitionsByKey.Where(k => k.Key.Table == table).Sum(k => k.Value.Count);
        Assert.Equal(2, partitionsByKey.Count(k => k.Key.Table == UnitPay.Core.Storage.TableNames.Wallets && UnitPay.Core.Wallets.WalletRows.IsHeadKey(k.Key.RowKey)));
        Assert.True(Rows(UnitPay.Core.Storage.TableNames.Wallets) >= 2 * 4, "every wallet's rows were read");
        Assert.Equal(2, Rows(UnitPay.Core.Storage.TableNames.CustomerWallets));
        Assert.Equal(2, Rows(UnitPay.Core.Storage.TableNames.WebhookOutboxIndex));
        Assert.All(partitionsByKey, k => Assert.True(k.Value.Count == 1, $"{k.Key.Table} row key {k.Key.RowKey} is in {k.Value.Count} partitions"));
    }

    [Fact]
    public async Task A_cursor_the_engine_did_not_make_is_refused_not_followed()
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["UNITPAY_LOCAL_TRIGGERS"] = "false" });
        var scenario = await Scenario.CreateAsync(app.Client);
        await scenario.GrantAsync(app.Client, 5);
        var (_, accounts) = await app.Client.GetJsonAsync("/v1/credit-accounts?customerId=" + scenario.CustomerId);
        var walletId = accounts!["accounts"]![0].Str("id");

        // A negative position would read the whole ledger to return nothing; garbage is garbage.
        foreach (var forged in new[] { "{\"" + walletId + "\":-5}", "{\"" + walletId + "\":" + long.MinValue + "}" })
        {
            var cursor = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(forged)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var (status, problem) = await app.Client.GetJsonAsync($"/v1/credit-ledger?customerId={scenario.CustomerId}&cursor={cursor}");
            Assert.Equal((400, "VALIDATION_FAILED"), (status, problem.Str("code")));
        }

        Assert.Equal(400, (await app.Client.GetJsonAsync($"/v1/credit-ledger?customerId={scenario.CustomerId}&cursor=%%%")).Status);
    }

    [Fact]
    public async Task Ledger_filters_by_type_and_time_and_caps_the_limit()
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["UNITPAY_LOCAL_TRIGGERS"] = "false" });
        var scenario = await Scenario.CreateAsync(app.Client);
        var grant = await scenario.GrantAsync(app.Client, 10);
        var (voidStatus, _) = await app.Client.PostAsync($"/v1/credit-grants/{grant.Str("id")}/void", new { reason = "mistake" });
        Assert.Equal(200, voidStatus);

        var (_, adjustments) = await app.Client.GetJsonAsync($"/v1/credit-ledger?customerId={scenario.CustomerId}&type=ADJUSTMENT");
        var (_, credits) = await app.Client.GetJsonAsync($"/v1/credit-ledger?customerId={scenario.CustomerId}&type=credit");
        var (_, future) = await app.Client.GetJsonAsync($"/v1/credit-ledger?customerId={scenario.CustomerId}&createdAfter={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(5).ToString("O"))}");
        var (capped, _) = await app.Client.GetJsonAsync($"/v1/credit-ledger?customerId={scenario.CustomerId}&limit=1000");
        var (badType, problem) = await app.Client.GetJsonAsync($"/v1/credit-ledger?customerId={scenario.CustomerId}&type=refund");

        var adjustment = adjustments!["entries"]!.AsArray().Single()!;
        Assert.Equal(("GRANT_VOIDED", 10L, 0L), (adjustment.Str("reason"), adjustment.Num("amount"), adjustment.Num("balanceAfter")));
        Assert.Equal("GRANT", credits!["entries"]!.AsArray().Single().Str("reason"));
        Assert.Empty(future!["entries"]!.AsArray());
        Assert.Equal(200, capped);
        Assert.Equal((400, "VALIDATION_FAILED"), (badType, problem.Str("code")));
    }

    [Fact]
    public async Task A_voided_grant_cannot_be_voided_again_and_leaves_the_balance()
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["UNITPAY_LOCAL_TRIGGERS"] = "false" });
        var scenario = await Scenario.CreateAsync(app.Client);
        var keep = await scenario.GrantAsync(app.Client, 30);
        var drop = await scenario.GrantAsync(app.Client, 20);

        var (first, voided) = await app.Client.PostAsync($"/v1/credit-grants/{drop.Str("id")}/void", new { });
        var (second, problem) = await app.Client.PostAsync($"/v1/credit-grants/{drop.Str("id")}/void", new { });

        Assert.Equal(200, first);
        Assert.Equal(("voided", 0L), (voided.Str("status"), voided.Num("remaining")));
        Assert.Equal((409, "CONFLICT"), (second, problem.Str("code")));
        var (_, accounts) = await app.Client.GetJsonAsync("/v1/credit-accounts?customerId=" + scenario.CustomerId);
        var account = accounts!["accounts"]![0]!;
        Assert.Equal(30, account.Num("balance"));
        Assert.Equal(keep.Str("id"), account["grants"]!.AsArray().Single().Str("id"));
    }

    [Fact]
    public async Task A_frozen_wallet_refuses_usage_with_a_reason_and_takes_it_again_when_unfrozen()
    {
        await using var app = await TestApp.StartAsync();
        var scenario = await Scenario.CreateAsync(app.Client, costPerUnit: 1);
        var grant = await scenario.GrantAsync(app.Client, 100);
        var walletId = grant.Str("creditAccountId");

        var (freezeStatus, frozen) = await app.Client.PostAsync($"/v1/credit-accounts/{walletId}/freeze", new { });
        Assert.Equal((200, "frozen"), (freezeStatus, frozen.Str("status")));
        var (_, tracked) = await app.Client.PostAsync("/v1/usage/track", new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug, quantity = 5 });
        var refused = await QuickstartTests.WaitAppliedAsync(app, scenario, tracked!["eventIds"]![0]!.GetValue<string>(), expectApplied: false);
        Assert.Equal(("rejected", "WALLET_FROZEN"), (refused.Str("status"), refused.Str("reason")));
        var (_, check) = await app.Client.PostAsync("/v1/check", new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug });
        Assert.False(check!["access"]!.GetValue<bool>());

        await app.Client.PostAsync($"/v1/credit-accounts/{walletId}/unfreeze", new { });
        var (_, again) = await app.Client.PostAsync("/v1/usage/track", new { customerId = scenario.CustomerId, featureSlug = scenario.FeatureSlug, quantity = 5 });
        await QuickstartTests.WaitAppliedAsync(app, scenario, again!["eventIds"]![0]!.GetValue<string>());
        var (_, accounts) = await app.Client.GetJsonAsync("/v1/credit-accounts?customerId=" + scenario.CustomerId);
        Assert.Equal(95, accounts!["accounts"]![0].Num("balance"));
    }

    /// <summary>Follows the ledger's cursor 3 entries at a time (at most 10 pages); returns the sequences seen and the page count.</summary>
    private static async Task<(List<long> Seen, int Pages)> ReadPagesOf3Async(TestApp app, Scenario scenario)
    {
        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var (status, page) = await app.Client.GetJsonAsync($"/v1/credit-ledger?customerId={scenario.CustomerId}&limit=3" + (cursor is null ? string.Empty : "&cursor=" + cursor));
            Assert.Equal(200, status);
            seen.AddRange(page!["entries"]!.AsArray().Select(e => e.Num("sequence")));
            cursor = page["nextCursor"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null && pages < 10);

        return (seen, pages);
    }
}
