using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using UnitPay.Core.Results;
using UnitPay.Core.Storage;
using UnitPay.Functions.Hosting;
using UnitPay.Testing;
using Xunit.Abstractions;

namespace UnitPay.Functions.Tests.Fuzz;

/// <summary>
/// Issue 16's API fuzzer: generated bad requests for every POST and PUT route of <see cref="FunctionIndex"/> (a new
/// route is fuzzed without a change here). Every answer must be a 4xx problem+json with a known <c>code</c>, and the
/// control customer's wallet (a grant, applied usage, an open hold) must be exactly as before. UNITPAY_FUZZ_REQUESTS
/// sets the count (1,000 unless set); UNITPAY_FUZZ_SEED replays a seed.
/// </summary>
public sealed class ApiFuzzTests(ITestOutputHelper output)
{
    private const int Parallelism = 8;

    /// <summary>Every stable code the API documents: the constants of <see cref="FailureCodes"/>, so a new code is known at once.</summary>
    private static readonly HashSet<string> KnownCodes = typeof(FailureCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    [Fact]
    public async Task Bad_requests_to_every_post_and_put_route_answer_4xx_problems_and_leave_the_control_wallet_unchanged()
    {
        var count = EnvInt("UNITPAY_FUZZ_REQUESTS") ?? 1_000;
        var seed = EnvInt("UNITPAY_FUZZ_SEED") ?? Random.Shared.Next();
        output.WriteLine($"seed {seed}, {count} requests (replay: UNITPAY_FUZZ_SEED={seed} UNITPAY_FUZZ_REQUESTS={count})");
        await using var app = await TestApp.StartAsync(settings: QuietTimers.Settings());
        using var other = await app.SecondOrganizationAsync();
        var world = await FuzzWorld.CreateAsync(app.Client, other);
        var before = await world.ControlStateAsync(app.Client);

        var routes = FunctionIndex.All
            .Where(f => f.Trigger == TriggerKind.Http && f.Methods.Any(m => m is "POST" or "PUT"))
            .ToList();
        var generator = new FuzzGenerator(world, new Random(seed));
        var requests = Enumerable.Range(0, count)
            .Select(i => generator.Next(routes[i % routes.Count], oversize: i < routes.Count || i % 2_000 == 1_999))
            .ToList();

        var failures = new ConcurrentBag<(FuzzRequest Request, int Status, string Body)>();
        var statuses = new ConcurrentDictionary<int, int>();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (request, ct) =>
        {
            var (status, contentType, body) = await SendAsync(app.Client, request, ct);
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (Problem(request, status, contentType, body) is { } problem)
            {
                failures.Add((request, status, problem));
            }
        });
        var elapsed = watch.Elapsed;

        // Anything wrongly accepted onto the queue is applied before the control wallet is compared.
        var queue = app.Service<StorageAccount>().UsageQueue;
        await Poll.UntilAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount, n => n == 0, TimeSpan.FromSeconds(60), "the usage queue to drain");
        var after = await world.ControlStateAsync(app.Client);

        output.WriteLine($"{requests.Count} requests over {routes.Count} routes in {elapsed.TotalSeconds:0.0} s; statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}x{s.Value}"))}");
        output.WriteLine("per route: " + string.Join(", ", requests.GroupBy(r => r.Route).Select(g => $"{g.Key} {g.Count()}")));
        var distinct = failures
            .GroupBy(f => (f.Request.Route, Class: InputClassKind(f.Request.InputClass), f.Status))
            .OrderBy(g => g.Key.Route, StringComparer.Ordinal)
            .ToList();
        output.WriteLine($"{failures.Count} failures, {distinct.Count} distinct (route, input class, status):");
        foreach (var group in distinct)
        {
            var example = group.First();
            output.WriteLine($"  {group.Key.Route} | {example.Request.InputClass} | {group.Key.Status} x{group.Count()} | {example.Request.Method} {Excerpt(example.Request.Path, 120)} | {Excerpt(example.Body, 240)}");
        }

        Assert.True(before == after, $"The control wallet changed (seed {seed}); first difference: {FirstDifference(before, after)}");
        Assert.All(routes, r => Assert.Contains(requests, q => q.Route == r.Route));
        Assert.Empty(distinct.Select(d => d.Key));
    }

    /// <summary>Why the answer breaks the contract, or null when it keeps it.</summary>
    private static string? Problem(FuzzRequest request, int status, string? contentType, string body)
    {
        if (status >= 500 || status == 0)
        {
            return body;
        }

        if (request.Expect == FuzzExpectation.BatchRejected && status == 202)
        {
            return body.Contains("\"accepted\":0", StringComparison.Ordinal) ? null : "accepted a bad event: " + body;
        }

        if (request.Expect == FuzzExpectation.NotServerError && status < 400)
        {
            return null;
        }

        if (status is < 400 or > 499)
        {
            return $"answered {status} to a bad request: {body}";
        }

        if (request.Expect == FuzzExpectation.TooLarge && status != 413)
        {
            return $"answered {status}, not 413, to a body over 10 MiB: {body}";
        }

        // The portal's forms answer a person: a refusal is an HTML page (a 401 for a link that opens nothing).
        if (request.Route.StartsWith("portal/", StringComparison.Ordinal) && contentType == "text/html")
        {
            return null;
        }

        if (contentType != "application/problem+json")
        {
            return $"content type {contentType ?? "(none)"}, not application/problem+json: {body}";
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String && KnownCodes.Contains(code.GetString()!)
                ? null
                : "no known code: " + body;
        }
        catch (JsonException)
        {
            return "not JSON: " + body;
        }
    }

    private static async Task<(int Status, string? ContentType, string Body)> SendAsync(HttpClient client, FuzzRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path);
        if (request.OversizeBytes > 0)
        {
            // As a careful client does: the server can refuse by the Content-Length alone, before the body is sent.
            message.Headers.ExpectContinue = true;
            message.Content = new OversizeContent(request.OversizeBytes);
        }
        else if (request.Body is not null)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(request.Body));
            if (request.ContentType is not null)
            {
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
            }

            message.Content = content;
        }

        try
        {
            using var response = await client.SendAsync(message, cancellationToken);
            return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (HttpRequestException e)
        {
            return (0, null, "no answer: " + e.Message);
        }
    }

    private static string FirstDifference(string before, string after)
    {
        var at = 0;
        while (at < before.Length && at < after.Length && before[at] == after[at])
        {
            at++;
        }

        var from = Math.Max(0, at - 200);
        return $"at {at}:\nbefore …{before[from..Math.Min(before.Length, at + 400)]}\nafter  …{after[from..Math.Min(after.Length, at + 400)]}";
    }

    private static string InputClassKind(string inputClass)
    {
        var cut = inputClass.IndexOf(" (", StringComparison.Ordinal);
        return cut > 0 ? inputClass[..cut] : inputClass;
    }

    private static string Excerpt(string text, int length) =>
        text.Length <= length ? text : text[..length] + $"…({text.Length.ToString(CultureInfo.InvariantCulture)} chars)";

    private static int? EnvInt(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    /// <summary>A JSON string body of the given size, streamed (never held in memory), with its Content-Length.</summary>
    private sealed class OversizeContent : HttpContent
    {
        private readonly long _length;

        public OversizeContent(long length)
        {
            _length = length;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var chunk = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
            await stream.WriteAsync(Encoding.ASCII.GetBytes("{\"name\":\""));
            for (var left = _length - 11; left > 0; left -= chunk.Length)
            {
                await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, left)));
            }

            await stream.WriteAsync(Encoding.ASCII.GetBytes("\"}"));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _length;
            return true;
        }
    }
}
