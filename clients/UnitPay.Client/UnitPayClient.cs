using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Polly;
using UnitPay.Client.Http;

namespace UnitPay.Client;

/// <summary>
/// The UnitPay API, one typed method per endpoint. Every POST carries an <c>Idempotency-Key</c> generated for the
/// call and reused by each of its retries, so a retried call is applied once. 429, 5xx, timeouts and network
/// failures are retried (bounded, jittered exponential back-off, honouring <c>Retry-After</c>); any other failure,
/// and the last one, is a <see cref="UnitPayApiException"/>. Thread-safe; keep one per API key.
/// </summary>
public sealed partial class UnitPayClient : IDisposable
{
    /// <summary>The header of the API key.</summary>
    public const string ApiKeyHeader = "x-api-key";

    /// <summary>The header of the idempotency key.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly UnitPayClientOptions _options;
    private readonly Uri _root;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    /// <summary>A client with its own connection pool.</summary>
    public UnitPayClient(UnitPayClientOptions options)
        : this(options, new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
    }

    /// <summary>A client sending through <paramref name="handler"/> (which it disposes with itself).</summary>
    public UnitPayClient(UnitPayClientOptions options, HttpMessageHandler handler)
        : this(options, new HttpClient(handler ?? throw new ArgumentNullException(nameof(handler))) { Timeout = System.Threading.Timeout.InfiniteTimeSpan }, ownsHttp: true)
    {
    }

    /// <summary>A client over an <see cref="HttpClient"/> the caller owns (from <c>IHttpClientFactory</c>, say); its <c>BaseAddress</c> and default headers are not used.</summary>
    public UnitPayClient(HttpClient httpClient, UnitPayClientOptions options)
        : this(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), ownsHttp: false)
    {
    }

    private UnitPayClient(UnitPayClientOptions options, HttpClient http, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _root = options.ApiRoot;
        _http = http;
        _ownsHttp = ownsHttp;
        _pipeline = ClientPipeline.Build(options);
    }

    /// <summary>Disposes the HTTP client when the client created it.</summary>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static string Escape(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return Uri.EscapeDataString(id);
    }

    private static string Query(string path, params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!)).ToList();
        return given.Count == 0 ? path : path + "?" + string.Join("&", given);
    }

    private Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Get, path, null, cancellationToken);

    private Task<T> PostAsync<T>(string path, object? body, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Post, path, body ?? new { }, cancellationToken);

    /// <summary>A listing's array, named <paramref name="property"/> in the answer's object.</summary>
    private async Task<IReadOnlyList<T>> ListAsync<T>(string path, string property, CancellationToken cancellationToken)
    {
        var body = await GetAsync<JsonElement>(path, cancellationToken);
        return body.GetProperty(property).Deserialize<List<T>>(ClientJson.Options) ?? [];
    }

    private async Task<UnitPayPage<T>> PageAsync<T>(string path, string property, CancellationToken cancellationToken)
    {
        var body = await GetAsync<JsonElement>(path, cancellationToken);
        var items = body.GetProperty(property).Deserialize<List<T>>(ClientJson.Options) ?? [];
        var next = body.TryGetProperty("nextCursor", out var cursor) && cursor.ValueKind == JsonValueKind.String ? cursor.GetString() : null;
        return new UnitPayPage<T>(items, next);
    }

    /// <summary>Every item of a cursor listing, fetching a page at a time as the caller enumerates.</summary>
    private static async IAsyncEnumerable<T> EnumerateAsync<T>(
        Func<string?, CancellationToken, Task<UnitPayPage<T>>> page,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            var current = await page(cursor, cancellationToken);
            foreach (var item in current.Items)
            {
                yield return item;
            }

            cursor = current.NextCursor;
        }
        while (cursor is not null);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var uri = new Uri(_root, path);
        var content = body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), ClientJson.Options);

        // One key per call, the same on every retry of it: the API replays the first answer instead of applying twice.
        var idempotencyKey = method == HttpMethod.Post ? "upc_" + Guid.NewGuid().ToString("N") : null;
        using var response = await _pipeline.ExecuteAsync(
            async token =>
            {
                using var request = new HttpRequestMessage(method, uri);
                request.Headers.Add(ApiKeyHeader, _options.ApiKey);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                if (idempotencyKey is not null)
                {
                    request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
                }

                if (content is not null)
                {
                    request.Content = new ByteArrayContent(content);
                    request.Content.Headers.ContentType = JsonMediaType;
                }

                return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
            },
            cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemReader.ReadAsync(response, _options.TimeProvider, cancellationToken);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync<T>(stream, ClientJson.Options, cancellationToken)
            ?? throw new JsonException($"{method} {path} answered JSON null.");
    }
}
