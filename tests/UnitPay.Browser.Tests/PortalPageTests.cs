using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UnitPay.Testing;

namespace UnitPay.Browser.Tests;

/// <summary>The portal in a real browser: what a person sees and does, asserted by role, label and visible text.</summary>
public sealed class PortalPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Each_wallet_shows_its_balance_on_its_own_terms_and_nothing_is_totalled_across_them()
    {
        var world = await PortalWorld.CreateAsync(fixture.App);
        var page = await NewPageAsync();

        await page.GotoAsync(world.PortalUrl);

        var credits = page.GetByRole(AriaRole.Region, new() { Name = world.CreditsName });
        var dollars = page.GetByRole(AriaRole.Region, new() { Name = world.DollarsName });
        await Assertions.Expect(credits.Locator("[data-figure=balance]")).ToContainTextAsync("1,250 credits");
        await Assertions.Expect(dollars.Locator("[data-figure=balance]")).ToContainTextAsync("USD 50.00");
        await Assertions.Expect(page.GetByText("USD 12.50")).ToHaveCountAsync(0); // never a sum of the two
        await Assertions.Expect(dollars.GetByRole(AriaRole.Table).First).ToContainTextAsync("USD 50.00"); // the open grant, with its expiry
        await Assertions.Expect(credits.GetByRole(AriaRole.Img)).ToHaveAttributeAsync("aria-label", new Regex("Daily use of " + Regex.Escape(world.CreditsName)));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Back" })).ToHaveAttributeAsync("href", "https://app.example.com/billing");
    }

    [Fact]
    public async Task Usage_shows_up_as_a_ledger_row_and_the_type_filter_keeps_only_that_type()
    {
        var world = await PortalWorld.CreateAsync(fixture.App);
        var (status, tracked) = await fixture.App.Client.PostAsync("/v1/usage/track", new { customerId = world.CustomerId, featureSlug = world.FeatureSlug, quantity = 3 });
        Scenario.Ensure(status, 202, tracked);
        var eventId = tracked!["eventIds"]![0]!.GetValue<string>();
        await Poll.UntilAsync(
            async () => (await fixture.App.Client.GetJsonAsync($"/v1/usage/events/{eventId}?customerId={world.CustomerId}")).Body?["status"]?.GetValue<string>(),
            s => s == "applied",
            Deadline,
            "the usage to be deducted");
        var page = await NewPageAsync();

        await page.GotoAsync(world.PortalUrl);
        var credits = page.GetByRole(AriaRole.Region, new() { Name = world.CreditsName });
        var usageRow = credits.GetByRole(AriaRole.Row).Filter(new() { HasText = world.FeatureSlug });

        await Assertions.Expect(usageRow).ToContainTextAsync("−30 credits");
        await Assertions.Expect(credits.Locator("[data-figure=balance]")).ToContainTextAsync("1,220 credits");
        await Assertions.Expect(credits.Locator("[data-figure=runway]")).Not.ToContainTextAsync("No use");

        await credits.GetByLabel("Show").SelectOptionAsync("debit");
        await credits.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        credits = page.GetByRole(AriaRole.Region, new() { Name = world.CreditsName });
        await Assertions.Expect(credits.Locator("tbody tr[data-entry-type]")).ToHaveCountAsync(1);
        await Assertions.Expect(credits.Locator("tbody tr[data-entry-type=DEBIT]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_top_up_through_the_form_appears_in_the_history_and_the_balance()
    {
        var world = await PortalWorld.CreateAsync(fixture.App);
        var page = await NewPageAsync();
        await page.GotoAsync(world.PortalUrl);
        var credits = page.GetByRole(AriaRole.Region, new() { Name = world.CreditsName });

        await credits.GetByLabel("Amount (credits)").FillAsync("500");
        await credits.GetByRole(AriaRole.Button, new() { Name = "Top up" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your top-up went through.");
        credits = page.GetByRole(AriaRole.Region, new() { Name = world.CreditsName });
        await Assertions.Expect(credits.Locator("[data-figure=balance]")).ToContainTextAsync("1,750 credits");
        var history = credits.Locator("tr[data-topup]");
        await Assertions.Expect(history).ToHaveCountAsync(1);
        await Assertions.Expect(history).ToContainTextAsync("500 credits");
        await Assertions.Expect(history).ToContainTextAsync("USD 10.00");
        await Assertions.Expect(history).ToContainTextAsync("succeeded");

        // Reloading the page the form redirected to does not top up again.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = world.CreditsName }).Locator("tr[data-topup]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_package_can_be_bought_and_auto_top_up_turned_on_and_off()
    {
        var world = await PortalWorld.CreateAsync(fixture.App);
        var page = await NewPageAsync();
        await page.GotoAsync(world.PortalUrl);
        ILocator Credits() => page.GetByRole(AriaRole.Region, new() { Name = world.CreditsName });

        await Credits().GetByRole(AriaRole.Button, new() { Name = "Buy Starter pack" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your purchase went through.");
        await Assertions.Expect(Credits().Locator("[data-figure=balance]")).ToContainTextAsync("2,250 credits");

        await Credits().GetByLabel("When available falls to").FillAsync("100");
        await Credits().GetByLabel("Package to buy").SelectOptionAsync(world.PackageId);
        await Credits().GetByRole(AriaRole.Button, new() { Name = "Turn auto top-up on" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Auto top-up is on.");
        await Assertions.Expect(Credits().Locator("[data-autotopup=on]")).ToContainTextAsync("100 credits");

        var (_, rule) = await fixture.App.Client.GetJsonAsync($"/v1/customers/{world.CustomerId}/auto-topup-rules/{world.Credits}");
        Assert.Equal((true, 100L), (rule!["enabled"]!.GetValue<bool>(), rule.Num("threshold")));

        await Credits().GetByRole(AriaRole.Button, new() { Name = "Turn auto top-up off" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Auto top-up is off.");
        Assert.False((await fixture.App.Client.GetJsonAsync($"/v1/customers/{world.CustomerId}/auto-topup-rules/{world.Credits}")).Body!["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_mistyped_amount_says_what_is_wrong_and_changes_nothing()
    {
        var world = await PortalWorld.CreateAsync(fixture.App);
        var page = await NewPageAsync();
        await page.GotoAsync(world.PortalUrl);
        var dollars = page.GetByRole(AriaRole.Region, new() { Name = world.DollarsName });

        await dollars.GetByLabel("Amount (USD)").FillAsync("12.345");
        await dollars.GetByRole(AriaRole.Button, new() { Name = "Top up" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Enter a positive amount");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = world.DollarsName }).Locator("[data-figure=balance]")).ToContainTextAsync("USD 50.00");
    }

    [Fact]
    public async Task On_a_phone_the_page_fits_the_screen_without_sideways_scrolling()
    {
        var world = await PortalWorld.CreateAsync(fixture.App);
        await using var context = await fixture.Browser.NewContextAsync(Phone);
        var page = await context.NewPageAsync();

        await page.GotoAsync(world.PortalUrl);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");

        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the phone's screen");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = world.CreditsName }).GetByRole(AriaRole.Button, new() { Name = "Top up" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Screenshots_of_the_portal_at_desktop_and_phone_width()
    {
        var world = await PortalWorld.CreateAsync(fixture.App);
        for (var i = 0; i < 4; i++)
        {
            await fixture.App.Client.PostAsync("/v1/reservations", new { customerId = world.CustomerId, featureSlug = world.FeatureSlug, quantity = 2 + i })
                .ContinueWith(async t => await fixture.App.Client.PostAsync($"/v1/reservations/{(await t).Body.Str("id")}/commit", new { }))
                .Unwrap();
        }

        var (topUp, settled) = await fixture.App.Client.PostAsync("/v1/top-ups", new { customerId = world.CustomerId, creditCurrencyId = world.Credits, amount = 500 });
        Scenario.Ensure(topUp, 201, settled);

        // UNITPAY_SCREENSHOTS_DIR=<repo>/docs writes the README's screenshots; otherwise they go to a temporary folder.
        var folder = Environment.GetEnvironmentVariable("UNITPAY_SCREENSHOTS_DIR") is { Length: > 0 } dir ? dir : Directory.CreateTempSubdirectory("portal-shots").FullName;
        foreach (var (name, options) in new[] { ("portal-desktop.png", Desktop), ("portal-phone.png", Phone) })
        {
            await using var context = await fixture.Browser.NewContextAsync(options);
            var page = await context.NewPageAsync();
            await page.GotoAsync(world.PortalUrl);
            var path = Path.Combine(folder, name);
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });

            var bytes = await File.ReadAllBytesAsync(path);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            Assert.True(bytes.Length > 10_000, $"{name} is only {bytes.Length} bytes");
        }
    }

    private static BrowserNewContextOptions Desktop => new() { ViewportSize = new() { Width = 1280, Height = 900 } };

    private static BrowserNewContextOptions Phone => new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2 };

    private async Task<IPage> NewPageAsync()
    {
        var context = await fixture.Browser.NewContextAsync(Desktop);
        return await context.NewPageAsync();
    }
}
