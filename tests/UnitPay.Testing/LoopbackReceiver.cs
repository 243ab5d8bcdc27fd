using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace UnitPay.Testing;

/// <summary>
/// A webhook receiver on 127.0.0.1 (Kestrel on a free port): records every POST per path, and answers 503 to the
/// first <see cref="FailFirst"/> requests of a path, 200 after. It verifies signatures with the README's five lines.
/// </summary>
public sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, int> _failuresLeft = new(StringComparer.Ordinal);

    private LoopbackReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<Received> Requests { get; } = new();

    public Uri Base { get; private set; } = null!;

    public static async Task<LoopbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new LoopbackReceiver(app);
        app.MapPost("/{name}", async (HttpContext http, string name) =>
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            receiver.Requests.Enqueue(new Received(name, http.Request.Headers["UnitPay-Signature"].ToString(), body, DateTimeOffset.UtcNow));
            return receiver.TakeFailure(name) ? Results.StatusCode(503) : Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Base = new Uri(address);
        return receiver;
    }

    /// <summary>The first <paramref name="count"/> requests to <paramref name="name"/> get 503.</summary>
    public void FailFirst(string name, int count)
    {
        lock (_failuresLeft)
        {
            _failuresLeft[name] = count;
        }
    }

    public string Url(string name) => new Uri(Base, "/" + name).ToString();

    public IReadOnlyList<Received> At(string name) => Requests.Where(r => r.Name == name).ToList();

    /// <summary>
    /// The README's receiver check, line for line: the header's t and v1, the HMAC-SHA256 of "t.body" with the secret,
    /// compared in constant time, and t within five minutes.
    /// </summary>
    public static bool Verifies(string header, string body, string secret)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(parts["t"] + "." + body)));
        var fresh = Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(parts["t"], System.Globalization.CultureInfo.InvariantCulture)) <= 300;
        return fresh && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts["v1"]));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private bool TakeFailure(string name)
    {
        lock (_failuresLeft)
        {
            if (_failuresLeft.TryGetValue(name, out var left) && left > 0)
            {
                _failuresLeft[name] = left - 1;
                return true;
            }

            return false;
        }
    }

    public sealed record Received(string Name, string Signature, string Body, DateTimeOffset At)
    {
        public JsonNode Event => JsonNode.Parse(Body)!;
    }
}
