using UnitPay.Client;
using UnitPay.Core.Organizations;
using UnitPay.Testing;

namespace UnitPay.Client.Tests.Support;

/// <summary>Clients of a running <see cref="TestApp"/>, as an integrator would build them.</summary>
public static class ClientFor
{
    public static UnitPayClientOptions Options(TestApp app) => new()
    {
        BaseAddress = app.BaseAddress,
        ApiKey = app.ApiKey,
        RetryBaseDelay = TimeSpan.FromMilliseconds(50),
        MaxRetryDelay = TimeSpan.FromSeconds(5),
    };

    public static UnitPayClient App(TestApp app, HttpMessageHandler? handler = null, Func<UnitPayClientOptions, UnitPayClientOptions>? configure = null)
    {
        var options = (configure ?? (o => o))(Options(app));
        return handler is null ? new UnitPayClient(options) : new UnitPayClient(options, handler);
    }

    public static async Task<string> OrgIdAsync(TestApp app) =>
        await app.Service<OrganizationStore>().FindOrgIdByKeyAsync(app.ApiKey, CancellationToken.None)
            ?? throw new InvalidOperationException("The bootstrap key opens no organization.");

    /// <summary>A unit currency and a feature costing <paramref name="cost"/> of it per use.</summary>
    public static async Task<(string CurrencyId, string FeatureSlug)> CatalogAsync(UnitPayClient client, decimal cost = 10)
    {
        var currency = await client.CreateCreditCurrencyAsync(new("AI credits " + Guid.NewGuid().ToString("N")[..8], "unit"));
        var slug = "ai-" + Guid.NewGuid().ToString("N")[..8];
        await client.CreateFeatureAsync(new(slug, "AI generation", [new(currency.Id, cost)]));
        return (currency.Id, slug);
    }
}
