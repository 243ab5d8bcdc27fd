using UnitPay.Functions.Configuration;
using UnitPay.Functions.Local;
using UnitPay.Testing;

namespace UnitPay.Functions.Tests.Api;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_is_200_while_storage_answers_and_503_once_it_does_not()
    {
        // An Azurite of this test's own, so stopping it harms no other test.
        var azurite = await AzuriteProcess.StartAsync(preferDefaultPorts: false, TimeSpan.FromSeconds(90), CancellationToken.None);
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?>
        {
            [SettingNames.Storage] = azurite.ConnectionString,
            [SettingNames.LocalTriggers] = "false",
        });

        var (up, healthy) = await app.Client.GetJsonAsync("/v1/health");
        await azurite.DisposeAsync();
        var (down, degraded) = await app.Client.GetJsonAsync("/v1/health");

        Assert.Equal((200, "ok", "ok"), (up, healthy.Str("table"), healthy.Str("queue")));
        Assert.Equal(503, down);
        Assert.Equal("degraded", degraded.Str("status"));
        Assert.StartsWith("unreachable", degraded.Str("table"), StringComparison.Ordinal);
    }
}
