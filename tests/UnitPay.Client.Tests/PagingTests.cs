using UnitPay.Client.Models;
using UnitPay.Client.Tests.Support;
using UnitPay.Testing;

namespace UnitPay.Client.Tests;

/// <summary>Cursor listings as <see cref="IAsyncEnumerable{T}"/>.</summary>
public sealed class PagingTests
{
    [Fact]
    public async Task The_ledger_streams_more_than_100_entries_across_pages_newest_first()
    {
        await using var app = await TestApp.StartAsync();
        var recorder = new RecordingHandler();
        using var client = ClientFor.App(app, recorder);
        var (currencyId, _) = await ClientFor.CatalogAsync(client);
        var customer = await client.CreateCustomerAsync(new("Ada"));
        for (var i = 1; i <= 105; i++)
        {
            await client.CreateCreditGrantAsync(new(customer.Id, currencyId, i));
        }

        var entries = await client.ListLedgerAsync(new LedgerQuery(CustomerId: customer.Id, PageSize: 40)).ToListAsync();
        var pages = recorder.Attempts.Count(a => a.Path.EndsWith("/credit-ledger", StringComparison.Ordinal));

        Assert.Equal(105, entries.Count);
        Assert.Equal(105, entries.Select(e => e.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 105).Reverse().Select(i => (long)i), entries.Select(e => e.Amount));
        Assert.Equal(entries.Select(e => e.Sequence).OrderDescending(), entries.Select(e => e.Sequence));
        Assert.Equal(3, pages);
    }
}
