using Microsoft.Playwright;
using UnitPay.Testing;

namespace UnitPay.Browser.Tests;

/// <summary>
/// One app (the local host against Azurite) and one headless Chromium for the class. The browser is the system's
/// Chromium (Debian's <c>chromium</c> package at /usr/bin/chromium, or <c>UNITPAY_CHROMIUM</c>), driven through
/// Playwright's bundled driver; Playwright never downloads a browser here. Without Chromium the tests fail, saying how
/// to install it: CI (.ci/run) installs it first.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumSetting = "UNITPAY_CHROMIUM";
    public const string DefaultChromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public TestApp App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable(ChromiumSetting) is { Length: > 0 } configured ? configured : DefaultChromium;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {chromium}, and it is not there. Install it with `apt-get update && apt-get install -y chromium` "
                + $"(Debian's package; .ci/run does this), or point {ChromiumSetting} at a Chromium or Chrome executable.");
        }

        App = await TestApp.StartAsync(settings: QuietTimers.Settings());
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,

            // Chromium refuses to start its sandbox as root (CI containers run as root).
            Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}
