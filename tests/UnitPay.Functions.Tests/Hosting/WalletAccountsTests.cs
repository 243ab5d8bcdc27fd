using Azure.Data.Tables;
using UnitPay.Core.Storage;
using UnitPay.Functions.Configuration;
using UnitPay.Functions.Local;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Hosting;

/// <summary>
/// Wallets spread over two storage accounts (UNITPAY_WALLET_ACCOUNTS = 2): two Azurite processes, the app's own and a
/// second one for wallets only. Everything a wallet does (grants, usage through the queue, holds, reads, the webhook
/// outbox) must work wherever the wallet lives, and each wallet's rows must be in its account and no other.
/// </summary>
public sealed class WalletAccountsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Wallets_spread_over_two_accounts_are_granted_charged_and_read_each_in_its_own()
    {
        await using var second = await AzuriteProcess.StartAsync(preferDefaultPorts: false, TimeSpan.FromSeconds(60), CancellationToken.None);
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?>
        {
            [SettingNames.WalletAccounts] = "2",
            [SettingNames.WalletStorage(2)] = second.ConnectionString,
        });
        var wallets = app.Service<WalletAccounts>();
        Assert.Equal(2, wallets.Count);

        var scenario = await Scenario.CreateAsync(app.Client, costPerUnit: 1);
        var customers = new List<string> { scenario.CustomerId };
        for (var i = 1; i < 24; i++)
        {
            var (status, customer) = await app.Client.PostAsync("/v1/customers", new { name = $"Customer {i}" });
            Scenario.Ensure(status, 201, customer);
            customers.Add(customer.Str("id"));
        }

        foreach (var customer in customers)
        {
            var (status, grant) = await app.Client.PostAsync("/v1/credit-grants", new { customerId = customer, creditCurrencyId = scenario.CurrencyId, amount = 100 });
            Scenario.Ensure(status, 201, grant);
        }

        // Three events a customer in one track call: the queue worker charges wallets in both accounts.
        var (tracked, _) = await app.Client.PostAsync("/v1/usage/track", new
        {
            events = customers.SelectMany(c => Enumerable.Range(0, 3).Select(i => new { customerId = c, featureSlug = scenario.FeatureSlug, quantity = i + 1, idempotencyKey = $"{c}-{i}" })).ToArray(),
        });
        Assert.Equal(202, tracked);
        foreach (var customer in customers)
        {
            await Poll.UntilAsync(
                async () => (await app.Client.GetJsonAsync("/v1/credit-accounts?customerId=" + customer)).Body!["accounts"]![0]!.Num("balance"),
                balance => balance == 100 - (1 + 2 + 3),
                Deadline,
                $"the usage of {customer} to be charged");
        }

        // Every wallet's rows are in the account its id hashes to, and only there; both accounts hold wallets.
        var walletIds = new List<string>();
        foreach (var customer in customers)
        {
            walletIds.Add((await app.Client.GetJsonAsync("/v1/credit-accounts?customerId=" + customer)).Body!["accounts"]![0].Str("id"));
        }

        var partitionsByAccount = new List<HashSet<string>>();
        foreach (var table in wallets.Tables)
        {
            var partitions = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey"]))
            {
                partitions.Add(row.PartitionKey);
            }

            partitionsByAccount.Add(partitions);
        }

        Assert.All(walletIds, id => Assert.Contains(id, partitionsByAccount[wallets.IndexOf(id)]));
        Assert.All(walletIds, id => Assert.DoesNotContain(id, partitionsByAccount[1 - wallets.IndexOf(id)]));
        Assert.All(partitionsByAccount, p => Assert.True(p.Count >= 5, $"an account holds only {p.Count} of {walletIds.Count} wallets"));

        // Reads and holds work wherever the wallet lives; the grants' webhook outbox rows are dispatched from
        // both accounts (the live dispatcher deletes each once its events are queued).
        foreach (var index in new[] { 0, 1 })
        {
            // A customer whose wallet is in this account: its ledger, and a reservation held and committed (the hold
            // is found again by its id alone, which names the wallet and so the account).
            var customer = customers[walletIds.FindIndex(id => wallets.IndexOf(id) == index)];
            var (status, ledger) = await app.Client.GetJsonAsync($"/v1/credit-ledger?customerId={customer}&creditCurrencyId={scenario.CurrencyId}");
            Assert.Equal(200, status);
            Assert.Equal(4, ledger!["entries"]!.AsArray().Count);
            var (held, hold) = await app.Client.PostAsync("/v1/reservations", new { customerId = customer, creditCurrencyId = scenario.CurrencyId, amount = 50 });
            Scenario.Ensure(held, 201, hold);
            var (committed, commit) = await app.Client.PostAsync($"/v1/reservations/{hold.Str("id")}/commit", new { amount = 30 });
            Scenario.Ensure(committed, 200, commit);
            var (_, accounts) = await app.Client.GetJsonAsync("/v1/credit-accounts?customerId=" + customer);
            Assert.Equal(94 - 30, accounts!["accounts"]![0].Num("balance"));
        }

        await Poll.UntilAsync(
            async () =>
            {
                var left = 0;
                foreach (var table in wallets.Tables)
                {
                    await foreach (var _ in table.QueryAsync<TableEntity>("RowKey ge 'o|' and RowKey lt 'o}'", select: ["RowKey"]))
                    {
                        left++;
                    }
                }

                return left;
            },
            left => left == 0,
            Deadline,
            "every wallet's webhook outbox to be dispatched");
    }

    [Fact]
    public async Task A_deployment_refuses_to_start_with_another_number_of_wallet_accounts()
    {
        await using var second = await AzuriteProcess.StartAsync(preferDefaultPorts: false, TimeSpan.FromSeconds(60), CancellationToken.None);
        var ns = StorageNamespace.Fresh();
        var two = new Dictionary<string, string?> { [SettingNames.WalletAccounts] = "2", [SettingNames.WalletStorage(2)] = second.ConnectionString };
        await (await TestApp.StartAsync(settings: two, ns: ns)).DisposeAsync();

        // Restarted with one account, a wallet that hashed to the second would be looked for in the first (and be
        // created there afresh, empty): the app must not start.
        var refused = await Assert.ThrowsAsync<WalletLayoutException>(async () => await TestApp.StartAsync(ns: ns));
        Assert.Equal((2, 1), (refused.Recorded, refused.Configured));

        // The same number starts again.
        await (await TestApp.StartAsync(settings: two, ns: ns)).DisposeAsync();
    }

    [Fact]
    public void A_second_account_without_its_setting_is_refused_by_name()
    {
        var error = Assert.Throws<SettingException>(() => AppSettings.Load(new Dictionary<string, string?>
        {
            [SettingNames.Storage] = "UseDevelopmentStorage=true",
            [SettingNames.WalletAccounts] = "2",
        }));
        Assert.Contains(SettingNames.WalletStorage(2), error.Message, StringComparison.Ordinal);
    }
}
