using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace UnitPay.Core.Tests.Payments;

/// <summary>
/// A loopback stand-in for Stripe's API (Stripe is unreachable from these machines): Kestrel on 127.0.0.1 answering the
/// three calls the adapter makes with the JSON Stripe documents for them, and recording each request as sent.
/// Test payment methods as in Stripe's docs: <c>pm_card_visa</c> succeeds, <c>pm_card_chargeDeclined</c> is declined,
/// <c>pm_card_authenticationRequired</c> needs authentication.
/// </summary>
public sealed class FakeStripe : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeStripe(WebApplication app) => _app = app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<FakeStripe> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeStripe(app);
        app.MapPost("/v1/customers", async (HttpContext http) =>
        {
            var form = await fake.RecordAsync(http);
            return Json(200, new JsonObject { ["id"] = "cus_fake123", ["object"] = "customer", ["name"] = form.GetValueOrDefault("name") });
        });
        app.MapPost("/v1/payment_intents", async (HttpContext http) =>
        {
            var form = await fake.RecordAsync(http);
            var method = form.GetValueOrDefault("payment_method");
            var id = "pi_fake_" + http.Request.Headers["Idempotency-Key"].ToString().GetHashCode(StringComparison.Ordinal).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
            return method switch
            {
                "pm_card_chargeDeclined" => Json(402, Error("card_declined", "Your card was declined.", Intent(id, form, "requires_payment_method"), declineCode: "generic_decline")),
                "pm_card_authenticationRequired" => Json(402, Error("authentication_required", "Your card was declined. This transaction requires authentication.", Intent(id, form, "requires_payment_method"))),
                null => Json(200, Intent(id, form, "requires_payment_method")),
                _ => Json(200, Intent(id, form, "succeeded")),
            };
        });
        app.MapPost("/v1/setup_intents", async (HttpContext http) =>
        {
            await fake.RecordAsync(http);
            return Json(200, new JsonObject { ["id"] = "seti_fake1", ["object"] = "setup_intent", ["status"] = "requires_payment_method", ["client_secret"] = "seti_fake1_secret_abc", ["usage"] = "off_session" });
        });
        await app.StartAsync();
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A PaymentIntent as Stripe answers it (the fields the adapter reads, and the metadata sent).</summary>
    public static JsonObject Intent(string id, IReadOnlyDictionary<string, string> form, string status)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal)))
        {
            metadata[key["metadata[".Length..^1]] = value;
        }

        return new JsonObject
        {
            ["id"] = id,
            ["object"] = "payment_intent",
            ["amount"] = long.Parse(form.GetValueOrDefault("amount", "0"), System.Globalization.CultureInfo.InvariantCulture),
            ["currency"] = form.GetValueOrDefault("currency", "usd"),
            ["customer"] = form.GetValueOrDefault("customer"),
            ["payment_method"] = form.GetValueOrDefault("payment_method"),
            ["status"] = status,
            ["client_secret"] = id + "_secret_xyz",
            ["livemode"] = false,
            ["metadata"] = metadata,
        };
    }

    private static JsonObject Error(string code, string message, JsonObject intent, string? declineCode = null) => new()
    {
        ["error"] = new JsonObject
        {
            ["type"] = "card_error",
            ["code"] = code,
            ["decline_code"] = declineCode,
            ["message"] = message,
            ["payment_intent"] = intent,
        },
    };

    private static IResult Json(int status, JsonObject body) => Microsoft.AspNetCore.Http.Results.Text(body.ToJsonString(), "application/json", statusCode: status);

    private async Task<Dictionary<string, string>> RecordAsync(HttpContext http)
    {
        var form = (await http.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        Requests.Enqueue(new RecordedRequest(http.Request.Path, form, http.Request.Headers["Idempotency-Key"].ToString(), http.Request.Headers.Authorization.ToString()));
        return form;
    }

    public sealed record RecordedRequest(string Path, IReadOnlyDictionary<string, string> Form, string IdempotencyKey, string Authorization);
}
